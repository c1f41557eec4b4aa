// The GitHub REST calls Incident Lens makes, served from a snapshot: reads (repo, deployments, statuses, tags, commits,
// compare, issues, contents, pulls) and recorded writes (refs, pull requests, labels) that tests inspect.
import type { IncomingMessage } from 'node:http';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Snapshot } from '../../../core/model/snapshot';
import { FaultInjector, type FaultPlan } from '../faults';
import type { SimResponse } from '../types';
import { GithubData, type GhCommit } from './githubData';

export interface GithubWrite {
  method: string;
  path: string;
  operation: string;
  body: unknown;
  at: string;
}

export interface GithubSimOptions {
  /** Serve file contents (PR template...) from this working tree. */
  repoDir?: string;
  /** Extra files to serve, path → text (win over repoDir). */
  files?: Record<string, string>;
  /** When set, requests must carry this token (401 otherwise). */
  token?: string;
  /** Branches that exist on the simulated remote (at the default branch's head unless pushed) and are protected. */
  protectedBranches?: string[];
}

export type GithubSimHandler = ((req: IncomingMessage, body: Buffer) => Promise<SimResponse | undefined>) & {
  writes(): GithubWrite[];
  calls(operation: string): number;
};

interface Route {
  method: string;
  pattern: RegExp;
  operation: string;
  /** Fine-grained permission GitHub would name on a refusal. */
  permission: string;
}

const R = (method: string, p: string, operation: string, permission: string): Route => ({
  method, operation, permission,
  pattern: new RegExp(`^/repos/([^/]+)/([^/]+)${p}$`),
});

const ROUTES: Route[] = [
  R('GET', '', 'repos.get', 'metadata=read'),
  R('GET', '/deployments', 'repos.listDeployments', 'deployments=read'),
  R('GET', '/deployments/(\\d+)/statuses', 'repos.listDeploymentStatuses', 'deployments=read'),
  R('GET', '/tags', 'repos.listTags', 'contents=read'),
  R('GET', '/commits', 'repos.listCommits', 'contents=read'),
  R('GET', '/commits/([^/]+)', 'repos.getCommit', 'contents=read'),
  R('GET', '/compare/(.+)', 'repos.compareCommits', 'contents=read'),
  R('GET', '/issues', 'issues.listForRepo', 'issues=read'),
  R('GET', '/contents(?:/(.*))?', 'repos.getContent', 'contents=read'),
  R('GET', '/branches/(.+)', 'repos.getBranch', 'contents=read'),
  R('GET', '/git/ref/(.+)', 'git.getRef', 'contents=read'),
  R('POST', '/git/refs', 'git.createRef', 'contents=write'),
  R('GET', '/pulls', 'pulls.list', 'pull_requests=read'),
  R('POST', '/pulls', 'pulls.create', 'pull_requests=write'),
  R('POST', '/issues/(\\d+)/labels', 'issues.addLabels', 'issues=write'),
];

const json = (status: number, data: unknown, headers: Record<string, string> = {}): SimResponse => ({
  status, headers: { 'content-type': 'application/json; charset=utf-8', 'x-github-api-version-selected': '2022-11-28', ...headers },
  body: JSON.stringify(data),
});
const notFound = () => json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
const branchNotFound = () => json(404, { message: 'Branch not found', documentation_url: 'https://docs.github.com/rest/branches/branches#get-a-branch', status: '404' });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One page of a list, with the Link header Octokit's paginate follows. */
function page<T>(items: T[], url: URL, host: string): SimResponse {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
  const n = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
  const slice = items.slice((n - 1) * perPage, n * perPage);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (p: number) => {
    const u = new URL(url.toString());
    u.searchParams.set('page', String(p));
    u.searchParams.set('per_page', String(perPage));
    return `<http://${host}${u.pathname}${u.search}>`;
  };
  const headers: Record<string, string> = {};
  if (n < last) headers.link = `${link(n + 1)}; rel="next", ${link(last)}; rel="last"`;
  return json(200, slice, headers);
}

function commitSummary(c: GhCommit) {
  const { files: _files, ...rest } = c;
  return rest;
}

export function createGithubSimHandler(snapshot: Snapshot, faults: FaultPlan = { rules: [] }, opts: GithubSimOptions = {}): GithubSimHandler {
  const data = new GithubData(snapshot);
  const injector = new FaultInjector(faults);
  const writes: GithubWrite[] = [];
  const refs = new Map<string, string>();
  const pulls: Array<Record<string, unknown>> = [];
  const labels = new Map<number, string[]>();
  const counts = new Map<string, number>();

  const readFile = (p: string): string | undefined => {
    if (opts.files?.[p] !== undefined) return opts.files[p];
    if (!opts.repoDir) return undefined;
    const abs = path.resolve(opts.repoDir, p);
    if (!abs.startsWith(path.resolve(opts.repoDir))) return undefined;
    try {
      return statSync(abs).isFile() ? readFileSync(abs, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  };
  const listDir = (p: string): string[] | undefined => {
    const fromFiles = Object.keys(opts.files ?? {}).filter((f) => path.posix.dirname(f) === p).map((f) => path.posix.basename(f));
    let fromDisk: string[] = [];
    if (opts.repoDir) {
      try {
        fromDisk = readdirSync(path.resolve(opts.repoDir, p));
      } catch {
        /* not a directory */
      }
    }
    const all = [...new Set([...fromFiles, ...fromDisk])].sort();
    return all.length ? all : undefined;
  };

  function contents(p: string): SimResponse {
    const clean = p.replace(/^\/+|\/+$/g, '');
    const text = readFile(clean);
    const sha = (s: string) => Buffer.from(s).toString('hex').slice(0, 40).padEnd(40, '0');
    if (text !== undefined) {
      return json(200, { type: 'file', encoding: 'base64', name: path.posix.basename(clean), path: clean, sha: sha(clean), size: Buffer.byteLength(text), content: Buffer.from(text).toString('base64') });
    }
    const entries = listDir(clean);
    if (!entries) return notFound();
    return json(200, entries.map((name) => {
      const child = clean ? `${clean}/${name}` : name;
      return { type: readFile(child) !== undefined ? 'file' : 'dir', name, path: child, sha: sha(child), size: 0 };
    }));
  }

  async function answer(route: Route, m: RegExpExecArray, url: URL, host: string, body: unknown): Promise<SimResponse> {
    const [, owner, repo] = m;
    const q = (k: string) => url.searchParams.get(k) ?? undefined;
    switch (route.operation) {
      case 'repos.get':
        return json(200, { id: 1, name: repo, full_name: `${owner}/${repo}`, default_branch: data.defaultBranch, private: true, permissions: { pull: true, push: true, admin: false } });
      case 'repos.listDeployments': {
        const env = q('environment');
        const sha = q('sha');
        const ref = q('ref');
        return page(data.deployments.filter((d) => (!env || d.environment === env) && (!sha || d.sha === sha) && (!ref || d.ref === ref)), url, host);
      }
      case 'repos.listDeploymentStatuses': {
        const d = data.deployments.find((x) => x.id === Number(m[3]));
        if (!d) return notFound();
        return page([
          { id: d.id * 10 + 1, state: 'success', environment: d.environment, created_at: d.created_at, updated_at: d.created_at, description: 'Deployment finished' },
        ], url, host);
      }
      case 'repos.listTags':
        return page(data.deploys.map((d) => ({ name: d.id, commit: { sha: d.ref, url: `http://${host}/repos/${owner}/${repo}/commits/${d.ref}` } })), url, host);
      case 'repos.listCommits': {
        const head = data.resolveRef(q('sha') ?? data.defaultBranch);
        const since = q('since') ? Date.parse(q('since')!) : -Infinity;
        const until = q('until') ? Date.parse(q('until')!) : Infinity;
        const chain: GhCommit[] = [];
        for (let at = head; at; ) {
          const c = data.commits.get(at);
          if (!c) break;
          chain.push(c);
          at = c.parents[0]?.sha;
        }
        return page(chain.filter((c) => Date.parse(c.commit.author.date) >= since && Date.parse(c.commit.author.date) <= until).map(commitSummary), url, host);
      }
      case 'repos.getCommit': {
        const sha = data.resolveRef(decodeURIComponent(m[3]));
        const c = sha ? data.commits.get(sha) : undefined;
        return c ? json(200, c) : json(422, { message: `No commit found for SHA: ${m[3]}`, status: '422' });
      }
      case 'repos.compareCommits': {
        const [baseRef, headRef] = decodeURIComponent(m[3]).split('...');
        const base = baseRef ? data.resolveRef(baseRef) : undefined;
        const head = headRef ? data.resolveRef(headRef) : undefined;
        const commits = base && head ? data.compare(base, head) : undefined;
        if (!commits) return notFound();
        const files = new Map<string, NonNullable<GhCommit['files']>[number]>();
        for (const c of commits) for (const f of c.files ?? []) files.set(f.filename, f);
        return json(200, { status: commits.length ? 'ahead' : 'identical', ahead_by: commits.length, behind_by: 0, total_commits: commits.length, commits: commits.map(commitSummary), files: [...files.values()] });
      }
      case 'issues.listForRepo': {
        const want = (q('labels') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        const state = q('state') ?? 'open';
        const since = q('since') ? Date.parse(q('since')!) : -Infinity;
        const list = data.issues.filter((i) => (state === 'all' || i.state === state) && want.every((w) => i.labels.some((l) => l.name === w)) && Date.parse(i.updated_at) >= since);
        return page(list.sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at)), url, host);
      }
      case 'repos.getContent':
        return contents(decodeURIComponent(m[3] ?? ''));
      case 'repos.getBranch': {
        const name = decodeURIComponent(m[3]);
        const isProtected = opts.protectedBranches?.includes(name) === true;
        const sha = refs.get(`refs/heads/${name}`) ?? (name === data.defaultBranch || isProtected ? data.resolveRef(data.defaultBranch) : undefined);
        if (!sha) return branchNotFound();
        const api = `http://${host}/repos/${owner}/${repo}`;
        // GitHub's shape for a caller without admin rights: protection summarised, no rule details.
        return json(200, {
          name, commit: { sha, url: `${api}/commits/${sha}` },
          _links: { self: `${api}/branches/${encodeURIComponent(name)}`, html: `https://github.invalid/${owner}/${repo}/tree/${name}` },
          protected: isProtected,
          protection: { enabled: isProtected, required_status_checks: { enforcement_level: isProtected ? 'non_admins' : 'off', contexts: [], checks: [] } },
          protection_url: `${api}/branches/${encodeURIComponent(name)}/protection`,
        });
      }
      case 'git.getRef': {
        const ref = decodeURIComponent(m[3]);
        const sha = refs.get(`refs/${ref}`) ?? (ref.startsWith('heads/') || ref.startsWith('tags/') ? data.resolveRef(ref.replace(/^(heads|tags)\//, '')) : undefined);
        return sha ? json(200, { ref: `refs/${ref}`, object: { sha, type: 'commit' } }) : notFound();
      }
      case 'git.createRef': {
        const b = body as { ref?: string; sha?: string };
        if (typeof b?.ref !== 'string' || !b.ref.startsWith('refs/') || typeof b.sha !== 'string') return json(422, { message: 'Invalid request: ref and sha are required', status: '422' });
        if (refs.has(b.ref) || b.ref === `refs/heads/${data.defaultBranch}`) return json(422, { message: 'Reference already exists', status: '422' });
        refs.set(b.ref, b.sha);
        return json(201, { ref: b.ref, object: { sha: b.sha, type: 'commit' } });
      }
      case 'pulls.create': {
        const b = body as { title?: string; head?: string; base?: string; body?: string; draft?: boolean };
        if (!b?.title || !b.head || !b.base) return json(422, { message: 'Validation Failed: title, head and base are required', status: '422' });
        const headRef = b.head.includes(':') ? b.head.split(':')[1] : b.head;
        if (!refs.has(`refs/heads/${headRef}`)) return json(422, { message: `Validation Failed: head '${b.head}' does not exist`, status: '422' });
        const number = 100 + pulls.length + 1;
        const pr = { number, state: 'open', title: b.title, body: b.body ?? null, draft: b.draft === true, html_url: `https://github.invalid/${owner}/${repo}/pull/${number}`,
          head: { ref: headRef, sha: refs.get(`refs/heads/${headRef}`) }, base: { ref: b.base }, created_at: new Date().toISOString() };
        pulls.push(pr);
        return json(201, pr);
      }
      case 'pulls.list': {
        const head = q('head')?.split(':').pop();
        const base = q('base');
        return page(pulls.filter((p) => (!head || (p.head as { ref: string }).ref === head) && (!base || (p.base as { ref: string }).ref === base)), url, host);
      }
      case 'issues.addLabels': {
        const n = Number(m[3]);
        const b = body as { labels?: unknown } | unknown[];
        const add = (Array.isArray(b) ? b : Array.isArray(b?.labels) ? b.labels : []).map(String);
        const known = pulls.some((p) => p.number === n) || data.issues.some((i) => i.number === n);
        if (!known) return notFound();
        const now = [...new Set([...(labels.get(n) ?? []), ...add])];
        labels.set(n, now);
        return json(200, now.map((name, i) => ({ id: i + 1, name, color: 'ededed' })));
      }
    }
    return notFound();
  }

  const handler = async (req: IncomingMessage, raw: Buffer): Promise<SimResponse | undefined> => {
    const host = String(req.headers.host ?? '127.0.0.1');
    const url = new URL(req.url ?? '/', `http://${host}`);
    // Also accept the GitHub Enterprise prefix, so apiUrl may end in /api/v3.
    const p = url.pathname.replace(/^\/api\/v3(?=\/)/, '');
    if (p === '/__sim/requests' && req.method === 'GET') return json(200, writes);
    const method = req.method ?? 'GET';
    let route: Route | undefined;
    let m: RegExpExecArray | null = null;
    for (const r of ROUTES) {
      if (r.method !== method) continue;
      m = r.pattern.exec(p);
      if (m) {
        route = r;
        break;
      }
    }
    if (!route || !m) return p.startsWith('/repos/') ? notFound() : undefined;
    counts.set(route.operation, (counts.get(route.operation) ?? 0) + 1);
    if (opts.token !== undefined && req.headers.authorization !== `token ${opts.token}` && req.headers.authorization !== `bearer ${opts.token}` && req.headers.authorization !== `Bearer ${opts.token}`) {
      return json(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    }
    const decision = injector.decide(route.operation);
    if (decision.delayMs) await sleep(decision.delayMs);
    if (decision.kind === 'throttle') {
      return json(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', status: '403' },
        { 'retry-after': '1', 'x-ratelimit-remaining': '4000' });
    }
    if (decision.kind === 'server-error') return json(decision.status, { message: 'Server Error' });
    if (decision.kind === 'deny') {
      return json(403, { message: 'Resource not accessible by personal access token', status: '403' }, { 'x-accepted-github-permissions': route.permission });
    }
    let body: unknown;
    if (method !== 'GET' && raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return json(400, { message: 'Problems parsing JSON', status: '400' });
      }
    }
    const res = await answer(route, m, url, host, body);
    if (method !== 'GET') writes.push({ method, path: p, operation: route.operation, body, at: new Date().toISOString() });
    return res;
  };
  return Object.assign(handler, { writes: () => writes.slice(), calls: (op: string) => counts.get(op) ?? 0 });
}
