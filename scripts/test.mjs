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
const resultsTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-lens-test-'));

// --- running children ----------------------------------------------------------------------
const children = new Set();
function killAll() {
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGKILL'); // own process group: takes code-server, Chromium and the rest with it
    } catch {
      /* gone */
    }
  }
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });
}

/** Runs a command with inherited output; resolves with its exit code (124 on time-out). */
function run(cmd, args, { timeoutMs = 10 * 60_000, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', detached: true, env: { ...process.env, ...env } });
    children.add(child);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(red(`\n[test] ${cmd} ${args.join(' ')}: timed out after ${secs(timeoutMs)}, killing it`));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, timeoutMs);
    child.on('error', (e) => console.error(red(`[test] cannot start ${cmd}: ${e.message}`)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve(timedOut ? 124 : (code ?? (signal ? 128 : 1)));
    });
  });
}

function banner(text) {
  console.log(`\n${bold(`━━ ${text} ${'━'.repeat(Math.max(0, 70 - text.length))}`)}`);
}

// --- setup -----------------------------------------------------------------------------------
const setup = [];
async function step(name, fn) {
  banner(name);
  const t0 = Date.now();
  const r = await fn();
  const ms = Date.now() - t0;
  const ok = r === 0 || r === 'skipped';
  setup.push({ name, ms, note: r === 'skipped' ? 'skipped' : ok ? 'ok' : `failed (exit ${r})` });
  if (r === 'skipped') console.log('already done');
  return ok;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const needsCodeServer = layersToRun.includes('ui') || (layersToRun.includes('vscode') && runner === 'code-server');
// Installing is a prerequisite; a failed build or type errors are counted as failures, but the layers still run
// (tsc emits anyway) so one run shows everything that is wrong.
const installed =
  (await step('npm packages', () =>
    fs.existsSync(path.join(root, 'node_modules', 'mocha')) ? 'skipped' : run(npm, ['ci', '--no-audit', '--no-fund']),
  )) &&
  (!needsCodeServer || (await step('test VS Code (code-server 4.100.3, Chromium)', () => run('bash', ['scripts/ensure-test-vscode.sh'], { timeoutMs: 15 * 60_000 }))));
if (installed) {
  await step('build (esbuild)', () => run(npm, ['run', '--silent', 'build']));
  await step('compile (tsc -p .)', async () => {
    const code = await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.']);
    pruneOrphans(path.join(root, 'out'));
    return code;
  });
}
const setupFailures = setup.filter((s) => !['ok', 'skipped'].includes(s.note)).length;

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
    cmd: () => [...mocha, '--timeout', '10000', 'out/test/unit/**/*.test.js'],
    timeoutMs: 10 * 60_000,
  },
  vscode: {
    title: `extension host (mocha inside VS Code, ${runner})`,
    cmd: () => [process.execPath, '--enable-source-maps', `out/test/runners/${runner === 'electron' ? 'electron' : 'codeServer'}.js`],
    timeoutMs: 12 * 60_000,
  },
  ui: {
    title: 'UI (playwright-core + Chromium on code-server)',
    cmd: () => [...mocha, '--timeout', '120000', 'out/test/ui/**/*.test.js'],
    timeoutMs: 15 * 60_000,
  },
};

const results = [];
for (const id of installed ? layersToRun : []) {
  const layer = LAYERS[id];
  banner(layer.title);
  const resultsFile = path.join(resultsTmp, `${id}.json`);
  const [cmd, ...args] = layer.cmd();
  const t0 = Date.now();
  const code = await run(cmd, args, {
    timeoutMs: layer.timeoutMs,
    env: { INCIDENT_LENS_RESULTS_FILE: resultsFile, INCIDENT_LENS_TEST_COLOR: color ? '1' : '0' },
  });
  const ms = Date.now() - t0;
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
  results.push({ id, title: layer.title, ms, code, note, ...r });
}
fs.rmSync(resultsTmp, { recursive: true, force: true });

// --- summary -------------------------------------------------------------------------------------
banner('summary');
for (const s of setup) console.log(`  setup  ${s.name.padEnd(52)} ${s.note.padEnd(18)} ${secs(s.ms).padStart(7)}`);
for (const r of results) {
  const status = r.failed ? red('FAIL') : green('ok');
  console.log(`  ${status.padEnd(color ? 15 : 6)} ${r.title.padEnd(52)} ${`${r.passed} passed, ${r.failed} failed`.padEnd(18)} ${secs(r.ms).padStart(7)}`);
}
for (const r of results) for (const f of r.failures) console.log(red(`  ✘ [${r.id}] ${f.title}${f.error ? `: ${f.error.split('\n')[0]}` : ''}`));
for (const st of setup) if (!['ok', 'skipped'].includes(st.note)) console.log(red(`  ✘ [setup] ${st.name}: ${st.note}`));
if (!installed) console.log(red('  installing failed: no test layer ran'));
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0) + setupFailures;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
