// The Octokit wrapper and the GitHub providers against the simulator (real Octokit, real HTTP on 127.0.0.1).
import * as assert from 'node:assert/strict';
import { demoSnapshot } from '../../../src/core/demo/demoSnapshot';
import { GithubDeploys } from '../../../src/providers/github/githubDeploys';
import { toGithubError } from '../../../src/providers/github/githubErrors';
import { GithubIssueTickets } from '../../../src/providers/github/githubIssueTickets';
import { LoggingOctokit } from '../../../src/providers/github/loggingOctokit';
import { PullRequests } from '../../../src/providers/github/pullRequests';
import { retryDelayMs, retryKind, DEFAULT_RETRY } from '../../../src/providers/github/rateLimit';
import type { FaultPlan } from '../../../src/providers/sim/faults';
import { startSimServer, type SimServer } from '../../../src/providers/sim/server';

const TOKEN = 'ghp_SECRETsecret1234567890';
const repo = { owner: 'acme', repo: 'checkout-api' };
const snap = demoSnapshot();
const window = { start: '2026-01-14T01:15:00Z', end: '2026-01-14T04:00:00Z' };

describe('LoggingOctokit against the GitHub simulator', function () {
  this.timeout(20_000);
  const servers: SimServer[] = [];
  async function sim(faults?: FaultPlan, files?: Record<string, string>) {
    const s = await startSimServer(snap, { faults, token: TOKEN, files });
    servers.push(s);
    return s;
  }
  afterEach(async () => {
    while (servers.length) await servers.pop()!.close();
  });
  const client = (s: SimServer, log?: string[], token = TOKEN) =>
    new LoggingOctokit({ token, baseUrl: s.endpoints.github, log: log ? (l) => log.push(l) : undefined, retry: { baseDelayMs: 5 } });

  it('logs every request without the token, and pages lists lazily', async () => {
    const s = await sim();
    const log: string[] = [];
    const gh = client(s, log);
    const pages: number[] = [];
    for await (const page of gh.pages<{ name: string }>('GET /repos/{owner}/{repo}/tags', { ...repo, per_page: 1 })) pages.push(page.length);
    assert.deepEqual(pages, [1, 1]);
    assert.equal(log.length, 2);
    assert.match(log[0], /^github GET \/repos\/acme\/checkout-api\/tags\?per_page=1 → 200 in \d+ ms$/);
    assert.ok(log.every((l) => !l.includes(TOKEN) && !l.includes('SECRET')));
    // GitHub Enterprise: the API lives under /api/v3.
    const ghe = new LoggingOctokit({ token: TOKEN, baseUrl: `${s.endpoints.github}/api/v3/` });
    assert.equal((await ghe.request<{ full_name: string }>('GET /repos/{owner}/{repo}', repo)).data.full_name, 'acme/checkout-api');
  });

  it('retries a secondary rate limit, honouring retry-after, then succeeds', async () => {
    const s = await sim({ rules: [{ operation: 'repos.listDeployments', throttleFirst: 1 }] });
    const log: string[] = [];
    const t0 = Date.now();
    const res = await client(s, log).request<unknown[]>('GET /repos/{owner}/{repo}/deployments', repo);
    assert.equal(res.data.length, 2);
    assert.equal(s.calls('repos.listDeployments'), 2);
    assert.ok(Date.now() - t0 >= 1000, 'waited for retry-after: 1');
    assert.ok(log.some((l) => /throttled, retry 1\/4 in \d+ ms/.test(l)), log.join('\n'));
  });

  it('turns persistent throttling, denial and a bad token into one clear gap each', async () => {
    const denied = await sim({ rules: [{ operation: 'repos.listDeployments', deny: true }] });
    const d = await new GithubDeploys(client(denied), repo, { from: 'github-deployments' }).listDeploys(window);
    assert.deepEqual(d.items, []);
    assert.match(d.gaps[0], /permission denied: the token needs the fine-grained permission deployments=read/);

    const bad = await sim();
    const b = await new GithubDeploys(client(bad, undefined, 'ghp_wrong'), repo, { from: 'github-deployments' }).listDeploys(window);
    assert.match(b.gaps[0], /GitHub rejected the token \(missing, expired or revoked\)/);

    const busy = await sim({ rules: [{ operation: 'issues.listForRepo', serverErrorFirst: 99, serverErrorStatus: 502 }] });
    const gh = new LoggingOctokit({ token: TOKEN, baseUrl: busy.endpoints.github, retry: { baseDelayMs: 1, maxRetries: 2 } });
    const t = await new GithubIssueTickets(gh, repo).listTickets(window);
    assert.equal(busy.calls('issues.listForRepo'), 3);
    assert.match(t.gaps[0], /GitHub issues of acme\/checkout-api: GitHub server error 502/);
  });

  it('times out a slow answer and stops when cancelled', async () => {
    const s = await sim({ rules: [{ operation: 'repos.get', delayMs: 400 }] });
    const gh = new LoggingOctokit({ token: TOKEN, baseUrl: s.endpoints.github, timeoutMs: 100, retry: { maxRetries: 0 } });
    await assert.rejects(gh.request('GET /repos/{owner}/{repo}', repo), (e) => toGithubError(e, 'repo', 'x').kind === 'timeout');
    const ac = new AbortController();
    const slow = new LoggingOctokit({ token: TOKEN, baseUrl: s.endpoints.github });
    const p = slow.request('GET /repos/{owner}/{repo}', repo, { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await assert.rejects(p, (e) => toGithubError(e, 'repo', 'x').kind === 'cancelled');
  });

  it('reads deploys with commits and patches from tags and from merges', async () => {
    const s = await sim();
    const tags = await new GithubDeploys(client(s), repo, { from: 'tags', tagPattern: 'v2.*' }).listDeploys(window);
    assert.deepEqual(tags.items.map((d) => d.id), ['v2.4.0', 'v2.4.1']);
    assert.equal(tags.items[1].previousRef, snap.deploys![0].ref);
    assert.deepEqual(tags.items[1].commits?.map((c) => c.sha), snap.deploys![1].commits!.map((c) => c.sha));
    assert.equal(tags.items[1].commits?.[0].files?.[0].patch, snap.deploys![1].commits![0].files![0].patch);
    const none = await new GithubDeploys(client(s), repo, { from: 'tags', tagPattern: 'release-*' }).listDeploys(window);
    assert.deepEqual(none.items, []);
    const merges = await new GithubDeploys(client(s), repo, { from: 'merges' }).listDeploys(window);
    // The merge running when the window opened comes first, then the window's merges, each with its one commit.
    assert.deepEqual(merges.items.map((d) => d.ref), [snap.deploys![0].ref, ...snap.deploys![1].commits!.map((c) => c.sha)]);
    assert.deepEqual(merges.items.slice(1).map((d) => d.commits?.map((c) => c.sha)), snap.deploys![1].commits!.map((c) => [c.sha]));
  });

  it('reads the PR template from the file or the template folder', async () => {
    const readPrTemplate = async (gh: ReturnType<typeof client>, r: typeof repo) => (await new PullRequests(gh, r).templates())[0];
    const one = await sim(undefined, { '.github/pull_request_template.md': '## What\n' });
    assert.deepEqual(await readPrTemplate(client(one), repo), { path: '.github/pull_request_template.md', text: '## What\n' });
    const dir = await sim(undefined, { '.github/PULL_REQUEST_TEMPLATE/b.md': 'B', '.github/PULL_REQUEST_TEMPLATE/a.md': 'A' });
    assert.deepEqual(await readPrTemplate(client(dir), repo), { path: '.github/PULL_REQUEST_TEMPLATE/a.md', text: 'A' });
    const none = await sim();
    assert.equal(await readPrTemplate(client(none), repo), undefined);
  });

  it('records refs, draft pull requests and labels for inspection', async () => {
    const s = await sim();
    const gh = client(s);
    await gh.request('POST /repos/{owner}/{repo}/git/refs', { ...repo, ref: 'refs/heads/hotfix/inc-2041', sha: snap.deploys![0].ref });
    const pr = await gh.request<{ number: number; draft: boolean }>('POST /repos/{owner}/{repo}/pulls', { ...repo, title: 'Roll back v2.4.1', head: 'hotfix/inc-2041', base: 'main', body: 'INC-2041', draft: true });
    assert.equal(pr.data.draft, true);
    await gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...repo, issue_number: pr.data.number, labels: ['incident'] });
    await assert.rejects(gh.request('POST /repos/{owner}/{repo}/git/refs', { ...repo, ref: 'refs/heads/main', sha: 'x' }), /Reference already exists/);
    const listed = await gh.request<Array<{ number: number }>>('GET /repos/{owner}/{repo}/pulls', { ...repo, head: 'acme:hotfix/inc-2041' });
    assert.deepEqual(listed.data.map((p) => p.number), [pr.data.number]);
    const writes = (await (await fetch(`${s.endpoints.github}/__sim/requests`)).json()) as Array<{ operation: string; body: Record<string, unknown> }>;
    assert.deepEqual(writes.map((w) => w.operation), ['git.createRef', 'pulls.create', 'issues.addLabels', 'git.createRef']);
    assert.deepEqual([writes[1].body.base, writes[1].body.head, writes[1].body.draft, writes[1].body.body], ['main', 'hotfix/inc-2041', true, 'INC-2041']);
    assert.deepEqual(writes[2].body.labels, ['incident']);
  });
});

describe('GitHub rate-limit policy', () => {
  const tuning = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000, maxWaitMs: 5000 };
  it('classifies throttling, server errors and final refusals', () => {
    assert.equal(retryKind({ status: 429, headers: {} }), 'rate-limit');
    assert.equal(retryKind({ status: 403, headers: { 'retry-after': '3' } }), 'rate-limit');
    assert.equal(retryKind({ status: 403, headers: { 'x-ratelimit-remaining': '0' } }), 'rate-limit');
    assert.equal(retryKind({ status: 403, headers: {}, message: 'Resource not accessible by integration' }), 'none');
    assert.equal(retryKind({ status: 502, headers: {} }), 'server');
    assert.equal(retryKind({ status: 404, headers: {} }), 'none');
  });
  it('waits as long as the server says, within the cap, else backs off with jitter', () => {
    assert.equal(retryDelayMs({ status: 403, headers: { 'retry-after': '2' } }, 0, tuning, 0, () => 0), 2000);
    assert.equal(retryDelayMs({ status: 403, headers: { 'retry-after': '60' } }, 0, tuning, 0, () => 0), undefined);
    assert.equal(retryDelayMs({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '103' } }, 0, tuning, 100_000, () => 0), 3000);
    const delays = [0, 1, 2, 3, 4, 5].map((a) => retryDelayMs({ status: 502, headers: {} }, a, tuning, 0, () => 0.999)!);
    assert.deepEqual(delays.map((d) => Math.ceil(d / 10) * 10), [100, 200, 400, 800, 1000, 1000]);
    assert.ok(retryDelayMs({ status: 502, headers: {} }, 3, tuning, 0, () => 0)! >= 400, 'jitter stays in the upper half');
  });
});
