// Competing hypotheses, each tested against the evidence: a score per category (how much evidence supports
// it, how strongly), a verdict, and the evidence ids behind it. Scores are additive weights of independent
// observations; docs/confidence.md explains how they become the root cause's confidence.
import type { Category, Hypothesis } from '../model/report';
import { affectedRegions, driftFindings, type AnalysisContext } from './context';
import type { DeployAssessment } from './suspects';
import { metricLabel, num, unitSuffix } from './format';
import { CONFIG_PATH, SCHEDULE_TEXT } from './signals';
import { humanDuration, MINUTE, toIso, toMs } from './time';

export interface ScoredHypothesis extends Hypothesis {
  score: number;
  /** Evidence that argues against it (kept apart so a refuted verdict still points at something). */
  against: string[];
}

const SCHEDULE_KIND = /batch|cron|job|schedul|etl|backup|maintenance|vacuum|reindex|snapshot/i;
const CONFIG_KIND = /config|flag|feature|toggle|parameter|setting|secret|env|infra|scaling|quota|limit|dns|route|firewall|security/i;
/** Kinds that are edits someone made: their description may mention failures without reporting one. */
const EDIT_KIND = /config|flag|feature|toggle|parameter|setting|secret|env/i;
/** A change entry that reports something failing (a failover, an unhealthy host) rather than an edit. */
const FAILURE_EVENT = /\b(fail(ed|ing|over|ure)?|unhealthy|outage|degraded|impaired|crash(ed)?|unavailable|went down)\b/i;

/** Change entries that record a failure of the infrastructure (e.g. a database failover), not a change made to it. */
function failureEvents(ctx: AnalysisContext): NonNullable<AnalysisContext['snapshot']['changes']> {
  return (ctx.snapshot.changes ?? []).filter((c) => !EDIT_KIND.test(c.kind) && FAILURE_EVENT.test(c.description ?? ''));
}

export interface HypothesisInputs {
  assessments: DeployAssessment[];
  /** Evidence id of a detected recurrence, if any. */
  recurrenceEvidence?: string;
  /** Evidence ids of similar past incidents with the category their resolution suggests. */
  similar: Array<{ evidenceId: string; category?: Category }>;
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs.filter(Boolean))];
}

export function testHypotheses(ctx: AnalysisContext, input: HypothesisInputs): ScoredHypothesis[] {
  const { book, onset } = ctx;
  const rel = ctx.findings.filter((f) => f.evidenceId);
  const hs: ScoredHypothesis[] = [];
  const affected = affectedRegions(ctx);
  const similarFor = (c: Category) => input.similar.filter((s) => s.category === c).map((s) => s.evidenceId);

  // Traffic: a surge in request volume that starts no later than the symptoms.
  const trafficMetrics = ctx.findings.filter((f) => f.kind === 'traffic');
  const rising = rel.filter((f) => f.kind === 'traffic' && f.shift!.direction === 'up' && f.shift!.after >= 1.4 * Math.max(f.shift!.before, 1e-9) && f.shift!.at <= onset + 5 * MINUTE)
    .sort((a, b) => b.shift!.after / Math.max(b.shift!.before, 1e-9) - a.shift!.after / Math.max(a.shift!.before, 1e-9))[0];
  // Errors from a dependency that began before the volume rose: the extra requests are retries, not the cause.
  const depFirst = rising && ctx.spikes.some((p) => p.dependency && p.firstAt <= rising.shift!.at - MINUTE)
    && rel.some((f) => f.bad && f.kind === 'errors' && f.shift!.direction === 'up' && f.shift!.at <= rising.shift!.at - 2 * MINUTE);
  const retries = depFirst ? rising : undefined;
  const surge = depFirst ? undefined : rising;
  {
    const h: ScoredHypothesis = { category: 'traffic', statement: '', verdict: 'inconclusive', confidence: 0, evidence: [], score: 0, against: [] };
    if (retries) {
      h.against.push(retries.evidenceId!);
      h.statement = `Request volume rose ${num(retries.shift!.after / Math.max(retries.shift!.before, 1e-9))}× from ${toIso(retries.shift!.at)}, after dependency errors began: a consequence (retries), not the cause.`;
    } else if (surge) {
      const ratio = surge.shift!.after / Math.max(surge.shift!.before, 1e-9);
      h.score = 1.2 + 0.8 * Math.min(1, Math.log2(ratio) / 2);
      h.evidence.push(surge.evidenceId!);
      h.statement = `Request volume surged ${num(ratio)}× (${metricLabel(surge.metric)}) from ${toIso(surge.shift!.at)}, before or at the onset.`;
    } else if (trafficMetrics.length) {
      // Prefer the request count of the place that is affected (same location dimension values).
      const affectedValues = new Set([...ctx.where.affected.values()].flatMap((v) => [...v]));
      const steady = trafficMetrics.find((f) => Object.values(f.metric.dimensions ?? {}).some((v) => affectedValues.has(v))) ?? trafficMetrics[0];
      const id = book.add('metric', `${metricLabel(steady.metric)} shows no surge around the onset${steady.shift ? ` (${steady.shift.direction === 'up' ? 'rose' : 'fell'} ${num(steady.shift.before)} → ${num(steady.shift.after)} at ${toIso(steady.shift.at)})` : ' (no significant change)'}`, undefined, { metricId: steady.metric.id });
      h.against.push(id);
      h.statement = 'Request volume did not surge, so load growth does not explain the incident.';
    } else h.statement = 'No request-volume metric in the snapshot: a traffic surge cannot be tested.';
    hs.push(h);
  }

  // Code change: the best-scoring deploy.
  const live = input.assessments.filter((a) => !a.exonerated).sort((a, b) => b.score - a.score);
  const best = live[0];
  const configOnly = best && (best.deploy.commits ?? []).length > 0 && (best.deploy.commits ?? []).every((c) => (c.files ?? []).length > 0 && (c.files ?? []).every((f) => CONFIG_PATH.test(f.path)));
  {
    const h: ScoredHypothesis = { category: 'code-change', statement: '', verdict: 'inconclusive', confidence: 0, evidence: [], score: 0, against: [] };
    if (best && best.score >= 0.15 && !configOnly) {
      h.score = best.score * 2.2;
      h.evidence.push(...best.evidence, ...best.commits.flatMap((c) => c.evidence));
      h.evidence.push(...similarFor('code-change'));
      h.statement = `Deploy ${best.deploy.id} introduced the problem: ${best.reasons.join('; ')}.`;
    } else if (input.assessments.length) {
      h.against.push(...input.assessments.flatMap((a) => a.evidence.slice(0, 1)));
      const why = input.assessments.map((a) => `${a.deploy.id}: ${a.exonerated ?? (configOnly && a === best ? 'changes only configuration' : `${humanDuration(Math.abs(onset - a.at))} before the onset, nothing links it`)}`);
      h.statement = `No deploy explains the onset (${why.join('; ')}).`;
    } else h.statement = 'No deploy history in the snapshot: a code change cannot be tested.';
    hs.push(h);
  }

  // Capacity: a resource (database throughput, CPU, connection pool, memory) saturated.
  {
    const h: ScoredHypothesis = { category: 'capacity', statement: '', verdict: 'inconclusive', confidence: 0, evidence: [], score: 0, against: [] };
    const sat = rel.filter((f) => f.bad && ['throttle', 'cpu', 'connections', 'saturation', 'memory'].includes(f.kind));
    const dbLatency = rel.filter((f) => f.bad && f.resource === 'database' && f.kind === 'latency');
    const kinds = new Set(sat.map((f) => f.kind));
    let s = 0.5 * Math.min(3, kinds.size) + (dbLatency.length ? 0.3 : 0);
    const hot = sat.find((f) => f.kind === 'cpu' && /percent/i.test(f.metric.unit ?? '') && f.shift!.extreme >= 85);
    if (hot) s += 0.3;
    const capLogs = ctx.spikes.filter((p) => p.capacity || p.pool);
    if (capLogs.length) s += 0.4 + (capLogs.some((p) => p.pool) ? 0.2 : 0);
    h.evidence.push(...sat.map((f) => f.evidenceId!), ...dbLatency.map((f) => f.evidenceId!), ...capLogs.map((p) => p.evidenceId));
    h.evidence.push(...similarFor('capacity'));
    const what = [...kinds].map((k) => (k === 'throttle' ? 'throttling' : k === 'connections' ? 'connections' : k)).join(', ');
    // Capacity is usually the mechanism of another cause: a change that added load, a surge, a batch.
    const explainedByChange = best && (best.touchesResource || best.framesInDiff || best.startedDrift) && !best.reachedHealthyRegion && best.score >= 0.5;
    if (explainedByChange || surge) s *= 0.45;
    // Steady traffic and a deploy right before: the deploy most likely added the load the resource could not take.
    else if (best && best.score >= 0.5 && !best.reachedHealthyRegion && trafficMetrics.length) s *= 0.7;
    if (best?.reachedHealthyRegion && affected.length) s += 0.6;
    // Growth over days with no step and no surge: the workload outgrew the resource (data volume, table size).
    const drifts = surge ? [] : driftFindings(ctx).filter((f) => f.kind !== 'traffic' && f.kind !== 'errors');
    const trafficDrift = driftFindings(ctx).find((f) => f.kind === 'traffic' && f.drift!.direction === 'up');
    if (drifts.length) {
      s += 0.7 + 0.2 * Math.min(2, drifts.length - 1);
      h.evidence.push(...drifts.map((f) => f.driftEvidenceId!));
      if (trafficDrift) h.evidence.push(trafficDrift.driftEvidenceId!);
    }
    h.score = s;
    if (drifts.length && !sat.length && !capLogs.length) {
      const d = drifts[0].drift!;
      h.statement = `The workload outgrew its resources gradually: ${drifts.map((f) => metricLabel(f.metric)).slice(0, 3).join('; ')} ${drifts.length > 1 ? 'have' : 'has'} climbed steadily for ${humanDuration(d.to - d.from)} with no step` +
        `${trafficDrift ? ', as request volume grew' : trafficMetrics.length ? ' while request volume stayed level (data or work per request grew)' : ''}; no single change marks a start.`;
    } else if (s > 0) {
      const hotText = hot ? ` (CPU peaked at ${num(hot.shift!.extreme)}${unitSuffix(hot.metric.unit)})` : '';
      h.statement = `A resource ran out of capacity: ${what || 'saturation in the logs'}${hotText}${capLogs.some((p) => p.pool) ? ', connection pool exhausted' : ''}` +
        `${affected.length ? ` in ${affected.join(', ')}` : ''}${explainedByChange ? `, as a consequence of deploy ${best.deploy.id}` : surge ? ', under the surge' : ''}.`;
    } else h.statement = rel.length ? 'No resource shows saturation (no throttling, CPU, connection or pool exhaustion).' : 'No metric shifts to test resource saturation.';
    if (s === 0 && rel.length) h.against.push(...rel.slice(0, 2).map((f) => f.evidenceId!));
    hs.push(h);
  }

  // Dependency: errors calling something we do not own.
  {
    const dep = ctx.spikes.filter((p) => p.dependency);
    // Our own resources saturating, or a surge, explain errors that merely mention an upstream.
    const own = rel.filter((f) => f.bad && ['throttle', 'cpu', 'connections', 'locks', 'memory'].includes(f.kind));
    const h: ScoredHypothesis = { category: 'dependency', statement: '', verdict: 'inconclusive', confidence: 0, evidence: dep.map((p) => p.evidenceId), score: 0, against: [] };
    // A recorded failure of the infrastructure we call (a failover, an unhealthy instance) at the onset.
    const failed = failureEvents(ctx).filter((c) => Math.abs(toMs(c.at) - onset) <= 15 * MINUTE);
    if (dep.length) {
      h.score = (0.9 + 0.3 * Math.min(2, dep.length - 1) + (own.length ? 0 : 0.4) + (best?.touchesResource ? -0.3 : 0)) * (surge ? 0.5 : 1);
      h.evidence.push(...similarFor('dependency'));
      h.statement = `A dependency is failing: ${dep.length} error pattern${dep.length > 1 ? 's' : ''} about calls to another service (e.g. "${dep[0].pattern.template.slice(0, 120)}")`;
      if (retries) {
        h.evidence.push(retries.evidenceId!);
        h.statement += `; retries followed: request volume rose ${num(retries.shift!.after / Math.max(retries.shift!.before, 1e-9))}× from ${toIso(retries.shift!.at)}`;
      }
      if (failed.length) {
        h.score += 0.6;
        h.evidence.push(...failed.map((c) => changeEvidence(ctx, c.id)));
        h.statement += `; recorded at the onset: ${failed.map((c) => c.description ?? c.id).join('; ').slice(0, 160)}`;
      }
      h.statement += '.';
    } else {
      h.statement = ctx.logs ? 'No error pattern points at a failing dependency.' : 'No logs: a dependency failure cannot be tested.';
      // The errors that did appear are about something else: that argues against a dependency.
      h.against.push(...ctx.spikes.slice(0, 2).map((p) => p.evidenceId));
    }
    hs.push(h);
  }

  // Network: resets, timeouts, DNS, packet loss.
  {
    const net = ctx.spikes.filter((p) => p.network && !p.dependency);
    const netMetrics = rel.filter((f) => f.bad && f.resource === 'network');
    const h: ScoredHypothesis = { category: 'network', statement: '', verdict: 'inconclusive', confidence: 0, evidence: [...net.map((p) => p.evidenceId), ...netMetrics.map((f) => f.evidenceId!)], score: 0, against: [] };
    if (net.length || netMetrics.length) {
      h.score = (net.length ? 0.8 + 0.2 * Math.min(2, net.length - 1) : 0) + (netMetrics.length ? 0.5 : 0);
      h.statement = `Network errors appeared (${net.length} pattern${net.length === 1 ? '' : 's'} of resets, timeouts or name resolution${netMetrics.length ? ', network metrics shifted' : ''}).`;
    } else {
      h.statement = ctx.logs ? 'No network error pattern (resets, DNS, unreachable) appeared.' : 'No logs: network errors cannot be tested.';
      h.against.push(...ctx.spikes.slice(0, 2).map((p) => p.evidenceId));
    }
    hs.push(h);
  }

  // Schedule: a batch or cron job that coincides with the onset, possibly recurring.
  {
    const h: ScoredHypothesis = { category: 'schedule', statement: '', verdict: 'inconclusive', confidence: 0, evidence: [], score: 0, against: [] };
    const jobs = (ctx.snapshot.changes ?? []).filter((c) => (SCHEDULE_KIND.test(c.kind) || SCHEDULE_TEXT.test(c.description ?? '')) && !/flag|feature/i.test(c.kind) && Math.abs(toMs(c.at) - onset) <= 30 * MINUTE);
    const jobLogs = ctx.spikes.filter((p) => p.schedule);
    const locks = ctx.spikes.filter((p) => p.locks);
    const lockMetrics = rel.filter((f) => f.kind === 'locks' && f.bad);
    let s = 0;
    if (jobs.length) s += 0.9;
    if (jobLogs.length) s += 0.4;
    if (input.recurrenceEvidence) s += 1.0;
    const d = new Date(onset);
    const roundTime = d.getUTCMinutes() <= 2 || d.getUTCMinutes() >= 58;
    if (s > 0 && roundTime) s += 0.2;
    if (s > 0 && (locks.length || lockMetrics.length)) s += 0.3;
    h.score = s;
    h.evidence.push(...jobs.map((c) => changeEvidence(ctx, c.id)), ...jobLogs.map((p) => p.evidenceId));
    if (input.recurrenceEvidence) h.evidence.push(input.recurrenceEvidence);
    if (s > 0) h.evidence.push(...locks.map((p) => p.evidenceId), ...lockMetrics.map((f) => f.evidenceId!), ...similarFor('schedule'));
    h.statement = s > 0
      ? `A scheduled job coincides with the onset${jobs.length ? ` (${jobs.map((c) => c.description ?? c.id).join('; ').slice(0, 160)})` : ''}${input.recurrenceEvidence ? ' and the incident recurs on a schedule' : ''}${locks.length || lockMetrics.length ? '; lock contention shows it competes with live traffic' : ''}.`
      : 'No batch job, cron or recurrence coincides with the onset.';
    hs.push(h);
  }

  // Config / feature flag: a configuration change shortly before the onset.
  {
    const h: ScoredHypothesis = { category: 'config', statement: '', verdict: 'inconclusive', confidence: 0, evidence: [], score: 0, against: [] };
    const events = failureEvents(ctx);
    const cfg = (ctx.snapshot.changes ?? []).filter((c) => CONFIG_KIND.test(c.kind) && !SCHEDULE_KIND.test(c.kind) && !events.includes(c));
    const before = cfg.filter((c) => toMs(c.at) <= onset + 2 * MINUTE && onset - toMs(c.at) <= 6 * 3600_000)
      .filter((c) => !c.region || !affected.length || affected.includes(c.region));
    const cfgLogs = ctx.spikes.filter((p) => p.config);
    let s = 0;
    for (const c of before) s = Math.max(s, 0.3 + 1.2 * Math.exp(-Math.max(0, onset - toMs(c.at)) / (45 * MINUTE)));
    if (configOnly && best) {
      s = Math.max(s, best.score * 2.2);
      h.evidence.push(...best.evidence);
    }
    if (cfgLogs.length) s += 0.5;
    h.score = s;
    h.evidence.push(...before.map((c) => changeEvidence(ctx, c.id)), ...cfgLogs.map((p) => p.evidenceId), ...similarFor('config'));
    const after = cfg.filter((c) => toMs(c.at) > onset + 2 * MINUTE);
    if (!s && after.length) h.against.push(...after.map((c) => changeEvidence(ctx, c.id)));
    h.statement = s > 0
      ? `A configuration change preceded the onset${before.length ? `: ${before.map((c) => `${c.kind} ${c.description ?? c.id}`).join('; ').slice(0, 160)}` : configOnly ? `: deploy ${best!.deploy.id} changes only configuration files` : ''}.`
      : ctx.snapshot.changes ? 'No configuration or feature-flag change preceded the onset.' : 'No change log in the snapshot: config and feature-flag changes cannot be tested.';
    hs.push(h);
  }

  // Similar past incidents vote (weakly) for the category their fix suggests.
  for (const h of hs) if (h.score > 0) h.score += 0.15 * similarFor(h.category).length;
  return hs;
}

const changeIds = new WeakMap<object, Map<string, string>>();

/** One evidence entry per change, shared by every hypothesis that cites it. */
export function changeEvidence(ctx: AnalysisContext, changeId: string): string {
  let m = changeIds.get(ctx);
  if (!m) changeIds.set(ctx, (m = new Map()));
  const existing = m.get(changeId);
  if (existing) return existing;
  const c = (ctx.snapshot.changes ?? []).find((x) => x.id === changeId)!;
  const dt = toMs(c.at) - ctx.onset;
  const id = ctx.book.add('change', `${c.kind} change ${c.id}${c.region ? ` in ${c.region}` : ''}: ${c.description ?? ''} (${humanDuration(dt)} ${dt <= 0 ? 'before' : 'after'} the onset)`.trim(), c.at, { changeId: c.id });
  m.set(changeId, id);
  return id;
}

