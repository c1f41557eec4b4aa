// Robust statistics: medians and MAD tolerate outliers and single bad datapoints that would drag a mean.

export function median(xs: ArrayLike<number>, from = 0, to = xs.length): number {
  const n = to - from;
  if (n <= 0) return NaN;
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = xs[from + i];
  a.sort();
  return n % 2 ? a[(n - 1) >> 1] : (a[n / 2 - 1] + a[n / 2]) / 2;
}

/** Median absolute deviation scaled to estimate a normal standard deviation. */
export function mad(xs: ArrayLike<number>, from = 0, to = xs.length, med = median(xs, from, to)): number {
  const n = to - from;
  if (n <= 0) return NaN;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = Math.abs(xs[from + i] - med);
  return 1.4826 * median(d);
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
