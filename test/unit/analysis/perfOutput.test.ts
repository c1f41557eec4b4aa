// The fast paths leave every report as it was: analyse() with the selection-based median/MAD equals analyse() with
// the sort-based definition, on every fixture and on the large bench snapshot (where the robust statistics run
// thousands of times). The large snapshot's schema validity is checked too, since the bench relies on it.
import * as assert from 'node:assert/strict';
import { analyse } from '../../../src/core/analysis';
import type { Snapshot } from '../../../src/core/model/snapshot';
import { validateSnapshot } from '../../../src/core/schema';
import { fixtureFiles, loadFixture } from './fixtures';
import { largeBenchSnapshot } from './perfLarge';
import robustModule = require('../../../src/core/analysis/robust');

// The compiled module's exports, which its callers look up on every call.
const robust = robustModule as { median: typeof robustModule.median; mad: typeof robustModule.mad };


function sortedMedian(xs: ArrayLike<number>, from = 0, to = xs.length): number {
  const n = to - from;
  if (n <= 0) return NaN;
  const a = Float64Array.from({ length: n }, (_, i) => xs[from + i]).sort();
  return n % 2 ? a[(n - 1) >> 1] : (a[n / 2 - 1] + a[n / 2]) / 2;
}

function sortedMad(xs: ArrayLike<number>, from = 0, to = xs.length, med = sortedMedian(xs, from, to)): number {
  const n = to - from;
  if (n <= 0) return NaN;
  return 1.4826 * sortedMedian(Array.from({ length: n }, (_, i) => Math.abs(xs[from + i] - med)));
}

/** The report analyse() gives when the robust statistics are the plain sort-based ones. */
function referenceReport(s: Snapshot): unknown {
  const { median, mad } = robust;
  let calls = 0;
  robust.median = (...a: Parameters<typeof median>) => (calls++, sortedMedian(...a));
  robust.mad = (...a: Parameters<typeof mad>) => (calls++, sortedMad(...a));
  try {
    return { report: analyse(s), calls };
  } finally {
    robust.median = median;
    robust.mad = mad;
  }
}

describe('performance paths keep the report unchanged', () => {
  it('every fixture: same report as with sort-based medians', function () {
    this.timeout(60_000);
    let calls = 0;
    for (const f of fixtureFiles()) {
      const s = loadFixture(f);
      const ref = referenceReport(s) as { report: unknown; calls: number };
      calls += ref.calls;
      assert.deepEqual(analyse(s), ref.report, f);
    }
    assert.ok(calls > 100, `the reference statistics were used (${calls} calls)`);
  });

  it('the large bench snapshot: valid, and the same report as with sort-based medians', async function () {
    this.timeout(120_000);
    const s = await largeBenchSnapshot();
    assert.equal(s.logs!.length, 200_000);
    const v = validateSnapshot(JSON.parse(JSON.stringify(s)));
    assert.ok(v.ok);
    const ref = referenceReport(v.snapshot) as { report: unknown; calls: number };
    assert.ok(ref.calls > 1000);
    assert.deepEqual(analyse(v.snapshot), ref.report);
  });
});
