// `npm run bench`: runs every scripts/benches/*.mjs and prints their figures against budgets, with the machine.
// A bench module exports `async function run(ctx)` returning rows `{ name, value, unit, budget?, ok? }`
// (ok defaults to value <= budget); an optional `title` export names its section. Exit code 1 if a budget is
// exceeded or a bench fails. `node scripts/bench.mjs bundle` runs only the named benches.
import * as os from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createContext } from './lib/bench-context.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'scripts', 'benches');
const only = process.argv.slice(2);
const files = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('.mjs') && (only.length === 0 || only.includes(f.replace(/\.mjs$/, ''))))
  .sort();

const cpus = os.cpus();
// The load average says whether the timings were taken on a busy machine.
const machine = () =>
  `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
  `${os.platform()} ${os.release()}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;
console.log(`machine: ${machine()}`);

const ctx = createContext(root);
const rows = [];
let broken = 0;
for (const file of files) {
  const mod = await import(pathToFileURL(path.join(benchDir, file)).href);
  const bench = mod.title ?? file.replace(/\.mjs$/, '');
  console.log(`\n▶ ${bench}`);
  try {
    for (const r of await mod.run(ctx)) {
      const ok = r.ok ?? (r.budget === undefined ? undefined : r.value <= r.budget);
      rows.push({ bench, ...r, ok });
    }
  } catch (e) {
    broken++;
    console.error(`  ${bench} failed: ${e instanceof Error ? e.stack : String(e)}`);
    rows.push({ bench, name: 'error', value: NaN, unit: '', ok: false });
  }
}
await ctx.dispose();

const fmt = (v) => (Number.isNaN(v) ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(2));
const table = rows.map((r) => [
  r.bench,
  r.name,
  `${fmt(r.value)} ${r.unit}`.trim(),
  r.budget === undefined ? '' : `${fmt(r.budget)} ${r.unit}`.trim(),
  r.ok === undefined ? '' : r.ok ? 'ok' : 'OVER',
]);
const head = ['bench', 'measure', 'value', 'budget', ''];
const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
const line = (cells) => cells.map((c, i) => (i === 2 || i === 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
console.log(`\nmachine: ${machine()}\n${line(head)}\n${widths.map((w) => '─'.repeat(w)).join('  ')}`);
for (const t of table) console.log(line(t));
const over = rows.filter((r) => r.ok === false).length;
process.exit(over || broken ? 1 : 0);
