// The facts a PIR is written from, gathered once from the snapshot and the report. SLO impact, similar incidents and
// recurrence come from the report when the analysis put them there, else they are computed from the snapshot.
import { detectRecurrence, similarIncidents, sloImpact } from '../history';
import type { Recurrence, Report, SimilarTicket, SloImpact, Suspect } from '../model/report';
import type { Alarm, Deploy, Metric, Snapshot } from '../model/snapshot';
import { between, Citer } from './format';

/** Similarity from which a past ticket counts as the same symptom in the review. */
export const SIMILAR_SCORE = 0.3;
/** Detection within this is "fast"; beyond SLOW_DETECTION_MS it is a finding. */
export const FAST_DETECTION_MS = 5 * 60_000;
export const SLOW_DETECTION_MS = 15 * 60_000;

export interface PirFacts {
  snapshot: Snapshot;
  report: Report;
  cite: Citer;
  /** Onset: the analysis's (first symptom shift) when it has one, else the recorded start. */
  onset: string;
  durationMs?: number;
  /** Onset to detection (incident.detectedAt). */
  ttdMs?: number;
  firstAlarm?: Alarm;
  firstAlarmDelayMs?: number;
  regions: string[];
  slo: SloImpact[];
  similar: SimilarTicket[];
  recurrence?: Recurrence;
  suspect?: Suspect;
  suspectDeploy?: Deploy;
  /** Metrics that shifted and are root-cause evidence, but no alarm watches. */
  unalarmed: Array<{ metric: Metric; evidence: string[] }>;
  /** SLO metrics no alarm watches. */
  sloUnalarmed: string[];
  gaps: string[];
}

const REGION_DIMENSIONS = /^(region|aws[:_-]?region|location|zone|availabilityzone)$/i;

function regionsOf(snapshot: Snapshot, report: Report, citedMetrics: Metric[]): string[] {
  const out = new Set<string>();
  for (const r of report.impact?.regions ?? []) out.add(r);
  if (report.localisation && REGION_DIMENSIONS.test(report.localisation.dimension)) out.add(report.localisation.value);
  for (const a of snapshot.alarms ?? []) if (a.state === 'ALARM' && a.region) out.add(a.region);
  for (const m of citedMetrics) for (const [k, v] of Object.entries(m.dimensions ?? {})) if (REGION_DIMENSIONS.test(k)) out.add(v);
  return [...out].sort();
}

export function gatherFacts(snapshot: Snapshot, report: Report): PirFacts {
  const incident = snapshot.incident;
  const cite = new Citer(report.evidence ?? []);
  const metrics = snapshot.metrics ?? [];
  const alarms = snapshot.alarms ?? [];
  const firing = alarms.filter((a) => a.state === 'ALARM' && Number.isFinite(Date.parse(a.at))).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const firstAlarm = firing[0];

  // Only shifts (evidence with a time) that support the root cause: the signals of the cause itself.
  const causeIds = new Set(report.rootCause?.evidence ?? []);
  const metricEvidence = (report.evidence ?? []).filter((e) => e.kind === 'metric' && e.ref?.metricId && e.at && causeIds.has(e.id));
  const citedMetrics = metrics.filter((m) => metricEvidence.some((e) => e.ref?.metricId === m.id));
  const watched = new Set(alarms.map((a) => a.metricId).filter(Boolean));
  const unalarmed = citedMetrics
    .filter((m) => !watched.has(m.id))
    .map((m) => ({ metric: m, evidence: metricEvidence.filter((e) => e.ref?.metricId === m.id).map((e) => e.id) }));
  const sloUnalarmed = (snapshot.slos ?? [])
    .filter((s) => ![s.ratioMetricId, s.badMetricId].some((id) => id && watched.has(id)))
    .map((s) => s.name);

  const suspect = report.suspects?.[0];
  const suspectDeploy = suspect ? (snapshot.deploys ?? []).find((d) => d.id === suspect.deployId) : undefined;

  const tickets = snapshot.tickets ?? [];
  const similar: SimilarTicket[] = report.similarIncidents ??
    similarIncidents(tickets, { text: [incident.title, report.rootCause?.summary ?? ''].join('\n'), service: incident.service }, 5)
      .filter((s) => s.score >= SIMILAR_SCORE && s.ticket.id !== incident.id)
      .map((s) => ({ ticketId: s.ticket.id, title: s.ticket.title, score: s.score, matchedTerms: s.matchedTerms, ...(s.resolution ? { resolution: s.resolution } : {}) }));

  const analysed = report.impact?.start;
  const onset = analysed && Number.isFinite(Date.parse(analysed)) ? analysed : incident.startedAt;
  return {
    snapshot, report, cite, onset,
    durationMs: between(onset, incident.resolvedAt),
    ttdMs: between(onset, incident.detectedAt),
    firstAlarm,
    firstAlarmDelayMs: firstAlarm ? between(onset, firstAlarm.at) : undefined,
    regions: regionsOf(snapshot, report, citedMetrics),
    slo: report.sloImpact ?? sloImpact(snapshot),
    similar,
    recurrence: report.recurrence ?? detectRecurrence(tickets, incident),
    suspect, suspectDeploy, unalarmed, sloUnalarmed,
    gaps: [...new Set([...(snapshot.gaps ?? []), ...(report.gaps ?? [])])],
  };
}
