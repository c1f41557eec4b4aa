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

function combine(stat: string, values: number[]): number {
  switch (normaliseStat(stat)) {
    case 'Sum':
    case 'SampleCount':
      return values.reduce((a, b) => a + b, 0);
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    case 'Average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    default:
      // Percentiles cannot be recombined from stored percentiles; the maximum is the conservative bound.
      return Math.max(...values);
  }
}

export function bucketSeries(metric: Metric, stat: string, periodS: number, startMs: number, endMs: number): Bucketed {
  const periodMs = periodS * 1000;
  const buckets = new Map<number, number[]>();
  for (const [at, value] of metric.points) {
    const t = Date.parse(at);
    if (!(t >= startMs && t < endMs) || !Number.isFinite(value)) continue;
    const b = Math.floor(t / periodMs) * periodMs;
    const list = buckets.get(b);
    if (list) list.push(value);
    else buckets.set(b, [value]);
  }
  const keys = [...buckets.keys()].sort((a, b) => a - b);
  return { timestamps: keys, values: keys.map((k) => combine(stat, buckets.get(k)!)) };
}
