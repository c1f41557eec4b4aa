// Logs at scale: gather over one log group of 50,000 events through the simulator (real AWS SDK on 127.0.0.1).
// Capped gather (sample + Logs Insights aggregates) against a reference gather that downloads every event, in the
// same run: events downloaded and snapshot size as ratios. Wall times are reported but include the simulator's own
// query work (CloudWatch does that server-side), so they are not a client figure. Uses the compiled tree in out/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const title = 'gather logs at scale: capped sample + Logs Insights';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The simulator runs Insights queries in this process (~30 µs per event per query), so keep the group moderate.
const EVENTS = 50_000;
const CAP = 1_000;

export async function run() {
  const out = path.join(root, 'out', 'src');
  if (!existsSync(path.join(out, 'core', 'gather', 'logInsights.js'))) spawnSync('npx', ['tsc', '-p', '.'], { cwd: root, stdio: 'ignore' });
  const require = createRequire(import.meta.url);
  const { gather } = require(path.join(out, 'core/gather/gather.js'));
  const { createPorts } = require(path.join(out, 'providers/createPorts.js'));
  const { startSimServer } = require(path.join(out, 'providers/sim/server.js'));
  const { seededRandom } = require(path.join(out, 'core/util/random.js'));

  const start = Date.parse('2026-01-14T01:00:00Z');
  const end = Date.parse('2026-01-14T04:00:00Z');
  const group = '/aws/lambda/bench';
  const r = seededRandom(42);
  const logs = [];
  for (let i = 0; i < EVENTS; i++) {
    const x = r();
    const n = Math.floor(r() * 10_000);
    const message = x < 0.7 ? `INFO request ${n.toString(16)} GET /orders/${n}/summary 200 in ${n % 400} ms`
      : x < 0.85 ? `WARN retrying inventory attempt=${n % 5} after ${n % 900} ms`
      : `ERROR ProvisionedThroughputExceededException: rate exceeded for table orders-${n % 9}\n    at query (/var/task/src/orders.js:${n % 80}:11)`;
    logs.push({ at: new Date(start + Math.floor(r() * (end - start))).toISOString(), group, message });
  }
  const snap = { schema: 'incident-lens/snapshot@1', incident: { id: 'BENCH', title: 'bench', startedAt: '2026-01-14T03:00:00Z' }, logs };
  const config = { service: 'bench', aws: { regions: ['us-east-1'], logGroups: [group] } };
  const server = await startSimServer(snap);
  const results = [];
  try {
    const once = async (logCap, withInsights) => {
      const built = await createPorts(config, { endpoints: server.endpoints, credentials: { aws: { accessKeyId: 'bench', secretAccessKey: 'bench' } } });
      if (!withInsights) delete built.ports.insights;
      const t = performance.now();
      const s = await gather(config, built.ports, { since: new Date(start).toISOString(), until: new Date(end).toISOString(), now: end, logCap });
      const ms = performance.now() - t;
      built.dispose();
      return { ms, s, bytes: Buffer.byteLength(JSON.stringify(s)) };
    };
    const capped = await once(CAP, true);
    const full = await once(EVENTS, false);
    const counted = (capped.s.logInsights ?? []).reduce((n, li) => n + li.bins.reduce((m, b) => m + b.total, 0), 0);
    results.push({ name: `events downloaded, capped gather of ${EVENTS.toLocaleString('en-US')}`, value: capped.s.logs.length, unit: 'events', budget: CAP * 1.1, ok: capped.s.logs.length <= CAP * 1.1 }); // sample + error-only tenth
    results.push({ name: 'events counted by Logs Insights / events in the group', value: Math.round((counted / EVENTS) * 1000) / 1000, unit: 'ratio', budget: 1, ok: counted === EVENTS });
    results.push({ name: 'events downloaded capped / full download', value: Math.round((capped.s.logs.length / full.s.logs.length) * 1000) / 1000, unit: 'ratio', budget: (CAP * 1.1) / EVENTS, ok: capped.s.logs.length / full.s.logs.length <= (CAP * 1.1) / EVENTS });
    results.push({ name: 'capped gather wall time incl. simulated Insights queries', value: Math.round(capped.ms), unit: 'ms', budget: 20_000, ok: capped.ms < 20_000 });
    results.push({ name: 'full-download gather wall time (reference)', value: Math.round(full.ms), unit: 'ms', budget: 30_000, ok: full.ms < 30_000 });
    results.push({ name: 'snapshot size capped / full download', value: Math.round((capped.bytes / full.bytes) * 1000) / 1000, unit: 'ratio', budget: 0.05, ok: capped.bytes / full.bytes < 0.05 });
  } finally {
    await server.close();
  }
  return results;
}
