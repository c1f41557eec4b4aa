// Red-team round 3 (test/fixtures/rt3-*.incident.json, made by test/fixtures/generate/redteam/gen-round3.mjs): new
// situations written from the contract alone, the expected conclusion fixed before the analysis ran. They guard a
// canary region, a p99-only dependency slowdown, a scale-in, a docs-and-tests-only deploy before a database failover,
// a config change that runs tasks out of memory, an onset before the alarm, deploys without files, a Go panic, a
// retry storm after a dependency failure, and error words the log reader does not know.
import * as assert from 'node:assert/strict';
import { hypothesis, runRedTeam, type RedTeam } from './redteamCases';

const CASES: RedTeam[] = [
  {
    // The release went to one region first; only that region's 5xx rose and its stack frames sit in the changed file.
    file: 'rt3-canary-region-deploy.incident.json', category: ['code-change'], topSuspect: 'cart-api 5.2.0 (canary us-west-2)', notSuspects: ['cart-api 5.1.4'],
    topCommit: '781714fa0bc5d70ea7489dc91574c6809c31d30e', localisation: { dimension: 'Region', value: 'us-west-2' }, immediate: ['rollback'],
  },
  {
    // Only p99 rose (p50, errors and traffic flat) with slow upstream calls logged: a dependency, not the 3-day-old deploy.
    file: 'rt3-dependency-p99-only.incident.json', category: ['dependency'], topSuspect: null, notSuspects: ['quotes-api 3.3.0'], notImmediate: ['rollback'],
  },
  {
    // ELB 5xx after a scale-in 12 → 3 with CPU saturated: the scale-in (a change) or capacity, and the fix is to scale.
    file: 'rt3-scale-in-unhealthy.incident.json', category: ['capacity', 'config'], topSuspect: null, notSuspects: ['web 8.0.2'], immediate: ['scale'], notImmediate: ['rollback'],
    also: (r) => assert.equal(hypothesis(r, 'capacity').verdict, 'supported'),
  },
  {
    // A deploy of docs and tests 5 min before a recorded database failover: the failover is no config edit, the deploy ships no code.
    file: 'rt3-docs-deploy-db-failover.incident.json', category: ['dependency', 'capacity', 'network'], topSuspect: null, notSuspects: ['ledger 2.8.3'],
    notImmediate: ['rollback', 'config'],
    also: (r) => {
      assert.notEqual(hypothesis(r, 'config').verdict, 'supported');
      assert.ok(r.evidence.some((e) => /ledger 2\.8\.3 changes only documentation and tests/.test(e.summary)), r.evidence.map((e) => e.summary).join('\n'));
      assert.match(hypothesis(r, 'dependency').statement, /failover/);
    },
  },
  {
    // A config change raising the cache size, memory climbing from it, tasks killed for memory; no deploy in days.
    file: 'rt3-config-cache-oom.incident.json', category: ['config'], topSuspect: null, notSuspects: ['catalog 14.2.0'], immediate: ['config'], notImmediate: ['rollback'],
  },
  {
    // The alarm is 40 min late: latency stepped right after 9.0.0; 9.0.1 came after that shift, before the alarm.
    file: 'rt3-onset-before-alarm.incident.json', category: ['code-change'], topSuspect: 'search-api 9.0.0', notSuspects: ['search-api 9.0.1'], immediate: ['rollback'],
    also: (r) => assert.ok(r.evidence.some((e) => /search-api 9\.0\.1 .*after the onset: it cannot have caused it/.test(e.summary)), r.evidence.map((e) => e.summary).join('\n')),
  },
  {
    // Commits without files: the deploy is still suspected by time and new errors, and the gaps say files are missing.
    file: 'rt3-deploy-without-files.incident.json', category: ['code-change'], topSuspect: 'notify 2026.03.30', immediate: ['rollback'],
    also: (r) => assert.ok(r.gaps.some((g) => /deploys carry no changed files/.test(g)), r.gaps.join('\n')),
  },
  {
    // A Go panic: goroutine frames (/build/internal/tiles/index.go:142) map onto the 2nd of 3 commits.
    file: 'rt3-go-panic-commit.incident.json', category: ['code-change'], topSuspect: 'geo v1.19.0', topCommit: '9c73dcdc9e76fec4c363f57f8e8198140d199e1e', immediate: ['rollback'],
    also: (r) => assert.ok(r.evidence.some((e) => /internal\/tiles\/index\.go/.test(e.summary)), r.evidence.map((e) => e.summary).join('\n')),
  },
  {
    // The identity service's 503s start at the onset; two minutes later retries triple the volume: dependency first, traffic second.
    file: 'rt3-retry-storm.incident.json', category: ['dependency'], topSuspect: null, notSuspects: ['gateway 21.4.0'], notImmediate: ['rollback'],
    also: (r) => {
      assert.equal(hypothesis(r, 'traffic').verdict, 'refuted');
      assert.match(hypothesis(r, 'traffic').statement, /after dependency errors began: a consequence \(retries\)/);
    },
  },
  {
    // German and Japanese error words only: nothing is concluded wrongly, and the gaps say the logs' errors went unread.
    file: 'rt3-non-english-logs.incident.json', category: ['dependency', 'unknown'], maxConfidence: 0.5, topSuspect: null, notSuspects: ['versand-api 4.0.1'],
    notImmediate: ['rollback'],
    also: (r) => {
      assert.ok(!r.hypotheses.some((h) => h.verdict === 'supported' && h.category !== 'dependency'), JSON.stringify(r.hypotheses.map((h) => [h.category, h.verdict])));
      assert.ok(r.gaps.some((g) => /^logs: the error metrics rose but no log pattern after the onset reads as an error/.test(g)), r.gaps.join('\n'));
    },
  },
];

runRedTeam('red-team round 3 scenarios (test/fixtures/rt3-*.incident.json)', CASES);
