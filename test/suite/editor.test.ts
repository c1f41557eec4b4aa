// The editor experience in the real extension host: trees for the demo incident, code lenses on a real git repository
// (after edits and with the working tree at a later commit), stack-frame links, the diff provider, the timeline.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IncidentLensApi } from '../../src/vscode/extension';
import type { TreeNode } from '../../src/vscode/views/treeNode';
import type { Report } from '../../src/core/model/report';
import type { Snapshot } from '../../src/core/model/snapshot';
import { changedRanges, parseHunks } from '../../src/core/diff';

const EXTENSION_ID = 'incident-lens.incident-lens';
const label = (n: TreeNode) => (typeof n.label === 'string' ? n.label : n.label.label);

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ORIGINAL = [
  "import { ddb, getOrder, sum } from './db.js';",
  "import { QueryCommand } from '@aws-sdk/client-dynamodb';",
  '',
  ...Array.from({ length: 14 }, (_, i) => `// filler ${i + 4}`),
  'export async function getOrderSummary(orderId) {',
  '  const order = await getOrder(orderId);',
  '  const items = order.items;',
  '  return { order, items, total: sum(items) };',
  '}',
  '',
];
const CHANGED = [
  ...ORIGINAL.slice(0, 19),
  '  const items = [];',
  '  for (const item of order.items) {',
  '    const res = await ddb.send(new QueryCommand({ TableName: process.env.INVENTORY_TABLE }));',
  '    items.push({ ...item, stock: res.Items?.[0] });',
  '  }',
  ...ORIGINAL.slice(20),
];

describe('Editor: trees, code lenses, links and timeline', function () {
  this.timeout(60_000);
  let api: IncidentLensApi;
  let ws: string;
  let repo: string;
  const gitRaw = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
  const git = (...args: string[]) => gitRaw(...args).trim();

  before(async () => {
    const ext = vscode.extensions.getExtension<IncidentLensApi>(EXTENSION_ID);
    assert.ok(ext, 'extension not loaded');
    api = await ext.activate();
    ws = vscode.workspace.workspaceFolders![0].uri.fsPath;
    // A repository of our own inside the workspace: two tagged releases, the second adding the loop.
    repo = fs.mkdtempSync(path.join(ws, 'lens-repo-'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 'Test');
    fs.mkdirSync(path.join(repo, 'src'));
    fs.writeFileSync(path.join(repo, 'src', 'orders.js'), ORIGINAL.join('\n'));
    git('add', '.');
    git('commit', '-qm', 'v2.4.0');
    fs.writeFileSync(path.join(repo, 'src', 'orders.js'), CHANGED.join('\n'));
    git('commit', '-qam', 'orders: enrich summary with inventory stock');
  });

  after(() => {
    fs.rmSync(repo, { recursive: true, force: true });
  });

  /** The incident whose suspect is the loop commit of our repository; the report names it as analysis would. */
  function lensIncident(): { snapshot: Snapshot; report: Report } {
    const sha = git('rev-parse', 'HEAD');
    const prev = git('rev-parse', 'HEAD~1');
    const patch = git('show', '--format=', sha, '--', 'src/orders.js');
    const snapshot: Snapshot = {
      schema: 'incident-lens/snapshot@1',
      incident: { id: 'INC-LENS', title: 'lens test', startedAt: '2026-01-14T03:15:00Z', severity: 'high' },
      alarms: [{ id: 'a1', name: 'api-latency-critical', state: 'ALARM', at: '2026-01-14T03:15:00Z' }],
      deploys: [{ id: 'v2.4.1', at: '2026-01-14T03:03:00Z', ref: sha, previousRef: prev, commits: [{
        sha, author: 'Dana Kim <dana@example.com>', message: 'orders: enrich summary with inventory stock', at: '2026-01-14T02:00:00Z',
        files: [{ path: 'src/orders.js', status: 'modified', patch }],
      }] }],
    };
    const report: Report = {
      schema: 'incident-lens/report@1', rootCause: { category: 'code-change', summary: 'loop', confidence: 0.8, evidence: ['e1'] },
      suspects: [{ deployId: 'v2.4.1', commit: sha, score: 0.9, evidence: ['e1'], reasons: ['adds database calls inside a loop'] }],
      hypotheses: [], actions: [], timeline: [], gaps: [],
      evidence: [{ id: 'e1', kind: 'commit', summary: 'commit adds a query per item' }],
    };
    return { snapshot, report };
  }

  async function lensLines(doc: vscode.TextDocument): Promise<Array<{ line: number; title: string }>> {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
    return lenses.filter((l) => l.command?.command === 'incidentLens.openDiff').map((l) => ({ line: l.range.start.line, title: l.command!.title }));
  }

  it('fills the four trees with the demo incident', async () => {
    await vscode.commands.executeCommand('incidentLens.openDemo');
    const { views, statusBar } = api.services;
    const incidents = await views.incidents.provider.getChildren();
    const inc = incidents.find((n) => label(n).startsWith('INC-2041'));
    assert.ok(inc, `incidents: ${incidents.map(label).join(' | ')}`);
    assert.match(inc.description ?? '', /critical/);
    assert.deepEqual((await views.incidents.provider.getChildren(inc)).map(label), ['api-latency-critical', 'api-5xx-rate-high']);

    const alarms = await views.alarms.provider.getChildren();
    assert.deepEqual(alarms.map(label), ['api-latency-critical', 'api-5xx-rate-high']);
    const first = api.services.store.active!.snapshot.alarms![0];
    assert.equal(alarms[0].description, `ALARM since ${new Date(first.at).toISOString().slice(0, 16).replace('T', ' ')}Z`);

    const suspects = await views.suspects.provider.getChildren();
    assert.equal(label(suspects[0]), '#1 v2.4.1', `suspects: ${suspects.map(label).join(' | ')}`);
    const commits = await views.suspects.provider.getChildren(suspects[0]);
    assert.match(label(commits[0]), /orders: enrich summary/);
    const files = await views.suspects.provider.getChildren(commits[0]);
    assert.deepEqual(files.map(label), ['src/orders.js']);
    const hunks = await views.suspects.provider.getChildren(files[0]);
    const patch = api.services.store.active!.snapshot.deploys!.find((d) => d.id === 'v2.4.1')!.commits!
      .flatMap((c) => c.files ?? []).find((f) => f.path === 'src/orders.js')!.patch!;
    assert.equal(hunks.length, parseHunks(patch).length);
    assert.ok(hunks.every((h) => h.command?.command === 'incidentLens.openDiff'));

    const evidence = await views.evidence.provider.getChildren();
    const groups = evidence.map(label);
    assert.ok(groups.includes('Log patterns that spiked'), groups.join(' | '));
    assert.ok(groups.includes('Metric shifts'), groups.join(' | '));
    const logs = await views.evidence.provider.getChildren(evidence.find((g) => label(g) === 'Log patterns that spiked'));
    assert.match(label(logs[0]), /ProvisionedThroughputExceededException/);
    const stack = (await views.evidence.provider.getChildren(logs[0])).find((n) => n.contextValue === 'stackTrace');
    assert.ok(stack, 'the throttling pattern shows its stack trace');
    assert.match(String(stack.data), /orders\.js:22:17/);

    assert.match(statusBar.text, /INC-2041 · critical/);
  });

  it('puts lenses on the demo repository\'s suspect hunks, where the patch says', async function () {
    this.timeout(120_000);
    const file = path.join(ws, 'src', 'orders.js');
    assert.ok(fs.existsSync(file), 'the demo workspace is a checkout of the demo repository');
    const patch = api.services.store.active!.snapshot.deploys!.flatMap((d) => d.commits ?? []).flatMap((c) => c.files ?? [])
      .find((f) => f.path === 'src/orders.js')!.patch!;
    const expected = parseHunks(patch).map((h) => changedRanges(h)[0].start - 1);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const t0 = Date.now();
    const lines = await until('demo lenses', async () => { const l = await lensLines(doc); return l.length ? l : undefined; }, 60_000);
    console.log(`      (lenses after ${Date.now() - t0} ms)`);
    assert.deepEqual(lines.map((l) => l.line), expected);
    assert.ok(lines.every((l) => /^Changed in v2\.4\.1 by .+ · suspect #1$/.test(l.title)), lines.map((l) => l.title).join(' | '));
  });

  it('puts a code lens above the suspect hunk, with the deploy, author, minutes to the alarm and rank', async function () {
    this.timeout(120_000);
    const { snapshot, report } = lensIncident();
    api.services.store.set({ snapshot, report, origin: 'test' });
    const doc = await vscode.workspace.openTextDocument(path.join(repo, 'src', 'orders.js'));
    await vscode.window.showTextDocument(doc);
    const t0 = Date.now();
    const lines = await until('lenses', async () => { const l = await lensLines(doc); return l.length ? l : undefined; }, 60_000);
    console.log(`      (lenses after ${Date.now() - t0} ms)`);
    // CHANGED line 20 (0-based 19) is the first added line.
    assert.deepEqual(lines, [{ line: 19, title: 'Changed in v2.4.1 by Dana Kim 12 min before api-latency-critical · suspect #1' }]);
    const ranges = await api.services.decorations.rangesFor(doc);
    assert.deepEqual(ranges.map((r) => [r.start.line, r.end.line]), [[19, 23]]);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(21, 4));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /adds database calls inside a loop/);
    const outside = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(2, 0));
    assert.equal(outside.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('').includes('suspect #1'), false);
  });

  it('keeps the lens on the changed lines while the user edits above and inside them', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(repo, 'src', 'orders.js'));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// one\n// two\n// three\n'));
    await until('lens moved by 3', async () => ((await lensLines(doc))[0]?.line === 22 ? true : undefined));
    await editor.edit((b) => b.insert(new vscode.Position(23, 0), '    // note\n'));
    const ranges = await api.services.decorations.rangesFor(doc);
    assert.deepEqual(ranges.map((r) => [r.start.line, r.end.line]), [[22, 27]]);
    await editor.edit((b) => b.delete(new vscode.Range(0, 0, 3, 0)));
    await until('lens back', async () => ((await lensLines(doc))[0]?.line === 19 ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('maps the deployed lines through git diff when the working tree is at a later commit', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const file = path.join(repo, 'src', 'orders.js');
    const later = ['// licence header', '// added after the deploy', '', '', '', ...CHANGED];
    fs.writeFileSync(file, later.join('\n'));
    git('commit', '-qam', 'header');
    const { snapshot, report } = lensIncident();
    // The suspect is the deployed commit, one before HEAD.
    const deployed = git('rev-parse', 'HEAD~1');
    snapshot.deploys![0].ref = deployed;
    snapshot.deploys![0].commits![0].sha = deployed;
    snapshot.deploys![0].commits![0].files![0] = { path: 'src/orders.js', status: 'modified', patch: git('show', '--format=', deployed, '--', 'src/orders.js') };
    report.suspects[0].commit = deployed;
    api.services.store.set({ snapshot, report, origin: 'test' });
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const lines = await until('lenses', async () => { const l = await lensLines(doc); return l.length ? l : undefined; });
    assert.equal(lines[0].line, 24);
    assert.equal(doc.lineAt(24).text, '  const items = [];');
  });

  it('toggles the lenses and marks off and on with one command', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(repo, 'src', 'orders.js'));
    await vscode.commands.executeCommand('incidentLens.toggleCodeLens');
    assert.deepEqual(await lensLines(doc), []);
    assert.deepEqual(await api.services.decorations.rangesFor(doc), []);
    await vscode.commands.executeCommand('incidentLens.toggleCodeLens');
    assert.equal((await lensLines(doc)).length, 1);
  });

  it('serves the commit side of a diff from git show, and the patch when the commit is unknown', async () => {
    const sha = git('rev-parse', 'HEAD~1');
    const q = (ref: string) => JSON.stringify({ ref, path: 'src/orders.js', side: 'after', deployId: 'v2.4.1', commit: sha, filePath: 'src/orders.js', repo });
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(path.join(repo, 'src', 'orders.js')));
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'incident-lens-diff', path: '/src/orders.js', query: q(sha) }));
    assert.equal(doc.getText(), gitRaw('show', `${sha}:src/orders.js`));
    // The lens's own command opens the diff editor on the two sides.
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', vscode.Uri.file(path.join(repo, 'src', 'orders.js')), 10);
    const open = lenses.find((l) => l.command?.command === 'incidentLens.openDiff')!;
    await vscode.commands.executeCommand(open.command!.command, ...(open.command!.arguments ?? []));
    const tab = await until('diff tab', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    });
    assert.equal(tab.modified.scheme, 'incident-lens-diff');
    assert.equal((await vscode.workspace.openTextDocument(tab.original)).getText(), gitRaw('show', `${sha}^:src/orders.js`));
    const missing = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'incident-lens-diff', path: '/src/orders.js', query: q('0'.repeat(40)) }));
    assert.match(missing.getText(), /const items = \[\];/);
    assert.match(missing.getText(), /from the snapshot patch/);
  });

  it('links stack frames in a log document to the mapped file and line', async () => {
    const rel = `${path.basename(repo)}/src/orders.js`;
    const text = `ERROR boom\n    at throttle (/var/task/node_modules/x/index.js:2211:19)\n    at async getOrderSummary (/var/task/${rel}:22:17)\n`;
    const doc = await vscode.workspace.openTextDocument({ language: 'log', content: text });
    const links = await until('links', async () => {
      const l = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
      return l.some((x) => x.target?.fsPath.endsWith(path.join('src', 'orders.js'))) ? l : undefined;
    });
    const mine = links.filter((l) => l.target?.scheme === 'file');
    assert.equal(mine.length, 1, 'only the frame that maps onto the workspace is a link');
    assert.equal(doc.getText(mine[0].range), `/var/task/${rel}:22:17`);
    assert.equal(mine[0].range.start.line, 2);
    assert.equal(mine[0].target!.fragment, 'L22,17');
  });

  it('opens the timeline webview, which paints under its CSP and reports back', async () => {
    await vscode.commands.executeCommand('incidentLens.openDemo');
    await vscode.commands.executeCommand('incidentLens.openTimeline');
    const ms = await until('first paint', () => api.services.timeline.lastPaintMs, 30_000);
    assert.ok(ms >= 0);
    assert.equal(api.services.timeline.isOpen, true);
  });
});
