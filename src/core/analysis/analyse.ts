// analyse(snapshot) → report: deterministic, evidence-based root-cause analysis (no LLM). It works the way an
// on-call engineer does: find what changed and when (metrics, logs), where (localisation), what changed just before
// (deploys, config, jobs), form competing hypotheses, test each against the evidence, conclude with a confidence
// and propose actions. Every claim in the report points at evidence ids recorded in the EvidenceBook.
import type { Report, TimelineEntry } from '../model/report';
import { REPORT_SCHEMA } from '../model/report';
import type { Snapshot } from '../model/snapshot';
import { proposeActions } from './actions';
import { decide } from './confidence';
import type { AnalysisContext } from './context';
import { EvidenceBook } from './evidenceBook';
import { testHypotheses } from './hypotheses';
import { assessImpact } from './impact';
import { localise } from './localise';
import { analyseLogs } from './logFindings';
import { analyseMetrics, recordMetricEvidence } from './metricFindings';
import { pastIncidents } from './pastIncidents';
import { assessDeploys, toSuspects } from './suspects';
import { summarise } from './summary';
import { HOUR, toIso, toMs } from './time';

export interface AnalyseOptions {
  /** Cap on log events examined (most recent kept); default: all. */
  maxLogEvents?: number;
}

export function analyse(snapshot: Snapshot, opts: AnalyseOptions = {}): Report {
  const book = new EvidenceBook();
  const gaps: string[] = [...(snapshot.gaps ?? []).map((g) => `gather: ${g}`)];
  const incidentStart = toMs(snapshot.incident?.startedAt);
  const metrics = snapshot.metrics ?? [];
  let logs = snapshot.logs ?? [];
  if (opts.maxLogEvents && logs.length > opts.maxLogEvents) {
    gaps.push(`only the last ${opts.maxLogEvents} of ${logs.length} log events were examined`);
    logs = logs.slice(-opts.maxLogEvents);
  }

  // Metrics first: the first symptom shift shortly before the recorded start is the real onset.
  const findings = analyseMetrics(metrics);
  let onset = incidentStart;
  for (const f of findings) {
    const s = f.shift;
    if (s && f.bad && (f.kind === 'latency' || f.kind === 'errors') && s.at < onset && s.at >= incidentStart - 2 * HOUR) onset = s.at;
  }
  recordMetricEvidence(findings, incidentStart, onset, book);

  const alarmRegions: string[] = [];
  const timeline: TimelineEntry[] = [];
  for (const a of snapshot.alarms ?? []) {
    const id = book.add('alarm', `Alarm ${a.name} → ${a.state}${a.reason ? `: ${a.reason}` : ''}`, a.at, { alarmId: a.id });
    timeline.push({ at: a.at, kind: 'alarm', summary: `${a.name} → ${a.state}`, evidence: id });
    if (a.state === 'ALARM' && typeof a.region === 'string') alarmRegions.push(a.region);
  }

  const ctx: AnalysisContext = {
    snapshot, book, incidentStart, onset, findings, spikes: [], errorRates: [], gaps,
    where: { affected: new Map(), healthy: new Map() },
  };
  const insights = snapshot.logInsights ?? [];
  if ((logs.length || insights.length) && Number.isFinite(onset)) {
    const deploys = (snapshot.deploys ?? []).filter((d) => typeof d.at === 'string' && typeof d.id === 'string');
    const gatherWindow = snapshot.window as { start?: unknown; end?: unknown } | undefined;
    const { coverage, spikes, errorRates, gaps: logGaps } = analyseLogs(logs, onset, deploys, book, { insights, samples: snapshot.logSamples, gatherGaps: snapshot.gaps, window: gatherWindow });
    ctx.logs = coverage;
    ctx.spikes = spikes;
    ctx.errorRates = errorRates;
    gaps.push(...logGaps);
  } else if (logs.length) gaps.push('the incident start is not a readable time: log patterns could not be compared before and after it');
  ctx.where = localise(findings, onset, book, alarmRegions);

  const assessments = assessDeploys(ctx);
  const past = pastIncidents(snapshot, ctx.spikes, book);
  const hypotheses = testHypotheses(ctx, { assessments, recurrenceEvidence: past.recurrenceEvidence, similar: past.similar });
  const decision = decide(hypotheses, {
    metrics: metrics.some((m) => (m.points ?? []).length > 0),
    logs: snapshot.logs !== undefined,
    // A list that is present but empty is a source that was read and had nothing: that is coverage too.
    changes: snapshot.deploys !== undefined || snapshot.changes !== undefined,
  });
  // The error-rate rise is what the leading explanation has to account for: its symptom evidence (after the
  // decision, so it weighs on no score).
  if (decision.top) decision.top.evidence = [...new Set([...decision.top.evidence, ...ctx.errorRates])];
  const suspects = decision.category === 'code-change' || decision.category === 'config' || hypotheses.find((h) => h.category === 'code-change')!.verdict === 'supported'
    ? toSuspects(assessments)
    : toSuspects(assessments).filter((s) => s.score >= 0.3);
  const actions = proposeActions(ctx, { decision, hypotheses, assessments, localisation: ctx.where.localisation, similar: past.similar });
  const { impact, slo } = assessImpact(ctx);

  // Timeline: changes, first shifts, first new errors, the onset.
  for (const a of assessments) timeline.push({ at: a.deploy.at, kind: 'deploy', summary: `deploy ${a.deploy.id}${a.deploy.region ? ` (${a.deploy.region})` : ''}`, evidence: a.evidence[0] });
  for (const ev of book.all()) {
    if (!ev.at) continue;
    if (ev.kind === 'change') timeline.push({ at: ev.at, kind: 'change', summary: ev.summary, evidence: ev.id });
    if (ev.kind === 'metric') timeline.push({ at: ev.at, kind: 'metric-shift', summary: ev.summary, evidence: ev.id });
    if (ev.kind === 'log-pattern') timeline.push({ at: ev.at, kind: 'log-pattern', summary: `first ${ev.summary}`, evidence: ev.id });
  }
  if (Number.isFinite(onset)) timeline.push({ at: toIso(onset), kind: 'onset', summary: onset < incidentStart ? 'onset (first symptom shift, before the recorded start)' : 'onset (incident start)' });
  for (const [k, label] of [['detectedAt', 'detected'], ['resolvedAt', 'resolved']] as const) {
    const v = snapshot.incident?.[k];
    if (typeof v === 'string') timeline.push({ at: v, kind: label, summary: `incident ${label}` });
  }
  timeline.sort((a, b) => toMs(a.at) - toMs(b.at));

  if (!metrics.length) gaps.push('no metrics: change points, saturation and localisation could not be checked');
  else if (!findings.some((f) => f.evidenceId)) gaps.push('no metric shows a significant change around the onset');
  if (!logs.length && !insights.length) gaps.push('no logs: error patterns, stack traces and dependency/network errors could not be checked');
  // Errors counted by the metrics but none read from the logs: the log lines' error words went unrecognised.
  if (logs.length && !ctx.spikes.length && findings.some((f) => f.evidenceId && f.bad && f.kind === 'errors' && f.shift!.direction === 'up')) {
    gaps.push('logs: the error metrics rose but no log pattern after the onset reads as an error (severity or error words not recognised, e.g. another language): dependency, network and stack-trace evidence could not be taken from the logs');
  }
  if (!(snapshot.deploys ?? []).length) gaps.push('no deploy history: cannot test the code-change hypothesis');
  else if ((snapshot.deploys ?? []).every((d) => !(d.commits ?? []).some((c) => (c.files ?? []).length))) gaps.push('deploys carry no changed files: commits could not be matched to stack frames or the failing resource');
  if (!snapshot.changes) gaps.push('no change log (config, feature flags, batch jobs): config and schedule hypotheses rely on logs and tickets only');
  if (!(snapshot.tickets ?? []).length) gaps.push('no ticket history: recurrence and similar past incidents could not be checked');
  if (!findings.some((f) => f.kind === 'traffic')) gaps.push('no request-count metric: a traffic surge could not be tested directly');
  if (!(snapshot.slos ?? []).length) gaps.push('no SLO targets: error budget impact could not be computed');
  for (const f of findings) {
    const pts = f.metric.points ?? [];
    if (pts.length && toMs(pts[0][0]) >= onset) gaps.push(`metric ${f.metric.id} starts at or after the onset: no baseline to compare with`);
  }

  const report: Report = {
    schema: REPORT_SCHEMA,
    incidentId: snapshot.incident?.id,
    rootCause: summarise(decision, hypotheses, ctx.where.localisation, ctx.errorRates),
    suspects,
    hypotheses: hypotheses
      .sort((a, b) => b.score - a.score)
      .map(({ score: _s, against: _a, ...h }) => h),
    ...(ctx.where.localisation ? { localisation: ctx.where.localisation } : {}),
    ...(past.recurrence ? { recurrence: { ...past.recurrence, evidence: [past.recurrenceEvidence!] } } : {}),
    actions,
    evidence: book.all(),
    timeline,
    gaps,
    impact,
    ...(slo.length ? { sloImpact: slo } : {}),
    ...(past.similar.length ? { similarIncidents: past.similar.map(({ evidenceId, category: _c, ...s }) => ({ ...s, evidence: [evidenceId] })) } : {}),
  };
  return report;
}
