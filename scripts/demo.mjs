#!/usr/bin/env node
// npm run demo: one command from a fresh checkout to VS Code showing the demo incident against a live simulator.
// Installs what is missing, builds, makes the demo workspace (.demo/checkout-api), starts `incident-lens simulate`
// on it, and opens VS Code with the extension: a local `code` if there is one, else code-server in the browser.
// Ctrl-C stops everything it started.  Options: --no-open (simulator only), --port N (simulator port).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, lstatSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demoRoot = path.join(root, '.demo');
const workspace = path.join(demoRoot, 'checkout-api');
const cli = path.join(root, 'dist', 'cli.js');
const args = process.argv.slice(2);
const noOpen = args.includes('--no-open');
const portArg = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : 0;
const children = [];

const say = (s) => console.log(`[demo] ${s}`);
function fail(s) {
  console.error(`[demo] ${s}`);
  stopAll(1);
}

function runOrFail(cmd, argv, what) {
  say(what);
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail(`${what} failed (exit ${r.status ?? r.signal})`);
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function stopAll(code = 0) {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

/** Starts a child whose first stdout line is awaited (the simulator prints its endpoints). */
function startWithFirstLine(cmd, argv, name) {
  const child = spawn(cmd, argv, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  child.on('exit', (code, sig) => {
    if (!stopping) fail(`${name} stopped (${code ?? sig})`);
  });
  return new Promise((resolve) => {
    let buf = '';
    child.stdout.on('data', (b) => {
      buf += b.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
  });
}
let stopping = false;
process.on('exit', () => {
  stopping = true;
});

if (!existsSync(path.join(root, 'node_modules'))) runOrFail('npm', ['ci', '--no-audit', '--no-fund'], 'installing dependencies (npm ci)');
runOrFail('npm', ['run', '--silent', 'build'], 'building (npm run build)');

const simPort = portArg || (await freePort());
const simUrl = `http://127.0.0.1:${simPort}`;
mkdirSync(demoRoot, { recursive: true });
runOrFail(process.execPath, [cli, 'demo', workspace, '--simulator', simUrl], 'making the demo workspace');
// The editor opens on a live-gathered incident: the extension gathers from the simulator once it has activated.
mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
writeFileSync(path.join(workspace, '.vscode', 'settings.json'), `${JSON.stringify({ 'incidentLens.autoGather': true }, null, 2)}\n`);
// Editor settings are not part of the service's history: keep them out of `git status`.
mkdirSync(path.join(workspace, '.git', 'info'), { recursive: true });
appendFileSync(path.join(workspace, '.git', 'info', 'exclude'), '.vscode/\n');
const endpoints = JSON.parse(await startWithFirstLine(process.execPath, [cli, 'simulate', path.join(workspace, 'demo.incident.json'), '--port', String(simPort), '--repo', workspace], 'simulator'));
say(`simulator: ${JSON.stringify(endpoints)}`);
say(`try: node dist/cli.js gather --config ${path.relative(root, path.join(workspace, '.incident-lens.yaml'))} --out /tmp/gathered.incident.json`);

if (noOpen) {
  say('--no-open: simulator running; Ctrl-C stops it');
} else if (onPath('code') && !process.env.INCIDENT_LENS_DEMO_CODE_SERVER) {
  say('opening VS Code (code --extensionDevelopmentPath)');
  const c = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, workspace], { stdio: 'inherit' });
  children.push(c);
  say('VS Code is open on the demo workspace; Ctrl-C here stops the simulator');
} else {
  const csBin = path.join(root, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
  if (!existsSync(csBin)) runOrFail('bash', [path.join(root, 'scripts', 'ensure-test-vscode.sh')], 'installing code-server (scripts/ensure-test-vscode.sh)');
  if (!existsSync(csBin)) fail(`code-server not found at ${csBin}`);
  // The extension is loaded from the repository itself: a symlink named like an installed extension.
  const extDir = path.join(demoRoot, 'extensions');
  const link = path.join(extDir, 'incident-lens.incident-lens-0.1.0');
  mkdirSync(extDir, { recursive: true });
  try {
    if (lstatSync(link)) rmSync(link, { recursive: true, force: true });
  } catch {
    /* no previous link */
  }
  symlinkSync(root, link, 'dir');
  const uiPort = await freePort();
  const url = `http://127.0.0.1:${uiPort}/?folder=${encodeURIComponent(workspace)}`;
  const cs = spawn(csBin, ['--auth', 'none', '--bind-addr', `127.0.0.1:${uiPort}`, '--extensions-dir', extDir, '--user-data-dir', path.join(demoRoot, 'user-data'),
    '--disable-telemetry', '--disable-update-check', '--ignore-last-opened', workspace], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(cs);
  cs.on('exit', (code, sig) => {
    if (!stopping) fail(`code-server stopped (${code ?? sig})`);
  });
  say(`VS Code (code-server) at ${url}`);
  say('open that URL in a browser; Ctrl-C here stops code-server and the simulator');
}
