/** P(X ≥ k) for X ~ Binomial(n, p), summed from the pmf (n is a ticket count: small). */
export function binomialTail(n: number, p: number, k: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  // Work in logs so (1 - p)^n does not underflow for long histories.
  const logQ = Math.log1p(-p);
  const ratio = Math.log(p) - logQ;
  let logPmf = n * logQ;
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += Math.exp(logPmf);
    logPmf += Math.log(n - i) - Math.log(i + 1) + ratio;
  }
  return Math.min(1, Math.max(0, 1 - below));
}
