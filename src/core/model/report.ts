// The analysis report (shared/spec/snapshot.md). Every claim points at evidence ids that exist in `evidence`.

export const REPORT_SCHEMA = 'incident-lens/report@1';

export type Category =
  | 'code-change'
  | 'capacity'
  | 'dependency'
  | 'network'
  | 'traffic'
  | 'schedule'
  | 'config'
  | 'unknown';

export type Verdict = 'supported' | 'refuted' | 'inconclusive';
export type Horizon = 'immediate' | 'long-term';

export type EvidenceKind =
  | 'alarm'
  | 'metric'
  | 'log-pattern'
  | 'deploy'
  | 'commit'
  | 'ticket'
  | 'change'
  | 'stack-trace'
  | 'slo';

export interface Evidence {
  id: string;
  kind: EvidenceKind;
  summary: string;
  at?: string;
  /** Where the evidence came from in the snapshot, e.g. { metricId: "m1" } or { deployId, commit }. */
  ref?: Record<string, string>;
  [key: string]: unknown;
}

export interface RootCause {
  category: Category;
  summary: string;
  /** See docs: the estimated probability that category is right. */
  confidence: number;
  evidence: string[];
}

export interface Suspect {
  deployId: string;
  commit?: string;
  score: number;
  evidence: string[];
  reasons?: string[];
  [key: string]: unknown;
}

export interface Hypothesis {
  category: Category;
  statement: string;
  verdict: Verdict;
  confidence: number;
  evidence: string[];
  [key: string]: unknown;
}

export interface Localisation {
  dimension: string;
  value: string;
  evidence: string[];
  [key: string]: unknown;
}

export interface Recurrence {
  pattern: string;
  ticketIds: string[];
  [key: string]: unknown;
}

export interface Action {
  kind: string;
  horizon: Horizon;
  title: string;
  detail?: string;
  evidence: string[];
  [key: string]: unknown;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  summary: string;
  evidence?: string;
  [key: string]: unknown;
}

export interface Report {
  schema: typeof REPORT_SCHEMA | string;
  incidentId?: string;
  rootCause: RootCause;
  suspects: Suspect[];
  hypotheses: Hypothesis[];
  localisation?: Localisation;
  recurrence?: Recurrence;
  actions: Action[];
  evidence: Evidence[];
  timeline: TimelineEntry[];
  gaps: string[];
  [key: string]: unknown;
}
