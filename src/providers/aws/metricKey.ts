// A stable id for a metric identity, so alarms point at the series gather reads (Alarm.metricId = Metric.id).

export interface MetricIdentity {
  namespace: string;
  name: string;
  dimensions?: Record<string, string>;
  stat?: string;
}

export function metricKey(m: MetricIdentity): string {
  const dims = Object.entries(m.dimensions ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `${m.namespace}/${m.name}${dims ? `{${dims}}` : ''}${m.stat ? `:${m.stat}` : ''}`;
}

/** ISO time without milliseconds when they are zero, as the snapshot format writes it. */
export function isoTime(ms: number): string {
  const s = new Date(ms).toISOString();
  return ms % 1000 === 0 ? `${s.slice(0, -5)}Z` : s;
}
