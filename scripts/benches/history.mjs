// Bench: incident history and the PIR (src/core/history, src/core/pir), in-process over out/ (after `npx tsc -p .`).
// Speed (median CPU time, robust to a loaded shared machine): similar-incident search over 10,000 tickets, recurrence over 10,000 tickets, SLO burn rates over 30 days of
// 1-minute data, the PIR of the demo and its merge into a 1 MB edited review. Quality: recurrence false-positive
// rate on random histories and detection rate on seeded recurring ones (with noise and jitter).
// All input is generated from fixed seeds.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const title = 'history';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

// The product's seeded PRNG (compiled to out/ by `npx tsc -p .`), so bench input is the same on every run.
const rng = (seed) => require(path.join(root, 'out/src/core/util/random.js')).seededRandom(seed);

/** Median CPU time (user + system) of `runs` calls, in ms: wall time is meaningless on a loaded shared machine. */
function median(f, runs = 5) {
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    f();
    const d = process.cpuUsage(before);
    xs.push((d.user + d.system) / 1000);
  }
  return xs.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const WORDS = ('latency timeout throttling deadlock connection pool exhausted memory leak disk full certificate expired dns ' +
  'resolution failure queue backlog replica lag cache eviction cpu saturation thread starvation rate limit 5xx errors ' +
  'gateway upstream retry storm index missing scan slow query batch job cron settlement invoice checkout payments search ' +
  'profile auth login session token kafka consumer partition rebalance lambda cold start dynamodb rds redis s3 sqs').split(' ');
const SERVICES = ['checkout-api', 'payments-api', 'search', 'auth', 'profile', 'inventory', 'notifications', 'ledger'];

function tickets(n, seed, from, to) {
  const r = rng(seed);
  const pick = () => WORDS[Math.floor(r() * WORDS.length)];
  return Array.from({ length: n }, (_, i) => ({
    id: `T-${i}`, title: Array.from({ length: 5 }, pick).join(' '), body: Array.from({ length: 40 }, pick).join(' '),
    resolution: Array.from({ length: 8 }, pick).join(' '), service: SERVICES[Math.floor(r() * SERVICES.length)], openedAt: iso(from + r() * (to - from)),
  }));
}

function sloSnapshot() {
  const start = Date.parse('2026-03-30T12:00:00Z');
  const bad = [];
  const total = [];
  for (let t = start - 30 * DAY; t <= start + 6 * H; t += MIN) {
    total.push([iso(t), 1000]);
    bad.push([iso(t), t >= start && t < start + 2 * H ? 50 : 1]);
  }
  return {
    schema: 'incident-lens/snapshot@1',
    incident: { id: 'I', title: 'errors', startedAt: iso(start), resolvedAt: iso(start + 6 * H) },
    metrics: [{ id: 'bad', namespace: 'App', name: 'Errors', points: bad }, { id: 'total', namespace: 'App', name: 'Requests', points: total }],
    slos: [{ name: 'availability', objective: 0.999, badMetricId: 'bad', totalMetricId: 'total' }],
  };
}

/** A history with a monthly, weekly or daily schedule (jittered ±40 min) among random same-service tickets. */
function recurringHistory(seed) {
  const r = rng(seed);
  const period = ['monthly', 'weekly', 'daily'][seed % 3];
  const hour = Math.floor(r() * 24);
  const start = Date.UTC(2026, 5, period === 'monthly' ? 1 + Math.floor(r() * 28) : 1 + Math.floor(r() * 28), hour, 0);
  const k = 3 + Math.floor(r() * 4);
  const step = (i) => (period === 'monthly' ? Date.UTC(2026, 5 - i, new Date(start).getUTCDate(), hour) : start - i * (period === 'weekly' ? 7 : 2) * DAY);
  const list = [];
  for (let i = 1; i <= k; i++) list.push({ id: `R-${i}`, title: 'ledger export failed', service: 'ledger', openedAt: iso(step(i) + (r() - 0.5) * 80 * MIN) });
  for (let i = 0; i < 15; i++) list.push({ id: `N-${i}`, title: 'ledger export failed', service: 'ledger', openedAt: iso(start - 200 * DAY + r() * 195 * DAY) });
  return { tickets: list, incident: { id: 'X', title: 'ledger export failed', service: 'ledger', startedAt: iso(start + (r() - 0.5) * 40 * MIN) }, period };
}

export async function run() {
  const outHistory = path.join(root, 'out/src/core/history/index.js');
  if (!existsSync(outHistory)) return [{ name: 'history bench', value: 0, unit: 'ms', budget: 0, ok: false, note: 'build first: npx tsc -p .' }];
  const { similarIncidents, detectRecurrence, sloImpact, tokenize } = require(outHistory);
  const { renderPir, mergePir } = require(path.join(root, 'out/src/core/pir/index.js'));
  const { analyse } = require(path.join(root, 'out/src/core/analysis/index.js'));
  const { demoSnapshot } = require(path.join(root, 'out/src/core/demo/demoSnapshot.js'));
  const results = [];
  const add = (name, value, unit, budget, ok = value <= budget) => results.push({ name, value: Math.round(value * 100) / 100, unit, budget, ok });

  const from = Date.parse('2024-01-01T00:00:00Z');
  const to = Date.parse('2026-01-01T00:00:00Z');
  const corpus = tickets(10_000, 7, from, to);
  const query = { text: 'checkout latency DynamoDB ProvisionedThroughputExceededException throttling after deploy retry storm', service: 'checkout-api' };
  const simMs = median(() => similarIncidents(corpus, query, 5));
  add('similarIncidents: index + query, 10,000 tickets (CPU)', simMs, 'ms', 300);
  // Reference: tokenising the same corpus (with the same word cache) is the floor any text search pays.
  const tokMs = median(() => {
    const cache = new Map();
    for (const t of corpus) {
      tokenize(t.title, cache);
      tokenize(t.body, cache);
      tokenize(t.resolution, cache);
    }
  });
  add('similarIncidents / tokenising the corpus alone', simMs / tokMs, 'x', 4);

  const incident = { id: 'X', title: 'checkout latency throttling', service: 'checkout-api', startedAt: iso(to + DAY) };
  add('detectRecurrence: 10,000 tickets (CPU; includes the symptom search over all of them)', median(() => detectRecurrence(corpus, incident)), 'ms', 500);

  const slo = sloSnapshot();
  add('sloImpact: 30 days of 1-minute bad/total data, 4 window pairs (CPU)', median(() => sloImpact(slo)), 'ms', 300);

  const demo = demoSnapshot();
  const report = analyse(demo);
  const pir = renderPir(demo, report);
  add('renderPir: demo incident (CPU)', median(() => renderPir(demo, report), 9), 'ms', 50);
  const big = pir.replace('## Timeline\n', `## Timeline\n\n${'Notes from the call, kept on every merge. '.repeat(25000)}\n`);
  add('mergePir: 1 MB edited review (CPU)', median(() => mergePir(big, pir)), 'ms', 100);

  let fp = 0;
  const runs = 1000;
  for (let seed = 1; seed <= runs; seed++) {
    const r = rng(seed * 104729);
  	const start = Date.parse('2026-01-01T00:00:00Z') + Math.floor(r() * 365 * DAY);
    const n = 5 + Math.floor(r() * 60);
    const hist = Array.from({ length: n }, (_, i) => ({ id: `T-${i}`, title: 'ledger export failed', service: 'ledger', openedAt: iso(start - 365 * DAY + r() * (365 * DAY - 7 * H)) }));
    if (detectRecurrence(hist, { id: 'X', title: 'ledger export failed', service: 'ledger', startedAt: iso(start) })) fp++;
  }
  add('recurrence false-positive rate, 1,000 random histories', fp / runs, 'ratio', 0.01);

  // The same with every time (the incident's too) in working hours, Monday to Friday 09:00-18:00 UTC, as real tickets
  // crowd: a shared hour is then far likelier by chance. Three decimals: a rate of 0.004 is not 0.
  const workingHours = (r, from, to) => {
    for (;;) {
      const t = from + r() * (to - from);
      const d = new Date(t);
      if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5 && d.getUTCHours() >= 9 && d.getUTCHours() < 18) return t;
    }
  };
  let fpWork = 0;
  for (let seed = 1; seed <= runs; seed++) {
    const r = rng(seed * 15485863);
    const start = workingHours(r, Date.parse('2026-01-01T00:00:00Z'), Date.parse('2027-01-01T00:00:00Z'));
    const n = 5 + Math.floor(r() * 60);
    const hist = Array.from({ length: n }, (_, i) => ({ id: `T-${i}`, title: 'ledger export failed', service: 'ledger', openedAt: iso(workingHours(r, start - 365 * DAY, start - 7 * H)) }));
    if (detectRecurrence(hist, { id: 'X', title: 'ledger export failed', service: 'ledger', startedAt: iso(start) })) fpWork++;
  }
  results.push({ name: 'recurrence false-positive rate, 1,000 random working-hours histories', value: Math.round((fpWork / runs) * 1000) / 1000, unit: 'ratio', budget: 0.02, ok: fpWork / runs <= 0.02 });

  const byPeriod = {};
  for (let seed = 1; seed <= 300; seed++) {
    const h = recurringHistory(seed);
    const rec = detectRecurrence(h.tickets, h.incident);
    const p = (byPeriod[h.period] ??= { runs: 0, found: 0, right: 0 });
    p.runs++;
    if (rec) p.found++;
    if (rec?.period === h.period) p.right++;
  }
  // Daily schedules need more occurrences: an hour of the day matches by chance 1 time in 12.
  const recallBudget = { monthly: 0.95, weekly: 0.85, daily: 0.3 };
  for (const [period, p] of Object.entries(byPeriod)) {
    const recall = p.found / p.runs;
    results.push({ name: `recurrence detection rate, ${period} (${p.runs} seeded schedules, 3-6 past occurrences, ±40 min jitter, 15 same-service noise tickets)`,
      value: Math.round(recall * 1000) / 1000, unit: 'ratio', budget: recallBudget[period], ok: recall >= recallBudget[period], note: 'higher is better' });
  }
  const found = Object.values(byPeriod).reduce((s, p) => s + p.found, 0);
  const right = Object.values(byPeriod).reduce((s, p) => s + p.right, 0);
  results.push({ name: 'recurrence period correct when detected', value: Math.round((right / Math.max(1, found)) * 1000) / 1000, unit: 'ratio', budget: 0.95, ok: right / Math.max(1, found) >= 0.95, note: 'higher is better' });
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) run().then((r) => console.log(JSON.stringify(r, null, 2)));
