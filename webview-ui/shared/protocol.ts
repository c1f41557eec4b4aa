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

export interface TimelineData {
  incidentId: string;
  title: string;
  onset: number;
  start: number;
  end: number;
  /** The window shown first: around the incident itself, not weeks-old history. */
  focusStart: number;
  focusEnd: number;
  events: TimelineEvent[];
  metrics: MetricSeries[];
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
  | { type: 'load'; data: TimelineData; focus?: EventRef; snapshotUri?: string }
  | { type: 'focus'; ref: EventRef }
  | { type: 'empty'; message: string };

export type UiMessage =
  | { type: 'ready' }
  | { type: 'reveal'; ref: EventRef }
  | { type: 'openDiff'; deployId: string; sha?: string }
  | { type: 'openLogExamples'; index: number }
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
