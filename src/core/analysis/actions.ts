// Actions now and later, each justified by the evidence that calls for it.
import type { Action, Localisation } from '../model/report';
import { databaseImplicated, driftFindings, type AnalysisContext } from './context';
import type { Decision } from './confidence';
import type { ScoredHypothesis } from './hypotheses';
import type { DeployAssessment } from './suspects';
import { shortSha } from './format';
import { revertOf } from './reverts';
import { STORAGE_NAME, STORAGE_TEXT } from './signals';

export interface ActionInputs {
  decision: Decision;
  hypotheses: ScoredHypothesis[];
  assessments: DeployAssessment[];
  localisation?: Localisation;
  /** Similar past incidents with a resolution: "what fixed it last time". */
  similar: Array<{ evidenceId: string; ticketId: string; resolution?: string }>;
}

export function proposeActions(ctx: AnalysisContext, input: ActionInputs): Action[] {
  const out: Action[] = [];
  const push = (a: Action) => {
    if (a.evidence.length && !out.some((x) => x.kind === a.kind && x.horizon === a.horizon && x.title === a.title)) out.push(a);
  };
  const h = (c: string) => input.hypotheses.find((x) => x.category === c)!;
  const root = input.decision.category;
  const supported = (c: string) => h(c).verdict === 'supported' || root === c;
  const rel = ctx.findings.filter((f) => f.evidenceId && f.bad);
  const dbIds = databaseImplicated(ctx);
  const throttle = rel.filter((f) => f.kind === 'throttle').map((f) => f.evidenceId!).concat(ctx.spikes.filter((p) => p.capacity && /throttl|throughput ?exceeded|capacity|rate exceeded/i.test(p.pattern.template)).map((p) => p.evidenceId));
  const cpu = rel.filter((f) => f.kind === 'cpu' || f.kind === 'memory').map((f) => f.evidenceId!);
  const pool = ctx.spikes.filter((p) => p.pool).map((p) => p.evidenceId).concat(rel.filter((f) => f.kind === 'connections').map((f) => f.evidenceId!));
  const loc = input.localisation;
  const where = loc ? ` in ${loc.value}` : '';

  // Immediate.
  const best = input.assessments.filter((a) => !a.exonerated).sort((a, b) => b.score - a.score)[0];
  const undone = root === 'code-change' && best ? revertOf(ctx.snapshot.deploys ?? [], best.deploy) : undefined;
  if (undone) {
    const undoEv = input.assessments.find((a) => a.deploy === undone)?.evidence[0];
    push({ kind: 'verify-rollback', horizon: 'immediate', title: `Confirm recovery: ${undone.id} already undid ${best.deploy.id} at ${undone.at}`,
      detail: `Do not roll back again; check that errors and latency returned to their baseline after ${undone.id}, and keep ${best.deploy.id} out until it is fixed.`,
      evidence: [...best.evidence.slice(0, 2), ...(undoEv ? [undoEv] : [])] });
    push({ kind: 'fix-forward', horizon: 'long-term', title: `Fix the change in ${best.deploy.id} and re-land it with a test for this failure`,
      detail: 'Reproduce the failure from the stack traces in a test, fix it, and re-deploy through a canary.', evidence: best.evidence.slice(0, 3) });
  } else if (root === 'code-change' && best) {
    const prev = best.deploy.previousRef ?? previousDeployRef(ctx, best);
    push({ kind: 'rollback', horizon: 'immediate', title: `Roll back ${best.deploy.id}${prev ? ` to ${prev}` : ' to the previous release'}`,
      detail: `The evidence implicates ${best.deploy.id}; rolling back${prev ? ` to ${shortSha(prev)}` : ''} removes the change while the fix is prepared.`, evidence: best.evidence.slice(0, 3) });
  }
  // Only a deploy the evidence links to the load (not merely the latest one, days old) is worth pausing.
  if (best && best.score >= 0.3 && (root === 'capacity' || (loc && best.reachedHealthyRegion))) {
    push({ kind: 'rollout', horizon: 'immediate', title: `Pause the rollout of ${best.deploy.id}${where} and continue more slowly`,
      detail: 'Roll out region by region behind a canary so the next region\'s capacity can be checked before it takes the new load.', evidence: best.evidence.slice(0, 2) });
  }
  if (throttle.length && (supported('capacity') || supported('code-change') || supported('traffic'))) {
    push({ kind: 'scale', horizon: 'immediate', title: `Raise the throttled capacity${where} and enable autoscaling`,
      detail: 'Requests are being throttled: raise provisioned throughput (or switch to on-demand) and turn on autoscaling so load spikes do not fail.', evidence: throttle.slice(0, 3) });
  }
  if (cpu.length && (supported('capacity') || supported('traffic'))) {
    push({ kind: 'scale', horizon: 'immediate', title: `Scale up the saturated ${dbIds.length ? 'database' : 'compute'}${where}`,
      detail: dbIds.length ? 'Move to a larger instance class or add a read replica for read traffic.' : 'Add instances or raise the autoscaling maximum.', evidence: cpu.slice(0, 3) });
  }
  const storage = rel.filter((f) => STORAGE_NAME.test(f.metric.name ?? '')).map((f) => f.evidenceId!)
    .concat(ctx.spikes.filter((p) => STORAGE_TEXT.test(`${p.pattern.template}\n${p.pattern.example}`)).map((p) => p.evidenceId));
  if (storage.length && (supported('capacity') || root === 'unknown')) {
    push({ kind: 'scale', horizon: 'immediate', title: `Grow the full storage${where} and free space now`,
      detail: 'Raise the allocated storage (or turn on storage autoscaling), remove or archive what filled it (old logs, temporary tables, unconsumed replication slots), and alarm on free space long before it reaches zero.', evidence: storage.slice(0, 3) });
  }
  if (pool.length && (supported('capacity') || supported('code-change') || supported('schedule'))) {
    push({ kind: 'config', horizon: 'immediate', title: 'Tune the connection pool',
      detail: 'The pool is exhausted: cap per-instance pool size against the database\'s max connections, shorten acquire timeouts so requests fail fast, or put a connection proxy in front.', evidence: pool.slice(0, 3) });
  }
  if (root === 'traffic' || h('traffic').verdict === 'supported') {
    push({ kind: 'scale', horizon: 'immediate', title: 'Scale out for the surge and shed excess load',
      detail: 'Raise capacity (instances, concurrency, provisioned throughput) and apply rate limiting or load shedding for non-critical callers.', evidence: h('traffic').evidence.slice(0, 2) });
  }
  if (root === 'config' || h('config').verdict === 'supported') {
    const flag = (ctx.snapshot.changes ?? []).some((c) => /flag|feature|toggle/i.test(c.kind));
    push({ kind: flag ? 'feature-flag' : 'config', horizon: 'immediate', title: flag ? 'Disable the feature flag that changed before the onset' : 'Revert the configuration change that preceded the onset',
      detail: 'Reverting the most recent change is the fastest way to confirm or rule it out.', evidence: h('config').evidence.slice(0, 2) });
  }
  if (root === 'schedule' || h('schedule').verdict === 'supported') {
    push({ kind: 'reschedule-job', horizon: 'immediate', title: 'Move the batch job off the peak, or run it against a read replica',
      detail: 'The job competes with live requests for the same data; pause or reschedule it now, or point its reads at a replica.', evidence: h('schedule').evidence.slice(0, 3) });
  }
  if (root === 'dependency' || h('dependency').verdict === 'supported') {
    push({ kind: 'failover', horizon: 'immediate', title: 'Fail over or degrade gracefully around the failing dependency',
      detail: 'Open the circuit breaker or serve a fallback, check the provider\'s status page, and fail over to another endpoint or region if one exists.', evidence: h('dependency').evidence.slice(0, 2) });
  }
  if (root === 'network' || h('network').verdict === 'supported') {
    push({ kind: 'network', horizon: 'immediate', title: 'Check network paths, DNS and security groups between the service and its peers',
      detail: 'Resets and timeouts point at the network path: compare with other zones and fail over traffic away from the bad one.', evidence: h('network').evidence.slice(0, 2) });
  }
  const drifts = driftFindings(ctx).filter((f) => f.kind !== 'traffic' && f.kind !== 'errors').map((f) => f.driftEvidenceId!);
  if (drifts.length && root === 'capacity') {
    push({ kind: 'scale', horizon: 'immediate', title: `Buy headroom now for the resource that grew${where}`,
      detail: 'The load climbed for days without a step: scale the database or service up (or add a read replica) to get back under the alarm while the growth is dealt with.', evidence: drifts.slice(0, 3) });
  }
  for (const s of input.similar.filter((x) => x.resolution).slice(0, 2)) {
    push({ kind: 'past-fix', horizon: 'immediate', title: `Check what fixed ${s.ticketId}: ${s.resolution!.slice(0, 120)}`,
      detail: 'A similar past incident was resolved this way.', evidence: [s.evidenceId] });
  }

  // Long-term.
  if ((root === 'code-change' || root === 'capacity' || root === 'schedule') && dbIds.length) {
    const why = best?.touchesResource ? best.commits.filter((c) => c.evidence.length).flatMap((c) => c.evidence).slice(0, 2) : dbIds.slice(0, 2);
    push({ kind: 'query-optimisation', horizon: 'long-term', title: 'Optimise the queries the incident exercised',
      detail: 'Batch per-item lookups, avoid queries in loops, read only needed attributes; check access patterns against keys and indexes.', evidence: why });
    const dbLatency = rel.filter((f) => f.resource === 'database' && f.kind === 'latency').map((f) => f.evidenceId!)
      .concat(driftFindings(ctx).filter((f) => f.resource === 'database' && f.kind === 'latency').map((f) => f.driftEvidenceId!));
    if (dbLatency.length) push({ kind: 'index', horizon: 'long-term', title: 'Review indexes for the slow queries',
      detail: 'Database latency rose: confirm the new or heavier queries use an index (or a secondary index) rather than scans.', evidence: dbLatency.slice(0, 2) });
  }
  if (root === 'code-change' && best) {
    push({ kind: 'load-test', horizon: 'long-term', title: 'Load-test releases before they deploy',
      detail: 'Run a production-like load test in the pipeline and deploy through a canary with automatic rollback on latency or error alarms.', evidence: best.evidence.slice(0, 2) });
  }
  if (root === 'capacity' || root === 'traffic' || (loc && supported('capacity'))) {
    push({ kind: 'capacity-planning', horizon: 'long-term', title: loc ? `Plan capacity per region (${loc.value} first)` : 'Plan capacity for peak load',
      detail: 'Size each region for its own peak and for new features rolled out there; set autoscaling and alarms on saturation before it hurts.', evidence: [...(loc?.evidence ?? []), ...h('capacity').evidence].slice(0, 3) });
  }
  if (root === 'traffic') push({ kind: 'load-test', horizon: 'long-term', title: 'Load-test at the observed peak', detail: 'Confirm the service holds the surge with headroom.', evidence: h('traffic').evidence.slice(0, 2) });
  if (root === 'schedule') {
    push({ kind: 'separate-workloads', horizon: 'long-term', title: 'Separate the batch workload from live traffic',
      detail: 'Run batch jobs on their own replica or store, or process in small chunks with back-off, so they cannot contend with requests.', evidence: h('schedule').evidence.slice(0, 3) });
  }
  if (root === 'dependency') push({ kind: 'resilience', horizon: 'long-term', title: 'Harden calls to the dependency',
    detail: 'Timeouts, retries with backoff and jitter, a circuit breaker and a fallback; agree an SLA and alerting with its owner.', evidence: h('dependency').evidence.slice(0, 2) });
  if (root === 'config') push({ kind: 'change-safety', horizon: 'long-term', title: 'Roll out configuration and flags gradually with automatic rollback',
    detail: 'Stage flag and config changes by region or percentage and tie them to alarms.', evidence: h('config').evidence.slice(0, 2) });
  return out;
}

function previousDeployRef(ctx: AnalysisContext, a: DeployAssessment): string | undefined {
  const earlier = (ctx.snapshot.deploys ?? [])
    .filter((d) => d !== a.deploy && Date.parse(d.at) < a.at && (!a.deploy.region || !d.region || d.region === a.deploy.region) && (!a.deploy.service || !d.service || d.service === a.deploy.service))
    .sort((x, y) => Date.parse(y.at) - Date.parse(x.at))[0];
  return earlier ? earlier.ref ?? earlier.id : undefined;
}
