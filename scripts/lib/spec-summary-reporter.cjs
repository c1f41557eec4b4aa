// Mocha's spec reporter, plus the counts written as JSON to $INCIDENT_LENS_RESULTS_FILE,
// so scripts/test.mjs can total all layers without parsing text.
const fs = require('node:fs');
const Mocha = require('mocha');

class SpecSummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const failures = [];
    runner.on('fail', (test, err) => failures.push({ title: test.fullTitle(), error: String(err && err.message) }));
    runner.once('end', () => {
      const file = process.env.INCIDENT_LENS_RESULTS_FILE;
      if (!file) return;
      const { passes, failures: failed, pending, tests } = this.stats;
      fs.writeFileSync(file, JSON.stringify({ passed: passes, failed, pending, tests, failures }, null, 2));
    });
  }
}

module.exports = SpecSummaryReporter;
