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

export interface AlarmsPort {
  listAlarms(window: TimeWindow, opts?: ReadOptions): Promise<Partial<Alarm[]>>;
}

export interface MetricQuery {
  id: string;
  namespace: string;
  name: string;
  stat: string;
  dimensions?: Record<string, string>;
}

export interface MetricsPort {
  getMetrics(queries: MetricQuery[], window: TimeWindow, opts?: ReadOptions): Promise<Partial<Metric[]>>;
  /** Values a dimension takes for one metric (for localisation). */
  listDimensionValues(namespace: string, name: string, dimension: string, opts?: ReadOptions): Promise<string[]>;
}

export interface LogsPort {
  sampleEvents(groups: string[], window: TimeWindow, filterPattern: string | undefined, cap: number, opts?: ReadOptions): Promise<Partial<LogEvent[]>>;
}

export interface DeploysPort {
  listDeploys(window: TimeWindow, opts?: ReadOptions): Promise<Partial<Deploy[]>>;
}

export interface BlameLine {
  line: number;
  commit: string;
  originalLine: number;
  originalPath: string;
}

export interface RepoPort {
  root(): string;
  listFiles(): Promise<string[]>;
  log(range: string): Promise<Commit[]>;
  blame(path: string, lines: Array<[number, number]>, range: string): Promise<BlameLine[]>;
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
