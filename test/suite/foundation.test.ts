// Foundation checks in the real extension host: activation, contributed commands and views, the first commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'incident-lens.incident-lens';
const CONTAINER = 'incidentLens';
const VIEWS = ['incidentLens.incidents', 'incidentLens.alarms', 'incidentLens.suspects', 'incidentLens.evidence'];

interface Manifest {
  contributes?: {
    commands?: { command: string }[];
    viewsContainers?: { activitybar?: { id: string; title: string }[] };
    views?: Record<string, { id: string }[]>;
  };
}

describe('Foundation: the extension in VS Code', () => {
  let ext: vscode.Extension<{ activationMs?: number }>;
  let manifest: Manifest;

  before(async () => {
    const found = vscode.extensions.getExtension<{ activationMs?: number }>(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not loaded in the extension host`);
    ext = found;
    manifest = ext.packageJSON as Manifest;
    await ext.activate();
  });

  it('activates and reports how long activate() took', () => {
    assert.equal(ext.isActive, true);
    const ms = ext.exports?.activationMs;
    const cpuMs = (ext.exports as { activationCpuMs?: number } | undefined)?.activationCpuMs;
    assert.ok(typeof cpuMs === 'number' && Number.isFinite(cpuMs) && cpuMs >= 0, `activationCpuMs = ${cpuMs}`);
    assert.equal(typeof ms, 'number', 'activate() should return { activationMs }');
    assert.ok(Number.isFinite(ms) && ms! >= 0, `activationMs = ${ms}`);
  });

  it('registers every command contributed in package.json', async () => {
    const contributed = (manifest.contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('contributes the "Incidents" activity-bar container with its four views', async () => {
    const container = manifest.contributes?.viewsContainers?.activitybar?.find((c) => c.id === CONTAINER);
    assert.equal(container?.title, 'Incidents');
    assert.deepEqual((manifest.contributes?.views?.[CONTAINER] ?? []).map((v) => v.id), VIEWS);

    // The workbench registers these commands only for containers and views it actually created.
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has(`workbench.view.extension.${CONTAINER}`), 'container command missing');
    for (const view of VIEWS) assert.ok(registered.has(`${view}.focus`), `${view}.focus missing`);

    await vscode.commands.executeCommand(`workbench.view.extension.${CONTAINER}`);
    for (const view of VIEWS) await vscode.commands.executeCommand(`${view}.focus`);
  });

  it('runs incidentLens.openDemo', async () => {
    await vscode.commands.executeCommand('incidentLens.openDemo');
  });

  it('runs incidentLens.refresh', async () => {
    await vscode.commands.executeCommand('incidentLens.refresh');
  });
});
