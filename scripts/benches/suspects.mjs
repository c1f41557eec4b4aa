// Bench: stack trace → suspect commits on a large repository (50,000 commits, 5,000 files), warm.
// The repository is generated once with `git fast-import` and cached under .bench/ (git-ignored).
// Needs the compiled code in out/ (npx tsc -p .); builds it when missing.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const FILES = 5000;
const COMMITS = 50_000;
const RANGE = 20; // commits in the deploy
const LINES = 30;
const VERSION = 3; // bump when the generator changes
const repoDir = path.join(root, '.bench', `suspects-repo-v${VERSION}`);

const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' };

// The product's seeded PRNG (compiled to out/ by `npx tsc -p .`), so bench input is the same on every run.
const rng = (seed) => require(path.join(root, 'out/src/core/util/random.js')).seededRandom(seed);

const fileName = (i) => `services/svc${i % 10}/src/module${Math.floor(i / 10) % 50}/part${i % 7}/file${i}.js`;

function content(lines) {
  return lines.join('\n') + '\n';
}

async function generate() {
  rmSync(repoDir, { recursive: true, force: true });
  mkdirSync(repoDir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', repoDir], { env });
  const child = spawn('git', ['-C', repoDir, 'fast-import', '--quiet', '--done'], { env, stdio: ['pipe', 'ignore', 'inherit'] });
  const done = new Promise((resolve, reject) => child.on('close', (c) => (c === 0 ? resolve() : reject(new Error(`fast-import exited ${c}`)))));
  const rand = rng(42);
  const files = Array.from({ length: FILES }, (_, i) => Array.from({ length: LINES }, (_, l) => `// f${i} l${l + 1}`));
  let buf = '';
  const flush = async () => {
    if (!child.stdin.write(buf)) await new Promise((r) => child.stdin.once('drain', r));
    buf = '';
  };
  const data = (s) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  let t = 1_700_000_000;
  const commitHeader = (n, msg) => {
    t += 60;
    return `commit refs/heads/main\nmark :${n}\nauthor Bench <bench@example.invalid> ${t} +0000\ncommitter Bench <bench@example.invalid> ${t} +0000\n${data(msg)}`;
  };
  buf += commitHeader(1, 'initial import');
  for (let i = 0; i < FILES; i++) buf += `M 100644 inline ${fileName(i)}\n${data(content(files[i]))}`;
  buf += '\n';
  await flush();
  for (let n = 2; n <= COMMITS; n++) {
    // A deploy of RANGE commits: every fourth changes a line the trace points at (or next to it), the others
    // change other files; the older history changes lines anywhere, trace files included.
    const inDeploy = n > COMMITS - RANGE;
    const hitsTrace = inDeploy && n % 4 === 0;
    const f = hitsTrace ? Math.floor(rand() * 20) : inDeploy ? 30 + Math.floor(rand() * (FILES - 30)) : Math.floor(rand() * FILES);
    const line = hitsTrace ? 10 + Math.floor(rand() * 10) : Math.floor(rand() * LINES);
    files[f][line] = `// f${f} l${line + 1} e${n}`;
    buf += commitHeader(n, `change ${n}`) + `from :${n - 1}\nM 100644 inline ${fileName(f)}\n${data(content(files[f]))}\n`;
    if (buf.length > 1 << 20) await flush();
  }
  buf += 'done\n';
  await flush();
  child.stdin.end();
  await done;
  execFileSync('git', ['-C', repoDir, 'reset', '-q', '--hard', 'main'], { env });
  execFileSync('git', ['-C', repoDir, 'commit-graph', 'write', '--reachable'], { env });
  writeFileSync(path.join(repoDir, '.git', 'bench-complete'), String(VERSION));
}

function trace() {
  // 30 frames over 20 files, deployment prefix that is not in the repo, a few library/runtime frames mixed in.
  const lines = ["TypeError: Cannot read properties of undefined (reading 'id')"];
  for (let k = 0; k < 30; k++) {
    if (k % 10 === 9) lines.push(`    at Layer.handle (/var/task/node_modules/express/lib/router/layer.js:${95 + k}:5)`);
    else lines.push(`    at fn${k} (/var/task/${fileName(k % 20)}:${12 + (k % 9)}:7)`);
  }
  return lines.join('\n');
}

/** CPU time (ms) of one warm search in a fresh process, git children included (Linux /proc; undefined elsewhere). */
function childCpu(range, stackText) {
  if (!existsSync('/proc/self/stat')) return undefined;
  const script = `
    const { readFileSync } = require('node:fs');
    const { GitRepo } = require(${JSON.stringify(path.join(root, 'out/src/providers/git/gitRepo.js'))});
    const { findSuspects } = require(${JSON.stringify(path.join(root, 'out/src/providers/git/suspectFinder.js'))});
    const ticks = () => { const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' '); return (+f[11] + +f[12] + +f[13] + +f[14]) * 10; };
    const input = { repo: new GitRepo(${JSON.stringify(repoDir)}), range: ${JSON.stringify(range)}, stackText: ${JSON.stringify(stackText)} };
    (async () => {
      await findSuspects(input);
      const out = [];
      for (let i = 0; i < 5; i++) { const a = ticks(); await findSuspects(input); out.push(ticks() - a); }
      out.sort((x, y) => x - y);
      process.stdout.write(String(out[2]));
    })();`;
  const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env });
  return Number(out);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run() {
  if (!existsSync(path.join(root, 'out/src/providers/git/suspectFinder.js'))) execFileSync('npx', ['tsc', '-p', '.'], { cwd: root, stdio: 'ignore' });
  const t0 = Date.now();
  const cached = existsSync(path.join(repoDir, '.git', 'bench-complete'));
  if (!cached) await generate();
  const generateSeconds = (Date.now() - t0) / 1000;
  const { GitRepo } = require(path.join(root, 'out/src/providers/git/gitRepo.js'));
  const { findSuspects } = require(path.join(root, 'out/src/providers/git/suspectFinder.js'));
  const commitCount = Number(execFileSync('git', ['-C', repoDir, 'rev-list', '--count', 'HEAD'], { env, encoding: 'utf8' }).trim());
  const fileCount = execFileSync('git', ['-C', repoDir, 'ls-files'], { env, encoding: 'utf8' }).split('\n').filter(Boolean).length;
  const input = { repo: new GitRepo(repoDir), range: `HEAD~${RANGE}..HEAD`, stackText: trace() };

  const first = await findSuspects(input); // warm-up: page cache, commit-graph
  const runs = [];
  for (let i = 0; i < 7; i++) {
    const s = process.hrtime.bigint();
    await findSuspects(input);
    runs.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  // Reference within this run: one trivial git process, the unit every step of the search pays.
  const spawnRuns = [];
  for (let i = 0; i < 7; i++) {
    const s = process.hrtime.bigint();
    execFileSync('git', ['-C', repoDir, 'rev-parse', 'HEAD'], { env });
    spawnRuns.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  const cpu = childCpu(input.range, input.stackText);
  const warm = median(runs);
  const spawnMs = median(spawnRuns);
  const sane = commitCount >= COMMITS && fileCount >= FILES && first.frames.length === 30 && first.suspects.length > 0;
  return [
    { name: 'suspects: 30-frame trace, 50k commits / 5k files, warm (median of 7)', value: Math.round(warm), unit: 'ms', budget: 500, ok: sane && warm <= 500 },
    { name: 'suspects: warm time in git process spawns (same run)', value: Math.round((warm / spawnMs) * 10) / 10, unit: 'x git rev-parse', budget: 12, ok: warm / spawnMs <= 12 },
    ...(cpu ? [{ name: 'suspects: CPU per warm search, node + git processes (user+sys; load-independent)', value: cpu, unit: 'ms', budget: 500, ok: cpu <= 500 }] : []),
    { name: `suspects: bench repo ${cached ? 'reused from cache' : 'generated with fast-import'} (${commitCount} commits, ${fileCount} files)`, value: Math.round(generateSeconds * 10) / 10, unit: 's', budget: 60, ok: sane && (cached || generateSeconds <= 60) },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const r of await run()) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${r.value} ${r.unit} (budget ${r.budget})`);
}
