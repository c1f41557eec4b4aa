// Runs change-point detection on every metric and keeps the shifts around the incident as evidence.
import type { Metric } from '../model/snapshot';
import { detectShift, pointTimes, type Shift } from './changePoint';
import type { EvidenceBook } from './evidenceBook';
import { metricLabel, num, unitSuffix } from './format';
import { metricKind, metricResource, type MetricKind, type Resource } from './signals';
import { HOUR, humanDuration, toIso, toMs } from './time';

export interface MetricFinding {
  metric: Metric;
  kind: MetricKind;
  resource: Resource;
  shift?: Shift;
  /** Set when the shift is relevant to the incident and was recorded as evidence. */
  evidenceId?: string;
  /** The shift goes the way that hurts (latency up, errors up, traffic down is a symptom too). */
  bad: boolean;
  /** Epoch ms of each of metric.points (NaN where unreadable), read once for every step that needs them. */
  times: Float64Array;
}

/** Kinds for which a rise is a problem; traffic is neutral (a surge is a cause, a drop a symptom). */
const BAD_WHEN_UP: ReadonlySet<MetricKind> = new Set(['latency', 'errors', 'throttle', 'cpu', 'memory', 'connections', 'locks', 'saturation']);

/** Metrics that measure headroom or success: for them a fall is the problem (free memory, credits, success rate). */
const HEADROOM = /free|available|balance|credit|success|healthy|uptime|availability|apdex|remaining/i;

export function isBad(kind: MetricKind, s: Shift, name = ''): boolean {
  if (HEADROOM.test(name) && !/error|fail|throttl|latency/i.test(name)) return s.direction === 'down';
  if (BAD_WHEN_UP.has(kind)) return s.direction === 'up';
  return kind === 'traffic' ? s.direction === 'down' : false;
}

export function analyseMetrics(metrics: Metric[]): MetricFinding[] {
  return metrics.map((metric) => {
    const kind = metricKind(metric);
    const resource = metricResource(metric);
    const points = metric.points ?? [];
    const times = pointTimes(points);
    const shift = detectShift(points, -Infinity, times);
    return { metric, kind, resource, shift, bad: shift ? isBad(kind, shift, metric.name) : false, times };
  });
}

/** Shifts close enough to the incident to matter: from a few hours before until an hour after the start. */
export function relevant(f: MetricFinding, incidentStart: number): boolean {
  return !!f.shift && f.shift.at >= incidentStart - 6 * HOUR && f.shift.at <= incidentStart + HOUR;
}

export function describeShift(f: MetricFinding, onset: number): string {
  const s = f.shift!;
  const u = unitSuffix(f.metric.unit);
  const ratio = Math.abs(s.before) > 1e-9 ? ` (${num(s.after / s.before)}×)` : '';
  const gap = Math.abs(onset - s.at);
  const when = gap < 60_000 ? 'at the onset' : s.at < onset ? `${humanDuration(gap)} before the onset` : `${humanDuration(gap)} after the onset`;
  const season = s.seasonal ? ', unusual for this time of day' : '';
  return `${metricLabel(f.metric)} ${s.direction === 'up' ? 'rose' : 'fell'} ${num(s.before)}${u} → ${num(s.after)}${u}${ratio}` +
    `, peak ${num(s.extreme)}${u}, from ${toIso(s.at)} (${when}${season})`;
}

export function recordMetricEvidence(findings: MetricFinding[], incidentStart: number, onset: number, book: EvidenceBook): void {
  for (const f of findings) {
    if (!relevant(f, incidentStart)) continue;
    f.evidenceId = book.add('metric', describeShift(f, onset), toIso(f.shift!.at), { metricId: f.metric.id });
  }
}

export function metricsSpan(metrics: Metric[]): { first: number; last: number } {
  let first = Infinity;
  let last = -Infinity;
  for (const m of metrics) {
    const pts = m.points ?? [];
    if (!pts.length) continue;
    first = Math.min(first, toMs(pts[0][0]));
    last = Math.max(last, toMs(pts[pts.length - 1][0]));
  }
  return { first, last };
}
