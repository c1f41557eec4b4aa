// The timeline's message protocol, shared by the extension host and the webview. Every message is a member of a
// discriminated union on `type`; both sides check `type` before reading anything else.

export const LANES = ['alarms', 'deploys', 'logs', 'metrics', 'tickets', 'changes'] as const;
export type Lane = (typeof LANES)[number];

/** What an event stands for in the snapshot, so a click can reveal it in a tree or open it. */
export type EventRef =
  | { kind: 'alarm'; id: string }
  | { kind: 'deploy'; id: string }
  | { kind: 'commit'; deployId: string; sha: string }
  | { kind: 'log'; index: number }
  | { kind: 'metric'; id: string }
  | { kind: 'ticket'; id: string }
  | { kind: 'change'; id: string };

export type Level = 'error' | 'warn' | 'info';

export interface TimelineEvent {
  lane: Lane;
  /** Epoch milliseconds. */
  at: number;
  /** For spans (a ticket open to resolved). */
  end?: number;
  label: string;
  detail?: string;
  /** Filterable source: a log group, a metric namespace, a ticket system, "github"… */
  source: string;
  level?: Level;
  ref: EventRef;
}

export interface MetricSeries {
  id: string;
  label: string;
  source: string;
  unit?: string;
  /** [epoch ms, value], time ascending. */
  points: Array<[number, number]>;
  threshold?: number;
}

/** The host's model of the chart (built from the snapshot, unit-tested); sent packed as a `TimelinePayload`. */
export interface TimelineHeader {
  incidentId: string;
  title: string;
  onset: number;
  start: number;
  end: number;
  /** The window shown first: around the incident itself, not weeks-old history. */
  focusStart: number;
  focusEnd: number;
}

export interface TimelineData extends TimelineHeader {
  events: TimelineEvent[];
  metrics: MetricSeries[];
}

export const LEVELS = ['error', 'warn', 'info'] as const;
export const REF_KINDS = ['alarm', 'deploy', 'commit', 'log', 'metric', 'ticket', 'change'] as const;

/** Many strings as one: item i is `text.slice(offsets[i], offsets[i + 1])`. One string clones far faster than thousands. */
export interface StringColumn {
  text: string;
  offsets: Uint32Array;
}

/**
 * The events in columns: event i is index i of every array, time ascending. Typed arrays are copied as raw memory by
 * postMessage (VS Code transfers them as buffers), where thousands of nested objects each cost a (de)serialisation.
 */
export interface EventColumns {
  count: number;
  /** Epoch milliseconds, ascending. */
  at: Float64Array;
  /** Span end in epoch ms (a ticket open to resolved), NaN when the event is a point. */
  end: Float64Array;
  /** Index into LANES. */
  lane: Uint8Array;
  /** Index into LEVELS. */
  level: Uint8Array;
  /** Index into `sources`. */
  source: Uint32Array;
  sources: string[];
  label: StringColumn;
  /** '' when there is none. */
  detail: StringColumn;
  /** Index into REF_KINDS. */
  refKind: Uint8Array;
  /** The id; the deploy id for a commit; '' for a log line. */
  refId: StringColumn;
  /** The sha of a commit, else ''. */
  refSha: StringColumn;
  /** The snapshot index of a log line, else -1. */
  refIndex: Int32Array;
}

export interface SeriesColumns {
  id: string;
  label: string;
  source: string;
  unit?: string;
  /** Epoch ms, ascending; `v[i]` is the value at `t[i]`. */
  t: Float64Array;
  v: Float64Array;
  threshold?: number;
}

/** What the `load` message carries: `TimelineData` with times parsed once on the host and events in columns. */
export interface TimelinePayload extends TimelineHeader {
  events: EventColumns;
  metrics: SeriesColumns[];
}

/** What the webview keeps across reloads (vscode.setState) and hands to the serializer. */
export interface TimelineState {
  incidentId?: string;
  /** The snapshot file to reopen after a reload, when the incident came from one. */
  snapshotUri?: string;
  view?: { x0: number; x1: number };
  hiddenLanes: Lane[];
  hiddenSources: string[];
}

export type HostMessage =
  | { type: 'load'; data: TimelinePayload; focus?: EventRef; snapshotUri?: string }
  | { type: 'focus'; ref: EventRef }
  | { type: 'empty'; message: string };

export type UiMessage =
  | { type: 'ready' }
  | { type: 'reveal'; ref: EventRef }
  | { type: 'openDiff'; deployId: string; sha?: string }
  | { type: 'openLogExamples'; index: number }
    /** `ms`: from the load message's arrival to the first frame with the events drawn. */
  | { type: 'painted'; ms: number; events: number };

/** Narrows an unknown message from the other side; anything else is ignored. */
export function isHostMessage(m: unknown): m is HostMessage {
  const t = (m as { type?: unknown } | null)?.type;
  return t === 'load' || t === 'focus' || t === 'empty';
}

export function isUiMessage(m: unknown): m is UiMessage {
  const t = (m as { type?: unknown } | null)?.type;
  return t === 'ready' || t === 'reveal' || t === 'openDiff' || t === 'openLogExamples' || t === 'painted';
}
