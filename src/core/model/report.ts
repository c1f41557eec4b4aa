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
  period?: 'monthly' | 'weekly' | 'daily';
  dayOfMonth?: number;
  weekday?: string;
  hourUtc?: number;
  minuteUtc?: number;
  /** ISO time of the next expected occurrence. */
  nextExpected?: string;
  /** Occurrences including the current incident. */
  occurrences?: number;
  occurredAt?: string[];
  toleranceHours?: number;
  /** Chance of this alignment under random timing (corrected for the periods tried). */
  pValue?: number;
  [key: string]: unknown;
}

/** One multi-window burn-rate check (Google SRE workbook, ch. 5): fires when both windows burn faster than threshold. */
export interface BurnRateCheck {
  longWindow: string;
  shortWindow: string;
  threshold: number;
  severity: 'page' | 'ticket';
  /** False when the data does not cover the windows; `reason` says why. */
  computed: boolean;
  reason?: string;
  peakLong?: number;
  peakShort?: number;
  fired?: boolean;
  firstFiredAt?: string;
  [key: string]: unknown;
}

/** Error budget an incident used for one SLO target of the snapshot. */
export interface SloImpact {
  name: string;
  objective: number;
  windowDays: number;
  source: 'bad/total' | 'ratio' | 'none';
  window?: { start: string; end: string };
  /** Bad-event ratio over the incident window, as a fraction. */
  errorRatio?: number;
  badEvents?: number;
  totalEvents?: number;
  /** True when badEvents is derived (ratio × a request-count series), not counted. */
  badEventsEstimated?: boolean;
  /** Share of the whole SLO window's error budget the incident window used (1 = all of it). */
  budgetConsumed?: number;
  burnRates: BurnRateCheck[];
  notes: string[];
  gaps: string[];
  [key: string]: unknown;
}

/** Impact of the incident as far as the snapshot shows it. */
export interface Impact {
  start: string;
  end?: string;
  durationMinutes?: number;
  /** Still going at the end of the data. */
  ongoing?: boolean;
  regions?: string[];
  /** Estimated failed requests (error ratio × request count), when both series exist. */
  requestsAffected?: number;
  /** Largest share of an SLO window's error budget the incident used (1 = all of it). */
  errorBudgetUsed?: number;
  /** Burn-rate alerts that fired, e.g. "1h/5m ≥ 14.4". */
  burnRates?: string[];
  evidence: string[];
  [key: string]: unknown;
}

/** A past ticket resembling the incident and what fixed it. */
export interface SimilarTicket {
  ticketId: string;
  title: string;
  score: number;
  matchedTerms: string[];
  resolution?: string;
  /** The ticket evidence that records it. */
  evidence?: string[];
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
  /** Error budget used per SLO target (src/core/history/sloImpact). */
  sloImpact?: SloImpact[];
  /** Similar past incidents, best first (src/core/history/similarIncidents). */
  similarIncidents?: SimilarTicket[];
  /** What the incident cost: duration, where, requests affected, error budget (src/core/analysis). */
  impact?: Impact;
  [key: string]: unknown;
}
