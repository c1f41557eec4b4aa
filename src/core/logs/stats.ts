// Exact binomial tails in log space, for the conditional test of two Poisson rates: given n events in total, the
// count after the onset is Binomial(n, p0) under "same rate", p0 being the share of observed time after the onset.

const LANCZOS = [676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  const t = z + 7.5;
  for (let i = 0; i < 8; i++) a += LANCZOS[i] / (z + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function logPmf(k: number, n: number, p: number): number {
  if (p <= 0) return k === 0 ? 0 : -Infinity;
  if (p >= 1) return k === n ? 0 : -Infinity;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

/** ln P(X >= k), X ~ Binomial(n, p). */
export function logUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 0;
  if (k > n) return -Infinity;
  if (k <= n * p) return Math.log1p(-Math.min(1, Math.exp(logLowerTail(k - 1, n, p))));
  // Terms fall from k upward once past the mean: stop when they no longer move the sum.
  let sum = -Infinity;
  for (let i = k; i <= n; i++) {
    const t = logPmf(i, n, p);
    sum = logAdd(sum, t);
    if (t - sum < -40) break;
  }
  return Math.min(0, sum);
}

/** ln P(X <= k), X ~ Binomial(n, p). */
export function logLowerTail(k: number, n: number, p: number): number {
  if (k >= n) return 0;
  if (k < 0) return -Infinity;
  if (k >= n * p) return Math.log1p(-Math.min(1, Math.exp(logUpperTail(k + 1, n, p))));
  let sum = -Infinity;
  for (let i = k; i >= 0; i--) {
    const t = logPmf(i, n, p);
    sum = logAdd(sum, t);
    if (t - sum < -40) break;
  }
  return Math.min(0, sum);
}

export interface RateTest {
  /** One-sided p-value in the direction of the change. */
  pValue: number;
  /** -log10 pValue (stays finite when pValue underflows). */
  surprise: number;
  direction: 'up' | 'down' | 'flat';
}

/** Did the rate change between two periods? `before`/`after` are counts, exposures are the periods' lengths. */
export function poissonRateTest(before: number, after: number, exposureBefore: number, exposureAfter: number): RateTest {
  const n = before + after;
  if (n === 0 || exposureBefore <= 0 || exposureAfter <= 0) return { pValue: 1, surprise: 0, direction: 'flat' };
  const p0 = exposureAfter / (exposureBefore + exposureAfter);
  const expected = n * p0;
  const direction = after > expected ? 'up' : after < expected ? 'down' : 'flat';
  const lnP = direction === 'down' ? logLowerTail(after, n, p0) : logUpperTail(after, n, p0);
  const surprise = Math.max(0, -lnP / Math.LN10);
  return { pValue: Math.exp(lnP), surprise, direction };
}
