// The GitHub REST shapes a snapshot implies: deployments (+ statuses), tags, commits with files, compare, issues.
import type { Commit, Deploy, Snapshot, Ticket } from '../../../core/model/snapshot';

export interface GhCommit {
  sha: string;
  commit: { author: { name: string; email: string; date: string }; committer: { name: string; email: string; date: string }; message: string };
  author: { login: string } | null;
  parents: Array<{ sha: string }>;
  files?: GhFile[];
  html_url: string;
}

export interface GhFile {
  filename: string;
  status: string;
  previous_filename?: string;
  patch?: string;
  additions: number;
  deletions: number;
  changes: number;
}

export interface GhDeployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  description: string | null;
  created_at: string;
  updated_at: string;
  payload: Record<string, string>;
}

export interface GhIssue {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  labels: Array<{ name: string }>;
  html_url: string;
}

/** "Dana Kim <dana@example.com>" → name and email. */
export function splitAuthor(author: string | undefined): { name: string; email: string } {
  const m = /^(.*?)\s*<([^>]+)>\s*$/.exec(author ?? '');
  return m ? { name: m[1], email: m[2] } : { name: author ?? 'unknown', email: '' };
}

function countLines(patch: string | undefined, sign: '+' | '-'): number {
  return (patch ?? '').split('\n').filter((l) => l.startsWith(sign) && !l.startsWith(sign.repeat(3))).length;
}

export function toGhFile(f: NonNullable<Commit['files']>[number]): GhFile {
  const additions = countLines(f.patch, '+');
  const deletions = countLines(f.patch, '-');
  return {
    filename: f.path, status: f.status, ...(f.previousPath ? { previous_filename: f.previousPath } : {}),
    ...(f.patch !== undefined ? { patch: f.patch } : {}), additions, deletions, changes: additions + deletions,
  };
}

export class GithubData {
  readonly deploys: Deploy[];
  readonly deployments: GhDeployment[];
  readonly commits = new Map<string, GhCommit>();
  readonly issues: GhIssue[];
  readonly defaultBranch = 'main';

  constructor(snapshot: Snapshot, private readonly htmlBase = 'https://github.invalid/sim/repo') {
    // Newest first, as GitHub lists deployments and tags.
    this.deploys = [...(snapshot.deploys ?? [])].filter((d) => d.ref).sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    this.deployments = this.deploys.map((d, i) => ({
      id: this.deploys.length - i, sha: d.ref!, ref: d.id, task: 'deploy', environment: d.environment ?? 'production',
      description: typeof d.description === 'string' ? d.description : null, created_at: d.at, updated_at: d.at,
      payload: Object.fromEntries(Object.entries({ service: d.service, region: d.region }).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
    }));
    for (const d of [...this.deploys].reverse()) {
      let parent = d.previousRef;
      for (const c of d.commits ?? []) {
        this.commits.set(c.sha, this.toGhCommit(c, parent, d.at));
        parent = c.sha;
      }
      if (!this.commits.has(d.ref!)) this.commits.set(d.ref!, this.toGhCommit({ sha: d.ref!, message: `deploy ${d.id}`, at: d.at, files: [] }, parent, d.at));
    }
    const github = (snapshot.tickets ?? []).filter((t) => t.source === 'github');
    this.issues = github.map((t, i) => this.toIssue(t, i));
  }

  private toGhCommit(c: Commit, parent: string | undefined, fallbackAt: string): GhCommit {
    const who = splitAuthor(c.author);
    const date = c.at ?? fallbackAt;
    return {
      sha: c.sha,
      commit: { author: { ...who, date }, committer: { ...who, date }, message: c.message ?? '' },
      author: null,
      parents: parent ? [{ sha: parent }] : [],
      files: (c.files ?? []).map(toGhFile),
      html_url: `${this.htmlBase}/commit/${c.sha}`,
    };
  }

  private toIssue(t: Ticket, i: number): GhIssue {
    const n = /(\d+)$/.exec(t.id);
    const closed = t.resolvedAt ?? null;
    return {
      number: n ? Number(n[1]) : i + 1, title: t.title, body: t.body ?? null, state: closed ? 'closed' : 'open',
      state_reason: closed ? 'completed' : null, created_at: t.openedAt ?? t.resolvedAt ?? '1970-01-01T00:00:00Z',
      updated_at: closed ?? t.openedAt ?? '1970-01-01T00:00:00Z', closed_at: closed,
      labels: (t.labels ?? []).map((name) => ({ name })), html_url: `${this.htmlBase}/issues/${n ? n[1] : i + 1}`,
    };
  }

  /** A sha, a tag (deploy id) or the default branch, resolved to a commit sha. */
  resolveRef(ref: string): string | undefined {
    if (this.commits.has(ref)) return ref;
    const byTag = this.deploys.find((d) => d.id === ref || `refs/tags/${d.id}` === ref);
    if (byTag) return byTag.ref;
    if (ref === this.defaultBranch || ref === `heads/${this.defaultBranch}` || ref === `refs/heads/${this.defaultBranch}`) return this.deploys[0]?.ref;
    const prefix = [...this.commits.keys()].filter((s) => ref.length >= 7 && s.startsWith(ref));
    return prefix.length === 1 ? prefix[0] : undefined;
  }

  /** Commits after base up to head, oldest first, following first parents. */
  compare(base: string, head: string): GhCommit[] | undefined {
    const out: GhCommit[] = [];
    let at: string | undefined = head;
    while (at && at !== base) {
      const c = this.commits.get(at);
      if (!c) return undefined;
      out.push(c);
      at = c.parents[0]?.sha;
    }
    return at === base ? out.reverse() : undefined;
  }
}
