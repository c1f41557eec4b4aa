// Medians by selection (robust.ts) against the definition they replace: copy, numeric sort, take the middle.
// Exact equality, down to the sign of a zero, so change-point results and every report stay as they were.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { mad, median } from '../../../src/core/analysis/robust';

function sortedMedian(xs: ArrayLike<number>, from = 0, to = xs.length): number {
  const n = to - from;
  if (n <= 0) return NaN;
  const a = Float64Array.from({ length: n }, (_, i) => xs[from + i]).sort();
  return n % 2 ? a[(n - 1) >> 1] : (a[n / 2 - 1] + a[n / 2]) / 2;
}

function sortedMad(xs: ArrayLike<number>, from = 0, to = xs.length): number {
  const med = sortedMedian(xs, from, to);
  const n = to - from;
  if (n <= 0) return NaN;
  return 1.4826 * sortedMedian(Array.from({ length: n }, (_, i) => Math.abs(xs[from + i] - med)));
}

const same = (a: number, b: number) => Object.is(a, b);

// Few distinct values make ties and equal medians likely; zeros of both signs and NaN are the edge cases.
const value = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2.5, NaN),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
);

describe('robust statistics by selection', () => {
  it('median and MAD equal the sort-based definition on random arrays and sub-ranges', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), fc.nat(), fc.nat(), (xs, p, q) => {
        const from = xs.length ? p % (xs.length + 1) : 0;
        const to = from + (xs.length - from ? q % (xs.length - from + 1) : 0);
        const copy = xs.slice();
        assert.ok(same(median(xs, from, to), sortedMedian(xs, from, to)), `median ${JSON.stringify(xs)} [${from}, ${to})`);
        assert.ok(same(mad(xs, from, to), sortedMad(xs, from, to)), `mad ${JSON.stringify(xs)} [${from}, ${to})`);
        assert.ok(same(median(xs), sortedMedian(xs)));
        assert.deepEqual(xs, copy, 'the input is not rearranged');
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the sign of a zero median as the sort does: every array of up to 7 values from {-1, -0, 0, 1}', () => {
    const alphabet = [-1, -0, 0, 1];
    let checked = 0;
    for (let n = 1; n <= 7; n++) {
      for (let code = 0; code < 4 ** n; code++) {
        const xs = Array.from({ length: n }, (_, i) => alphabet[Math.floor(code / 4 ** i) % 4]);
        assert.ok(same(median(xs), sortedMedian(xs)), `median of ${xs.map((x) => (Object.is(x, -0) ? '-0' : x)).join(',')}`);
        assert.ok(same(mad(xs), sortedMad(xs)), `mad of ${xs.join(',')}`);
        checked++;
      }
    }
    assert.equal(checked, 21844);

    assert.ok(Object.is(median([0, -0, -0]), -0));
    assert.ok(Object.is(median([0, 0, -0]), 0));
    assert.ok(Object.is(median([-0, 0]), 0));
    assert.ok(Object.is(median([-0, -0, 1, -1]), -0));
  });

  it('works on long series (reused buffer grows) and empty ranges', () => {
    const long = Array.from({ length: 10_000 }, (_, i) => ((i * 7919) % 1000) / 10);
    assert.equal(median(long), sortedMedian(long));
    assert.equal(mad(long, 100, 9_000), sortedMad(long, 100, 9_000));
    assert.ok(Number.isNaN(median([])));
    assert.ok(Number.isNaN(mad([1, 2], 1, 1)));
    assert.equal(median([3, 1, 2]), 2);
  });
});
