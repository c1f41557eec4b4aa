// Model patches in the real extension host: the local OpenAI-compatible server proposes a patch to the demo
// workspace's src/orders.js, the review command shows it as a diff, and only an explicit yes changes the file.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IncidentLensApi } from '../../src/vscode/extension';
import { startOpenAiCompatibleServer, type OpenAiCompatibleServer } from '../helpers/openAiCompatibleServer';

const EXTENSION_ID = 'incident-lens.incident-lens';
const SECRET_LINE = 'const DB_URL = "postgres://orders:Hunter2-Sekret@10.0.4.17:5432/orders";';

interface Asked {
  message: string;
  detail: string;
  action: string;
}

describe('model patch review (extension host)', function () {
  this.timeout(120_000);
  let server: OpenAiCompatibleServer;
  let api: IncidentLensApi;
  let ordersPath: string;
  let yamlPath: string;
  let original: string;
  let originalYaml: string | undefined;
  let local: string;
  let expected: string;
  const hooks: vscode.Disposable[] = [];
  const cfg = () => vscode.workspace.getConfiguration('incidentLens.llm');
  const patchTabs = () =>
    vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.input).filter((i): i is vscode.TabInputTextDiff => i instanceof vscode.TabInputTextDiff && i.modified.scheme === 'incident-lens-patch');
  const answer = (yes: boolean, asked: Asked[]) =>
    hooks.push(api.services.llm.patchUi.use({ confirm: async (r) => (asked.push(r), yes), pick: async (choices) => choices[0] }));

  before(async () => {
    api = await vscode.extensions.getExtension<IncidentLensApi>(EXTENSION_ID)!.activate();
    const ws = vscode.workspace.workspaceFolders![0].uri.fsPath;
    ordersPath = path.join(ws, 'src', 'orders.js');
    yamlPath = path.join(ws, '.incident-lens.yaml');
    original = fs.readFileSync(ordersPath, 'utf8');
    originalYaml = fs.existsSync(yamlPath) ? fs.readFileSync(yamlPath, 'utf8') : undefined;
    // Uncommitted local work with a secret in it: the model must never see the secret, the patch must keep the work.
    local = `${SECRET_LINE}\n${original}`;
    fs.writeFileSync(ordersPath, local);
    await vscode.commands.executeCommand('incidentLens.openDemo');
    server = await startOpenAiCompatibleServer([{ content: '{}' }]);
    await cfg().update('enabled', true, vscode.ConfigurationTarget.Global);
    await cfg().update('baseUrl', server.baseURL, vscode.ConfigurationTarget.Global);
    await cfg().update('model', 'patch-model', vscode.ConfigurationTarget.Global);
  });

  afterEach(() => {
    while (hooks.length) hooks.pop()!.dispose();
  });

  after(async () => {
    fs.writeFileSync(ordersPath, original);
    if (originalYaml !== undefined) fs.writeFileSync(yamlPath, originalYaml);
    await server?.close();
    for (const key of ['enabled', 'baseUrl', 'model']) await cfg().update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('sends the current code redacted and keeps the model’s cited patch on the report, unapplied', async () => {
    // The preview is exactly what will be sent: it gives the placeholder the model will see for the secret line.
    await vscode.commands.executeCommand('incidentLens.llm.preview');
    const preview = vscode.window.activeTextEditor!.document.getText();
    assert.match(preview, /## Current code of the files involved/);
    assert.ok(!preview.includes('Hunter2-Sekret') && !preview.includes('10.0.4.17'), 'the secret is not in the request');
    const redactedLine = /^const DB_URL = "postgres:\/\/orders:\[REDACTED_URL_PASSWORD_\d+\]@\[REDACTED_IP_\d+\]:5432\/orders";$/m.exec(preview)?.[0];
    assert.ok(redactedLine, 'the secret line is in the request, redacted');

    const [l1, l2, l3] = original.split('\n');
    const diff = ['--- a/src/orders.js', '+++ b/src/orders.js', '@@ -1,4 +1,4 @@', ` ${redactedLine}`, `-${l1}`, `+${l1} // reviewed: model patch`, ` ${l2}`, ` ${l3}`, ''].join('\n');
    expected = local.replace(`${l1}\n`, `${l1} // reviewed: model patch\n`);
    const evidence = api.services.store.active!.report!.evidence[0].id;
    server.replies.splice(0, server.replies.length, {
      content: JSON.stringify({ narrative: [], hypotheses: [], fixes: [], patches: [{ file: 'src/orders.js', diff, rationale: 'Mark the reviewed line', evidence: [evidence] }] }),
    });
    await vscode.commands.executeCommand('incidentLens.llm.analyse');
    assert.equal(server.requests.length, 1);
    const sent = server.requests[0].body;
    assert.ok(sent.includes(JSON.stringify(redactedLine).slice(1, -1)), 'the code context went to the model');
    assert.ok(!sent.includes('Hunter2-Sekret') && !sent.includes('10.0.4.17'));
    const llm = (api.services.store.active!.report as { llm?: { patches?: Array<{ file: string; diff: string }> } }).llm;
    assert.deepEqual(llm?.patches?.map((p) => p.file), ['src/orders.js']);
    assert.ok(llm!.patches![0].diff.includes(SECRET_LINE), 'the secret is restored locally, in the diff to apply');
    assert.equal(fs.readFileSync(ordersPath, 'utf8'), local, 'nothing applied by the analysis');
  });

  it('refuses in observe mode without asking, and changes nothing', async () => {
    const asked: Asked[] = [];
    answer(true, asked);
    fs.writeFileSync(yamlPath, (originalYaml ?? '').replace(/^mode:.*$/m, '') + '\nmode: observe\n');
    try {
      await vscode.commands.executeCommand('incidentLens.llm.reviewPatch');
    } finally {
      if (originalYaml !== undefined) fs.writeFileSync(yamlPath, originalYaml);
      else fs.rmSync(yamlPath);
    }
    assert.equal(asked.length, 0);
    assert.equal(fs.readFileSync(ordersPath, 'utf8'), local);
  });

  it('shows the patch as a diff, and a no leaves the file as it was', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const asked: Asked[] = [];
    answer(false, asked);
    await vscode.commands.executeCommand('incidentLens.llm.reviewPatch');
    assert.equal(asked.length, 1);
    assert.equal(asked[0].action, 'Apply');
    assert.match(asked[0].message, /Apply the model’s patch to src\/orders\.js\?/);
    assert.match(asked[0].detail, /Mark the reviewed line/);
    const tabs = patchTabs();
    assert.equal(tabs.length, 1, 'one diff editor');
    assert.equal(tabs[0].original.fsPath, ordersPath);
    assert.equal((await vscode.workspace.openTextDocument(tabs[0].modified)).getText(), expected);
    assert.equal(fs.readFileSync(ordersPath, 'utf8'), local);
  });

  it('applies the patch after a yes, on top of the local work, and writes the audit log', async () => {
    const asked: Asked[] = [];
    answer(true, asked);
    await vscode.commands.executeCommand('incidentLens.llm.reviewPatch');
    assert.equal(asked.length, 1);
    assert.equal(fs.readFileSync(ordersPath, 'utf8'), expected);

    await vscode.commands.executeCommand('incidentLens.openAuditLog');
    const auditPath = vscode.window.activeTextEditor?.document.uri.fsPath;
    assert.ok(auditPath, 'the audit log opened');
    let lines: Array<{ kind: string; action?: string; outcome?: string; files?: string[] }> = [];
    for (let i = 0; i < 50; i++) {
      lines = fs.readFileSync(auditPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as (typeof lines)[number]);
      if (lines.some((l) => l.outcome === 'applied')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const patchLines = lines.filter((l) => l.action === 'llm-patch');
    assert.deepEqual(patchLines.map((l) => l.outcome), ['refused: observe mode', 'declined', 'applied']);
    assert.deepEqual(patchLines[2].files, ['src/orders.js']);
    assert.ok(!fs.readFileSync(auditPath, 'utf8').includes('Hunter2-Sekret'), 'the audit log redacts the secret');
  });

  it('reports a patch whose context no longer matches by file and hunk, offers a 3-way merge, and a no changes nothing', async () => {
    const ws = path.dirname(path.dirname(ordersPath));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ws, encoding: 'utf8' });
    const before = { text: fs.readFileSync(ordersPath, 'utf8'), status: git('status', '--porcelain=v1', '--untracked-files=all'), staged: git('diff', '--cached'), unstaged: git('diff') };
    // Hunk 1 fits the file as it is now; hunk 2 was written against an older version (one context line differs).
    const lines = before.text.split('\n');
    assert.ok(lines.length > 24, 'the demo file is long enough for two separate hunks');
    const [i, j] = [5, 17];
    const ctx = (from: number, to: number) => lines.slice(from, to).map((l) => ` ${l}`);
    const diff = [
      '--- a/src/orders.js', '+++ b/src/orders.js',
      `@@ -${i - 2},7 +${i - 2},7 @@`, ...ctx(i - 3, i), `-${lines[i]}`, `+${lines[i]} // hunk one`, ...ctx(i + 1, i + 4),
      `@@ -${j - 2},7 +${j - 2},7 @@`, ...ctx(j - 3, j - 1), ` ${lines[j - 1]} // as it was last week`, `-${lines[j]}`, `+${lines[j]} // hunk two`, ...ctx(j + 1, j + 4),
      '',
    ].join('\n');
    const evidence = api.services.store.active!.report!.evidence[0].id;
    server.replies.splice(0, server.replies.length, {
      content: JSON.stringify({ narrative: [], hypotheses: [], fixes: [], patches: [{ file: 'src/orders.js', diff, rationale: 'Written against an older file', evidence: [evidence] }] }),
    });
    await vscode.commands.executeCommand('incidentLens.llm.analyse');
    const llm = (api.services.store.active!.report as { llm?: { patches?: Array<{ rationale: string }> } }).llm;
    assert.deepEqual(llm?.patches?.map((p) => p.rationale), ['Written against an older file'], 'grounding kept the patch (it is a valid diff)');

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const asked: Asked[] = [];
    answer(false, asked);
    await vscode.commands.executeCommand('incidentLens.llm.reviewPatch');
    assert.equal(asked.length, 1, 'one question: the 3-way merge; no apply question after a no');
    assert.equal(asked[0].action, 'Try a 3-way merge');
    assert.match(asked[0].message, /does not apply cleanly.*Nothing has been changed/);
    assert.ok(asked[0].detail.includes(`src/orders.js hunk 2: does not match the current file at line ${j - 2}`), asked[0].detail);
    assert.equal(patchTabs().length, 0, 'no review diff for a patch that does not apply');

    assert.equal(fs.readFileSync(ordersPath, 'utf8'), before.text, 'the file is unchanged');
    assert.equal(git('status', '--porcelain=v1', '--untracked-files=all'), before.status, 'git status is unchanged');
    assert.equal(git('diff', '--cached'), before.staged, 'nothing staged');
    assert.equal(git('diff'), before.unstaged);

    await vscode.commands.executeCommand('incidentLens.openAuditLog');
    const auditPath = vscode.window.activeTextEditor!.document.uri.fsPath;
    let last: { outcome?: string; conflicts?: Array<{ file: string; hunk?: number }> } | undefined;
    for (let k = 0; k < 50; k++) {
      last = fs.readFileSync(auditPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { action?: string } & NonNullable<typeof last>).filter((l) => l.action === 'llm-patch').pop();
      if (last?.outcome === 'not applied: conflicts') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(last?.outcome, 'not applied: conflicts');
    assert.deepEqual(last?.conflicts?.map((c) => [c.file, c.hunk]), [['src/orders.js', 2]]);
  });
});
