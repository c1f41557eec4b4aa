// Re-buckets a snapshot metric series at a requested period and statistic, the way CloudWatch answers GetMetricData:
// buckets aligned to the period from the epoch, start inclusive, end exclusive.
import type { Metric } from '../../../core/model/snapshot';

export interface Bucketed {
  timestamps: number[];
  values: number[];
}

/** Whether a stored series can answer a requested statistic (an unknown stored stat answers any). */
export function statMatches(stored: string | undefined, requested: string): boolean {
  if (!stored) return true;
  return normaliseStat(stored) === normaliseStat(requested);
}

function normaliseStat(s: string): string {
  const t = s.trim();
  const p = /^p(\d+(?:\.\d+)?)$/i.exec(t);
  if (p) return `p${Number(p[1])}`;
  const aliases: Record<string, string> = { avg: 'Average', average: 'Average', sum: 'Sum', max: 'Maximum', maximum: 'Maximum', min: 'Minimum', minimum: 'Minimum', samplecount: 'SampleCount' };
  return aliases[t.toLowerCase()] ?? t;
}

/** Point times parsed and sorted once per series (the simulator answers many pages over the same data). */
const prepared = new WeakMap<Metric, { t: Float64Array; v: Float64Array }>();
function series(metric: Metric): { t: Float64Array; v: Float64Array } {
  let s = prepared.get(metric);
  if (!s) {
    const pts = metric.points.map(([at, v]) => [Date.parse(at), v] as const).filter(([t, v]) => !Number.isNaN(t) && Number.isFinite(v));
    pts.sort((a, b) => a[0] - b[0]);
    s = { t: Float64Array.from(pts, (p) => p[0]), v: Float64Array.from(pts, (p) => p[1]) };
    prepared.set(metric, s);
  }
  return s;
}

/**
 * Combines the stored values that fall in one bucket. Percentiles cannot be recombined from stored percentiles;
 * the maximum is the conservative bound.
 */
function combiner(stat: string): (sum: number, n: number, min: number, max: number) => number {
  switch (normaliseStat(stat)) {
    case 'Sum':
    case 'SampleCount':
      return (sum) => sum;
    case 'Minimum':
      return (_s, _n, min) => min;
    case 'Average':
      return (sum, n) => sum / n;
    default:
      return (_s, _n, _min, max) => max;
  }
}

export function bucketSeries(metric: Metric, stat: string, periodS: number, startMs: number, endMs: number): Bucketed {
  const periodMs = periodS * 1000;
  const { t, v } = series(metric);
  const combine = combiner(stat);
  const timestamps: number[] = [];
  const values: number[] = [];
  let bucket = NaN;
  let sum = 0;
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  const flush = (): void => {
    if (n > 0) {
      timestamps.push(bucket);
      values.push(combine(sum, n, min, max));
    }
  };
  for (let i = 0; i < t.length; i++) {
    if (t[i] < startMs) continue;
    if (t[i] >= endMs) break;
    const b = Math.floor(t[i] / periodMs) * periodMs;
    if (b !== bucket) {
      flush();
      bucket = b;
      sum = 0;
      n = 0;
      min = Infinity;
      max = -Infinity;
    }
    sum += v[i];
    n++;
    if (v[i] < min) min = v[i];
    if (v[i] > max) max = v[i];
  }
  flush();
  return { timestamps, values };
}
