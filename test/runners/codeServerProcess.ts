// Starts code-server (= VS Code 1.100.3 served to a browser) on a free loopback port with a fresh profile.
import { spawn, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir, codeServerBin } from './paths';
import { freePort, killGroup, waitFor } from './processes';

export interface CodeServer {
  port: number;
  pid: number;
  baseUrl: string;
  runDir: string;
  extensionsDir: string;
  /** Workbench URL for a folder; payload entries as in VS Code's `payload` query parameter. */
  url(folder: string, payload?: [string, string][]): string;
  /** `vscode-remote://` URI for a local path, as the payload needs. */
  remoteUri(p: string): string;
  logTail(lines?: number): string;
  stop(opts?: { keepRunDir?: boolean }): Promise<void>;
}

const SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  // The machine is offline: don't let the workbench go looking for extension updates.
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};

// code-server runs in its own process group (detached), so it outlives us unless we end it: on exit, and on the
// signals scripts/test.mjs sends at a time-out or Ctrl-C (exiting runs the 'exit' hook).
const live = new Set<number>();
process.on('exit', () => live.forEach((pid) => killGroup(pid)));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => process.exit(130));

export async function startCodeServer(opts: { label: string; extensionsDir?: string; timeoutMs?: number }): Promise<CodeServer> {
  if (!fs.existsSync(codeServerBin)) throw new Error(`code-server not installed at ${codeServerBin}; run scripts/ensure-test-vscode.sh`);
  const runsDir = path.join(cacheDir, 'runs');
  fs.mkdirSync(runsDir, { recursive: true });
  pruneOldRuns(runsDir);
  const runDir = fs.mkdtempSync(path.join(runsDir, `${opts.label}-`));
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = opts.extensionsDir ?? path.join(runDir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  const configFile = path.join(runDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\n'); // keeps code-server from writing ~/.config/code-server

  const port = await freePort();
  const args = [
    '--config', configFile, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--ignore-last-opened',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
  ];
  const child: ChildProcess = spawn(codeServerBin, args, {
    cwd: runDir,
    detached: true, // own process group, so stop() also ends the extension hosts it forks
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const pid = child.pid!;
  live.add(pid);
  const logFile = path.join(runDir, 'code-server.log');
  const log = fs.createWriteStream(logFile);
  const tail: string[] = [];
  const onData = (b: Buffer) => {
    log.write(b);
    for (const line of b.toString('utf8').split('\n')) if (line) tail.push(line);
    if (tail.length > 400) tail.splice(0, tail.length - 400);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exited: string | undefined;
  child.on('exit', (code, sig) => {
    exited = `code-server exited (${code ?? sig})`;
    live.delete(pid);
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const server: CodeServer = {
    port,
    pid,
    baseUrl,
    runDir,
    extensionsDir,
    remoteUri: (p) => `vscode-remote://127.0.0.1:${port}${p}`,
    url(folder, payload) {
      let u = `${baseUrl}/?folder=${encodeURIComponent(folder)}`;
      if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
    logTail: (n = 60) => tail.slice(-n).join('\n'),
    async stop(o) {
      killGroup(pid);
      live.delete(pid);
      if (!exited) {
        await new Promise<void>((r) => {
          const t = setTimeout(r, 5000);
          child.once('exit', () => (clearTimeout(t), r()));
        });
      }
      log.end();
      if (!o?.keepRunDir) fs.rmSync(runDir, { recursive: true, force: true });
    },
  };

  try {
    await waitFor(`code-server on ${baseUrl}`, opts.timeoutMs ?? 60_000, async () => {
      if (exited) throw Object.assign(new Error(exited), { fatal: true });
      const res = await fetch(`${baseUrl}/healthz`);
      return res.ok ? true : undefined;
    });
  } catch (e) {
    console.error(`[code-server] failed to start; log tail:\n${server.logTail()}`);
    await server.stop({ keepRunDir: true });
    throw e;
  }
  return server;
}

/** Failed runs keep their folder for inspection; drop those older than a day so the cache does not grow. */
function pruneOldRuns(runsDir: string): void {
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const d of fs.readdirSync(runsDir)) {
    const p = path.join(runsDir, d);
    try {
      if (fs.statSync(p).mtimeMs < dayAgo) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* another run removed it first */
    }
  }
}
