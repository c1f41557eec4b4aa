// Incident history from GitHub Issues carrying an incident label.
import type { Ticket } from '../../core/model/snapshot';
import type { Partial, ReadOptions, TicketsPort, TimeWindow } from '../../ports';
import { toGithubError } from './githubErrors';
import type { RepoRef } from './githubDeploys';
import type { LoggingOctokit } from './loggingOctokit';

interface GhIssue {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  created_at: string;
  closed_at?: string | null;
  labels: Array<string | { name?: string }>;
  pull_request?: unknown;
}

export interface GithubIssueTicketsOptions {
  labels?: string[];
  service?: string;
  /** How far back history goes (default 180 days before the window). */
  historyMs?: number;
  maxTickets?: number;
}

const isoZ = (t: string) => new Date(t).toISOString().replace('.000Z', 'Z');

export function issueToTicket(i: GhIssue, service?: string): Ticket {
  return {
    id: `GH-${i.number}`, source: 'github', title: i.title, ...(i.body ? { body: i.body } : {}), openedAt: isoZ(i.created_at),
    ...(i.closed_at ? { resolvedAt: isoZ(i.closed_at) } : {}),
    labels: i.labels.map((l) => (typeof l === 'string' ? l : l.name ?? '')).filter(Boolean),
    ...(service ? { service } : {}),
  };
}

export class GithubIssueTickets implements TicketsPort {
  constructor(private readonly gh: LoggingOctokit, private readonly repo: RepoRef, private readonly opts: GithubIssueTicketsOptions = {}) {}

  async listTickets(window: TimeWindow, ro: ReadOptions = {}): Promise<Partial<Ticket[]>> {
    const labels = this.opts.labels?.length ? this.opts.labels : ['incident'];
    const since = Date.parse(window.start) - (this.opts.historyMs ?? 180 * 86_400_000);
    const max = this.opts.maxTickets ?? 200;
    const items: Ticket[] = [];
    const gaps: string[] = [];
    try {
      // One label per query: GitHub's labels filter means "all of these".
      for (const label of labels) {
        for await (const page of this.gh.pages<GhIssue>('GET /repos/{owner}/{repo}/issues', { owner: this.repo.owner, repo: this.repo.repo, labels: label, state: 'all', since: new Date(since).toISOString() }, ro)) {
          for (const i of page) {
            if (i.pull_request || Date.parse(i.created_at) > Date.parse(window.end)) continue;
            if (!items.some((t) => t.id === `GH-${i.number}`)) items.push(issueToTicket(i, this.opts.service));
          }
          if (items.length >= max) {
            gaps.push(`tickets: only ${max} GitHub issues labelled ${labels.join(', ')} were read`);
            return { items, gaps };
          }
        }
      }
    } catch (e) {
      if (ro.signal?.aborted) throw e;
      gaps.push(`tickets: ${toGithubError(e, `GitHub issues of ${this.repo.owner}/${this.repo.repo}`, "the 'repo' scope (classic) or Issues: read").message}`);
    }
    return { items, gaps };
  }
}
