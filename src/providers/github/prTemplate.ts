// The repository's pull request template, read through the contents API (the actions engineer fills it in).
import type { ReadOptions } from '../../ports';
import { GithubError, toGithubError } from './githubErrors';
import type { RepoRef } from './githubDeploys';
import type { LoggingOctokit } from './loggingOctokit';

interface ContentFile {
  type: string;
  name: string;
  path: string;
  content?: string;
  encoding?: string;
}

const SINGLE = ['.github/pull_request_template.md', '.github/PULL_REQUEST_TEMPLATE.md', 'pull_request_template.md', 'docs/pull_request_template.md'];

export interface PrTemplate {
  path: string;
  text: string;
}

/** The first template found: .github/pull_request_template.md (and its usual variants), else the first file of .github/PULL_REQUEST_TEMPLATE/. */
export async function readPrTemplate(gh: LoggingOctokit, repo: RepoRef, ro: ReadOptions = {}, ref?: string): Promise<PrTemplate | undefined> {
  const get = async (path: string): Promise<ContentFile | ContentFile[] | undefined> => {
    try {
      const res = await gh.request<ContentFile | ContentFile[]>('GET /repos/{owner}/{repo}/contents/{path}', { owner: repo.owner, repo: repo.repo, path, ...(ref ? { ref } : {}) }, ro);
      return res.data;
    } catch (e) {
      const err = toGithubError(e, `GitHub contents ${path} of ${repo.owner}/${repo.repo}`, "the 'repo' scope (classic) or Contents: read");
      if (err.kind === 'not-found') return undefined;
      throw err;
    }
  };
  const decode = (f: ContentFile): string => (f.encoding === 'base64' ? Buffer.from(f.content ?? '', 'base64').toString('utf8') : f.content ?? '');
  for (const p of SINGLE) {
    const f = await get(p);
    if (f && !Array.isArray(f) && f.type === 'file') return { path: f.path, text: decode(f) };
  }
  const dir = await get('.github/PULL_REQUEST_TEMPLATE');
  if (Array.isArray(dir)) {
    const first = dir.filter((e) => e.type === 'file' && /\.md$/i.test(e.name)).sort((a, b) => a.name.localeCompare(b.name))[0];
    if (first) {
      const f = await get(first.path);
      if (f && !Array.isArray(f)) return { path: f.path, text: decode(f) };
    }
  }
  return undefined;
}

export { GithubError };
