// The packaged extension: `npm run package` makes a .vsix that installs into the test VS Code and works there,
// started without extensionDevelopmentPath, exactly as a user gets it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir, codeServerBin, repoRoot } from '../runners/paths';
import { activityBarItem, errorNotifications, runFromPalette, screenshot, useSession, viewPane } from './session';

const EXTENSION_ID = 'incident-lens.incident-lens';

function run(cmd: string, args: string[], timeoutMs: number): string {
  const r = spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', timeout: timeoutMs });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) {
    console.error(out.slice(-3000));
    throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed (${r.status ?? r.signal}); its output is above`);
  }
  return out;
}

describe('UI: the packaged .vsix', function () {
  this.timeout(180_000);
  let installDir: string;
  let installed: string;
  const ui = useSession(undefined, (failed) => {
    if (installDir && !failed) fs.rmSync(installDir, { recursive: true, force: true });
  });

  before(function () {
    this.timeout(300_000);
    const vsix = path.join(repoRoot, 'incident-lens.vsix');
    fs.rmSync(vsix, { force: true });
    run('npm', ['run', 'package'], 240_000);
    assert.ok(fs.existsSync(vsix), 'npm run package made no incident-lens.vsix');

    fs.mkdirSync(path.join(cacheDir, 'runs'), { recursive: true });
    installDir = fs.mkdtempSync(path.join(cacheDir, 'runs', 'vsix-'));
    const extensionsDir = path.join(installDir, 'extensions');
    const userDataDir = path.join(installDir, 'install-user-data');
    const out = run(codeServerBin, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix], 120_000);
    const dirs = fs.existsSync(extensionsDir) ? fs.readdirSync(extensionsDir).filter((d) => d.startsWith(`${EXTENSION_ID}-`)) : [];
    assert.equal(dirs.length, 1, `not installed; code-server said:\n${out}`);
    installed = path.join(extensionsDir, dirs[0]);
  });

  it('contains the bundle and the manifest, not the sources or the test caches', () => {
    for (const f of ['package.json', 'dist/extension.js']) assert.ok(fs.existsSync(path.join(installed, f)), `${f} missing`);
    assert.ok(fs.existsSync(path.join(installed, 'LICENSE.txt')), 'LICENSE missing'); // vsce renames it
    for (const f of ['src', 'node_modules', 'out', '.vscode-test', 'test']) assert.ok(!fs.existsSync(path.join(installed, f)), `${f} packaged`);
  });

  it('shows the "Incidents" activity-bar item when installed, without extensionDevelopmentPath', async () => {
    const s = await ui.open({ label: 'ui-vsix', extensionsDir: path.dirname(installed) });
    await activityBarItem(s.page, 'Incidents').waitFor({ state: 'visible', timeout: 60_000 });
  });

  it('activates from the command palette: "Incident Lens: Open Demo Incident" fills the views', async () => {
    const s = ui.s;
    await activityBarItem(s.page, 'Incidents').click();
    const alarms = viewPane(s.page, 'Alarms');
    await alarms.locator('.pane-header').waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await alarms.locator('.monaco-list-row').count(), 0, 'alarms shown before any incident was opened');

    await runFromPalette(s.page, 'Incident Lens: Open Demo Incident');
    await alarms.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.deepEqual(await errorNotifications(s.page), []);
    await s.page.mouse.move(800, 450); // no tooltip over the picture
    console.log(`      screenshot: ${await screenshot(s.page, 'vsix-demo')}`);
  });
});
