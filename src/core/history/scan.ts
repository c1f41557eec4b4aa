// Scan test over the latest occurrences: is there a window of the latest m past occurrences (any m) with more hits
// on the schedule's phase than chance gives? The statistic is the smallest tail probability over the windows; its
// p-value is the exact chance, under the null, that some window does at least as well (a dynamic programme over the
// hit count of the sequences that have not yet crossed, latest occurrence first), so trying every window is paid for.
import { binomialTail } from './binomial';

export interface ScanResult {
  /** Chance under the null of a window at least as extreme as the best one. */
  pValue: number;
  /** Length of the best window (latest occurrences); 0 when no window has enough hits. */
  window: number;
}

/**
 * Every occurrence hits independently with probability p; `hits` is latest first, and a window counts only with at
 * least `minHits` hits.
 */
export function binomialScan(hits: readonly boolean[], p: number, minHits: number): ScanResult {
  let best = { s: 1, window: 0 };
  let x = 0;
  hits.forEach((hit, i) => {
    if (!hit || ++x < minHits) return;
    const s = binomialTail(i + 1, p, x);
    if (s < best.s) best = { s, window: i + 1 };
  });
  if (!best.window) return { pValue: 1, window: 0 };
  const s = best.s * (1 + 1e-9); // the observed window itself must count as crossing despite rounding
  let alive = [1];
  let crossed = 0;
  let h = minHits; // smallest crossing hit count for the current m: it only grows with m
  for (let m = 1; m <= hits.length; m++) {
    const next = new Array<number>(alive.length + 1).fill(0);
    for (let k = 0; k < alive.length; k++) {
      next[k] += alive[k] * (1 - p);
      next[k + 1] += alive[k] * p;
    }
    while (h <= m && binomialTail(m, p, h) > s) h++;
    if (h <= m) {
      for (let k = h; k < next.length; k++) crossed += next[k];
      next.length = Math.min(next.length, h);
    }
    alive = next;
  }
  return { pValue: Math.min(1, crossed), window: best.window };
}
