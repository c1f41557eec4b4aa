// Change-point detection per metric series: binary segmentation (CUSUM split) on values clipped at robust
// z-scores, then the first split that moves away from the baseline is tested against the baseline's median/MAD.
// When a series spans more than a day, detection runs on the difference with the same time a day earlier so a
// daily peak is not mistaken for an incident.
import type { MetricPoint } from '../model/snapshot';
import { DAY, toMs } from './time';
import { mad, median } from './robust';

export interface Shift {
  /** Time of the first point of the shifted segment. */
  at: number;
  direction: 'up' | 'down';
  before: number;
  after: number;
  /** Robust z of the shifted level against the baseline. */
  z: number;
  /** Largest (up) or smallest (down) value after the shift. */
  extreme: number;
  seasonal: boolean;
}

const MIN_SEGMENT = 3;
const MIN_Z = 4;
const MIN_RELATIVE = 0.15;

interface Series {
  t: number[];
  v: number[];
}

/** Epoch ms of every point (NaN where unreadable): read once per series and shared by the steps that need them. */
export function pointTimes(points: MetricPoint[]): Float64Array {
  const times = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) times[i] = toMs(points[i][0]);
  return times;
}

/** `times`: pointTimes(points), when already computed. */
export function toSeries(points: MetricPoint[], times?: Float64Array): Series {
  // Two flat arrays, no [t, v] pair per point: a large snapshot has hundreds of thousands of points.
  const t: number[] = [];
  const v: number[] = [];
  let sorted = true;
  for (let i = 0; i < points.length; i++) {
    const value = points[i][1];
    const ms = times ? times[i] : toMs(points[i][0]);
    if (!Number.isFinite(ms) || typeof value !== 'number' || !Number.isFinite(value)) continue;
    if (t.length && ms < t[t.length - 1]) sorted = false;
    t.push(ms);
    v.push(value);
  }
  if (sorted) return { t, v };
  // Stable by time, as a sort of the points would be.
  const order = t.map((_, i) => i).sort((a, b) => t[a] - t[b]);
  return { t: order.map((i) => t[i]), v: order.map((i) => v[i]) };
}

/** Index of the point nearest t (t sorted ascending), or -1 when none lies within tol. */
function nearest(ts: number[], t: number, tol: number): number {
  let lo = 0;
  let hi = ts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ts[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  let best = lo;
  if (lo > 0 && Math.abs(ts[lo - 1] - t) < Math.abs(ts[lo] - t)) best = lo - 1;
  return ts.length && Math.abs(ts[best] - t) <= tol ? best : -1;
}

/** Best single split of x[from..to) by CUSUM of clipped values; -1 when the segment is too short. */
function bestSplit(x: Float64Array, from: number, to: number): { k: number; stat: number } {
  const n = to - from;
  if (n < 2 * MIN_SEGMENT) return { k: -1, stat: 0 };
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i];
  const mean = sum / n;
  let s = 0;
  let best = -1;
  let bestStat = 0;
  for (let i = from; i < to - 1; i++) {
    s += x[i] - mean;
    const k = i + 1;
    const left = k - from;
    if (left < MIN_SEGMENT || to - k < MIN_SEGMENT) continue;
    // Normalised so splits near the ends are not favoured.
    const stat = Math.abs(s) / Math.sqrt((left * (to - k)) / n);
    if (stat > bestStat) {
      bestStat = stat;
      best = k;
    }
  }
  return { k: best, stat: bestStat };
}

function splits(x: Float64Array, from: number, to: number, depth: number, out: number[]): void {
  const { k } = bestSplit(x, from, to);
  if (k < 0) return;
  out.push(k);
  if (depth > 1) {
    splits(x, from, k, depth - 1, out);
    splits(x, k, to, depth - 1, out);
  }
}

function scaleOf(v: number[] | Float64Array, from: number, to: number, med: number): number {
  // Floors keep a flat baseline (all zeros, constant) from turning tiny wiggles into huge z-scores.
  return Math.max(mad(v, from, to, med), 0.02 * Math.abs(med), 1e-6);
}

/**
 * Detects the first sustained shift away from the series' starting level.
 * `notBefore`: ignore splits earlier than this (e.g. long before the incident window of interest).
 * `times`: pointTimes(points), when already computed.
 */
export function detectShift(points: MetricPoint[], notBefore = -Infinity, times?: Float64Array): Shift | undefined {
  const s = toSeries(points, times);
  const n = s.v.length;
  if (n < 2 * MIN_SEGMENT) return undefined;
  // Seasonal residuals: value minus the value a day earlier, where the series reaches back that far.
  let values: number[] = s.v;
  let offset = 0;
  let seasonal = false;
  if (s.t[n - 1] - s.t[0] > DAY + 2 * 3600_000) {
    const step = (s.t[n - 1] - s.t[0]) / (n - 1);
    const first = s.t.findIndex((t) => t >= s.t[0] + DAY);
    const resid: number[] = [];
    for (let i = first; i < n; i++) {
      const j = nearest(s.t, s.t[i] - DAY, step * 1.5);
      resid.push(j >= 0 ? s.v[i] - s.v[j] : NaN);
    }
    if (resid.length >= 2 * MIN_SEGMENT && resid.every(Number.isFinite)) {
      values = resid;
      offset = first;
      seasonal = true;
    }
  }
  const m = values.length;
  const med = median(values);
  const sc = scaleOf(values, 0, m, med);
  const x = new Float64Array(m);
  for (let i = 0; i < m; i++) x[i] = Math.max(-8, Math.min(8, (values[i] - med) / sc));
  const cuts: number[] = [];
  splits(x, 0, m, 3, cuts);
  cuts.sort((a, b) => a - b);
  const bounds = [0, ...new Set(cuts), m];
  for (let b = 1; b < bounds.length - 1; b++) {
    const from = bounds[b];
    const to = bounds[b + 1];
    if (s.t[offset + from] < notBefore) continue;
    // Baseline: everything before the split; the shifted level must stand out against the noise of both sides
    // (a noisier segment is not a shift, it is noise).
    const bMed = median(values, 0, from);
    const aMed = median(values, from, to);
    const bScale = scaleOf(values, 0, from, bMed);
    const aScale = scaleOf(values, from, to, aMed);
    const z = (aMed - bMed) / Math.max(bScale, aScale);
    if (Math.abs(z) < MIN_Z) continue;
    // Raw levels for magnitude: the seasonal residual says "how unusual", the raw values say "how much".
    const before = median(s.v, offset, offset + from);
    const after = median(s.v, offset + from, offset + to);
    const rel = Math.abs(after - before) / Math.max(Math.abs(before), 1e-9);
    if (rel < MIN_RELATIVE && !seasonal) continue;
    const up = z > 0;
    let agree = 0;
    for (let i = from; i < to; i++) if (up ? values[i] > bMed + 3 * bScale : values[i] < bMed - 3 * bScale) agree++;
    if (agree < MIN_SEGMENT || agree / (to - from) < 0.6) continue;
    let extreme = s.v[offset + from];
    for (let i = offset + from; i < offset + to; i++) extreme = up ? Math.max(extreme, s.v[i]) : Math.min(extreme, s.v[i]);
    // The split lands on the first shifted point; step back over points that are already shifted.
    let k = from;
    while (k > 0 && (up ? values[k - 1] > bMed + 3 * bScale : values[k - 1] < bMed - 3 * bScale)) k--;
    return { at: s.t[offset + k], direction: up ? 'up' : 'down', before, after, z, extreme, seasonal };
  }
  return undefined;
}
