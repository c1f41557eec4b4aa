// Title and body of the hotfix / rollback pull request, from the incident; fills the repository's template when it has one.
import type { Report, Evidence } from '../model/report';
import type { Deploy, Snapshot } from '../model/snapshot';
import { alarmConsoleUrl, commitUrl, logsInsightsUrl, queryForTemplate } from './consoleLinks';

export interface RepoCoords {
  owner: string;
  repo: string;
  /** https://github.com, or the GitHub Enterprise host. */
  webUrl: string;
}

export interface PrContext {
  kind: 'hotfix' | 'rollback';
  snapshot: Snapshot;
  report: Report;
  repo: RepoCoords;
  /** The deploy the PR is about (the top suspect's by default). */
  deploy?: Deploy;
  /** Commits the PR reverts (rollback) or that are suspected (hotfix); full shas. */
  commits: string[];
  /** AWS region for console links when the evidence does not name one. */
  region?: string;
}

export interface PrText {
  title: string;
  body: string;
}

const short = (sha: string) => sha.slice(0, 12);
const oneLine = (s: string | undefined) => (s ?? '').split('\n')[0].trim();

/** The deploy before `deploy` in time (the one a rollback returns to), when the snapshot has it. */
export function previousDeploy(snapshot: Snapshot, deploy: Deploy): Deploy | undefined {
  const sameTarget = (d: Deploy) => (!deploy.environment || d.environment === deploy.environment) && (!deploy.service || d.service === deploy.service);
  return (snapshot.deploys ?? [])
    .filter((d) => d.id !== deploy.id && Date.parse(d.at) < Date.parse(deploy.at) && sameTarget(d))
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
}

/** Where a rollback returns to: the previous deploy's id and ref, else the deploy's previousRef. */
export function rollbackTarget(snapshot: Snapshot, deploy: Deploy): string {
  const prev = previousDeploy(snapshot, deploy);
  if (prev) return `${prev.id}${prev.ref ? ` (${short(prev.ref)})` : ''}`;
  return deploy.previousRef ? short(deploy.previousRef) : `the state before ${deploy.id}`;
}

function regionOf(ctx: PrContext): string {
  const alarmRegion = (ctx.snapshot.alarms ?? []).map((a) => a.region).find((r): r is string => typeof r === 'string');
  const metricRegion = (ctx.snapshot.metrics ?? []).map((m) => m.dimensions?.Region).find(Boolean);
  return alarmRegion ?? ctx.deploy?.region ?? metricRegion ?? ctx.region ?? 'us-east-1';
}

function evidenceLine(ctx: PrContext, e: Evidence): string {
  const s = ctx.snapshot;
  const region = regionOf(ctx);
  const ref = e.ref ?? {};
  let link: string | undefined;
  if (e.kind === 'alarm' && ref.alarmId) {
    const a = (s.alarms ?? []).find((x) => x.id === ref.alarmId);
    if (a) link = alarmConsoleUrl(a.region ?? region, a.name);
  } else if (e.kind === 'log-pattern' && ref.template) {
    const groups = [...new Set((s.logs ?? []).map((l) => l.group))].filter((g) => e.summary.includes(g));
    const start = new Date(Date.parse(s.incident.startedAt) - 3600_000).toISOString();
    const end = s.incident.resolvedAt ?? new Date(Date.parse(s.incident.startedAt) + 3600_000).toISOString();
    link = logsInsightsUrl(region, groups.length ? groups : [...new Set((s.logs ?? []).map((l) => l.group))], queryForTemplate(ref.template), start, end);
  } else if ((e.kind === 'commit' || e.kind === 'deploy') && ref.commit) {
    link = commitUrl(ctx.repo.webUrl, ctx.repo.owner, ctx.repo.repo, ref.commit);
  }
  const text = e.summary.replace(/\s+/g, ' ').trim();
  return `- **${e.kind}** ${e.at ? `${e.at} ` : ''}${link ? `[${text}](${link})` : text}`;
}

function sections(ctx: PrContext): { summary: string; evidence: string; suspects: string; checklist: string } {
  const { snapshot: s, report: r } = ctx;
  const inc = s.incident;
  const deploy = ctx.deploy;
  const summaryLines = [
    `Incident **${inc.id}**: ${inc.title}${inc.service ? ` (${inc.service})` : ''}, started ${inc.startedAt}${inc.severity ? `, severity ${inc.severity}` : ''}.`,
    '',
    `Root cause (${r.rootCause.category}, confidence ${Math.round(r.rootCause.confidence * 100)}%): ${r.rootCause.summary}`,
  ];
  if (ctx.kind === 'rollback' && deploy) summaryLines.push('', `This pull request reverts deploy **${deploy.id}** and returns to **${rollbackTarget(s, deploy)}**.`);
  if (ctx.kind === 'hotfix' && deploy) summaryLines.push('', `Branched from the deployed ref of **${deploy.id}**${deploy.ref ? ` (\`${short(deploy.ref)}\`)` : ''}, not from the tip of the default branch.`);
  const ids = new Set([...r.rootCause.evidence, ...r.suspects.slice(0, 3).flatMap((x) => x.evidence)]);
  const chosen = r.evidence.filter((e) => ids.has(e.id));
  const rest = r.evidence.filter((e) => !ids.has(e.id) && (e.kind === 'alarm' || e.kind === 'log-pattern'));
  const evidence = [...chosen, ...rest].slice(0, 12).map((e) => evidenceLine(ctx, e)).join('\n') || '- (the report has no evidence)';
  const allCommits = (s.deploys ?? []).flatMap((d) => (d.commits ?? []).map((c) => ({ d, c })));
  const suspects = ctx.commits.map((sha) => {
    const hit = allCommits.find((x) => x.c.sha === sha || x.c.sha.startsWith(sha));
    const url = commitUrl(ctx.repo.webUrl, ctx.repo.owner, ctx.repo.repo, hit?.c.sha ?? sha);
    return `- [\`${short(sha)}\`](${url})${hit ? ` ${oneLine(hit.c.message)}${hit.c.author ? ` — ${hit.c.author}` : ''} (deploy ${hit.d.id})` : ''}`;
  }).join('\n') || '- (no suspect commit)';
  const checklist = [
    ctx.kind === 'rollback' ? '- [ ] Tests pass on the reverted code' : '- [ ] Tests cover the fix (a test that fails without it)',
    ctx.kind === 'rollback' ? '- [ ] Roll-forward plan: how the reverted change comes back fixed' : `- [ ] Rollback plan: redeploy ${deploy ? rollbackTarget(s, deploy) : 'the previous release'} if the fix does not hold`,
    '- [ ] Backport to release branches that carry the suspect commits',
    '- [ ] Alarms back to OK after deploy; incident timeline updated',
  ].join('\n');
  return { summary: summaryLines.join('\n'), evidence, suspects, checklist };
}

export function prTitle(ctx: PrContext): string {
  const inc = ctx.snapshot.incident;
  if (ctx.kind === 'rollback' && ctx.deploy) return `[${inc.id}] Roll back ${ctx.deploy.id} to ${rollbackTarget(ctx.snapshot, ctx.deploy)}`;
  return `[${inc.id}] Hotfix: ${inc.title}`;
}

const HEADING = /^#{1,6}\s+(.*)$/;

/** Fills {{summary}}/{{evidence}}/{{suspects}}/{{checklist}} placeholders, else writes under matching headings. */
export function fillTemplate(template: string, parts: ReturnType<typeof sections>): string {
  const keys = ['summary', 'evidence', 'suspects', 'checklist'] as const;
  if (keys.some((k) => template.includes(`{{${k}}}`))) {
    return keys.reduce((t, k) => t.split(`{{${k}}}`).join(parts[k]), template);
  }
  const lines = template.replace(/\r\n/g, '\n').split('\n');
  const headingAt = (re: RegExp) => lines.findIndex((l) => HEADING.test(l) && re.test(HEADING.exec(l)![1]));
  const context = `${parts.summary}\n\n**Evidence**\n\n${parts.evidence}\n\n**Suspect commits**\n\n${parts.suspects}`;
  const out = [...lines];
  const check = headingAt(/check|test|verif/i);
  if (check >= 0) out.splice(check + 1, 0, '', parts.checklist);
  const desc = headingAt(/summary|description|what|why|context|motivation|change/i);
  if (desc >= 0 && desc !== check) out.splice(desc + 1, 0, '', context);
  let body = out.join('\n');
  if (desc < 0 || desc === check) body = `## Incident context\n\n${context}\n\n${body}`;
  if (check < 0) body = `${body.trimEnd()}\n\n## Checklist\n\n${parts.checklist}\n`;
  return body;
}

/** Marks the PR as ours so a rerun finds it instead of opening a second one. */
export function prMarker(incidentId: string, kind: PrContext['kind']): string {
  return `<!-- incident-lens:${kind}:${incidentId} -->`;
}

export function buildPullRequest(ctx: PrContext, template?: string): PrText {
  const parts = sections(ctx);
  const body = template?.trim()
    ? fillTemplate(template, parts)
    : `## Summary\n\n${parts.summary}\n\n## Evidence\n\n${parts.evidence}\n\n## Suspect commits\n\n${parts.suspects}\n\n## Checklist\n\n${parts.checklist}\n`;
  return { title: prTitle(ctx), body: `${body.trimEnd()}\n\n${prMarker(ctx.snapshot.incident.id, ctx.kind)}\n` };
}
