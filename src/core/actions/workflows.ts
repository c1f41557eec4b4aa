// The three git/GitHub write actions as plan → (confirm) → execute. Pure orchestration over the small interfaces
// below; the providers (GitWriter, PullRequests) fill them and the callers (VS Code, CLI) confirm the plan.
import type { Report } from '../model/report';
import type { Deploy, Snapshot } from '../model/snapshot';
import { hotfixBranchName, rollbackBranchName } from './branchNames';
import { RefusedWrite } from './branchGuard';
import { buildPullRequest, rollbackTarget, type RepoCoords } from './prBody';
import type { WritePlan } from './writePlan';

export interface GitWrites {
  currentBranch(): Promise<string | undefined>;
  resolveCommit(ref: string, remote?: string): Promise<string>;
  createHotfixBranch(o: { branch: string; from: string; incidentId: string; dirty: 'stash' | 'stop' }): Promise<{ branch: string; base: string; stash?: { ref: string; message: string; restore: string } }>;
  push(branch: string, facts: { defaultBranch: string; protected?: boolean }, remote?: string): Promise<void>;
  fetchBranch(remote: string, branch: string): Promise<string>;
  revertInWorktree(o: { branch: string; base: string; commits: string[] }): Promise<{ branch: string; head: string; reverted: Array<{ commit: string; revert: string; merge: boolean }> }>;
  newestFirst(commits: string[]): Promise<string[]>;
}

export interface PullRequestApi {
  defaultBranch(): Promise<string>;
  isProtected(branch: string): Promise<boolean | undefined>;
  ensureBranch(branch: string, sha: string): Promise<'exists' | 'created'>;
  createDraft(pr: { title: string; body: string; head: string; base: string; labels: string[] }): Promise<{ number: number; url: string; draft: boolean; existing: boolean }>;
}

export type AuditSink = (entry: { kind: 'write'; action: string; outcome: string; detail?: Record<string, unknown> }) => void;

export const PR_LABELS = ['incident', 'hotfix'];
export const ROLLBACK_LABELS = ['incident', 'rollback'];

/** The deploy an action is about: the one named, else the top suspect's. */
export function suspectDeploy(snapshot: Snapshot, report: Report, deployId?: string): Deploy {
  const id = deployId ?? report.suspects[0]?.deployId;
  if (!id) throw new RefusedWrite('the analysis names no suspect deploy; choose a deploy explicitly');
  const d = (snapshot.deploys ?? []).find((x) => x.id === id);
  if (!d) throw new RefusedWrite(`deploy ${id} is not in the snapshot`);
  return d;
}

/** Suspect commits of a deploy, ranked by the report; all of the deploy's commits when the report names none. */
export function suspectCommits(report: Report, deploy: Deploy): string[] {
  const named = report.suspects.filter((s) => s.deployId === deploy.id && s.commit).map((s) => s.commit!);
  return named.length ? [...new Set(named)] : (deploy.commits ?? []).map((c) => c.sha);
}

// ---- hotfix branch -------------------------------------------------------------------------------------------

export function planHotfixBranch(snapshot: Snapshot, report: Report, deployId?: string): WritePlan {
  const deploy = suspectDeploy(snapshot, report, deployId);
  if (!deploy.ref) throw new RefusedWrite(`deploy ${deploy.id} has no ref (deployed sha) in the snapshot; cannot branch from what was deployed`);
  const branch = hotfixBranchName(snapshot.incident.id, snapshot.incident.title);
  return {
    kind: 'hotfix-branch', incidentId: snapshot.incident.id, target: branch, base: deploy.ref, commits: suspectCommits(report, deploy),
    steps: [
      `Check the working tree; if it has uncommitted work, stash it (git stash push --include-untracked) under a message naming ${snapshot.incident.id}, or stop — as you choose`,
      `Create branch ${branch} at ${deploy.ref} (what deploy ${deploy.id} deployed, not the tip of the default branch) and switch to it`,
    ],
  };
}

export function executeHotfixBranch(plan: WritePlan, git: GitWrites, dirty: 'stash' | 'stop', audit?: AuditSink) {
  return audited(audit, 'hotfix-branch', { branch: plan.target, base: plan.base, dirty },
    () => git.createHotfixBranch({ branch: plan.target, from: plan.base!, incidentId: plan.incidentId, dirty }));
}

// ---- draft hotfix PR -----------------------------------------------------------------------------------------

export interface PrInputs {
  snapshot: Snapshot;
  report: Report;
  repo: RepoCoords;
  deployId?: string;
  template?: string;
  remote?: string;
}

export async function planHotfixPr(inp: PrInputs, git: GitWrites, api: PullRequestApi, branch?: string): Promise<WritePlan> {
  const deploy = suspectDeploy(inp.snapshot, inp.report, inp.deployId);
  const head = branch ?? (await git.currentBranch());
  if (!head) throw new RefusedWrite('HEAD is detached; switch to the hotfix branch first');
  const base = await api.defaultBranch();
  if (head === base) throw new RefusedWrite(`the current branch is ${base}, the default branch; create the hotfix branch first (Incident Lens: Create Hotfix Branch)`);
  const commits = suspectCommits(inp.report, deploy);
  const pr = buildPullRequest({ kind: 'hotfix', snapshot: inp.snapshot, report: inp.report, repo: inp.repo, deploy, commits }, inp.template);
  const remote = inp.remote ?? 'origin';
  return {
    kind: 'hotfix-pr', incidentId: inp.snapshot.incident.id, target: head, base, commits,
    push: { remote, branch: head },
    pr: { ...pr, base, head, draft: true, labels: PR_LABELS },
    steps: [
      `Check that ${head} is neither the default branch (${base}) nor protected on GitHub`,
      `git push ${remote} ${head} (never forced, never to ${base})`,
      `Open a draft pull request ${head} → ${base} on ${inp.repo.owner}/${inp.repo.repo}`,
      `Add the labels ${PR_LABELS.join(', ')}`,
    ],
  };
}

export async function executePr(plan: WritePlan, git: GitWrites, api: PullRequestApi, audit?: AuditSink) {
  const pr = plan.pr!;
  return audited(audit, plan.kind, { head: pr.head, base: pr.base, labels: pr.labels, title: pr.title }, async () => {
    const defaultBranch = await api.defaultBranch();
    const prot = await api.isProtected(pr.head);
    await git.push(pr.head, { defaultBranch, protected: prot }, plan.push?.remote);
    const sha = await git.resolveCommit(`refs/heads/${pr.head}`);
    await api.ensureBranch(pr.head, sha);
    return api.createDraft({ title: pr.title, body: pr.body, head: pr.head, base: pr.base, labels: pr.labels });
  });
}

// ---- rollback PR ---------------------------------------------------------------------------------------------

export async function planRollbackPr(inp: PrInputs, git: GitWrites, api: PullRequestApi, commits?: string[]): Promise<WritePlan> {
  const deploy = suspectDeploy(inp.snapshot, inp.report, inp.deployId);
  const chosen = commits?.length ? commits : (deploy.commits ?? []).map((c) => c.sha);
  if (!chosen.length) throw new RefusedWrite(`deploy ${deploy.id} lists no commits; choose the commits to revert`);
  const base = await api.defaultBranch();
  const remote = inp.remote ?? 'origin';
  const baseRef = await git.fetchBranch(remote, base);
  const ordered = await git.newestFirst(await Promise.all(chosen.map((c) => git.resolveCommit(c, remote))));
  const branch = rollbackBranchName(inp.snapshot.incident.id, deploy.id);
  const pr = buildPullRequest({ kind: 'rollback', snapshot: inp.snapshot, report: inp.report, repo: inp.repo, deploy, commits: ordered }, inp.template);
  return {
    kind: 'rollback-pr', incidentId: inp.snapshot.incident.id, target: branch, base: baseRef, commits: ordered,
    push: { remote, branch },
    pr: { ...pr, base, head: branch, draft: true, labels: ROLLBACK_LABELS },
    steps: [
      `In a temporary git worktree (your working tree and current branch are not touched), create ${branch} at ${base} (${baseRef.slice(0, 12)})`,
      `git revert each commit, newest first (-m 1 for merge commits); on a conflict: git revert --abort, remove the worktree and branch, report the files`,
      `git push ${remote} ${branch}; open a draft pull request ${branch} → ${base} that returns to ${rollbackTarget(inp.snapshot, deploy)}`,
      `Add the labels ${ROLLBACK_LABELS.join(', ')}`,
    ],
  };
}

export async function executeRollbackPr(plan: WritePlan, git: GitWrites, api: PullRequestApi, audit?: AuditSink) {
  const reverted = await audited(audit, 'rollback-revert', { branch: plan.target, base: plan.base, commits: plan.commits },
    () => git.revertInWorktree({ branch: plan.target, base: plan.base!, commits: plan.commits! }));
  const pr = await executePr(plan, git, api, audit);
  return { reverted, pr };
}

async function audited<T>(audit: AuditSink | undefined, action: string, detail: Record<string, unknown>, fn: () => Promise<T>): Promise<T> {
  try {
    const out = await fn();
    audit?.({ kind: 'write', action, outcome: 'done', detail: { ...detail, result: out as unknown } });
    return out;
  } catch (e) {
    audit?.({ kind: 'write', action, outcome: `failed: ${(e as Error).message}`, detail });
    throw e;
  }
}
