// incident-lens hotfix / rollback / optimise through the CLI entry point (main), on the demo repository (real git,
// a local bare origin, one later commit on main) and the GitHub simulator over HTTP with the real Octokit.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Snapshot } from '../../../src/core/model/snapshot';
import { makeDemoWorkspace } from '../../../src/cli/commands/demo';
import { main } from '../../../src/cli/main';
import { startSimServer, type SimServer } from '../../../src/providers/sim/server';

const TOKEN = 'ghp_cliActionsTestToken0000000000000000';

interface World { root: string; dir: string; origin: string; snapshotFile: string; snapshot: Snapshot }
interface Ran { code: number; out: string; err: string }

describe('CLI: hotfix, rollback, optimise', function () {
  this.timeout(60_000);
  let template: World;
  let w: World;
  let sim: SimServer;
  const saved: Record<string, string | undefined> = {};
  const git = (...args: string[]) => execFileSync('git', ['-C', w.dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const originRef = (b: string) => {
    try {
      return execFileSync('git', ['--git-dir', w.origin, 'rev-parse', '--verify', '--quiet', `refs/heads/${b}`], { encoding: 'utf8' }).trim();
    } catch {
      return undefined;
    }
  };
  /** Everything a user could lose, as in the provider tests. */
  const fingerprint = () => JSON.stringify({
    status: git('status', '--porcelain=v1', '--untracked-files=all'), head: git('rev-parse', 'HEAD'), branch: git('branch', '--show-current'),
    branches: git('branch', '--list', '--format=%(refname:short) %(objectname)'), stash: git('stash', 'list'),
    origin: execFileSync('git', ['--git-dir', w.origin, 'for-each-ref'], { encoding: 'utf8' }),
    readme: readFileSync(path.join(w.dir, 'README.md'), 'utf8'),
  });
  async function cli(...argv: string[]): Promise<Ran> {
    let out = '';
    let err = '';
    const code = await main(argv, { out: (t) => { out += t.endsWith('\n') ? t : `${t}\n`; }, err: (t) => { err += t.endsWith('\n') ? t : `${t}\n`; } });
    return { code, out, err };
  }
  const prCreates = () => sim.githubWrites().filter((x) => x.operation === 'pulls.create').map((x) => x.body as Record<string, unknown>);
  const labelsOf = () => sim.githubWrites().filter((x) => x.operation === 'issues.addLabels').map((x) => (x.body as { labels: string[] }).labels);

  before(async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'il-cli-actions-'));
    const dir = path.join(root, 'repo');
    const origin = path.join(root, 'origin.git');
    const snapshot = await makeDemoWorkspace(dir);
    // The snapshot lives outside the repository so the tree starts clean.
    const snapshotFile = path.join(root, 'demo.incident.json');
    renameSync(path.join(dir, 'demo.incident.json'), snapshotFile);
    w = { root, dir, origin, snapshotFile, snapshot };
    git('config', 'user.name', 'Ada Tester');
    git('config', 'user.email', 'ada@example.invalid');
    // Work on main after the deploy: the hotfix must start from what was deployed, not from here.
    writeFileSync(path.join(dir, 'NOTES.md'), 'later work on main\n');
    git('add', 'NOTES.md');
    git('commit', '-qm', 'docs: notes after the release');
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin]);
    git('remote', 'add', 'origin', origin);
    git('push', '-q', 'origin', 'main', '--tags');
    template = w;
    for (const k of ['GITHUB_API_URL', 'GITHUB_TOKEN', 'GH_TOKEN']) saved[k] = process.env[k];
    delete process.env.GH_TOKEN;
  });

  beforeEach(async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'il-cli-actions-'));
    cpSync(template.root, root, { recursive: true });
    const dir = path.join(root, 'repo');
    const origin = path.join(root, 'origin.git');
    const cfg = path.join(dir, '.git', 'config');
    writeFileSync(cfg, readFileSync(cfg, 'utf8').split(template.origin).join(origin));
    w = { root, dir, origin, snapshotFile: path.join(root, 'demo.incident.json'), snapshot: template.snapshot };
    sim = await startSimServer(w.snapshot, { token: TOKEN, repoDir: dir });
    process.env.GITHUB_API_URL = sim.endpoints.github;
    process.env.GITHUB_TOKEN = TOKEN;
  });

  afterEach(async () => {
    await sim.close();
    rmSync(w.root, { recursive: true, force: true });
  });

  after(() => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    rmSync(template.root, { recursive: true, force: true });
  });

  const deployed = () => w.snapshot.deploys!.find((d) => d.id === 'v2.4.1')!.ref!;

  it('hotfix prints the plan and changes nothing; --yes stops on a dirty tree, --stash keeps the work and branches from the deployed ref', async () => {
    const clean = fingerprint();
    const plan = await cli('hotfix', w.snapshotFile, '--repo', w.dir);
    assert.equal(plan.code, 0, plan.err);
    assert.match(plan.out, /Incident Lens will: hotfix branch/);
    assert.match(plan.out, new RegExp(`Base:\\*\\* \`${deployed()}\``));
    assert.match(plan.err, /Nothing was changed.*--yes/);
    assert.equal(fingerprint(), clean);

    writeFileSync(path.join(w.dir, 'README.md'), 'my unsaved edit\n');
    writeFileSync(path.join(w.dir, 'scratch.txt'), 'untracked notes\n');
    const dirty = fingerprint();
    const stopped = await cli('hotfix', w.snapshotFile, '--repo', w.dir, '--yes');
    assert.equal(stopped.code, 1);
    assert.equal(stopped.err.trim().split('\n').length, 1, stopped.err);
    assert.match(stopped.err, /uncommitted work .*--stash/);
    assert.equal(fingerprint(), dirty, 'stopping changes nothing');

    const made = await cli('hotfix', w.snapshotFile, '--repo', w.dir, '--yes', '--stash');
    assert.equal(made.code, 0, made.err);
    const branch = git('branch', '--show-current');
    assert.match(branch, /^hotfix\/INC-\d+-/);
    assert.equal(git('rev-parse', 'HEAD'), deployed(), 'from the deployed ref');
    assert.notEqual(git('rev-parse', 'main'), deployed());
    const ref = /git stash pop (stash@\{\d+\})/.exec(made.out)?.[1];
    assert.ok(ref, made.out);
    git('switch', '-q', 'main');
    git('stash', 'pop', '-q', ref);
    assert.equal(readFileSync(path.join(w.dir, 'README.md'), 'utf8'), 'my unsaved edit\n');
    assert.equal(readFileSync(path.join(w.dir, 'scratch.txt'), 'utf8'), 'untracked notes\n');
  });

  it('hotfix --pr --yes pushes the hotfix branch and opens a draft PR against main with the incident body, template and labels', async () => {
    assert.equal((await cli('hotfix', w.snapshotFile, '--repo', w.dir, '--yes')).code, 0);
    const branch = git('branch', '--show-current');
    writeFileSync(path.join(w.dir, 'src', 'orders.js'), `${readFileSync(path.join(w.dir, 'src', 'orders.js'), 'utf8')}// fix: batch the inventory lookups\n`);
    git('commit', '-qam', 'fix: batch inventory lookups');
    const mainBefore = originRef('main');
    const before = fingerprint();
    const preview = await cli('hotfix', w.snapshotFile, '--repo', w.dir, '--pr');
    assert.equal(preview.code, 0, preview.err);
    assert.match(preview.out, /Draft:\*\* yes/);
    assert.equal(prCreates().length, 0, 'the preview opens nothing');
    assert.equal(originRef(branch), undefined, 'the preview pushes nothing');

    const ran = await cli('hotfix', w.snapshotFile, '--repo', w.dir, '--pr', '--yes');
    assert.equal(ran.code, 0, ran.err);
    assert.match(ran.out, /Opened draft pull request #\d+/);
    const [pr] = prCreates();
    assert.equal(pr.base, 'main');
    assert.equal(pr.head, branch);
    assert.equal(pr.draft, true);
    assert.match(String(pr.body), new RegExp(w.snapshot.incident.id));
    assert.ok(String(pr.body).includes(deployed()) || String(pr.body).includes(deployed().slice(0, 7)), 'names the suspect commit');
    assert.match(String(pr.body), /## Why/, 'the repository template is used');
    assert.deepEqual(labelsOf(), [['incident', 'hotfix']]);
    assert.equal(originRef(branch), git('rev-parse', branch), 'the branch was pushed');
    assert.equal(originRef('main'), mainBefore, 'nothing pushed to main');
    assert.equal(JSON.parse(fingerprint()).status, JSON.parse(before).status);
  });

  it('hotfix --pr on main is refused with the reason', async () => {
    const before = fingerprint();
    const r = await cli('hotfix', w.snapshotFile, '--repo', w.dir, '--pr', '--yes');
    assert.equal(r.code, 2);
    assert.match(r.err, /^incident-lens hotfix: .*default branch/);
    assert.equal(fingerprint(), before);
    assert.equal(sim.githubWrites().length, 0);
  });

  it('rollback prints the plan, then with --yes reverts in a worktree, pushes and opens the draft PR; the user tree is untouched', async () => {
    writeFileSync(path.join(w.dir, 'README.md'), 'my unsaved edit\n');
    const before = fingerprint();
    const plan = await cli('rollback', w.snapshotFile, '--repo', w.dir);
    assert.equal(plan.code, 0, plan.err);
    assert.match(plan.out, /Incident Lens will: rollback pr/);
    assert.equal(prCreates().length, 0);
    const ran = await cli('rollback', w.snapshotFile, '--repo', w.dir, '--yes');
    assert.equal(ran.code, 0, ran.err);
    const [pr] = prCreates();
    assert.equal(pr.base, 'main');
    assert.match(String(pr.head), /^rollback\/INC-\d+-v2\.4\.1$/);
    assert.equal(pr.draft, true);
    assert.deepEqual(labelsOf(), [['incident', 'rollback']]);
    const pushed = originRef(String(pr.head))!;
    assert.ok(pushed, 'rollback branch pushed');
    const orders = execFileSync('git', ['-C', w.dir, 'show', `${pushed}:src/orders.js`], { encoding: 'utf8' });
    assert.doesNotMatch(orders, /QueryCommand/, 'the loop query is reverted');
    assert.equal(execFileSync('git', ['-C', w.dir, 'show', `${pushed}:NOTES.md`], { encoding: 'utf8' }), 'later work on main\n', 'later work on main is kept');
    const after = JSON.parse(fingerprint()) as Record<string, string>;
    const was = JSON.parse(before) as Record<string, string>;
    for (const k of ['status', 'head', 'branch', 'stash', 'readme']) assert.equal(after[k], was[k], k);
    assert.equal(originRef('main'), git('rev-parse', 'main'), 'main on origin unchanged');
  });

  it('--mode observe (or mode: observe in the config) refuses every write with the reason and changes nothing', async () => {
    const before = fingerprint();
    for (const argv of [['hotfix'], ['hotfix', '--pr'], ['rollback']]) {
      const r = await cli(...argv, w.snapshotFile, '--repo', w.dir, '--yes', '--mode', 'observe');
      assert.equal(r.code, 1, argv.join(' '));
      assert.equal(r.err.trim().split('\n').length, 1);
      assert.match(r.err, /disabled: Incident Lens is in observe mode/);
    }
    const cfg = path.join(w.dir, '.incident-lens.yaml');
    writeFileSync(cfg, readFileSync(cfg, 'utf8').replace(/^mode: advise$/m, 'mode: observe'));
    git('commit', '-qam', 'observe');
    const fromFile = await cli('rollback', w.snapshotFile, '--repo', w.dir, '--yes');
    assert.equal(fromFile.code, 1);
    assert.match(fromFile.err, /observe mode/);
    const r = await cli('optimise', w.snapshotFile, '--repo', w.dir);
    assert.equal(r.code, 0, 'optimise only reads');
    assert.equal(JSON.parse(fingerprint()).origin, JSON.parse(before).origin);
    assert.equal(sim.githubWrites().length, 0);
    assert.equal(sim.calls('repos.get'), 0, 'not even a read');
  });

  it('optimise (and optimize) reports the query in a loop on the line it is on', async () => {
    const text = readFileSync(path.join(w.dir, 'src', 'orders.js'), 'utf8').split('\n');
    const loopQuery = text.findIndex((l) => /ddb\.send\(new QueryCommand/.test(l)) + 1;
    assert.ok(loopQuery > 0);
    const md = await cli('optimise', w.snapshotFile, '--repo', w.dir);
    assert.equal(md.code, 0, md.err);
    assert.match(md.out, /implicates the database/);
    const json = await cli('optimize', w.snapshotFile, '--repo', w.dir, '--format', 'json');
    assert.equal(json.code, 0, json.err);
    const parsed = JSON.parse(json.out) as { deploy: string; findings: Array<{ kind: string; path: string; line: number }> };
    assert.equal(parsed.deploy, 'v2.4.1');
    const loop = parsed.findings.find((f) => f.kind === 'n-plus-one');
    assert.ok(loop, JSON.stringify(parsed.findings));
    assert.equal(loop.path, 'src/orders.js');
    assert.equal(loop.line, loopQuery);
    assert.ok(md.out.includes(`src/orders.js:${loopQuery}`) || md.out.includes(`line ${loopQuery}`), md.out);
  });

  it('bad input exits 2 with one line naming what is wrong', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['hotfix'], /missing snapshot/],
      [['hotfix', w.snapshotFile, '--repo', w.dir, '--bogus', 'x'], /unknown option --bogus/],
      [['rollback', w.snapshotFile, '--repo', w.dir, '--mode', 'yolo'], /--mode must be one of observe, advise/],
      [['rollback', w.snapshotFile, '--repo', w.dir, '--commits', 'not-a-sha'], /--commits must be commit shas/],
      [['hotfix', w.snapshotFile, '--repo', w.dir, '--deploy', 'v9.9.9'], /deploy v9\.9\.9 is not in the snapshot/],
      [['optimise', w.snapshotFile, '--repo', os.tmpdir()], /not a git repository/],
      [['optimise', path.join(w.root, 'missing.json'), '--repo', w.dir], /missing\.json: cannot read snapshot: no such file/],
      [['hotfix', w.snapshotFile, '--repo', w.dir, '--pr', '--stash'], /--stash applies to creating the branch/],
    ];
    for (const [argv, want] of cases) {
      const r = await cli(...argv);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
      assert.equal(r.out, '');
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(r.err, want);
    }
    delete process.env.GITHUB_TOKEN;
    process.env.GITHUB_API_URL = 'https://api.github.com';
    const noToken = await cli('rollback', w.snapshotFile, '--repo', w.dir);
    assert.equal(noToken.code, 2);
    assert.match(noToken.err, /GITHUB_TOKEN is not set/);
  });
});
