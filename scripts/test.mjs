// `npm test`: installs what is missing, builds, then runs the three test layers and prints one summary.
//   node scripts/test.mjs [unit] [vscode] [ui]     (no argument: all layers)
// Extension-host runner: INCIDENT_LENS_VSCODE_RUNNER=code-server (default) | electron.
// Only Node built-ins here: this file runs before `npm ci` may have happened.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALL = ['unit', 'vscode', 'ui'];
const wanted = process.argv.slice(2);
const bad = wanted.filter((l) => !ALL.includes(l));
if (bad.length) {
  console.error(`unknown layer(s): ${bad.join(', ')}; use ${ALL.join(', ')}`);
  process.exit(2);
}
const layersToRun = wanted.length ? ALL.filter((l) => wanted.includes(l)) : ALL;
const runner = process.env.INCIDENT_LENS_VSCODE_RUNNER ?? 'code-server';
if (!['code-server', 'electron'].includes(runner)) {
  console.error(`INCIDENT_LENS_VSCODE_RUNNER must be code-server or electron, not ${runner}`);
  process.exit(2);
}
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (s) => (color ? `\x1b[1m${s}\x1b[0m` : s);
const red = (s) => (color ? `\x1b[31m${s}\x1b[0m` : s);
const green = (s) => (color ? `\x1b[32m${s}\x1b[0m` : s);
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// --- running children ----------------------------------------------------------------------
const children = new Set();
/**
 * Ends a child's process group: SIGTERM first so a runner can stop the code-server and Chromium it started (they run
 * in groups of their own), then SIGKILL.
 */
function stopGroup(child, graceMs = 5000) {
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* gone */
    }
  };
  signal('SIGTERM');
  return new Promise((resolve) => {
    const timer = setTimeout(() => (signal('SIGKILL'), resolve()), graceMs);
    child.once('close', () => (clearTimeout(timer), resolve()));
  });
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    await Promise.all([...children].map((c) => stopGroup(c, 3000)));
    process.exit(130);
  });
}

/**
 * Runs a command in the repo root; resolves with { code, output } (code 124 on time-out).
 * Output goes to the terminal, or is collected when `capture` (for a step running alongside others).
 */
function run(cmd, args, { timeoutMs = 10 * 60_000, env = {}, capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      detached: true,
      env: { ...process.env, ...env },
    });
    children.add(child);
    let output = '';
    if (capture) for (const s of [child.stdout, child.stderr]) s.on('data', (b) => (output += b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(red(`\n[test] ${cmd} ${args.join(' ')}: timed out after ${secs(timeoutMs)}, killing it`));
      void stopGroup(child);
    }, timeoutMs);
    child.on('error', (e) => (output += `cannot start ${cmd}: ${e.message}\n`));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code: timedOut ? 124 : (code ?? (signal ? 128 : 1)), output });
    });
  });
}

function banner(text) {
  console.log(`\n${bold(`━━ ${text} ${'━'.repeat(Math.max(0, 70 - text.length))}`)}`);
}

// --- setup -------------------------------------------------------------------------------------
const setup = [];
function record(name, ms, code) {
  setup.push({ name, ms, note: code === 'skipped' ? 'skipped' : code === 0 ? 'ok' : `failed (exit ${code})` });
  return code === 0 || code === 'skipped';
}
async function step(name, fn) {
  banner(name);
  const t0 = Date.now();
  const code = await fn();
  if (code === 'skipped') console.log('already done');
  return record(name, Date.now() - t0, code);
}

const needsCodeServer = layersToRun.includes('ui') || (layersToRun.includes('vscode') && runner === 'code-server');
const haveModules = await step('npm packages', async () =>
  fs.existsSync(path.join(root, 'node_modules', 'mocha')) ? 'skipped' : (await run(npm, ['ci', '--no-audit', '--no-fund'])).code,
);

// The test VS Code installs (mostly downloading and compiling native modules) while the build runs.
const vscodeTitle = 'test VS Code (code-server 4.100.3), alongside build';
const t0 = Date.now();
const vscodeInstall = needsCodeServer && haveModules
  ? run('bash', ['scripts/ensure-test-vscode.sh'], { timeoutMs: 15 * 60_000, capture: true })
  : undefined;

// A failed build or type errors count as failures, but the layers still run (tsc emits anyway), so one run shows
// everything that is wrong.
if (haveModules) {
  await step('build (esbuild)', async () => (await run(npm, ['run', '--silent', 'build'])).code);
  await step('compile (tsc -p .)', async () => {
    const { code } = await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.']);
    pruneOrphans(path.join(root, 'out'));
    return code;
  });
}
let haveVSCode = !needsCodeServer;
if (vscodeInstall) {
  const { code, output } = await vscodeInstall;
  banner(vscodeTitle);
  const lines = output.trimEnd().split('\n');
  console.log(code === 0 ? lines.slice(-4).join('\n') : output);
  haveVSCode = record(vscodeTitle, Date.now() - t0, code);
}

/** Deletes compiled files whose .ts source is gone, so a removed test cannot keep running from out/. */
function pruneOrphans(outDir) {
  if (!fs.existsSync(outDir)) return;
  for (const rel of fs.readdirSync(outDir, { recursive: true })) {
    const m = /^(.*)\.js$/.exec(rel);
    if (!m || fs.existsSync(path.join(root, `${m[1]}.ts`))) continue;
    fs.rmSync(path.join(outDir, rel), { force: true });
    fs.rmSync(path.join(outDir, `${rel}.map`), { force: true });
  }
}

// --- layers ------------------------------------------------------------------------------------
const mocha = [process.execPath, '--enable-source-maps', 'node_modules/mocha/bin/mocha.js', '--reporter', 'scripts/lib/spec-summary-reporter.cjs'];
const LAYERS = {
  unit: {
    title: 'unit (mocha on Node)',
    cmd: [...mocha, '--timeout', '10000', 'out/test/unit/**/*.test.js'],
    timeoutMs: 10 * 60_000,
    ready: haveModules,
  },
  vscode: {
    title: `extension host (mocha inside VS Code, ${runner})`,
    cmd: [process.execPath, '--enable-source-maps', `out/test/runners/${runner === 'electron' ? 'electron' : 'codeServer'}.js`],
    timeoutMs: 12 * 60_000,
    ready: haveModules && (runner === 'electron' || haveVSCode),
  },
  ui: {
    title: 'UI (playwright-core + Chromium on code-server)',
    cmd: [...mocha, '--timeout', '120000', 'out/test/ui/**/*.test.js'],
    timeoutMs: 20 * 60_000,
    ready: haveModules && haveVSCode,
  },
};

const resultsTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-lens-test-'));
const results = [];
for (const id of layersToRun) {
  const layer = LAYERS[id];
  if (!layer.ready) {
    results.push({ id, title: layer.title, ms: 0, passed: 0, failed: 1, failures: [{ title: `${layer.title}: not run, setup failed` }] });
    continue;
  }
  banner(layer.title);
  const resultsFile = path.join(resultsTmp, `${id}.json`);
  const [cmd, ...args] = layer.cmd;
  const t = Date.now();
  const { code } = await run(cmd, args, {
    timeoutMs: layer.timeoutMs,
    env: { INCIDENT_LENS_RESULTS_FILE: resultsFile, INCIDENT_LENS_TEST_COLOR: color ? '1' : '0' },
  });
  const ms = Date.now() - t;
  let r = { passed: 0, failed: 0, failures: [] };
  let note = '';
  if (fs.existsSync(resultsFile)) r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  else note = code === 124 ? 'timed out' : 'did not report results';
  if (r.passed + r.failed === 0 && !note) note = 'no tests found';
  // A layer that exited badly, or ran nothing, is a failure even when no single test says so.
  if ((code !== 0 || note) && r.failed === 0) {
    r.failed = 1;
    r.failures = [{ title: `${layer.title}: ${note || `exit code ${code}`}` }];
  }
  results.push({ id, title: layer.title, ms, ...r });
}
fs.rmSync(resultsTmp, { recursive: true, force: true });

// --- summary -------------------------------------------------------------------------------------
banner('summary');
const setupFailures = setup.filter((s) => !['ok', 'skipped'].includes(s.note));
for (const s of setup) console.log(`  setup  ${s.name.padEnd(52)} ${s.note.padEnd(20)} ${secs(s.ms).padStart(7)}`);
for (const r of results) {
  const status = r.failed ? red('FAIL ') : green('ok   ');
  console.log(`  ${status}  ${r.title.padEnd(52)} ${`${r.passed} passed, ${r.failed} failed`.padEnd(20)} ${secs(r.ms).padStart(7)}`);
}
for (const s of setupFailures) console.log(red(`  ✘ [setup] ${s.name}: ${s.note}`));
for (const r of results) for (const f of r.failures) console.log(red(`  ✘ [${r.id}] ${f.title}${f.error ? `: ${f.error.split('\n')[0]}` : ''}`));
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0) + setupFailures.length;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
