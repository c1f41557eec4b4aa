// Pull request writes over the one Octokit wrapper: default branch and protection lookups, the head ref, a draft PR
// with labels, and the repository's PR templates. Refuses in code to open a PR whose head is a default/protected branch.
import { assertPushable } from '../../core/actions/branchGuard';
import type { RepoRef } from './githubDeploys';
import { toGithubError } from './githubErrors';
import type { LoggingOctokit } from './loggingOctokit';

export interface PrTemplateFile {
  path: string;
  text: string;
}

export interface CreatedPr {
  number: number;
  url: string;
  draft: boolean;
  /** True when an open PR for the same head already existed and was reused. */
  existing: boolean;
}

interface ContentEntry {
  type: string;
  name: string;
  path: string;
  content?: string;
  encoding?: string;
}

const SINGLE = ['.github/pull_request_template.md', '.github/PULL_REQUEST_TEMPLATE.md', 'pull_request_template.md', 'docs/pull_request_template.md', 'PULL_REQUEST_TEMPLATE.md'];

export class PullRequests {
  /** One lookup per action: the plan, the push guard and the PR's base all ask for it. */
  private defaultBranchOnce?: Promise<string>;

  constructor(private readonly gh: LoggingOctokit, private readonly repo: RepoRef) {}

  private fail(e: unknown, what: string, permission: string): never {
    throw toGithubError(e, `${what} of ${this.repo.owner}/${this.repo.repo}`, permission);
  }

  defaultBranch(): Promise<string> {
    this.defaultBranchOnce ??= this.readDefaultBranch();
    // A failed lookup is not remembered: a retry asks again.
    this.defaultBranchOnce.catch(() => { this.defaultBranchOnce = undefined; });
    return this.defaultBranchOnce;
  }

  private async readDefaultBranch(): Promise<string> {
    try {
      const res = await this.gh.request<{ default_branch: string }>('GET /repos/{owner}/{repo}', { ...this.repo });
      return res.data.default_branch;
    } catch (e) {
      return this.fail(e, 'GitHub repository', "the 'repo' scope (classic) or Metadata: read");
    }
  }

  /** The branch's protected flag; undefined when the branch does not exist on GitHub. */
  async isProtected(branch: string): Promise<boolean | undefined> {
    try {
      const res = await this.gh.request<{ protected?: boolean }>('GET /repos/{owner}/{repo}/branches/{branch}', { ...this.repo, branch });
      return res.data.protected === true;
    } catch (e) {
      if ((e as { status?: number }).status === 404) return undefined;
      return this.fail(e, `branch ${branch}`, "the 'repo' scope (classic) or Contents: read");
    }
  }

  /** Makes refs/heads/<branch> point at `sha` on GitHub unless it exists already (after a git push it does). */
  async ensureBranch(branch: string, sha: string): Promise<'exists' | 'created'> {
    try {
      await this.gh.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { ...this.repo, ref: `heads/${branch}` });
      return 'exists';
    } catch (e) {
      if ((e as { status?: number }).status !== 404) this.fail(e, `branch ${branch}`, "the 'repo' scope (classic) or Contents: read");
    }
    try {
      await this.gh.request('POST /repos/{owner}/{repo}/git/refs', { ...this.repo, ref: `refs/heads/${branch}`, sha });
      return 'created';
    } catch (e) {
      return this.fail(e, `creating branch ${branch}`, "the 'repo' scope (classic) or Contents: write");
    }
  }

  /** An open PR from `head` into `base`, if one exists (so a rerun does not open a second). */
  async findOpen(head: string, base: string): Promise<CreatedPr | undefined> {
    try {
      const res = await this.gh.request<Array<{ number: number; html_url: string; draft?: boolean }>>('GET /repos/{owner}/{repo}/pulls', { ...this.repo, head: `${this.repo.owner}:${head}`, base, state: 'open' });
      const pr = res.data[0];
      return pr ? { number: pr.number, url: pr.html_url, draft: pr.draft === true, existing: true } : undefined;
    } catch (e) {
      return this.fail(e, 'pull requests', "the 'repo' scope (classic) or Pull requests: read");
    }
  }

  /**
   * Opens a draft PR head → base and adds the labels. The head must not be the default or a protected branch;
   * checked here, against GitHub, whatever the caller already checked.
   */
  async createDraft(pr: { title: string; body: string; head: string; base: string; labels: string[] }): Promise<CreatedPr> {
    const defaultBranch = await this.defaultBranch();
    assertPushable({ branch: pr.head, defaultBranch, protected: await this.isProtected(pr.head) });
    const existing = await this.findOpen(pr.head, pr.base);
    let created: CreatedPr;
    if (existing) created = existing;
    else {
      try {
        const res = await this.gh.request<{ number: number; html_url: string; draft?: boolean }>('POST /repos/{owner}/{repo}/pulls', {
          ...this.repo, title: pr.title, body: pr.body, head: pr.head, base: pr.base, draft: true, maintainer_can_modify: true,
        });
        created = { number: res.data.number, url: res.data.html_url, draft: res.data.draft === true, existing: false };
      } catch (e) {
        return this.fail(e, 'creating a pull request', "the 'repo' scope (classic) or Pull requests: write");
      }
    }
    if (pr.labels.length) {
      try {
        await this.gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...this.repo, issue_number: created.number, labels: pr.labels });
      } catch (e) {
        return this.fail(e, `labelling pull request #${created.number}`, "the 'repo' scope (classic) or Issues: write / Pull requests: write");
      }
    }
    return created;
  }

  /** Every PR template in the repository: the single-file ones, then each file of .github/PULL_REQUEST_TEMPLATE/. */
  async templates(ref?: string): Promise<PrTemplateFile[]> {
    const get = async (p: string): Promise<ContentEntry | ContentEntry[] | undefined> => {
      try {
        return (await this.gh.request<ContentEntry | ContentEntry[]>('GET /repos/{owner}/{repo}/contents/{path}', { ...this.repo, path: p, ...(ref ? { ref } : {}) })).data;
      } catch (e) {
        if ((e as { status?: number }).status === 404) return undefined;
        return this.fail(e, `contents ${p}`, "the 'repo' scope (classic) or Contents: read");
      }
    };
    const decode = (f: ContentEntry) => (f.encoding === 'base64' ? Buffer.from(f.content ?? '', 'base64').toString('utf8') : f.content ?? '');
    const out: PrTemplateFile[] = [];
    for (const p of SINGLE) {
      const f = await get(p);
      // Case-insensitive hosts answer the same file under two spellings.
      if (f && !Array.isArray(f) && f.type === 'file' && !out.some((o) => o.path.toLowerCase() === f.path.toLowerCase())) out.push({ path: f.path, text: decode(f) });
    }
    const dir = await get('.github/PULL_REQUEST_TEMPLATE');
    if (Array.isArray(dir)) {
      for (const e of dir.filter((x) => x.type === 'file' && /\.md$/i.test(x.name)).sort((a, b) => a.name.localeCompare(b.name))) {
        const f = await get(e.path);
        if (f && !Array.isArray(f)) out.push({ path: f.path, text: decode(f) });
      }
    }
    return out;
  }
}
