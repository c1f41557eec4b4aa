// Hotfix branch, draft hotfix PR and rollback PR against real git repositories (a local bare origin) and the GitHub
// simulator over real HTTP with the real Octokit. The user's work must survive every command.
import * as assert from 'node:assert/strict';
import { RefusedWrite } from '../../../src/core/actions/branchGuard';
import { executeHotfixBranch, executePr, executeRollbackPr, planHotfixBranch, planHotfixPr, planRollbackPr } from '../../../src/core/actions/workflows';
import { renderPlan } from '../../../src/core/actions/writePlan';
import { gitRunner } from '../../../src/providers/git/gitCli';
import { DirtyTreeError, GitWriter, RevertConflictError } from '../../../src/providers/git/gitWriter';
import { LoggingOctokit } from '../../../src/providers/github/loggingOctokit';
import { PullRequests } from '../../../src/providers/github/pullRequests';
import { startSimServer, type SimServer } from '../../../src/providers/sim/server';
import { fingerprint, makeDirty, makeWorld, type ActionsWorld } from './actionsFixture';

const TOKEN = 'ghp_actionsTestToken000000000000000000';
const coords = { owner: 'acme', repo: 'shop', webUrl: 'https://github.com' };

interface SimWrite { operation: string; body: Record<string, unknown> }

describe('actions: git and GitHub writes', function () {
  this.timeout(30_000);
  let w: ActionsWorld;
  let sim: SimServer | undefined;
  beforeEach(() => { w = makeWorld(); });
  afterEach(async () => {
    if (sim) await sim.close();
    sim = undefined;
    w.cleanup();
  });
  const git = () => new GitWriter(w.run);
  async function api(files?: Record<string, string>, protectedBranches?: string[]) {
    sim = await startSimServer(w.snapshot, { token: TOKEN, files, protectedBranches });
    return new PullRequests(new LoggingOctokit({ token: TOKEN, baseUrl: sim.endpoints.github, retry: { baseDelayMs: 1 } }), { owner: 'acme', repo: 'shop' });
  }
  const writes = async (): Promise<SimWrite[]> => (await (await fetch(`${sim!.endpoints.github}/__sim/requests`)).json()) as SimWrite[];
  const originRef = (b: string) => { try { return w.repo.git('--git-dir', w.origin, 'rev-parse', '--verify', '--quiet', `refs/heads/${b}`); } catch { return undefined; } };

  it('hotfix branch: stops on a dirty tree without touching it, or stashes it under the incident and branches from the deployed ref', async () => {
    const files = makeDirty(w.repo);
    const before = fingerprint(w.repo, files);
    const plan = planHotfixBranch(w.snapshot, w.report);
    assert.equal(plan.target, 'hotfix/INC-77-checkout-latency-1s-after-orders-change');
    assert.equal(plan.base, w.shas.v2);
    await assert.rejects(executeHotfixBranch(plan, git(), 'stop'), (e: Error) => e instanceof DirtyTreeError && /1 staged, 1 modified, 1 untracked/.test(e.message));
    assert.equal(fingerprint(w.repo, files), before, 'stop changes nothing');

    const res = await executeHotfixBranch(plan, git(), 'stash');
    assert.equal(w.repo.git('branch', '--show-current'), plan.target);
    assert.equal(w.repo.git('rev-parse', 'HEAD'), w.shas.v2, 'from the deployed ref, not the tip of main');
    assert.notEqual(w.shas.v2, w.shas.later);
    assert.ok(res.stash);
    assert.match(w.repo.git('stash', 'list'), /INC-77/);
    assert.match(res.stash.restore, /git stash pop stash@\{0\}/);
    // The work comes back exactly: switch back and pop as the message says.
    w.repo.git('switch', '-q', 'main');
    w.repo.git('stash', 'pop', '--index', res.stash.ref);
    const after = JSON.parse(fingerprint(w.repo, files)) as Record<string, unknown>;
    const was = JSON.parse(before) as Record<string, unknown>;
    assert.deepEqual(after.files, was.files);
    assert.equal(after.status, was.status);
    assert.equal(after.index, was.index);
  });

  it('draft hotfix PR: pushes the branch, opens a draft against the default branch with the incident body, template and labels', async () => {
    const template = '## Description\n\n<!-- what and why -->\n\n## How was this tested?\n\n- [ ] unit tests\n';
    const prs = await api({ '.github/pull_request_template.md': template });
    await executeHotfixBranch(planHotfixBranch(w.snapshot, w.report), git(), 'stop');
    w.repo.write('src/orders.js', 'function listOrders(ids) {\n  return db.query("SELECT id, total FROM orders WHERE id IN (?)", [ids]);\n}\n');
    w.repo.commit('fix: batch order loading');
    const files = makeDirty(w.repo);
    const before = fingerprint(w.repo, files);
    const mainBefore = originRef('main');
    const tpl = (await prs.templates())[0];
    assert.equal(tpl.path, '.github/pull_request_template.md');
    const plan = await planHotfixPr({ snapshot: w.snapshot, report: w.report, repo: coords, template: tpl.text }, git(), prs);
    assert.match(renderPlan(plan), /Draft:\*\* yes/);
    const pr = await executePr(plan, git(), prs);
    assert.equal(pr.draft, true);
    assert.equal(sim!.calls('repos.get'), 1, 'the default branch is read once for plan, push guard and base');
    const ws = await writes();
    const create = ws.find((x) => x.operation === 'pulls.create')!;
    assert.equal(create.body.base, 'main');
    assert.equal(create.body.head, plan.target);
    assert.equal(create.body.draft, true);
    const body = String(create.body.body);
    assert.match(body, /## Description\n\nIncident \*\*INC-77\*\*/);
    assert.match(body, /- \[ \] unit tests/, 'keeps the template');
    assert.match(body, /Rollback plan: redeploy v1/);
    assert.match(body, /eu-west-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=eu-west-1#alarmsV2:alarm\/checkout-latency-p99/);
    assert.match(body, /#logsV2:logs-insights\$3FqueryDetail\$3D/);
    assert.ok(body.includes(`https://github.com/acme/shop/commit/${w.shas.v2}`));
    const labels = ws.find((x) => x.operation === 'issues.addLabels')!;
    assert.deepEqual(labels.body.labels, ['incident', 'hotfix']);
    assert.equal(originRef(plan.target), w.repo.git('rev-parse', plan.target), 'branch pushed');
    assert.equal(originRef('main'), mainBefore, 'nothing pushed to main');
    assert.equal(fingerprint(w.repo, files), before, 'dirty tree intact');
    // A rerun reuses the open PR instead of opening a second one.
    const again = await executePr(plan, git(), prs);
    assert.equal(again.existing, true);
    assert.equal((await writes()).filter((x) => x.operation === 'pulls.create').length, 1);
  });

  it('refuses in code to push to the default branch or a protected branch, and to open a PR from one', async () => {
    const prs = await api(undefined, ['release/1.x']);
    const mainBefore = originRef('main');
    w.repo.commit('local only');
    await assert.rejects(git().push('main', { defaultBranch: 'main' }), RefusedWrite);
    w.repo.git('branch', 'release/1.x');
    await assert.rejects(git().push('release/1.x', { defaultBranch: 'main', protected: await prs.isProtected('release/1.x') }), /protected/);
    await assert.rejects(prs.createDraft({ title: 't', body: 'b', head: 'release/1.x', base: 'main', labels: [] }), /protected/);
    await assert.rejects(prs.createDraft({ title: 't', body: 'b', head: 'main', base: 'main', labels: [] }), /default branch/);
    // Even when the caller claims another default, the remote's HEAD says main.
    await assert.rejects(git().push('main', { defaultBranch: 'develop' }), /default branch/);
    assert.equal(originRef('main'), mainBefore);
    assert.equal(originRef('release/1.x'), undefined);
    assert.equal((await writes()).length, 0);
    // And the hotfix PR flow refuses while on the default branch.
    await assert.rejects(planHotfixPr({ snapshot: w.snapshot, report: w.report, repo: coords }, git(), prs), /default branch/);
  });

  it('rollback PR: reverts the deploy in a temporary worktree, newest first, leaving the user tree and branch alone', async () => {
    const prs = await api();
    const files = makeDirty(w.repo);
    const before = fingerprint(w.repo, files);
    const plan = await planRollbackPr({ snapshot: w.snapshot, report: w.report, repo: coords }, git(), prs);
    assert.equal(plan.target, 'rollback/INC-77-v2');
    const res = await executeRollbackPr(plan, git(), prs);
    assert.deepEqual(res.reverted.reverted.map((r) => r.commit), [w.shas.v2]);
    const pushed = originRef('rollback/INC-77-v2')!;
    assert.ok(pushed);
    const show = (f: string) => w.repo.git('show', `${pushed}:${f}`);
    assert.match(show('src/orders.js'), /WHERE id IN/, 'the change is reverted');
    assert.match(show('docs/notes.md'), /later work/, 'later work on main is kept');
    assert.match(w.repo.git('log', '-1', '--format=%s', pushed), /^Revert "orders: load each order/);
    const after = JSON.parse(fingerprint(w.repo, files)) as Record<string, unknown>;
    const was = JSON.parse(before) as Record<string, unknown>;
    for (const k of ['status', 'head', 'branch', 'worktrees', 'stash', 'index', 'files']) assert.deepEqual(after[k], was[k], k);
    const create = (await writes()).find((x) => x.operation === 'pulls.create')!;
    assert.equal(create.body.base, 'main');
    assert.equal(create.body.draft, true);
    assert.match(String(create.body.title), /Roll back v2 to v1/);
  });

  it('rollback of several commits including a merge: newest first, -m 1 for the merge', async () => {
    const prs = await api();
    w.repo.git('switch', '-q', '-c', 'feature');
    w.repo.write('src/feature.js', 'export const f = 1;\n');
    const feat = w.repo.commit('feature');
    w.repo.git('switch', '-q', 'main');
    w.repo.git('merge', '--no-ff', '-q', '-m', 'Merge feature', 'feature');
    const merge = w.repo.git('rev-parse', 'HEAD');
    w.repo.git('push', '-q', 'origin', 'main');
    void feat;
    const plan = await planRollbackPr({ snapshot: w.snapshot, report: w.report, repo: coords }, git(), prs, [w.shas.v2, merge]);
    assert.deepEqual(plan.commits, [merge, w.shas.v2]);
    const res = await executeRollbackPr(plan, git(), prs);
    assert.deepEqual(res.reverted.reverted.map((r) => r.merge), [true, false]);
    const tree = w.repo.git('ls-tree', '-r', '--name-only', res.reverted.head);
    assert.ok(!tree.includes('src/feature.js'));
  });

  it('a conflicting revert is aborted and the repository is exactly as it was; the files are named', async () => {
    const prs = await api();
    w.repo.write('src/orders.js', 'function listOrders(ids) {\n  // rewritten after the deploy\n  return cache.get(ids);\n}\n');
    w.repo.commit('orders: cache');
    w.repo.git('push', '-q', 'origin', 'main');
    const files = makeDirty(w.repo);
    const plan = await planRollbackPr({ snapshot: w.snapshot, report: w.report, repo: coords }, git(), prs);
    const before = fingerprint(w.repo, files);
    const originBefore = w.repo.git('--git-dir', w.origin, 'for-each-ref');
    await assert.rejects(executeRollbackPr(plan, git(), prs), (e: Error) => e instanceof RevertConflictError && e.files.includes('src/orders.js') && /unchanged/.test(e.message));
    assert.equal(fingerprint(w.repo, files), before);
    assert.equal(w.repo.git('--git-dir', w.origin, 'for-each-ref'), originBefore, 'nothing pushed');
    assert.equal((await writes()).length, 0, 'no PR');
  });

  it('gitRunner-bound writer reports a deploy ref that is not in the repository clearly', async () => {
    const g = new GitWriter(gitRunner(w.repo.dir, w.env));
    await assert.rejects(g.resolveCommit('f'.repeat(40)), /is not in this repository/);
  });
});
