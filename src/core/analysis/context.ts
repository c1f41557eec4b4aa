// What the analysis learned from the evidence, shared by the suspect scoring, hypotheses and actions.
import type { PatternSpike } from '../logs';
import type { Snapshot } from '../model/snapshot';
import type { EvidenceBook } from './evidenceBook';
import type { LocalisationResult } from './localise';
import type { MetricFinding } from './metricFindings';

/** A log template that appeared or grew at the onset (src/core/logs), as the analysis reads it. */
export interface ClassifiedPattern {
  pattern: PatternSpike;
  /** First seen (epoch ms). */
  firstAt: number;
  /** Absent from a baseline long enough to have seen it: new since the onset or a deploy. */
  isNew: boolean;
  evidenceId: string;
  database: boolean;
  capacity: boolean;
  pool: boolean;
  locks: boolean;
  dependency: boolean;
  network: boolean;
  config: boolean;
  schedule: boolean;
}

export interface AnalysisContext {
  snapshot: Snapshot;
  book: EvidenceBook;
  /** Incident start as written in the snapshot. */
  incidentStart: number;
  /** Onset: the incident start, or the first symptom shift shortly before it. */
  onset: number;
  findings: MetricFinding[];
  /** How far the logs reach (epoch ms); absent when there are no logs with readable times. */
  logs?: { firstAt: number; lastAt: number };
  spikes: ClassifiedPattern[];
  /** Evidence ids of error-rate rises per log group (Logs Insights counts over every event): symptoms, no cause. */
  errorRates: string[];
  where: LocalisationResult;
  gaps: string[];
}

export function relevantFindings(ctx: AnalysisContext): MetricFinding[] {
  return ctx.findings.filter((f) => f.evidenceId);
}

/** Metrics that climbed (or drained) steadily for days up to the incident, recorded as evidence. */
export function driftFindings(ctx: AnalysisContext): MetricFinding[] {
  return ctx.findings.filter((f) => f.driftEvidenceId);
}

/** The failing resource is a database: from metric namespaces/dimensions or from the error text. */
export function databaseImplicated(ctx: AnalysisContext): string[] {
  const ids = relevantFindings(ctx).filter((f) => f.resource === 'database' && f.bad).map((f) => f.evidenceId!);
  ids.push(...driftFindings(ctx).filter((f) => f.resource === 'database').map((f) => f.driftEvidenceId!));
  ids.push(...ctx.spikes.filter((s) => s.database).map((s) => s.evidenceId));
  return ids;
}

export function dependencyImplicated(ctx: AnalysisContext): string[] {
  return ctx.spikes.filter((s) => s.dependency).map((s) => s.evidenceId);
}

/** Regions where the anomaly shows; empty when unknown. */
export function affectedRegions(ctx: AnalysisContext): string[] {
  const out = new Set<string>();
  for (const [k, vs] of ctx.where.affected) if (/region/i.test(k)) vs.forEach((v) => out.add(v));
  return [...out];
}

export function healthyRegions(ctx: AnalysisContext): string[] {
  const out = new Set<string>();
  for (const [k, vs] of ctx.where.healthy) if (/region/i.test(k)) vs.forEach((v) => out.add(v));
  return [...out];
}
