// The folder VS Code opens in the test runs. One function, so what "the demo workspace" is can change in one place.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './paths';

export function prepareWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-lens-ws-'));
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  if (fs.existsSync(cli)) {
    const r = spawnSync(process.execPath, [cli, 'demo', dir], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return dir;
    console.warn(`[workspace] 'node dist/cli.js demo' failed (${r.status ?? r.signal}); falling back. ${(r.stderr ?? '').slice(-500)}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir);
  }
  const fixture = path.join(repoRoot, 'test', 'fixtures', 'demo-workspace');
  if (fs.existsSync(fixture)) fs.cpSync(fixture, dir, { recursive: true });
  return dir;
}
