// Calibration: over the scenarios and their perturbed/ambiguous variants (same cause, less or noisier evidence),
// bucket answers by confidence; confident answers must be right more often than unsure ones (docs/confidence.md).
import * as assert from 'node:assert/strict';
import { analyse } from '../../../src/core/analysis';
import { expectations, fixtureFiles, loadFixture } from './fixtures';
import { variants } from './perturb';

describe('confidence calibration', function () {
  this.timeout(60_000);
  const exp = expectations();
  const rows: Array<{ label: string; right: boolean; confidence: number }> = [];
  fixtureFiles().forEach((file, i) => {
    const e = exp[file];
    if (!e || e.category === 'unknown') return;
    for (const v of variants(loadFixture(file), 100 + i)) {
      const r = analyse(v.snapshot);
      rows.push({ label: `${file}/${v.name}`, right: r.rootCause.category === e.category, confidence: r.rootCause.confidence });
    }
  });
  const buckets = [[0, 0.3], [0.3, 0.5], [0.5, 1.01]].map(([lo, hi]) => {
    const b = rows.filter((r) => r.confidence >= lo && r.confidence < hi);
    return { lo, hi, n: b.length, accuracy: b.length ? b.filter((r) => r.right).length / b.length : NaN };
  });

  it('has enough answers in each bucket to mean something', () => {
    for (const b of buckets) assert.ok(b.n >= 8, `bucket [${b.lo}, ${b.hi}) has ${b.n} answers`);
  });

  it('accuracy increases with confidence', () => {
    const acc = buckets.map((b) => b.accuracy);
    for (let i = 1; i < acc.length; i++) assert.ok(acc[i] > acc[i - 1], `bucket accuracies not increasing: ${acc.map((a) => a.toFixed(2)).join(' < ')}`);
  });

  it('confident answers (≥ 0.5) are right at least 85 % of the time', () => {
    assert.ok(buckets[2].accuracy >= 0.85, `accuracy ${buckets[2].accuracy}`);
  });

  it('a confident wrong answer is rare', () => {
    const confidentWrong = rows.filter((r) => !r.right && r.confidence >= 0.6).map((r) => r.label);
    assert.ok(confidentWrong.length <= 1, confidentWrong.join(', '));
  });
});
