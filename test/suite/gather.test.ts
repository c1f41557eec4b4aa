// Live data in the editor: incidentLens.gather against the wire-protocol simulator on 127.0.0.1 (real AWS SDK and
// Octokit clients inside the extension's lazy bundle), a throttled source giving a partial incident with gaps, a bad
// config leaving the active incident alone, and Refresh gathering again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IncidentLensApi } from '../../src/vscode/extension';
import type { ActiveIncident } from '../../src/vscode/incidentStore';
import type { TreeNode } from '../../src/vscode/views/treeNode';
import type { Snapshot } from '../../src/core/model/snapshot';
import { demoConfigYaml } from '../../src/core/demo/demoConfig';
import { demoSnapshot } from '../../src/core/demo/demoSnapshot';
import type { FaultPlan } from '../../src/providers/sim/faults';
import { startSimServer, type SimServer } from '../../src/providers/sim/server';

const EXTENSION_ID = 'incident-lens.incident-lens';
const label = (n: TreeNode) => (typeof n.label === 'string' ? n.label : n.label.label);
const MIN = 60_000;

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Live data: gather in the editor', function () {
  // The machine running these is shared and slow; a persistent throttle costs several back-off rounds.
  this.timeout(180_000);
  let api: IncidentLensApi;
  let dir: string;
  let sim: SimServer | undefined;
  let snapshot: Snapshot;

  before(async () => {
    const ext = vscode.extensions.getExtension<IncidentLensApi>(EXTENSION_ID);
    assert.ok(ext, 'extension not loaded');
    api = await ext.activate();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-live-'));
    // An incident that started 50 minutes ago: inside gather's default window (the last 3 hours).
    const onset = new Date(Math.floor(Date.now() / MIN) * MIN - 50 * MIN).toISOString().replace('.000Z', 'Z');
    snapshot = demoSnapshot({ onset });
  });

  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A simulator for the snapshot, and a config file in `dir` pointing every source at it. */
  async function serve(faults?: FaultPlan): Promise<vscode.Uri> {
    sim = await startSimServer(snapshot, { faults });
    const file = path.join(dir, '.incident-lens.yaml');
    fs.writeFileSync(file, demoConfigYaml(snapshot, sim.endpoints.cloudwatch));
    return vscode.Uri.file(file);
  }

  const gather = (configUri: vscode.Uri) => vscode.commands.executeCommand<ActiveIncident | undefined>('incidentLens.gather', { configUri });

  it('gathers alarms, metrics, logs, deploys and tickets into the active incident', async () => {
    const uri = await serve();
    const got = await gather(uri);
    assert.ok(got, 'gather returned no incident');
    const active = api.services.store.active;
    assert.ok(active, 'no active incident');
    assert.equal(active.origin, 'live: checkout-api');
    const s = active.snapshot;
    assert.deepEqual(s.gaps, [], `unexpected gaps: ${(s.gaps ?? []).join('; ')}`);
    assert.deepEqual(s.alarms!.filter((a) => a.state === 'ALARM').map((a) => [a.name, a.at]).sort(), snapshot.alarms!.map((a) => [a.name, a.at]).sort());
    assert.equal(s.incident.startedAt, snapshot.incident.startedAt);
    for (const m of snapshot.metrics!) {
      const g = s.metrics!.find((x) => x.id === m.id);
      assert.ok(g, `metric ${m.id} gathered`);
      assert.deepEqual(g.points, m.points, `points of ${m.id}`);
    }
    assert.equal(s.logs!.length, snapshot.logs!.length);
    assert.deepEqual(s.deploys!.map((d) => [d.id, d.ref, d.previousRef ?? null]), snapshot.deploys!.map((d) => [d.id, d.ref, d.previousRef ?? null]));
    assert.ok(s.tickets!.length > 0, 'no tickets gathered');
    // Real SDK calls reached the simulator.
    assert.ok(sim!.calls('repos.listDeployments') > 0, 'GitHub deployments were not read');
    // The analysis ran on the live snapshot and the views show it.
    assert.ok(active.report, active.reportError);
    assert.ok(active.report.suspects.length > 0, 'no suspect deploy in the report');
    const alarms = (await api.services.views.alarms.provider.getChildren()) ?? [];
    assert.ok(alarms.length > 0, 'the Alarms view is empty');
  });

  it('a throttled source still gives a partial incident, with the gap in the Evidence view', async () => {
    const uri = await serve({ rules: [{ operation: 'FilterLogEvents', throttleAlways: true }] });
    const got = await gather(uri);
    assert.ok(got, 'gather returned no incident');
    const s = api.services.store.active!.snapshot;
    assert.equal(s.logs!.length, 0);
    assert.ok(s.gaps!.some((g) => /^logs: .*throttled/.test(g)), `no logs gap in ${JSON.stringify(s.gaps)}`);
    // What could be read is there.
    assert.equal(s.alarms!.filter((a) => a.state === 'ALARM').length, snapshot.alarms!.length);
    assert.equal(s.deploys!.length, snapshot.deploys!.length);
    const groups = (await api.services.views.evidence.provider.getChildren()) ?? [];
    const gaps = groups.find((g) => label(g) === 'Gaps: what could not be checked');
    assert.ok(gaps, `no gaps group in ${groups.map(label).join(', ')}`);
    const items = (await api.services.views.evidence.provider.getChildren(gaps)) ?? [];
    assert.ok(items.some((n) => /throttled/.test(label(n))), 'the throttled source is not listed as a gap');
  });

  it('Refresh of a live incident gathers again', async () => {
    const uri = await serve();
    await gather(uri);
    const first = api.services.store.active!.snapshot;
    const before = sim!.calls('repos.listDeployments');
    await vscode.commands.executeCommand('incidentLens.refresh');
    const again = api.services.store.active!;
    assert.notEqual(again.snapshot, first, 'refresh kept the old snapshot');
    assert.equal(again.origin, 'live: checkout-api');
    assert.ok(sim!.calls('repos.listDeployments') > before, 'refresh did not read the sources again');
  });

  it('a bad config leaves the active incident alone', async () => {
    const uri = await serve();
    await gather(uri);
    const active = api.services.store.active;
    const bad = path.join(dir, 'bad.incident-lens.yaml');
    fs.writeFileSync(bad, 'version: 1\nservice: checkout-api\naws:\n  regions: us-east-1\n');
    const got = await gather(vscode.Uri.file(bad));
    assert.equal(got, undefined);
    assert.equal(api.services.store.active, active);
  });

  it('stack-frame links follow the pathMappings of the workspace .incident-lens.yaml', async () => {
    const ws = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const configFile = path.join(ws, '.incident-lens.yaml');
    const original = fs.existsSync(configFile) ? fs.readFileSync(configFile, 'utf8') : undefined;
    // Two files with one name: only a mapping says which one the deployed path is.
    const root = fs.mkdtempSync(path.join(ws, 'lens-map-'));
    const rel = path.basename(root);
    for (const d of ['a', 'b']) {
      fs.mkdirSync(path.join(root, d));
      fs.writeFileSync(path.join(root, d, 'handler.js'), 'exports.handler = async () => {\n  throw new Error("x");\n};\n');
    }
    const text = 'ERROR boom\n    at exports.handler (/opt/deploy/current/handler.js:2:9)\n';
    const doc = await vscode.workspace.openTextDocument({ language: 'log', content: text });
    const target = async () => (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri))
      .find((l) => l.target?.scheme === 'file')?.target?.fsPath;
    try {
      fs.writeFileSync(configFile, `version: 1\nservice: checkout-api\npathMappings:\n  - from: /opt/deploy/current/\n    to: ${rel}/b/\n`);
      const mapped = await until('the mapped link', async () => ((await target())?.endsWith(path.join(rel, 'b', 'handler.js')) ? true : undefined));
      assert.ok(mapped);
      fs.writeFileSync(configFile, `version: 1\nservice: checkout-api\npathMappings:\n  - from: /opt/deploy/current/\n    to: ${rel}/a/\n`);
      await until('the link to follow the changed mapping', async () => ((await target())?.endsWith(path.join(rel, 'a', 'handler.js')) ? true : undefined));
    } finally {
      if (original === undefined) fs.rmSync(configFile, { force: true });
      else fs.writeFileSync(configFile, original);
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
