// Runs change-point detection on every metric and keeps the shifts around the incident as evidence.
import type { Metric } from '../model/snapshot';
import { detectShift, pointTimes, toSeries, type Shift } from './changePoint';
import type { EvidenceBook } from './evidenceBook';
import { metricLabel, num, unitSuffix } from './format';
import { median } from './robust';
import { metricKind, metricResource, type MetricKind, type Resource } from './signals';
import { DAY, HOUR, humanDuration, toIso, toMs } from './time';

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
  /** A steady climb over days with no step (data or load growth), when the series shows one. */
  drift?: Drift;
  /** Set when the drift reaches the incident and was recorded as evidence (only for findings without a relevant shift). */
  driftEvidenceId?: string;
}

/** A gradual change spread over the whole series: no single step carries it. */
export interface Drift {
  from: number;
  to: number;
  direction: 'up' | 'down';
  before: number;
  after: number;
}

/** Growth has to span days to be told apart from a slow fault that starts at one moment (a leak after a deploy). */
const DRIFT_MIN_SPAN = 2 * DAY;
const DRIFT_SEGMENTS = 7;
const DRIFT_MIN_RATIO = 1.5;
/** No segment-to-segment step may carry more than this share of the total change. */
const DRIFT_MAX_STEP_SHARE = 0.45;

/** Kinds for which a rise is a problem; traffic is neutral (a surge is a cause, a drop a symptom). */
const BAD_WHEN_UP: ReadonlySet<MetricKind> = new Set(['latency', 'errors', 'throttle', 'cpu', 'memory', 'connections', 'locks', 'saturation']);

/** Metrics that measure headroom or success: for them a fall is the problem (free memory, credits, success rate). */
const HEADROOM = /free|available|balance|credit|success|healthy|uptime|availability|apdex|remaining/i;

export function isBad(kind: MetricKind, s: Pick<Shift, 'direction'>, name = ''): boolean {
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
    let shift = detectShift(points, -Infinity, times);
    if (!shift || !isBad(kind, shift, metric.name)) shift = exhaustedHeadroom(metric, points, times) ?? shift;
    const drift = detectDrift(points, times);
    const finding: MetricFinding = { metric, kind, resource, shift, bad: shift ? isBad(kind, shift, metric.name) : false, times };
    if (drift && isBad(kind, drift, metric.name)) finding.drift = drift;
    return finding;
  });
}

/**
 * Latency or load that climbed steadily for days (a table growing, a cache hit rate eroding) has no change point:
 * the segment medians rise (or fall) monotonically, by half again at least, and no one step between neighbouring
 * segments carries the change. Equal segments of at least two days also average out a daily cycle.
 */
export function detectDrift(points: Metric['points'], times: Float64Array): Drift | undefined {
  const { t, v } = toSeries(points ?? [], times);
  if (v.length < DRIFT_SEGMENTS * 4 || t[t.length - 1] - t[0] < DRIFT_MIN_SPAN) return undefined;
  const width = (t[t.length - 1] - t[0]) / DRIFT_SEGMENTS;
  const meds: number[] = [];
  for (let k = 0, i = 0; k < DRIFT_SEGMENTS; k++) {
    const end = k === DRIFT_SEGMENTS - 1 ? Infinity : t[0] + (k + 1) * width;
    const from = i;
    while (i < t.length && t[i] < end) i++;
    if (i - from < 3) return undefined;
    meds.push(median(v, from, i));
  }
  const first = meds[0], last = meds[meds.length - 1];
  if (!(first > 0) || !(last > 0)) return undefined;
  const up = last > first;
  if ((up ? last / first : first / last) < DRIFT_MIN_RATIO) return undefined;
  const total = Math.abs(last - first);
  for (let k = 1; k < meds.length; k++) {
    const d = up ? meds[k] - meds[k - 1] : meds[k - 1] - meds[k];
    if (d < -0.05 * total || d > DRIFT_MAX_STEP_SHARE * total) return undefined;
  }
  return { from: t[0], to: t[t.length - 1], direction: up ? 'up' : 'down', before: first, after: last };
}

/**
 * A headroom metric (free storage, available memory, credits) drained to nothing: a slow drain has no step for
 * change-point detection, yet the resource is exhausted. The shift starts where the headroom fell below a tenth
 * of its earlier level.
 */
function exhaustedHeadroom(metric: Metric, points: Metric['points'], times: Float64Array): Shift | undefined {
  if (!HEADROOM.test(metric.name ?? '') || /error|fail|throttl|latency|success|healthy|uptime|availability|apdex/i.test(metric.name ?? '')) return undefined;
  const { t, v } = toSeries(points, times);
  if (v.length < 6) return undefined;
  const head = Math.max(3, Math.floor(v.length / 10));
  const before = [...v.slice(0, head)].sort((a, b) => a - b)[Math.floor(head / 2)];
  if (!(before > 0)) return undefined;
  const tail = v.slice(-3);
  if (Math.max(...tail) > 0.02 * before) return undefined;
  const k = v.findIndex((x) => x < 0.1 * before);
  const rest = v.slice(k);
  const after = [...rest].sort((a, b) => a - b)[Math.floor(rest.length / 2)];
  return { at: t[k], direction: 'down', before, after, z: -10, extreme: Math.min(...rest), seasonal: false };
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
    if (relevant(f, incidentStart)) {
      f.evidenceId = book.add('metric', describeShift(f, onset), toIso(f.shift!.at), { metricId: f.metric.id });
      continue;
    }
    // A drift counts when it runs up to the incident (not one that ended long before).
    const d = f.drift;
    if (!d || d.to < incidentStart - 6 * HOUR) continue;
    const u = unitSuffix(f.metric.unit);
    f.driftEvidenceId = book.add('metric', `${metricLabel(f.metric)} ${d.direction === 'up' ? 'rose' : 'fell'} steadily ${num(d.before)}${u} → ${num(d.after)}${u} (${num(d.after / d.before)}×) over ${humanDuration(d.to - d.from)}, with no step: gradual growth, not a change at one moment`, toIso(d.from), { metricId: f.metric.id });
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
