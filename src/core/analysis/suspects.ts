// Scores each deploy as a suspect the way an on-call engineer weighs it: timing, what appeared after it,
// stack frames in its files, whether its code touches the failing resource, region/service match, and
// competing explanations. A deploy after the onset, or only in unaffected regions, is not the cause.
import type { Suspect } from '../model/report';
import type { ChangedFile, Commit, Deploy } from '../model/snapshot';
import { affectedRegions, databaseImplicated, dependencyImplicated, healthyRegions, type AnalysisContext } from './context';
import { shortSha } from './format';
import { DB_CODE, DEPENDENCY_CODE, LOOP_CODE } from './signals';
import { toSeries } from './changePoint';
import type { MetricFinding } from './metricFindings';
import { mad, median } from './robust';
import { appFrames, changedFilesHit } from './stackEvidence';
import { HOUR, humanDuration, MINUTE, toIso, toMs } from './time';

export interface DeployAssessment {
  deploy: Deploy;
  at: number;
  score: number;
  evidence: string[];
  reasons: string[];
  /** Why it cannot be the cause (after the onset, unaffected region), when so. */
  exonerated?: string;
  touchesResource: boolean;
  framesInDiff: boolean;
  commits: Array<{ commit: Commit; score: number; evidence: string[]; reasons: string[] }>;
  /** The same ref also went to regions that stayed healthy. */
  reachedHealthyRegion: boolean;
  /** A resource began drifting right after it (a leak, a filling disk) and grew into the incident. */
  startedDrift: boolean;
}

/** Tolerance for clock skew between the deploy system and the metrics. */
const AFTER_TOLERANCE = 2 * MINUTE;
const PROXIMITY_TAU = 45 * MINUTE;
const SITE_DIM = /region|zone|^az$|availabilityzone|datacenter/i;
const RESOURCE_KINDS: ReadonlySet<string> = new Set(['memory', 'cpu', 'connections', 'saturation', 'throttle', 'locks']);
/** A leading shift counts when it starts within this long after a deploy… */
const LEAD_WINDOW = 15 * MINUTE;
/** …and this long before the onset (else it is the onset itself). */
const LEAD_MIN_GAP = 20 * MINUTE;
/** A shift of the deployed service's own metric this soon after the deploy is read as the deploy's doing. */
const OWN_SHIFT_WINDOW = 5 * MINUTE;
/** A drift that began this long before a deploy was not started by it. */
const DRIFT_BEFORE = 24 * HOUR;

function addedLines(f: ChangedFile): string {
  if (!f.patch) return '';
  return f.patch.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).map((l) => l.slice(1)).join('\n');
}

function isTrivialFile(path: string): boolean {
  return /(^|\/)(package(-lock)?\.json|yarn\.lock|pnpm-lock\.yaml|CHANGELOG|README|VERSION|\.github\/|docs?\/)|\.(md|txt|lock)$|(^|\/)(test|tests|__tests__|spec)\/|\.(test|spec)\.[a-z]+$/i.test(path);
}

/** Documentation and tests: files a release ships without running them (build and dependency files excluded). */
function isDocOrTest(path: string): boolean {
  return /(^|\/)(docs?|tests?|__tests__|specs?)\/|(^|\/)(README|CHANGELOG|CONTRIBUTING|AUTHORS)[^/]*$|\.(md|markdown|rst|adoc)$|[._-](test|spec)\.[a-z]+$/i.test(path);
}

interface CodeTouch {
  db: boolean;
  dbInLoop: boolean;
  dependency: boolean;
  files: string[];
  /** A pool, concurrency or size limit the diff lowers, e.g. "max: 40 → 5". */
  lowered?: string;
}

/** Settings whose lowering starves the service of a resource. */
const LIMIT_KEY = /pool|max|limit|size|conn|concurren|capacity|thread|worker|replica|quota|slots?\b|parallel/i;
const ASSIGNED_NUMBER = /^\s*([\w.\-"' ]*?[\w"'])\s*[:=]\s*(\d+(?:_\d{3})*)\s*[,;]?\s*(?:\/\/.*|#.*)?$/;

/** A limit the patch lowers: a removed "key: N" line and an added "key: M" line with M < N. */
function loweredLimit(f: ChangedFile): string | undefined {
  if (!f.patch) return undefined;
  const removed = new Map<string, number>();
  const added: Array<[string, number]> = [];
  for (const line of f.patch.split('\n')) {
    if (line.startsWith('---') || line.startsWith('+++')) continue;
    const m = ASSIGNED_NUMBER.exec(line.slice(1));
    if (!m || !LIMIT_KEY.test(m[1])) continue;
    const key = m[1].replace(/["']/g, '').trim().toLowerCase();
    const n = Number(m[2].replace(/_/g, ''));
    if (line.startsWith('-')) removed.set(key, n);
    else if (line.startsWith('+')) added.push([key, n]);
  }
  for (const [key, n] of added) {
    const was = removed.get(key);
    if (was !== undefined && n < was) return `${key} ${was} → ${n}`;
  }
  return undefined;
}

function codeTouch(c: Commit): CodeTouch {
  const t: CodeTouch = { db: false, dbInLoop: false, dependency: false, files: [] };
  for (const f of c.files ?? []) {
    if (isTrivialFile(f.path)) continue;
    const added = addedLines(f);
    const db = DB_CODE.test(added) || (!f.patch && /(repositor|dao|model|query|queries|db|database|sql|migration)/i.test(f.path));
    if (db) {
      t.db = true;
      t.files.push(f.path);
      if (LOOP_CODE.test(added)) t.dbInLoop = true;
    }
    const lowered = loweredLimit(f);
    if (lowered && !t.lowered) {
      t.lowered = `${lowered} in ${f.path}`;
      if (!t.files.includes(f.path)) t.files.push(f.path);
    }
    if (DEPENDENCY_CODE.test(added)) {
      t.dependency = true;
      if (!t.files.includes(f.path)) t.files.push(f.path);
    }
  }
  return t;
}

export function assessDeploys(ctx: AnalysisContext): DeployAssessment[] {
  const deploys = ctx.snapshot.deploys ?? [];
  const onset = ctx.onset;
  const affected = affectedRegions(ctx);
  const healthy = healthyRegions(ctx);
  const dbIds = databaseImplicated(ctx);
  const depIds = dependencyImplicated(ctx);
  const traffic = ctx.findings.find((f) => f.evidenceId && f.kind === 'traffic' && f.shift!.direction === 'up' && f.shift!.after >= 1.4 * f.shift!.before);
  const frames = appFrames(ctx.spikes);
  // Evidence of an exhausted pool or limit (log patterns, saturated metrics): what a lowered limit would cause.
  const exhausted = [
    ...ctx.spikes.filter((p) => p.pool || p.capacity).map((p) => p.evidenceId),
    ...ctx.findings.filter((f) => f.evidenceId && f.bad && (f.kind === 'connections' || f.kind === 'throttle' || f.kind === 'saturation')).map((f) => f.evidenceId!),
  ];
  const service = ctx.snapshot.incident.service;

  const out: DeployAssessment[] = [];
  for (const deploy of deploys) {
    const at = toMs(deploy.at);
    const a: DeployAssessment = { deploy, at, score: 0, evidence: [], reasons: [], touchesResource: false, framesInDiff: false, commits: [], reachedHealthyRegion: false, startedDrift: false };
    const where = deploy.region ? ` to ${deploy.region}` : '';
    const nCommits = deploy.commits?.length ?? 0;
    if (at > onset + AFTER_TOLERANCE) {
      a.exonerated = `deployed ${humanDuration(at - onset)} after the onset`;
      a.evidence.push(ctx.book.add('deploy', `Deploy ${deploy.id}${where} finished ${toIso(at)}, ${humanDuration(at - onset)} after the onset: it cannot have caused it`, deploy.at, { deployId: deploy.id }));
      out.push(a);
      continue;
    }
    if (deploy.region && affected.length && !affected.includes(deploy.region)) {
      a.exonerated = `deployed to ${deploy.region}, which is not affected`;
      a.evidence.push(ctx.book.add('deploy', `Deploy ${deploy.id} went to ${deploy.region} only; the anomaly is in ${affected.join(', ')}`, deploy.at, { deployId: deploy.id }));
      out.push(a);
      continue;
    }
    const files = (deploy.commits ?? []).map((c) => c.files);
    if (files.length && files.every((f) => f?.length && f.every((x) => isDocOrTest(x.path)))) {
      a.exonerated = 'changes only documentation and tests';
      a.evidence.push(ctx.book.add('deploy', `Deploy ${deploy.id} changes only documentation and tests (${files.flat().map((f) => f!.path).slice(0, 4).join(', ')}): it ships no code that runs`, deploy.at, { deployId: deploy.id }));
      out.push(a);
      continue;
    }
    const onsetGap = Math.max(0, onset - at);
    const deployEv = ctx.book.add('deploy', `Deploy ${deploy.id}${where} finished ${toIso(at)}, ${humanDuration(onsetGap)} before the onset (${nCommits} commit${nCommits === 1 ? '' : 's'})`, deploy.at, { deployId: deploy.id });
    a.evidence.push(deployEv);
    a.reasons.push(`${humanDuration(onsetGap)} before the onset`);
    // A slow fault (a leak, a filling disk) starts with the deploy and crosses an alarm only hours later: a bad
    // shift that began just after the deploy and well before the onset dates the fault better than the onset.
    let lead: { f: MetricFinding; at: number } | undefined;
    if (onsetGap > LEAD_MIN_GAP) {
      for (const f of ctx.findings) {
        if (!f.evidenceId || !f.bad || f.kind === 'traffic' || f.shift!.at < at - LEAD_WINDOW || f.shift!.at >= onset - LEAD_MIN_GAP) continue;
        const dep = departure(f, at, onset);
        if (dep !== undefined && dep <= at + LEAD_WINDOW && (!lead || dep < lead.at)) lead = { f, at: dep };
      }
    }
    const dt = lead ? Math.max(0, lead.at - at) : onsetGap;
    const proximity = Math.exp(-dt / PROXIMITY_TAU);
    let score = 0.4 * proximity;
    if (lead) {
      a.evidence.push(lead.f.evidenceId!);
      a.reasons.push(`the first symptom (${lead.f.metric.name}) began ${humanDuration(dt)} after it and grew into the incident`);
      // Steady load and a resource that starts drifting with the deploy: the deploy set the drift going.
      if (!traffic && RESOURCE_KINDS.has(lead.f.kind)) {
        a.startedDrift = true;
        score += 0.15;
      }
    }

    // The deployed service's own metric stepped the moment the release went out, under steady traffic: the release
    // changed how the service behaves (a slower call per request, more work per message) even before any alarm.
    if (!lead && !traffic && deploy.service) {
      const own = ctx.findings.find((f) => f.evidenceId && f.bad && f.kind !== 'traffic' && f.kind !== 'errors' && f.shift!.at >= at - AFTER_TOLERANCE && f.shift!.at <= at + OWN_SHIFT_WINDOW &&
        Object.values(f.metric.dimensions ?? {}).some((v) => v === deploy.service));
      if (own) {
        score += 0.12;
        a.evidence.push(own.evidenceId!);
        a.reasons.push(`${own.metric.name} of ${deploy.service} itself shifted ${humanDuration(Math.max(0, own.shift!.at - at))} after it`);
      }
    }

    // Error patterns that first appeared after this deploy (and not before it).
    // Only meaningful when the logs reach back before the deploy: otherwise "absent before" is unknown.
    const logsBefore = ctx.logs !== undefined && ctx.logs.firstAt < at - 5 * MINUTE;
    const newAfter = logsBefore ? ctx.spikes.filter((s) => s.isNew && s.firstAt >= at - MINUTE && s.firstAt <= onset + HOUR) : [];
    if (newAfter.length) {
      score += 0.15 * Math.exp(-dt / (6 * HOUR));
      a.evidence.push(...newAfter.slice(0, 3).map((s) => s.evidenceId));
      a.reasons.push(`${newAfter.length} new error pattern${newAfter.length > 1 ? 's' : ''} since the deploy`);
    }
    if (deploy.region && affected.includes(deploy.region)) {
      score += 0.05;
      a.reasons.push(`region ${deploy.region} is the affected one`);
    }
    if (service && deploy.service && deploy.service !== service) {
      score *= 0.6;
      a.reasons.push(`deploys ${deploy.service}, not ${service}`);
    }

    let bestTouch = 0;
    const hitPaths = changedFilesHit(frames, deploy);
    for (const c of deploy.commits ?? []) {
      const cs = { commit: c, score: 0, evidence: [] as string[], reasons: [] as string[] };
      const touch = codeTouch(c);
      const subject = (c.message ?? '').split('\n')[0];
      const label = `${shortSha(c.sha)}${subject ? ` "${subject}"` : ''}`;
      const changed = new Set((c.files ?? []).map((f) => f.path.replace(/\\/g, '/').replace(/^\.\//, '')));
      const hit = frames.filter((_, i) => hitPaths[i] !== undefined && changed.has(hitPaths[i]!));
      if (hit.length) {
        const files = [...new Set(hit.map((h) => `${h.frame.file}${h.frame.line ? `:${h.frame.line}` : ''}`))].slice(0, 3);
        cs.evidence.push(ctx.book.add('stack-trace', `Stack frames of the new errors point at ${files.join(', ')}, changed by commit ${label} in ${deploy.id}`, c.at, { deployId: deploy.id, commit: c.sha }));
        cs.evidence.push(...new Set(hit.map((h) => h.evidenceId)));
        cs.score += 0.5;
        cs.reasons.push('stack frames in its files');
        a.framesInDiff = true;
      }
      if (touch.db && dbIds.length) {
        const how = touch.dbInLoop ? 'adds database calls inside a loop (N+1 pattern)' : 'changes database access code';
        cs.evidence.push(ctx.book.add('commit', `Commit ${label} in ${deploy.id} ${how} in ${touch.files.slice(0, 3).join(', ')}; the failing resource is the database`, c.at, { deployId: deploy.id, commit: c.sha }));
        cs.evidence.push(...dbIds.slice(0, 2));
        cs.score += touch.dbInLoop ? 0.4 : 0.3;
        cs.reasons.push(how);
        a.touchesResource = true;
      } else if (touch.lowered && exhausted.length) {
        cs.evidence.push(ctx.book.add('commit', `Commit ${label} in ${deploy.id} lowers a limit (${touch.lowered}); the errors show that resource exhausted`, c.at, { deployId: deploy.id, commit: c.sha }));
        cs.evidence.push(...exhausted.slice(0, 2));
        cs.score += 0.4;
        cs.reasons.push(`lowers a limit (${touch.lowered})`);
        a.touchesResource = true;
      } else if (touch.dependency && depIds.length) {
        cs.evidence.push(ctx.book.add('commit', `Commit ${label} in ${deploy.id} changes calls to an external service in ${touch.files.slice(0, 3).join(', ')}; errors point at a dependency`, c.at, { deployId: deploy.id, commit: c.sha }));
        cs.evidence.push(...depIds.slice(0, 2));
        cs.score += 0.25;
        cs.reasons.push('changes calls to the failing dependency');
        a.touchesResource = true;
      }
      const substantive = (c.files ?? []).filter((f) => !isTrivialFile(f.path)).length;
      if (substantive) cs.score += 0.05;
      bestTouch = Math.max(bestTouch, cs.score);
      a.commits.push(cs);
    }
    // A deploy that ran for many hours without the anomaly gets little credit for touching the same code.
    const stale = 0.3 + 0.7 * Math.exp(-dt / (6 * HOUR));
    score += Math.min(0.45, bestTouch * 0.6) * stale;
    if (a.framesInDiff) a.reasons.push('stack frames in files it changed');
    if (a.touchesResource) a.reasons.push('its code touches the failing resource');

    // Competing explanations.
    if (traffic && traffic.shift!.at < at) {
      score *= 0.4;
      a.evidence.push(traffic.evidenceId!);
      a.reasons.push('traffic was already rising before it');
    }
    // The symptoms were already climbing for days before it, and nothing stepped after it: it did not start them.
    const drifting = ctx.findings.find((f) => f.driftEvidenceId && f.kind !== 'traffic' && f.drift!.from < at - DRIFT_BEFORE);
    if (drifting && !ctx.findings.some((f) => f.evidenceId && f.bad && f.kind !== 'traffic' && f.shift!.at >= at - AFTER_TOLERANCE)) {
      score *= 0.5;
      a.evidence.push(drifting.driftEvidenceId!);
      a.reasons.push(`${drifting.metric.name} was already climbing ${humanDuration(at - drifting.drift!.from)} before it`);
    }
    const laterChange = (ctx.snapshot.changes ?? []).find((ch) => {
      const t = toMs(ch.at);
      return t > at && t <= onset + AFTER_TOLERANCE && (!ch.region || !affected.length || affected.includes(ch.region));
    });
    if (laterChange) {
      score *= 0.75;
      a.reasons.push(`change ${laterChange.id} (${laterChange.kind}) came later, closer to the onset`);
    }
    if (depIds.length && !a.touchesResource && !a.framesInDiff) {
      score *= 0.6;
      a.reasons.push('the errors point at a dependency its code does not touch');
    }
    a.score = Math.min(1, score);
    out.push(a);
  }
  // The same ref deployed to a region that stayed healthy: the code alone does not explain the anomaly.
  for (const a of out) {
    if (a.exonerated || !a.deploy.ref) continue;
    const twins = out.filter((b) => b !== a && b.deploy.ref === a.deploy.ref && b.deploy.region && healthy.includes(b.deploy.region) && b.at <= onset);
    if (twins.length) {
      a.reachedHealthyRegion = true;
      a.score *= 0.6;
      a.reasons.push(`the same ref runs in ${twins.map((t) => t.deploy.region).join(', ')} without the anomaly`);
      a.evidence.push(...twins.flatMap((t) => t.evidence.slice(0, 1)));
    }
  }
  // The anomaly sits in one zone, cell or region while its siblings stay healthy, and this deploy is not scoped to
  // it: the same code runs where nothing went wrong (a deploy is region-wide at most, so a zone-level anomaly
  // always has such siblings).
  const loc = ctx.where.localisation;
  // Zones and regions only: a cluster or cell may run only some services, so its siblings need not run this code.
  if (loc && SITE_DIM.test(loc.dimension)) {
    const carriers = loc.value.split(', ');
    const siblings = [...(ctx.where.healthy.get(loc.dimension) ?? [])].filter((v) => !carriers.includes(v));
    const regionLevel = /region/i.test(loc.dimension);
    for (const a of out) {
      if (a.exonerated || a.reachedHealthyRegion || !siblings.length) continue;
      if (regionLevel && a.deploy.region) continue;
      a.score *= 0.6;
      a.reasons.push(`the same code runs in ${siblings.join(', ')}, which stayed healthy`);
      a.evidence.push(loc.evidence[0]);
    }
  }
  return out;
}

/**
 * When a metric left its pre-deploy band for good (epoch ms): the first point from which it stays out of the band
 * until the onset. Undefined when it was already drifting before the deploy or never left.
 */
function departure(f: MetricFinding, deployAt: number, onset: number): number | undefined {
  const { t, v } = toSeries(f.metric.points ?? [], f.times);
  const base: number[] = [];
  for (let i = 0; i < t.length && t[i] < deployAt; i++) base.push(v[i]);
  if (base.length < 10) return undefined;
  const med = median(base);
  const band = 3 * Math.max(mad(base, 0, base.length, med), 0.01 * Math.abs(med), 1e-9);
  const up = f.shift!.direction === 'up';
  const out = (x: number) => (up ? x > med + band : x < med - band);
  // Already drifting just before the deploy: the deploy did not start it.
  if (base.slice(-10).filter(out).length > 2) return undefined;
  let first = -1;
  for (let i = 0; i < t.length && t[i] <= onset; i++) {
    if (t[i] < deployAt) continue;
    if (!out(v[i])) first = -1;
    else if (first < 0) first = i;
  }
  return first >= 0 ? t[first] : undefined;
}

export function toSuspects(assessments: DeployAssessment[]): Suspect[] {
  const out: Suspect[] = [];
  const ranked = assessments.filter((a) => !a.exonerated && a.score >= 0.15).sort((x, y) => y.score - x.score || y.at - x.at);
  for (const a of ranked) {
    const score = round(a.score);
    out.push({ deployId: a.deploy.id, score, evidence: [...new Set(a.evidence)], reasons: a.reasons });
    // Rank commits when the evidence points at files; otherwise the deploy is the unit of suspicion.
    const pointed = a.commits.filter((c) => c.evidence.length).sort((x, y) => y.score - x.score);
    // A strong suspect with a single code commit: that commit is the change, even with nothing pointing into it.
    const code = a.commits.filter((c) => (c.commit.files ?? []).some((f) => !isTrivialFile(f.path)));
    if (!pointed.length && a.score >= 0.5 && code.length === 1 && a.commits.length === code.length) {
      out.push({ deployId: a.deploy.id, commit: code[0].commit.sha, score, evidence: [a.evidence[0]], reasons: ['the only code change in the deploy'] });
    }
    for (const c of pointed) {
      out.push({ deployId: a.deploy.id, commit: c.commit.sha, score: round(a.score * Math.min(1, c.score / Math.max(...pointed.map((p) => p.score)))), evidence: [...new Set([...c.evidence, a.evidence[0]])], reasons: c.reasons });
    }
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
