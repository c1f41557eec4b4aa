// AWS providers against the wire-protocol simulator with real SDK clients: GetMetricData at the 500-series and
// 1440-point limits, and the same 100k log events read two ways (FilterLogEvents download vs Logs Insights
// aggregation). The ratio of bytes on the wire shows the work stays in CloudWatch. Needs `npx tsc -p .` (out/).
// Budgets are on CPU time of this process (client + simulator): wall time on a shared machine mostly measures
// the neighbours; it is reported alongside.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

function syntheticSnapshot(nSeries, nPoints, nEvents) {
  const t0 = Date.parse('2026-02-10T00:00:00Z');
  const metrics = Array.from({ length: nSeries }, (_, i) => ({
    id: `m${i}`, namespace: 'Bench/Service', name: 'Latency', stat: 'Average',
    dimensions: { Host: `host-${i}` },
    points: Array.from({ length: nPoints }, (_, k) => [new Date(t0 + k * 60_000).toISOString(), 100 + ((i * 7 + k * 13) % 50)]),
  }));
  const shapes = [
    (k) => `INFO request ${(k * 2654435761 % 4294967296).toString(16)} GET /orders/${k % 9000}/summary 200 in ${k % 300} ms`,
    (k) => `ERROR timeout after ${k % 5000} ms calling inventory (RequestId: ${(k * 40503 % 65536).toString(16)}ab12)`,
    (k) => `WARN retrying attempt=${k % 5} for order ${k}`,
  ];
  const logs = Array.from({ length: nEvents }, (_, k) => ({
    at: new Date(t0 + Math.floor((k / nEvents) * nPoints * 60_000)).toISOString(),
    group: '/bench/app', message: shapes[k % 7 === 0 ? 1 : k % 5 === 0 ? 2 : 0](k),
  }));
  return { schema: 'incident-lens/snapshot@1', incident: { id: 'BENCH', title: 'bench', startedAt: new Date(t0).toISOString() }, metrics, logs, end: t0 + nPoints * 60_000 };
}

function measure() {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  return () => {
    const c = process.cpuUsage(cpu0);
    return { cpu: Math.round((c.user + c.system) / 1000), wall: Math.round(performance.now() - wall0) };
  };
}

export async function run() {
  if (!existsSync(path.join(root, 'out/src/providers/sim/aws/index.js'))) {
    return [{ name: 'aws: compiled code present (run npx tsc -p .)', value: 0, unit: 'bool', budget: 1, ok: false }];
  }
  const { createAwsSimHandler } = require(path.join(root, 'out/src/providers/sim/aws/index.js'));
  const { createAwsClients } = require(path.join(root, 'out/src/providers/aws/awsClients.js'));
  const { CloudWatchMetrics } = require(path.join(root, 'out/src/providers/aws/cloudWatchMetrics.js'));
  const { CloudWatchLogs } = require(path.join(root, 'out/src/providers/aws/cloudWatchLogs.js'));
  const { LogsInsights } = require(path.join(root, 'out/src/providers/aws/logsInsights.js'));

  const N_SERIES = 500, N_POINTS = 1440, N_EVENTS = 50_000;
  const snap = syntheticSnapshot(N_SERIES, N_POINTS, N_EVENTS);
  const handler = createAwsSimHandler(snap, { rules: [] }, { pollsBeforeComplete: 1 });
  let bytesOut = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const r = await handler(req, Buffer.concat(chunks));
      if (!r) return res.writeHead(404).end();
      bytesOut += Buffer.byteLength(r.body);
      res.writeHead(r.status, r.headers).end(r.body);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${server.address().port}`;
  const clients = createAwsClients({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'x' } });
  const policy = { retries: 3, baseMs: 50, maxMs: 500, timeoutMs: 60_000 };
  const window = { start: new Date(snap.end - N_POINTS * 60_000).toISOString(), end: new Date(snap.end).toISOString() };
  const out = [];
  try {
    // 1. 500 series × 1440 points (one call's worth of series, 720k points over 8 pages of 100,800).
    const queries = snap.metrics.map((m) => ({ id: m.id, namespace: m.namespace, name: m.name, stat: 'Average', dimensions: m.dimensions }));
    const metrics = CloudWatchMetrics.fromClients(clients, { policy, now: () => snap.end + 3_600_000 });
    let m = measure();
    const got = await metrics.getMetrics(queries, window);
    let r = m();
    const points = got.items.reduce((n, x) => n + x.points.length, 0);
    const okMetrics = points === N_SERIES * N_POINTS && got.gaps.length === 0;
    out.push({ name: 'aws: GetMetricData 500 series x 1440 points via SDK + simulator (cpu)', value: r.cpu, unit: 'ms', budget: 8_000, ok: okMetrics && r.cpu <= 8_000 });
    out.push({ name: 'aws: GetMetricData 500 series x 1440 points (wall, shared machine)', value: r.wall, unit: 'ms', budget: 45_000, ok: okMetrics && r.wall <= 45_000 });

    // 2. The same 100k events: downloaded (FilterLogEvents) vs counted and clustered in CloudWatch (Insights).
    bytesOut = 0;
    m = measure();
    const logs = await CloudWatchLogs.fromClients(clients, { policy }).sampleEvents(['/bench/app'], window, undefined, N_EVENTS);
    r = m();
    const filterBytes = bytesOut;
    out.push({ name: 'aws: FilterLogEvents 50k events, download reference (cpu)', value: r.cpu, unit: 'ms', budget: 2_500, ok: logs.items.length === N_EVENTS && r.cpu <= 2_500 });

    bytesOut = 0;
    const insights = LogsInsights.fromClients(clients, { policy, pollBaseMs: 20 });
    m = measure();
    const [rate, patterns] = await Promise.all([
      insights.errorRate(['/bench/app'], window, 'ERROR'),
      insights.patterns(['/bench/app'], window, { limit: 20 }),
    ]);
    r = m();
    const insightsBytes = bytesOut;
    const total = rate.items.reduce((n, p) => n + p.total, 0);
    out.push({ name: 'aws: Logs Insights error rate + patterns over 50k events, incl. simulated server work (cpu)', value: r.cpu, unit: 'ms', budget: 2_500, ok: r.cpu <= 2_500 && total === N_EVENTS && patterns.items.length === 3 });
    const ratio = insightsBytes / filterBytes;
    out.push({ name: 'aws: wire bytes Insights / FilterLogEvents (same events)', value: Number(ratio.toFixed(5)), unit: 'ratio', budget: 0.01, ok: ratio <= 0.01 });
  } finally {
    clients.cloudwatch.destroy();
    clients.logs.destroy();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)));
}
