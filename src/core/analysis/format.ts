// Number and label formatting for evidence summaries.
import type { Metric } from '../model/snapshot';

export function unitSuffix(unit: string | undefined): string {
  switch ((unit ?? '').toLowerCase()) {
    case 'milliseconds': return ' ms';
    case 'seconds': return ' s';
    case 'microseconds': return ' µs';
    case 'percent': return '%';
    case 'bytes': return ' B';
    case 'count/second': return '/s';
    default: return '';
  }
}

export function num(x: number): string {
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  return Number(x.toFixed(digits)).toLocaleString('en-US');
}

export function metricLabel(m: Metric): string {
  const dims = Object.entries(m.dimensions ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
  return `${m.namespace} ${m.name}${m.stat ? ` ${m.stat}` : ''}${dims ? ` (${dims})` : ''}`;
}

export function shortSha(sha: string): string {
  return /^[0-9a-f]{12,}$/i.test(sha) ? sha.slice(0, 7) : sha;
}
