// Interfaces the providers fill. The core never sees a provider; the composition roots (src/vscode, src/cli) wire them.
import type { Alarm, Change, Commit, Deploy, LogEvent, Metric, Ticket } from '../core/model/snapshot';

/** Time window of a gather, ISO strings. */
export interface TimeWindow {
  start: string;
  end: string;
}

/** Passed to every read so the user can cancel a gather. */
export interface ReadOptions {
  signal?: AbortSignal;
}

/** A source that could not be read fully: becomes a `gaps` entry. */
export interface Partial<T> {
  items: T;
  gaps: string[];
}

/**
 * Alarms that fired in the window or are still firing (one entry per state change in the window, plus one for an
 * alarm still in ALARM since before it). Each entry carries `region` and, for metric alarms, `metricId` =
 * metricKey(...) of its metric and a `metric` field { namespace, name, dimensions, stat } to read it with.
 * Failures become `gaps`; throws only on cancellation (the signal's reason) or missing/expired credentials
 * (AwsCredentialsError: its message is the one line to show).
 */
export interface AlarmsPort {
  listAlarms(window: TimeWindow, opts?: ReadOptions): Promise<Partial<Alarm[]>>;
}

export interface MetricQuery {
  /** Becomes Metric.id of the result. */
  id: string;
  namespace: string;
  name: string;
  /** Average, Sum, Minimum, Maximum, SampleCount, or a percentile such as p99. */
  stat: string;
  dimensions?: Record<string, string>;
  unit?: string;
}

/**
 * Metric series for the window. The provider picks the period (≥ 1 minute, ≤ 1440 points per series, coarser for
 * old windows as CloudWatch's retention requires) and batches/paginates; one Metric per query, in query order.
 * A query with no data or a failed batch becomes a gap. Throws like AlarmsPort.
 */
export interface MetricsPort {
  getMetrics(queries: MetricQuery[], window: TimeWindow, opts?: ReadOptions): Promise<Partial<Metric[]>>;
  /** Values a dimension takes for one metric (for localisation), sorted. Throws with a clear message on failure. */
  listDimensionValues(namespace: string, name: string, dimension: string, opts?: ReadOptions): Promise<string[]>;
}

/**
 * Raw log events, for samples and stack traces: at most `cap` events per group (a cap reached is a gap), in time order.
 * `filterPattern` is CloudWatch Logs filter-pattern syntax (e.g. `?ERROR ?Exception`). Throws like AlarmsPort.
 */
export interface LogsPort {
  sampleEvents(groups: string[], window: TimeWindow, filterPattern: string | undefined, cap: number, opts?: ReadOptions): Promise<Partial<LogEvent[]>>;
}

/** One server-side cluster of log messages (Logs Insights `pattern`). */
export interface LogPattern {
  pattern: string;
  count: number;
  /** Share of the matched events, 0..1. */
  ratio: number;
  severity?: string;
}

export interface LogRatePoint {
  at: string;
  total: number;
  errors: number;
  /** errors / total, 0 when total is 0. */
  rate: number;
}

/**
 * Aggregates computed where the logs live (CloudWatch Logs Insights), never by downloading events. `regex` is a
 * JavaScript-compatible regular expression source (a leading (?i) makes it case-insensitive). `binSeconds` defaults
 * to a bin giving ≤ ~300 bins over the window. Failures, time-outs and caps become gaps; throws like AlarmsPort.
 */
export interface LogsInsightsPort {
  countsPerBin(groups: string[], window: TimeWindow, opts?: ReadOptions & { regex?: string; binSeconds?: number }): Promise<Partial<Array<[string, number]>>>;
  errorRate(groups: string[], window: TimeWindow, errorRegex: string, opts?: ReadOptions & { binSeconds?: number }): Promise<Partial<LogRatePoint[]>>;
  patterns(groups: string[], window: TimeWindow, opts?: ReadOptions & { regex?: string; limit?: number }): Promise<Partial<LogPattern[]>>;
}

export interface DeploysPort {
  listDeploys(window: TimeWindow, opts?: ReadOptions): Promise<Partial<Deploy[]>>;
}

export interface BlameLine {
  line: number;
  commit: string;
  originalLine: number;
  originalPath: string;
  /** Blame over FROM..TO: the line is older than FROM (git prints the boundary commit, which did not change it). */
  boundary?: boolean;
}

export interface RepoPort {
  root(): string;
  /** Files tracked at `ref` (default: the index). */
  listFiles(ref?: string): Promise<string[]>;
  log(range: string): Promise<Commit[]>;
  /** Blame of line ranges at the tip of `range`; with FROM..TO, lines older than FROM are boundary lines. */
  blame(path: string, lines: Array<[number, number]>, range: string, opts?: { ignoreRevs?: readonly string[]; signal?: AbortSignal }): Promise<BlameLine[]>;
}

export interface TicketsPort {
  listTickets(window: TimeWindow, opts?: ReadOptions): Promise<Partial<Ticket[]>>;
}

export interface ChangesPort {
  listChanges(window: TimeWindow, opts?: ReadOptions): Promise<Partial<Change[]>>;
}

export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmPort {
  complete(messages: LlmMessage[], opts?: ReadOptions & { jsonSchema?: object; maxTokens?: number }): Promise<string>;
}
