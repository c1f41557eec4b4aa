// GET /repos/{o}/{r}/branches/{branch} in the GitHub simulator: GitHub's shape, its 404 body, protection marks, and
// branches created through the API, read back through the real Octokit-backed PullRequests.isProtected.
import * as assert from 'node:assert/strict';
import { LoggingOctokit } from '../../../src/providers/github/loggingOctokit';
import { PullRequests } from '../../../src/providers/github/pullRequests';
import { startSimServer, type SimServer } from '../../../src/providers/sim/server';
import { demoSnapshot } from '../../../src/core/demo/demoSnapshot';

interface Branch { name: string; commit: { sha: string; url: string }; protected: boolean; protection: { enabled: boolean }; protection_url: string }

describe('GitHub simulator: branches', () => {
  let sim: SimServer;
  const snapshot = demoSnapshot({ onset: '2026-01-14T03:15:00Z', refs: { v240: 'a'.repeat(40), v241: 'b'.repeat(40), commits: [{ sha: 'c'.repeat(40), message: 'orders' }, { sha: 'b'.repeat(40), message: 'release' }] } });
  before(async () => { sim = await startSimServer(snapshot, { protectedBranches: ['release/1.x'] }); });
  after(() => sim.close());
  const get = async (b: string) => fetch(`${sim.endpoints.github}/repos/acme/shop/branches/${encodeURIComponent(b)}`);

  it('answers the default branch at its head, unprotected, in GitHub’s shape', async () => {
    const res = await get('main');
    assert.equal(res.status, 200);
    const b = (await res.json()) as Branch;
    assert.equal(b.name, 'main');
    assert.equal(b.commit.sha, 'b'.repeat(40));
    assert.match(b.commit.url, /\/repos\/acme\/shop\/commits\/b{40}$/);
    assert.equal(b.protected, false);
    assert.equal(b.protection.enabled, false);
    assert.match(b.protection_url, /\/branches\/main\/protection$/);
  });

  it('marks the branches a test protects, names with slashes included', async () => {
    const b = (await (await get('release/1.x')).json()) as Branch;
    assert.equal(b.name, 'release/1.x');
    assert.equal(b.protected, true);
    assert.equal(b.protection.enabled, true);
  });

  it('404s an unknown branch with GitHub’s error body', async () => {
    const res = await get('hotfix/nope');
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { message: 'Branch not found', documentation_url: 'https://docs.github.com/rest/branches/branches#get-a-branch', status: '404' });
  });

  it('knows branches created through the API; PullRequests.isProtected reads all three cases', async () => {
    const prs = new PullRequests(new LoggingOctokit({ baseUrl: sim.endpoints.github, retry: { baseDelayMs: 1 } }), { owner: 'acme', repo: 'shop' });
    assert.equal(await prs.isProtected('hotfix/INC-1-x'), undefined);
    assert.equal(await prs.ensureBranch('hotfix/INC-1-x', 'c'.repeat(40)), 'created');
    assert.equal(await prs.isProtected('hotfix/INC-1-x'), false);
    const b = (await (await get('hotfix/INC-1-x')).json()) as Branch;
    assert.equal(b.commit.sha, 'c'.repeat(40));
    assert.equal(await prs.isProtected('release/1.x'), true);
    assert.equal(sim.calls('repos.getBranch'), 7, 'every lookup reached the route');
  });
});
