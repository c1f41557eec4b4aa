// The write actions in the real extension host, driven through vscode.commands.executeCommand on the workspace's
// git repository (the demo repo, given a local bare origin and a commit on main after the deploy by this test) with
// the GitHub simulator on 127.0.0.1. Confirmations are answered through the activate() API's hook, never a modal.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WritePlan } from '../../src/core/actions/writePlan';
import type { IncidentLensApi } from '../../src/vscode/extension';
import type { ActionOutcome } from '../../src/vscode/actions/actionCommands';
import type { CommitChoice } from '../../src/vscode/actions/confirm';
import { startSimServer, type SimServer } from '../../src/providers/sim/server';

const EXTENSION_ID = 'incident-lens.incident-lens';
const WRITES = ['incidentLens.createHotfixBranch', 'incidentLens.draftHotfixPr', 'incidentLens.draftRollbackPr', 'incidentLens.generatePir'];

describe('Actions: hotfix branch, PRs, PIR and query advice in the editor', function () {
  this.timeout(120_000);
  let api: IncidentLensApi;
  let ws: string;
  let origin: string;
  let sim: SimServer;
  let mainBefore: string;
  let deployedRef: string;
  let hook: vscode.Disposable;
  const asked = { plans: [] as WritePlan[], dirty: 0, commits: [] as CommitChoice[][] };
  const answers = { plan: true, dirty: 'stop' as 'stash' | 'stop' };
  const git = (...args: string[]) => execFileSync('git', ['-C', ws, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const originRef = (b: string) => {
    try {
      return execFileSync('git', ['--git-dir', origin, 'rev-parse', '--verify', '--quiet', `refs/heads/${b}`], { encoding: 'utf8' }).trim();
    } catch {
      return undefined;
    }
  };
  const run = (id: string) => vscode.commands.executeCommand<ActionOutcome | undefined>(id);
  const settings = () => vscode.workspace.getConfiguration('incidentLens');
  const configFile = () => path.join(ws, '.incident-lens.yaml');
  /** What a user could lose: status, HEAD, branches, stash, the contents of the dirty files, and origin's refs. */
  const fingerprint = (files: string[] = []) => JSON.stringify({
    status: git('status', '--porcelain=v1', '--untracked-files=all'), head: git('rev-parse', 'HEAD'), branch: git('branch', '--show-current'),
    branches: git('branch', '--list', '--format=%(refname:short) %(objectname)'), stash: git('stash', 'list'),
    origin: execFileSync('git', ['--git-dir', origin, 'for-each-ref'], { encoding: 'utf8' }),
    files: files.map((f) => (fs.existsSync(path.join(ws, f)) ? fs.readFileSync(path.join(ws, f), 'utf8') : '<missing>')),
  });
  const prCreates = () => sim.githubWrites().filter((x) => x.operation === 'pulls.create').map((x) => x.body as Record<string, unknown>);
  const labelWrites = () => sim.githubWrites().filter((x) => x.operation === 'issues.addLabels').map((x) => (x.body as { labels: string[] }).labels);

  before(async () => {
    const ext = vscode.extensions.getExtension<IncidentLensApi>(EXTENSION_ID);
    assert.ok(ext, 'extension not loaded');
    api = await ext.activate();
    ws = vscode.workspace.workspaceFolders![0].uri.fsPath;
    assert.ok(fs.existsSync(path.join(ws, 'demo.incident.json')), 'the workspace is the demo repository');
    git('config', 'user.name', 'Ada Tester');
    git('config', 'user.email', 'ada@example.invalid');
    mainBefore = git('rev-parse', 'main');
    await vscode.commands.executeCommand('incidentLens.openDemo');
    const active = api.services.store.active;
    assert.ok(active?.report, 'the demo incident is analysed');
    deployedRef = active.snapshot.deploys!.find((d) => d.id === active.report!.suspects[0].deployId)!.ref!;
    assert.equal(git('rev-parse', 'HEAD'), deployedRef, 'the demo repository is at the deployed release');
    // Work on main after the deploy, and an origin of our own.
    fs.writeFileSync(path.join(ws, 'NOTES.md'), 'later work on main\n');
    git('add', 'NOTES.md');
    git('commit', '-qm', 'docs: notes after the release');
    origin = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-origin-'));
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin]);
    git('remote', 'add', 'origin', origin);
    git('push', '-q', 'origin', 'main', '--tags');
    sim = await startSimServer(active.snapshot, { repoDir: ws });
    await settings().update('github.apiUrl', sim.endpoints.github, vscode.ConfigurationTarget.Global);
    hook = api.services.actions.confirm.use({
      plan: async (p) => { asked.plans.push(p); return answers.plan; },
      dirtyTree: async () => { asked.dirty++; return answers.dirty; },
      template: async (paths) => paths[0],
      commits: async (_deploy, commits) => { asked.commits.push(commits); return commits.map((c) => c.sha); },
    });
  });

  after(async () => {
    hook?.dispose();
    await sim?.close();
    await settings().update('github.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Put the demo repository back as the runner made it, for the suites after this one.
    const keep = fs.readFileSync(path.join(ws, 'demo.incident.json'));
    git('switch', '-q', '-f', 'main');
    git('reset', '-q', '--hard', mainBefore);
    for (const b of git('branch', '--list', '--format=%(refname:short)', 'hotfix/*', 'rollback/*').split('\n').filter(Boolean)) git('branch', '-q', '-D', b);
    git('stash', 'clear');
    git('remote', 'remove', 'origin');
    git('config', '--unset', 'user.name');
    git('config', '--unset', 'user.email');
    for (const f of ['scratch.txt', 'NOTES.md']) fs.rmSync(path.join(ws, f), { force: true });
    fs.writeFileSync(path.join(ws, 'demo.incident.json'), keep);
    fs.rmSync(origin, { recursive: true, force: true });
  });

  it('observe mode: every write command refuses and says why, nothing changes; query advice still shows on the loop line', async () => {
    const original = fs.readFileSync(configFile(), 'utf8');
    fs.writeFileSync(configFile(), original.replace(/^mode: advise$/m, 'mode: observe'));
    try {
      assert.match(fs.readFileSync(configFile(), 'utf8'), /^mode: observe$/m);
      const before = fingerprint(['.incident-lens.yaml']);
      for (const id of WRITES) {
        const out = await run(id);
        assert.equal(out?.status, 'refused', `${id}: ${JSON.stringify(out)}`);
        assert.match(out.message, /disabled: Incident Lens is in observe mode \(read-only\)\. Set mode: advise/, id);
      }
      assert.equal(asked.plans.length, 0, 'no plan was even offered');
      assert.equal(fingerprint(['.incident-lens.yaml']), before);
      assert.equal(sim.githubWrites().length, 0);
      assert.equal(sim.calls('repos.get'), 0);

      const q = await run('incidentLens.suggestQueryOptimisations');
      assert.equal(q?.status, 'done', JSON.stringify(q));
      const orders = vscode.Uri.file(path.join(ws, 'src', 'orders.js'));
      const lines = fs.readFileSync(orders.fsPath, 'utf8').split('\n');
      const loopQuery = lines.findIndex((l) => /ddb\.send\(new QueryCommand/.test(l));
      assert.ok(loopQuery > 0);
      const diags = vscode.languages.getDiagnostics(orders).filter((d) => d.source === 'Incident Lens');
      const n1 = diags.find((d) => d.code === 'n-plus-one');
      assert.ok(n1, `diagnostics: ${diags.map((d) => `${String(d.code)}@${d.range.start.line}`).join(', ')}`);
      assert.equal(n1.range.start.line, loopQuery, 'on the query inside the loop');
      assert.equal(n1.severity, vscode.DiagnosticSeverity.Warning);
      // The code actions are asked for on an open document, as the editor's light bulb does.
      await vscode.workspace.openTextDocument(orders);
      const onLine = new vscode.Range(loopQuery, 0, loopQuery, lines[loopQuery].length);
      const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', orders, onLine);
      assert.ok(fixes.some((a) => /batch rewrite/.test(a.title)), `code actions: ${fixes.map((a) => a.title).join(', ')}`);
    } finally {
      fs.writeFileSync(configFile(), original);
    }
  });

  it('advise mode: the hotfix branch plan is shown; declined or stopped on a dirty tree nothing changes', async () => {
    answers.plan = false;
    const before = fingerprint();
    const declined = await run('incidentLens.createHotfixBranch');
    assert.equal(declined?.status, 'declined', JSON.stringify(declined));
    const plan = asked.plans.at(-1)!;
    assert.equal(plan.kind, 'hotfix-branch');
    assert.equal(plan.base, deployedRef);
    assert.match(plan.target, /^hotfix\/INC-\d+-/);
    const preview = vscode.workspace.textDocuments.find((d) => d.languageId === 'markdown' && d.getText().startsWith('# Incident Lens will: hotfix branch'));
    assert.ok(preview, 'the plan is shown in an editor');
    assert.ok(preview.getText().includes(deployedRef));
    assert.equal(fingerprint(), before);

    answers.plan = true;
    answers.dirty = 'stop';
    fs.writeFileSync(path.join(ws, 'README.md'), `${fs.readFileSync(path.join(ws, 'README.md'), 'utf8')}\nmy unsaved edit\n`);
    fs.writeFileSync(path.join(ws, 'scratch.txt'), 'untracked notes\n');
    const dirty = fingerprint(['README.md', 'scratch.txt']);
    const stopped = await run('incidentLens.createHotfixBranch');
    assert.equal(stopped?.status, 'declined');
    assert.equal(asked.dirty, 1, 'asked about the uncommitted work');
    assert.equal(fingerprint(['README.md', 'scratch.txt']), dirty);
  });

  it('advise mode: confirmed, the hotfix branch starts at the deployed ref and the stashed work comes back', async () => {
    answers.dirty = 'stash';
    const work = ['README.md', 'scratch.txt', 'demo.incident.json'];
    const was = JSON.parse(fingerprint(work)) as { files: string[]; status: string };
    const out = await run('incidentLens.createHotfixBranch');
    assert.equal(out?.status, 'done', JSON.stringify(out));
    const branch = asked.plans.at(-1)!.target;
    assert.equal(git('branch', '--show-current'), branch);
    assert.equal(git('rev-parse', 'HEAD'), deployedRef, 'from the deployed ref');
    assert.notEqual(git('rev-parse', 'main'), deployedRef, 'not the tip of main');
    const ref = /git stash pop (stash@\{\d+\})/.exec(out.message)?.[1];
    assert.ok(ref, out.message);
    assert.match(git('stash', 'list'), /incident-lens INC-\d+/);
    git('stash', 'pop', '-q', ref);
    const now = JSON.parse(fingerprint(work)) as { files: string[]; status: string };
    assert.deepEqual(now.files, was.files, 'the work is back exactly');
    assert.equal(now.status, was.status);
  });

  it('draft hotfix PR: the branch is pushed and a draft PR opened against main with the incident body and labels; the dirty tree survives', async () => {
    const branch = git('branch', '--show-current');
    const orders = path.join(ws, 'src', 'orders.js');
    fs.writeFileSync(orders, `${fs.readFileSync(orders, 'utf8')}// fix: batch the inventory lookups\n`);
    git('commit', '-qm', 'fix: batch inventory lookups', '--', 'src/orders.js');
    const before = fingerprint(['README.md', 'scratch.txt']);
    const out = await run('incidentLens.draftHotfixPr');
    assert.equal(out?.status, 'done', JSON.stringify(out));
    assert.match(out.message, /Draft pull request #\d+/);
    const plan = asked.plans.at(-1)!;
    assert.equal(plan.kind, 'hotfix-pr');
    const [pr] = prCreates();
    assert.ok(pr, 'the simulator saw the PR');
    assert.equal(pr.base, 'main');
    assert.equal(pr.head, branch);
    assert.equal(pr.draft, true);
    assert.equal(pr.body, plan.pr!.body, 'the body that was previewed');
    assert.match(String(pr.body), new RegExp(`Incident \\*\\*${api.services.store.active!.snapshot.incident.id}\\*\\*`));
    assert.match(String(pr.body), /## Why/, 'the repository template is used');
    assert.deepEqual(labelWrites(), [['incident', 'hotfix']]);
    assert.equal(originRef(branch), git('rev-parse', branch), 'pushed');
    assert.equal(originRef('main'), git('rev-parse', 'main'), 'nothing pushed to main');
    const after = JSON.parse(fingerprint(['README.md', 'scratch.txt'])) as Record<string, unknown>;
    const was = JSON.parse(before) as Record<string, unknown>;
    for (const k of ['status', 'head', 'branch', 'stash', 'files']) assert.deepEqual(after[k], was[k], k);
  });

  it('draft rollback PR: the chosen commits are reverted on a branch from main, pushed, with a draft PR; the tree is untouched', async () => {
    const before = fingerprint(['README.md', 'scratch.txt']);
    const out = await run('incidentLens.draftRollbackPr');
    assert.equal(out?.status, 'done', JSON.stringify(out));
    assert.equal(asked.commits.at(-1)?.length, 2, 'asked which of the two commits to revert');
    const pr = prCreates()[1];
    assert.ok(pr, 'a second PR');
    assert.equal(pr.base, 'main');
    assert.match(String(pr.head), /^rollback\/INC-\d+-v2\.4\.1$/);
    assert.equal(pr.draft, true);
    assert.deepEqual(labelWrites()[1], ['incident', 'rollback']);
    const pushed = originRef(String(pr.head));
    assert.ok(pushed, 'rollback branch pushed');
    assert.doesNotMatch(execFileSync('git', ['-C', ws, 'show', `${pushed}:src/orders.js`], { encoding: 'utf8' }), /QueryCommand/);
    assert.equal(execFileSync('git', ['-C', ws, 'show', `${pushed}:NOTES.md`], { encoding: 'utf8' }), 'later work on main\n');
    assert.equal(originRef('main'), git('rev-parse', 'main'), 'nothing pushed to main');
    const after = JSON.parse(fingerprint(['README.md', 'scratch.txt'])) as Record<string, unknown>;
    const was = JSON.parse(before) as Record<string, unknown>;
    for (const k of ['status', 'head', 'branch', 'stash', 'files']) assert.deepEqual(after[k], was[k], k);
  });

  it('post-incident review: written and opened; a rerun refreshes the generated parts and keeps what people wrote', async () => {
    const first = await run('incidentLens.generatePir');
    assert.equal(first?.status, 'done', JSON.stringify(first));
    const rel = asked.plans.at(-1)!.target;
    assert.match(rel, /^docs\/incidents\/\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md$/);
    const file = path.join(ws, ...rel.split('/'));
    const written = fs.readFileSync(file, 'utf8');
    assert.match(written, /incident-lens/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file, 'opened');
    const human = '\n## Notes from the on-call\n\nThe cache warm-up hid the problem for ten minutes. — Dana\n';
    fs.writeFileSync(file, written + human);
    const again = await run('incidentLens.generatePir');
    assert.equal(again?.status, 'done');
    assert.match(again.message, /Updated/);
    const merged = fs.readFileSync(file, 'utf8');
    assert.ok(merged.includes('The cache warm-up hid the problem for ten minutes. — Dana'), 'the human text is kept');
    assert.ok(merged.length >= written.length, 'the generated parts are still there');
    fs.rmSync(file);
  });
});
