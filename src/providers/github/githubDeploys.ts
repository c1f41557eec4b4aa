// Deploys read from GitHub: Deployments (+ statuses) of an environment, release tags, or merges to a branch; each
// deploy's commits and patches come from compare(previous ref...this ref) and the commits' own file lists.
import type { DeploysConfig } from '../../core/config/config';
import type { ChangedFile, Commit, Deploy, FileStatus } from '../../core/model/snapshot';
import type { DeploysPort, Partial, ReadOptions, TimeWindow } from '../../ports';
import { toGithubError } from './githubErrors';
import type { LoggingOctokit } from './loggingOctokit';
import { globToRegExp } from './glob';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface GithubDeploysOptions {
  service?: string;
  /** How far before the window a deploy may be and still count as "the one running when it started" (default 14 days). */
  lookbackMs?: number;
  /** Deploys read at most (the rest becomes a gap). */
  maxDeploys?: number;
  /** Commits whose files are fetched per deploy (the rest keep sha/message only, and a gap says so). */
  maxCommitsWithFiles?: number;
}

interface GhDeployment {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  created_at: string;
  payload?: unknown;
  description?: string | null;
}
interface GhStatus {
  state: string;
  created_at: string;
}
interface GhTag {
  name: string;
  commit: { sha: string };
}
interface GhFile {
  filename: string;
  status: string;
  previous_filename?: string;
  patch?: string;
}
interface GhCommit {
  sha: string;
  commit: { author?: { name?: string; email?: string; date?: string } | null; committer?: { date?: string } | null; message: string };
  parents?: Array<{ sha: string }>;
  files?: GhFile[];
}
interface GhCompare {
  total_commits: number;
  commits: GhCommit[];
  files?: GhFile[];
}

const DAY = 86_400_000;
const SHA = /^[0-9a-f]{40}$/i;

function fileStatus(s: string): FileStatus {
  if (s === 'added' || s === 'removed' || s === 'renamed') return s === 'removed' ? 'deleted' : s;
  if (s === 'copied') return 'added';
  return 'modified';
}

export function toChangedFile(f: GhFile): ChangedFile {
  return {
    path: f.filename, status: fileStatus(f.status),
    ...(f.previous_filename ? { previousPath: f.previous_filename } : {}), ...(f.patch !== undefined ? { patch: f.patch } : {}),
  };
}

export function toCommit(c: GhCommit): Commit {
  const a = c.commit.author ?? undefined;
  const author = a?.name ? (a.email ? `${a.name} <${a.email}>` : a.name) : undefined;
  return {
    sha: c.sha, ...(author ? { author } : {}), message: c.commit.message,
    ...(a?.date ?? c.commit.committer?.date ? { at: new Date((a?.date ?? c.commit.committer?.date)!).toISOString().replace('.000Z', 'Z') } : {}),
    ...(c.files ? { files: c.files.map(toChangedFile) } : {}),
  };
}

const isoZ = (t: string) => new Date(t).toISOString().replace('.000Z', 'Z');

export class GithubDeploys implements DeploysPort {
  constructor(
    private readonly gh: LoggingOctokit,
    private readonly repo: RepoRef,
    private readonly source: DeploysConfig,
    private readonly opts: GithubDeploysOptions = {},
  ) {}

  private get name() {
    return `${this.repo.owner}/${this.repo.repo}`;
  }

  async listDeploys(window: TimeWindow, ro: ReadOptions = {}): Promise<Partial<Deploy[]>> {
    const gaps: string[] = [];
    let found: Deploy[];
    try {
      if (this.source.from === 'github-deployments') found = await this.fromDeployments(window, ro, gaps);
      else if (this.source.from === 'tags') found = await this.fromTags(window, ro, gaps);
      else found = await this.fromMerges(window, ro, gaps);
    } catch (e) {
      const perm = this.source.from === 'github-deployments' ? "the 'repo' scope (classic) or Deployments: read" : "the 'repo' scope (classic) or Contents: read";
      if (ro.signal?.aborted) throw e;
      return { items: [], gaps: [`deploys: ${toGithubError(e, `GitHub ${this.source.from} of ${this.name}`, perm).message}`] };
    }
    // Oldest first; chain previousRef so each deploy knows what it replaced.
    found.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    for (let i = 1; i < found.length; i++) found[i].previousRef ??= found[i - 1].ref;
    const start = Date.parse(window.start);
    const end = Date.parse(window.end);
    // Keep the window's deploys plus the last one before it: it was running when the window opened.
    const firstIn = found.findIndex((d) => Date.parse(d.at) >= start);
    const from = firstIn < 0 ? Math.max(0, found.length - 1) : Math.max(0, firstIn - 1);
    const kept = found.slice(from).filter((d) => Date.parse(d.at) <= end);
    for (const d of kept) {
      if (ro.signal?.aborted) throw ro.signal.reason ?? new Error('cancelled');
      if (!d.previousRef || !d.ref || d.commits) continue;
      try {
        d.commits = await this.commitsBetween(d.previousRef, d.ref, ro, gaps, d.id);
      } catch (e) {
        if (ro.signal?.aborted) throw e;
        gaps.push(`deploy ${d.id}: commits not read: ${toGithubError(e, `compare ${d.previousRef.slice(0, 7)}...${d.ref.slice(0, 7)} in ${this.name}`, "the 'repo' scope (classic) or Contents: read").message}`);
      }
    }
    return { items: kept, gaps };
  }

  private async fromDeployments(window: TimeWindow, ro: ReadOptions, gaps: string[]): Promise<Deploy[]> {
    const lookback = Date.parse(window.start) - (this.opts.lookbackMs ?? 14 * DAY);
    const max = this.opts.maxDeploys ?? 50;
    const out: Deploy[] = [];
    const params = this.source.environment ? { owner: this.repo.owner, repo: this.repo.repo, environment: this.source.environment } : { owner: this.repo.owner, repo: this.repo.repo };
    let olderSeen = false;
    outer: for await (const page of this.gh.pages<GhDeployment>('GET /repos/{owner}/{repo}/deployments', params, ro)) {
      for (const d of page) {
        if (Date.parse(d.created_at) > Date.parse(window.end)) continue;
        // One deploy older than the window gives the baseline; stop paging after it or past the look-back.
        if (Date.parse(d.created_at) < Date.parse(window.start)) {
          if (olderSeen || Date.parse(d.created_at) < lookback) break outer;
          olderSeen = true;
        }
        if (out.length >= max) {
          gaps.push(`deploys: only the newest ${max} GitHub deployments were read`);
          break outer;
        }
        const status = await this.finishedStatus(d, ro);
        if (status === 'failed') continue;
        const payload = (d.payload && typeof d.payload === 'object' ? d.payload : {}) as Record<string, unknown>;
        out.push({
          id: SHA.test(d.ref) ? `deployment-${d.id}` : d.ref,
          at: isoZ(status?.at ?? d.created_at), ref: d.sha, environment: d.environment,
          ...(typeof payload.service === 'string' ? { service: payload.service } : this.opts.service ? { service: this.opts.service } : {}),
          ...(typeof payload.region === 'string' ? { region: payload.region } : {}),
          ...(d.description ? { description: d.description } : {}),
        });
      }
    }
    return out;
  }

  /** When the deployment finished successfully; 'failed' when its last status is a failure (it never ran). */
  private async finishedStatus(d: GhDeployment, ro: ReadOptions): Promise<{ at: string } | 'failed' | undefined> {
    const res = await this.gh.request<GhStatus[]>('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      { owner: this.repo.owner, repo: this.repo.repo, deployment_id: d.id, per_page: 100 }, ro);
    const statuses = [...res.data].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
    if (statuses[0] && (statuses[0].state === 'failure' || statuses[0].state === 'error')) return 'failed';
    const ok = statuses.find((s) => s.state === 'success');
    return ok ? { at: ok.created_at } : undefined;
  }

  private async fromTags(window: TimeWindow, ro: ReadOptions, gaps: string[]): Promise<Deploy[]> {
    const re = globToRegExp(this.source.tagPattern ?? '*');
    const max = this.opts.maxDeploys ?? 50;
    const tags: GhTag[] = [];
    for await (const page of this.gh.pages<GhTag>('GET /repos/{owner}/{repo}/tags', { owner: this.repo.owner, repo: this.repo.repo }, ro)) {
      tags.push(...page.filter((t) => re.test(t.name)));
      if (tags.length >= max) {
        gaps.push(`deploys: only the first ${max} tags matching ${this.source.tagPattern ?? '*'} were read`);
        break;
      }
    }
    const out: Deploy[] = [];
    for (const t of tags.slice(0, max)) {
      // Tags carry no date: the tagged commit's committer date stands for the deploy time.
      const c = await this.gh.request<GhCommit>('GET /repos/{owner}/{repo}/commits/{ref}', { owner: this.repo.owner, repo: this.repo.repo, ref: t.commit.sha }, ro);
      const at = c.data.commit.committer?.date ?? c.data.commit.author?.date;
      if (!at) continue;
      out.push({ id: t.name, at: isoZ(at), ref: t.commit.sha, ...(this.opts.service ? { service: this.opts.service } : {}) });
    }
    void window;
    return out;
  }

  private async fromMerges(window: TimeWindow, ro: ReadOptions, gaps: string[]): Promise<Deploy[]> {
    let branch = this.source.branch;
    if (!branch) {
      const repo = await this.gh.request<{ default_branch: string }>('GET /repos/{owner}/{repo}', { owner: this.repo.owner, repo: this.repo.repo }, ro);
      branch = repo.data.default_branch;
    }
    const since = new Date(Date.parse(window.start) - (this.opts.lookbackMs ?? 14 * DAY)).toISOString();
    const max = this.opts.maxDeploys ?? 50;
    const commits: GhCommit[] = [];
    for await (const page of this.gh.pages<GhCommit>('GET /repos/{owner}/{repo}/commits', { owner: this.repo.owner, repo: this.repo.repo, sha: branch, since, until: window.end }, ro)) {
      commits.push(...page);
      if (commits.length >= max * 4) {
        gaps.push(`deploys: only the newest ${commits.length} commits of ${branch} were read`);
        break;
      }
    }
    // Merge commits when the branch has them; with squash merges every commit on the branch is a merge.
    const merges = commits.some((c) => (c.parents?.length ?? 0) > 1) ? commits.filter((c) => (c.parents?.length ?? 0) > 1) : commits;
    return merges.slice(0, max).map((c) => {
      const commit = toCommit(c);
      return {
        id: `${branch}@${c.sha.slice(0, 7)}`, at: commit.at ?? window.start, ref: c.sha,
        ...(c.parents?.[0] ? { previousRef: c.parents[0].sha } : {}), ...(this.opts.service ? { service: this.opts.service } : {}),
      };
    });
  }

  private async commitsBetween(base: string, head: string, ro: ReadOptions, gaps: string[], deployId: string): Promise<Commit[]> {
    const res = await this.gh.request<GhCompare>('GET /repos/{owner}/{repo}/compare/{basehead}', { owner: this.repo.owner, repo: this.repo.repo, basehead: `${base}...${head}` }, ro);
    const cmp = res.data;
    if (cmp.total_commits > cmp.commits.length) gaps.push(`deploy ${deployId}: ${cmp.total_commits} commits, only the first ${cmp.commits.length} listed by GitHub compare were read`);
    const max = this.opts.maxCommitsWithFiles ?? 40;
    const out: Commit[] = [];
    for (const [i, c] of cmp.commits.entries()) {
      if (i >= max) {
        out.push(toCommit(c));
        continue;
      }
      const full = await this.gh.request<GhCommit>('GET /repos/{owner}/{repo}/commits/{ref}', { owner: this.repo.owner, repo: this.repo.repo, ref: c.sha }, ro);
      out.push(toCommit(full.data));
    }
    if (cmp.commits.length > max) gaps.push(`deploy ${deployId}: files read for the first ${max} of ${cmp.commits.length} commits only`);
    return out;
  }
}
