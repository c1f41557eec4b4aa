// The incident snapshot: the public file format between gather and analyse (shared/spec/snapshot.md).
// Unknown fields are accepted and kept, so every interface is open ([key: string]: unknown).

export const SNAPSHOT_SCHEMA = 'incident-lens/snapshot@1';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type AlarmState = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';

export interface Incident {
  id: string;
  title: string;
  service?: string;
  /** Onset: first alarm or first bad datapoint. */
  startedAt: string;
  detectedAt?: string;
  resolvedAt?: string;
  severity?: Severity;
  [key: string]: unknown;
}

export interface Alarm {
  id: string;
  name: string;
  state: AlarmState;
  /** Time of this state change. */
  at: string;
  reason?: string;
  metricId?: string;
  threshold?: number;
  comparison?: string;
  region?: string;
  /** The metric a metric alarm watches, as gathered from CloudWatch (metricId is then metricKey of it). */
  metric?: { namespace: string; name: string; dimensions?: Record<string, string>; stat?: string };
  [key: string]: unknown;
}

/** [ISO time, value]. */
export type MetricPoint = [string, number];

export interface Metric {
  id: string;
  namespace: string;
  name: string;
  stat?: string;
  unit?: string;
  dimensions?: Record<string, string>;
  points: MetricPoint[];
  /** Seconds per point when gathered from CloudWatch (the period chosen for the window). */
  periodSeconds?: number;
  [key: string]: unknown;
}

export interface LogEvent {
  at: string;
  group: string;
  stream?: string;
  message: string;
  [key: string]: unknown;
}

export type FileStatus = 'added' | 'modified' | 'deleted' | 'renamed';

export interface ChangedFile {
  path: string;
  status: FileStatus;
  previousPath?: string;
  /** Unified diff hunks for this file. */
  patch?: string;
  [key: string]: unknown;
}

export interface Commit {
  sha: string;
  author?: string;
  message?: string;
  at?: string;
  files?: ChangedFile[];
  [key: string]: unknown;
}

export interface Deploy {
  id: string;
  /** Finished (or started, when that is all that is known). */
  at: string;
  ref?: string;
  previousRef?: string;
  environment?: string;
  service?: string;
  region?: string;
  commits?: Commit[];
  [key: string]: unknown;
}

export interface Ticket {
  id: string;
  source?: string;
  title: string;
  body?: string;
  openedAt?: string;
  resolvedAt?: string;
  resolution?: string;
  labels?: string[];
  service?: string;
  [key: string]: unknown;
}

export interface Change {
  id: string;
  at: string;
  kind: string;
  description?: string;
  service?: string;
  region?: string;
  [key: string]: unknown;
}

export interface SloTarget {
  /** e.g. "availability", "latency-p99". */
  name: string;
  /** Objective as a fraction, e.g. 0.999. */
  objective: number;
  /** Window in days the objective applies to (default 30). */
  windowDays?: number;
  /** Metric ids: bad-event and total-event series, or a ratio series. */
  badMetricId?: string;
  totalMetricId?: string;
  ratioMetricId?: string;
  /** Whether the ratio series counts bad events (error rate) or good ones (success rate); inferred when absent. */
  ratioKind?: 'bad' | 'good';
  [key: string]: unknown;
}

/** One Logs Insights time bin: every event of the group in [at, at + binSeconds), and those matching errorRegex. */
export interface LogInsightBin {
  at: string;
  total: number;
  errors: number;
  [key: string]: unknown;
}

/** One server-side cluster (Insights `pattern @message`) over the whole window, not just the sampled events. */
export interface LogInsightPattern {
  /** Template with <*> where tokens vary. */
  pattern: string;
  count: number;
  /** Share of the group's events, 0..1. */
  ratio?: number;
  severity?: string;
  /** A sampled event (logs[]) of this pattern, when the sample holds one. */
  sample?: string;
  /** Earliest sampled event of this pattern. */
  firstSeen?: string;
  [key: string]: unknown;
}

/** Aggregates CloudWatch Logs Insights computed for one log group over the gather window (events stay in AWS). */
export interface LogInsight {
  group: string;
  region?: string;
  binSeconds: number;
  /** Regular expression (Insights syntax) counted as an error in bins[].errors. */
  errorRegex: string;
  /** Bins that held events, oldest first (Insights omits empty bins). */
  bins: LogInsightBin[];
  /** Most frequent first. */
  patterns: LogInsightPattern[];
  [key: string]: unknown;
}

/** How much of one log group `logs` holds: gather samples at most `cap` events per group (docs/snapshot.md). */
export interface LogSample {
  group: string;
  /** Events of the group in `logs` (the error-only top-up included). */
  events: number;
  cap: number;
  /** The sample reached the cap: the group may have more events in the window than `logs` holds. */
  capped: boolean;
  [key: string]: unknown;
}

export interface Snapshot {
  schema: typeof SNAPSHOT_SCHEMA | string;
  incident: Incident;
  alarms?: Alarm[];
  metrics?: Metric[];
  logs?: LogEvent[];
  deploys?: Deploy[];
  tickets?: Ticket[];
  changes?: Change[];
  slos?: SloTarget[];
  /** Logs Insights counts per bin, error rates and patterns per log group (docs/snapshot.md, Additions). */
  logInsights?: LogInsight[];
  /** Per configured log group: how many events `logs` holds and whether the cap cut it short. */
  logSamples?: LogSample[];
  /** What the gatherer could not read (capped, failed, throttled). */
  gaps?: string[];
  [key: string]: unknown;
}
