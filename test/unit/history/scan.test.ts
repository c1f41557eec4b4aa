// The recurrence scan test (src/core/history/scan): its p-value is the exact chance that some window of the latest
// occurrences does as well as the best one, checked against direct simulation and against its bounds.
import * as assert from 'node:assert/strict';
import { binomialTail } from '../../../src/core/history';
import { binomialScan } from '../../../src/core/history/scan';
import { seededRandom } from '../../../src/core/util/random';

/** The statistic itself, computed directly: the smallest binomial tail over windows with at least minHits hits. */
function statistic(hits: boolean[], p: number, minHits: number): number {
  let best = 1;
  let x = 0;
  hits.forEach((hit, i) => {
    if (hit) x++;
    if (x >= minHits) best = Math.min(best, binomialTail(i + 1, p, x));
  });
  return best;
}

describe('binomialScan', () => {
  it('equals the chance, by simulation, that random hits give a window at least as extreme', () => {
    const rnd = seededRandom(42);
    const cases: Array<{ hits: boolean[]; p: number; minHits: number }> = [
      { hits: [true, true, false, true, false, false, false, false, false, false, false, false], p: 0.1, minHits: 2 },
      { hits: [false, true, true, true, false, false, true, false, false, false], p: 0.25, minHits: 3 },
      { hits: [true, false, false, false, true, false, false, false, true, false, false, false, false, false, false], p: 0.2, minHits: 2 },
    ];
    for (const c of cases) {
      const { pValue } = binomialScan(c.hits, c.p, c.minHits);
      const observed = statistic(c.hits, c.p, c.minHits);
      const runs = 40_000;
      let asExtreme = 0;
      for (let r = 0; r < runs; r++) {
        const sim = c.hits.map(() => rnd() < c.p);
        if (statistic(sim, c.p, c.minHits) <= observed * (1 + 1e-9)) asExtreme++;
      }
      const simulated = asExtreme / runs;
      const se = Math.sqrt((simulated * (1 - simulated)) / runs);
      assert.ok(Math.abs(pValue - simulated) < 4 * se + 1e-4, `scan p ${pValue}, simulated ${simulated} ± ${se}`);
    }
  });

  it('lies between the best window\'s own tail and that tail times the number of windows', () => {
    const rnd = seededRandom(7);
    for (let r = 0; r < 200; r++) {
      const n = 3 + Math.floor(rnd() * 40);
      const p = 0.02 + rnd() * 0.3;
      const hits = Array.from({ length: n }, () => rnd() < p * 2);
      const s = statistic(hits, p, 2);
      const { pValue, window } = binomialScan(hits, p, 2);
      if (s === 1) {
        assert.equal(window, 0);
        continue;
      }
      assert.ok(pValue >= s * (1 - 1e-9) && pValue <= Math.min(1, s * n * (1 + 1e-9)), `n ${n} p ${p}: tail ${s}, scan ${pValue}`);
    }
  });

  it('finds the window of the latest occurrences where the hits are', () => {
    const hits = [true, true, true, true, ...Array.from({ length: 20 }, (_, i) => i % 9 === 4)];
    const { window, pValue } = binomialScan(hits, 0.05, 2);
    assert.equal(window, 4);
    assert.ok(pValue < 0.001, `scan p ${pValue}`);
    assert.deepEqual(binomialScan([true, false, false], 0.05, 2), { pValue: 1, window: 0 });
  });
});
