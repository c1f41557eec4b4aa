// Robust statistics: medians and MAD tolerate outliers and single bad datapoints that would drag a mean.
// Medians are found by selection (linear time) in one reused buffer rather than by sorting a copy: change-point
// detection takes dozens of them per series. The answer is the element a numeric sort would put in the middle,
// down to the sign of a zero (test/unit/analysis/perfRobust.test.ts checks it against the sort).

let scratch = new Float64Array(2048);

function buffer(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  return scratch;
}

/** Rearranges a[0..n) so a[k] holds the value a numeric sort puts at k, smaller-or-equal values before it. */
function select(a: Float64Array, n: number, k: number): void {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    // Median of three as pivot, then Hoare partition (robust to many equal values).
    const mid = (lo + hi) >> 1;
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** A zero at sorted position k is -0 when k falls among the negative zeros (a numeric sort puts -0 before +0). */
function signedZero(a: Float64Array, n: number, k: number): number {
  let below = 0;
  let negZeros = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (v < 0) below++;
    else if (v === 0 && 1 / v < 0) negZeros++;
  }
  return k >= below && k < below + negZeros ? -0 : 0;
}

/** Median of a[0..n), rearranging a. */
function medianInPlace(a: Float64Array, n: number): number {
  if (n <= 0) return NaN;
  for (let i = 0; i < n; i++) {
    // NaN has no place in a comparison-based selection: let the sort order it as before.
    if (a[i] !== a[i]) {
      const s = a.subarray(0, n).sort();
      return n % 2 ? s[(n - 1) >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
  }
  const k = n >> 1;
  select(a, n, k);
  let hi = a[k];
  if (hi === 0) hi = signedZero(a, n, k);
  if (n % 2) return hi;
  // The other middle value is the largest of those selection left below k.
  let lo = a[0];
  for (let i = 1; i < k; i++) if (a[i] > lo) lo = a[i];
  if (lo === 0) lo = signedZero(a, n, k - 1);
  return (lo + hi) / 2;
}

export function median(xs: ArrayLike<number>, from = 0, to = xs.length): number {
  const n = to - from;
  if (n <= 0) return NaN;
  const a = buffer(n);
  for (let i = 0; i < n; i++) a[i] = xs[from + i];
  return medianInPlace(a, n);
}

/** Median absolute deviation scaled to estimate a normal standard deviation. */
export function mad(xs: ArrayLike<number>, from = 0, to = xs.length, med = median(xs, from, to)): number {
  const n = to - from;
  if (n <= 0) return NaN;
  const d = buffer(n);
  for (let i = 0; i < n; i++) d[i] = Math.abs(xs[from + i] - med);
  return 1.4826 * medianInPlace(d, n);
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
