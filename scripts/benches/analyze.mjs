// Bench: `incident-lens analyze` on a large snapshot (200,000 log events, 100 metric series × 1,440 points,
// 20 deploys × 50 commits). Budget: ≤ 1 s for the whole command (read, parse, validate, analyse, print).
// Measures the in-process analysis (out/, after `npx tsc -p .`) and the bundled CLI (dist/cli.js, after
// `npm run build`) when present. Input is generated (seeded) into a temporary file.
// The machine is shared, so the CLI is timed in the same rounds as two references that no product code can beat:
// `node -e 0` (start-up) and a bare reader (start-up + read + JSON.parse of the same file). Wall and CPU are both
// given (CPU of a child from /proc/self/stat on Linux); "product cost" is what the CLI adds on top of the reader.
// Tried and measured slower on the 2-vCPU VM (session 3): parsing and mining the logs array in a worker thread over a
// shared buffer (1.5 s vs 1.2 s: both threads pay for fresh pages), and JSON.parse by pieces to avoid the 31 MB string
// (no change); V8 heap flags (semi-space, initial heap, minor-mc) change nothing or make it slower.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const MIN = 60_000;

// The product's seeded PRNG (compiled to out/ by `npx tsc -p .`), so bench input is the same on every run.
const rng = (seed) => require(path.join(root, 'out/src/core/util/random.js')).seededRandom(seed);

export function largeSnapshot() {
  const rnd = rng(7);
  const onset = Date.parse('2026-01-14T20:00:00Z');
  const start = onset - 20 * 60 * MIN;
  const iso = (t) => new Date(t).toISOString();
  const hex = (n) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
  const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1'];
  const metrics = [];
  for (let m = 0; m < 100; m++) {
    const region = regions[m % 4];
    const kind = ['Latency', '5XXError', 'Count', 'CPUUtilization', 'DatabaseConnections'][m % 5];
    const ns = kind === 'CPUUtilization' || kind === 'DatabaseConnections' ? 'AWS/RDS' : 'AWS/ApiGateway';
    const base = 50 + (m % 7) * 40;
    const hit = region === 'ap-northeast-1' && m % 3 === 0;
    const points = [];
    for (let i = 0; i < 1440; i++) {
      const t = start + i * MIN;
      points.push([iso(t), Math.round((hit && t >= onset ? base * 4 : base) * (1 + (rnd() - 0.5) * 0.1) * 100) / 100]);
    }
    metrics.push({ id: `m${m}`, namespace: ns, name: kind, stat: 'Average', unit: kind === 'Latency' ? 'Milliseconds' : 'Count',
      dimensions: { Service: `svc-${Math.floor(m / 20)}`, Region: region }, points });
  }
  const logs = [];
  const templates = [
    (i) => `INFO GET /api/items/${i} 200 ${Math.floor(rnd() * 90)}ms user=${hex(8)}`,
    (i) => `DEBUG cache hit key=item:${i % 5000}`,
    (i) => `WARN slow request /api/search?q=${hex(6)} took ${400 + (i % 300)}ms`,
    () => `INFO worker heartbeat pid=${Math.floor(rnd() * 60000)}`,
  ];
  const end = start + 1440 * MIN;
  for (let i = 0; i < 200_000; i++) {
    const t = start + Math.floor((i / 200_000) * (end - start));
    let message = templates[i % templates.length](i);
    if (t >= onset && i % 9 === 0) message = `ERROR TimeoutError: connection pool exhausted waiting for a free connection id=${hex(10)}\n    at Pool.acquire (/app/node_modules/pool/index.js:40:11)\n    at loadItems (/app/src/data/items${i % 20}.js:${10 + (i % 50)}:5)`;
    logs.push({ at: iso(t), group: `/ecs/svc-${i % 5}`, stream: `s-${i % 40}`, message });
  }
  const deploys = [];
  for (let d = 0; d < 20; d++) {
    const at = onset - (20 - d) * 45 * MIN;
    const commits = [];
    for (let c = 0; c < 50; c++) {
      commits.push({ sha: hex(40), author: `dev${c % 9}`, message: `change ${d}.${c}: adjust items query`, at: iso(at - c * MIN),
        files: [{ path: `src/data/items${(d + c) % 20}.js`, status: 'modified', patch: `@@ -10,3 +10,5 @@\n+  for (const id of ids) {\n+    rows.push(await db.query('SELECT * FROM items WHERE id = $1', [id]));\n+  }\n` },
          { path: `src/ui/view${c}.tsx`, status: 'modified' }] });
    }
    deploys.push({ id: `r${d}`, at: iso(at), ref: hex(40), previousRef: hex(40), region: regions[d % 4], commits });
  }
  const tickets = Array.from({ length: 200 }, (_, i) => ({ id: `T-${i}`, title: `incident ${i}: ${['latency', 'errors', 'pool exhausted', 'deadlock'][i % 4]} in svc-${i % 5}`,
    body: 'details', openedAt: iso(onset - (i + 1) * 24 * 60 * MIN), resolution: ['raised capacity', 'rolled back', 'rescheduled batch'][i % 3] }));
  return { schema: 'incident-lens/snapshot@1', incident: { id: 'BENCH', title: 'items API latency', startedAt: iso(onset) }, metrics, logs, deploys, tickets, changes: [] };
}

function time(fn, runs = 3) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)];
}

/** Children's CPU (user + sys, ms) so far, from /proc/self/stat (cutime, cstime; USER_HZ = 100); undefined elsewhere. */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return undefined;
  }
}

/** Runs each command once per round, interleaved so load changes hit all alike; median wall and CPU per command. */
function timeProcesses(commands, rounds) {
  const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, { wall: [], cpu: [] }]));
  for (let i = 0; i < rounds; i++) {
    for (const [k, [cmd, args]] of Object.entries(commands)) {
      const c0 = childrenCpuMs();
      const t = process.hrtime.bigint();
      execFileSync(cmd, args, { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
      samples[k].wall.push(Number(process.hrtime.bigint() - t) / 1e6);
      const c1 = childrenCpuMs();
      if (c0 !== undefined && c1 !== undefined) samples[k].cpu.push(c1 - c0);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return Object.fromEntries(Object.entries(samples).map(([k, s]) => [k, { wall: median(s.wall), cpu: s.cpu.length ? median(s.cpu) : undefined }]));
}

export async function run() {
  const results = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'il-bench-analyze-'));
  try {
    const snap = largeSnapshot();
    const file = path.join(dir, 'large.incident.json');
    const text = JSON.stringify(snap);
    writeFileSync(file, text);
    const outAnalysis = path.join(root, 'out/src/core/analysis/index.js');
    if (existsSync(outAnalysis)) {
      const { analyse } = require(outAnalysis);
      const { validateSnapshot, parseJson } = require(path.join(root, 'out/src/core/schema/index.js'));
      const analyseMs = time(() => analyse(snap));
      results.push({ name: 'analyse() large snapshot (in-process, median of 3)', value: Math.round(analyseMs), unit: 'ms', budget: 1000, ok: analyseMs <= 1000 });
      // Reference within the same run: JSON.parse of the same input, a cost any reader of the file pays. On an
      // idle machine that parse takes ~0.2 s, so ≤ 4× keeps the whole analysis near or under the 1 s budget
      // even when the absolute figure is inflated by a loaded machine.
      const parseMs = time(() => JSON.parse(text));
      results.push({ name: 'analyse() / JSON.parse of the same input', value: Math.round((analyseMs / parseMs) * 100) / 100, unit: 'x', budget: 4, ok: analyseMs / parseMs <= 4 });
      const fullMs = time(() => {
        const v = validateSnapshot(parseJson(text));
        if (!v.ok) throw new Error('bench snapshot invalid');
        JSON.stringify(analyse(v.snapshot));
      });
      results.push({ name: 'parse + validate + analyse + serialise (in-process, median of 3)', value: Math.round(fullMs), unit: 'ms', budget: 1000, ok: fullMs <= 1000 });
      results.push({ name: 'parse + validate + analyse + serialise / JSON.parse alone', value: Math.round((fullMs / parseMs) * 100) / 100, unit: 'x', budget: 4, ok: fullMs / parseMs <= 4 });
    }
    const cli = path.join(root, 'dist/cli.js');
    if (existsSync(cli)) {
      const reader = path.join(dir, 'reader.cjs');
      // Reads the file as the CLI does (bytes, then UTF-8), then parses it: the floor of any JSON reader.
      writeFileSync(reader, "JSON.parse(require('fs').readFileSync(process.argv[2]).toString('utf8'));\n");
      // What the machine charges for fresh memory: a process that reads and parses 31 MB touches ~40,000 new pages.
      const touch = path.join(dir, 'touch.cjs');
      writeFileSync(touch, "const b = Buffer.allocUnsafe(64 << 20); b.fill(1);\n");
      const runs = {
        startup: [process.execPath, ['-e', '0']],
        touch: [process.execPath, [touch]],
        reader: [process.execPath, [reader, file]],
        version: [process.execPath, [cli, '--version']],
        cli: [process.execPath, [cli, 'analyze', file]],
      };
      const m = timeProcesses(runs, 5);
      const r = (x) => Math.round(x);
      const ratio = (a, b) => Math.round((a / b) * 100) / 100;
      results.push({ name: 'incident-lens analyze large snapshot (process, wall, median of 5)', value: r(m.cli.wall), unit: 'ms', budget: 1000, ok: m.cli.wall <= 1000 });
      if (m.cli.cpu !== undefined) {
        results.push({ name: 'incident-lens analyze large snapshot (process, CPU user+sys, median of 5)', value: r(m.cli.cpu), unit: 'ms', budget: 1000, ok: m.cli.cpu <= 1000 });
      }
      results.push({ name: 'reference: first touch of a fresh 4 KiB page (64 MiB filled once, minus node -e 0; wall)', value: Math.round(((m.touch.wall - m.startup.wall) / 16384) * 1000 * 10) / 10, unit: 'µs' });
      for (const [k, label] of [['startup', 'node -e 0'], ['reader', 'node start-up + read + JSON.parse of the file']]) {
        results.push({ name: `reference: ${label} (wall)`, value: r(m[k].wall), unit: 'ms' });
        if (m[k].cpu !== undefined) results.push({ name: `reference: ${label} (CPU)`, value: r(m[k].cpu), unit: 'ms' });
      }
      // The product's share: on an idle machine the reader takes ~0.3 s, so ≤ 3× keeps the command near 1 s even
      // when a loaded machine inflates every absolute figure.
      const basis = m.cli.cpu !== undefined ? 'cpu' : 'wall';
      results.push({ name: `incident-lens analyze / reader floor (${basis})`, value: ratio(m.cli[basis], m.reader[basis]), unit: 'x', budget: 3, ok: m.cli[basis] / m.reader[basis] <= 3 });
      results.push({ name: `product cost: analyze minus reader floor (${basis})`, value: r(m.cli[basis] - m.reader[basis]), unit: 'ms' });
      results.push({ name: 'incident-lens analyze / CLI start-up ratio', value: Math.round((m.cli.wall / m.version.wall) * 10) / 10, unit: 'x', budget: 25, ok: m.cli.wall / m.version.wall <= 25 });
    }
    if (!results.length) results.push({ name: 'analyze bench', value: 0, unit: 'ms', budget: 1000, ok: false, note: 'build first: npx tsc -p . and npm run build' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) run().then((r) => console.log(JSON.stringify(r, null, 2)));
