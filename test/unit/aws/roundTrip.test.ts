// Real SDK clients → the simulator over HTTP → our adapters: what comes back equals the snapshot's content.
import * as assert from 'node:assert/strict';
import { demoSnapshot } from '../../../src/core/demo/demoSnapshot';
import type { Metric, Snapshot } from '../../../src/core/model/snapshot';
import { CloudWatchAlarms } from '../../../src/providers/aws/cloudWatchAlarms';
import { CloudWatchLogs } from '../../../src/providers/aws/cloudWatchLogs';
import { CloudWatchMetrics } from '../../../src/providers/aws/cloudWatchMetrics';
import { LogsInsights } from '../../../src/providers/aws/logsInsights';
import { metricKey } from '../../../src/providers/aws/metricKey';
import { createAwsProviders } from '../../../src/providers/aws/awsProviders';
import { FAST_POLICY, startSim, type RunningSim } from './simServer';

const snap: Snapshot = demoSnapshot({ onset: '2026-03-02T10:40:00Z' });
const allTimes = [...snap.metrics!.flatMap((m) => m.points.map((p) => Date.parse(p[0]))), ...snap.logs!.map((l) => Date.parse(l.at))];
const window = { start: new Date(Math.min(...allTimes)).toISOString(), end: new Date(Math.max(...allTimes) + 60_000).toISOString() };
// Same clock for the adapter and the data: an incident an hour ago, so 1-minute data is still available.
const now = () => Math.max(...allTimes) + 3_600_000;

describe('AWS providers round trip against the simulator (real SDK clients)', function () {
  this.timeout(20_000);
  let sim: RunningSim;
  before(async () => {
    sim = await startSim(snap);
  });
  after(() => sim.close());

  it('alarms: every state change with name, state, time, reason, threshold and the alarm metric', async () => {
    const c = sim.clients('us-east-1');
    const got = await CloudWatchAlarms.fromClients(c, { policy: FAST_POLICY }).listAlarms(window);
    assert.deepEqual(got.gaps, []);
    const want = snap.alarms!.map((a) => ({ name: a.name, state: a.state, at: a.at, reason: a.reason, threshold: a.threshold, comparison: a.comparison }));
    assert.deepEqual(got.items.map((a) => ({ name: a.name, state: a.state, at: a.at, reason: a.reason, threshold: a.threshold, comparison: a.comparison })), want);
    for (const a of got.items) {
      const src = snap.metrics!.find((m) => m.id === snap.alarms!.find((x) => x.name === a.name)!.metricId)!;
      assert.equal(a.metricId, metricKey(src));
      assert.deepEqual(a.metric, { namespace: src.namespace, name: src.name, dimensions: src.dimensions, stat: src.stat });
      assert.equal(a.region, 'us-east-1');
    }
  });

  it('alarms: another region sees none of the us-east-1 alarms', async () => {
    const got = await CloudWatchAlarms.fromClients(sim.clients('eu-west-1'), { policy: FAST_POLICY }).listAlarms(window);
    assert.deepEqual(got.items, []);
  });

  it('alarms: a prefix filter keeps only matching alarms', async () => {
    const got = await CloudWatchAlarms.fromClients(sim.clients(), { policy: FAST_POLICY, alarmPrefixes: ['api-5xx'] }).listAlarms(window);
    assert.deepEqual(got.items.map((a) => a.name), ['api-5xx-rate-high']);
  });

  it('metrics: every series comes back point for point at a 1-minute period, in query order', async () => {
    const queries = snap.metrics!.map((m) => ({ id: m.id, namespace: m.namespace, name: m.name, stat: m.stat!, dimensions: m.dimensions, unit: m.unit }));
    const got = await CloudWatchMetrics.fromClients(sim.clients(), { policy: FAST_POLICY, now }).getMetrics(queries, window);
    assert.deepEqual(got.gaps, []);
    const strip = (m: Metric) => ({ id: m.id, namespace: m.namespace, name: m.name, stat: m.stat, unit: m.unit, dimensions: m.dimensions, points: m.points });
    assert.deepEqual(got.items.map(strip), snap.metrics!.map(strip));
    assert.equal(got.items[0].periodSeconds, 60);
  });

  it('metrics: NextToken pages (small MaxDatapoints) and > 500 queries per call are merged correctly', async () => {
    const base = snap.metrics!;
    // 520 queries: the first 500 in one call, the rest in a second; tiny pages force many NextTokens.
    const queries = Array.from({ length: 520 }, (_, i) => {
      const m = base[i % base.length];
      return { id: `s${i}`, namespace: m.namespace, name: m.name, stat: m.stat!, dimensions: m.dimensions };
    });
    // A 30-minute slice keeps the test light: 30 points per series.
    const sliceStart = Date.parse(base[0].points[60][0]);
    const slice = { start: new Date(sliceStart).toISOString(), end: new Date(sliceStart + 30 * 60_000).toISOString() };
    const expected = (i: number) => base[i % base.length].points.filter(([t]) => Date.parse(t) >= sliceStart && Date.parse(t) < sliceStart + 30 * 60_000);
    const before = sim.handler.calls('cloudwatch:GetMetricData');
    const got = await CloudWatchMetrics.fromClients(sim.clients(), { policy: FAST_POLICY, now, maxDatapoints: 1_000 }).getMetrics(queries, slice);
    assert.deepEqual(got.gaps, []);
    assert.equal(got.items.length, 520);
    got.items.forEach((m, i) => {
      assert.equal(m.id, `s${i}`);
      assert.deepEqual(m.points, expected(i), `series ${i}`);
    });
    const calls = sim.handler.calls('cloudwatch:GetMetricData') - before;
    assert.equal(calls, Math.ceil((500 * 30) / 1000) + Math.ceil((20 * 30) / 1000));
  });

  it('metrics: an older window is read at a coarser period with re-aggregated values', async () => {
    const m = snap.metrics!.find((x) => x.stat === 'Sum')!;
    const later = () => Date.parse(window.start) + 30 * 86_400_000; // 30 days later: only 5-minute data
    const got = await CloudWatchMetrics.fromClients(sim.clients(), { policy: FAST_POLICY, now: later }).getMetrics(
      [{ id: m.id, namespace: m.namespace, name: m.name, stat: 'Sum', dimensions: m.dimensions }],
      window,
    );
    assert.equal(got.items[0].periodSeconds, 300);
    const total = (pts: Array<[string, number]>) => Math.round(pts.reduce((s, p) => s + p[1], 0) * 10) / 10;
    assert.equal(total(got.items[0].points), total(m.points));
    assert.ok(got.items[0].points.every(([t]) => Date.parse(t) % 300_000 === 0));
  });

  it('metrics: a series with no data is a gap, not a silent empty list', async () => {
    const got = await CloudWatchMetrics.fromClients(sim.clients(), { policy: FAST_POLICY, now }).getMetrics(
      [{ id: 'x', namespace: 'AWS/Nope', name: 'Missing', stat: 'Sum' }],
      window,
    );
    assert.deepEqual(got.items[0].points, []);
    assert.match(got.gaps.join('\n'), /AWS\/Nope\/Missing:Sum: no datapoints/);
  });

  it('metrics: ListMetrics gives the values of a dimension', async () => {
    const got = await CloudWatchMetrics.fromClients(sim.clients(), { policy: FAST_POLICY }).listDimensionValues('AWS/DynamoDB', 'SuccessfulRequestLatency', 'TableName');
    assert.deepEqual(got, ['inventory']);
  });

  it('logs: FilterLogEvents returns every event of the group, in order, across pages', async () => {
    const group = snap.logs![0].group;
    const got = await CloudWatchLogs.fromClients(sim.clients(), { policy: FAST_POLICY, pageSize: 100 }).sampleEvents([group], window, undefined, 100_000);
    assert.deepEqual(got.gaps, []);
    const want = snap.logs!.filter((l) => l.group === group).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    assert.deepEqual(got.items.map((e) => [e.at, e.message, e.stream ?? 'default']), want.map((e) => [e.at, e.message, e.stream ?? 'default']));
  });

  it('logs: a filter pattern is applied server-side and the cap becomes a gap', async () => {
    const group = snap.logs![0].group;
    const errors = snap.logs!.filter((l) => l.message.includes('ERROR'));
    const logs = CloudWatchLogs.fromClients(sim.clients(), { policy: FAST_POLICY, pageSize: 50 });
    const all = await logs.sampleEvents([group], window, 'ERROR', 100_000);
    assert.equal(all.items.length, errors.length);
    const capped = await logs.sampleEvents([group], window, 'ERROR', 10);
    assert.equal(capped.items.length, 10);
    assert.deepEqual(capped.gaps, [`logs: ${group}: stopped after 10 events (cap)`]);
  });

  it('logs: an unknown group is a gap naming it, other groups still read', async () => {
    const group = snap.logs![0].group;
    const got = await CloudWatchLogs.fromClients(sim.clients(), { policy: FAST_POLICY }).sampleEvents(['/aws/lambda/missing', group], window, 'WARN', 1000);
    assert.ok(got.items.length > 0);
    assert.equal(got.gaps.length, 1);
    assert.match(got.gaps[0], /^logs: \/aws\/lambda\/missing: .*log group does not exist/);
  });

  it('insights: counts per bin and error rates match the snapshot', async () => {
    const group = snap.logs![0].group;
    const insights = LogsInsights.fromClients(sim.clients(), { policy: FAST_POLICY, pollBaseMs: 5 });
    const bin = 300;
    const expect = new Map<string, { total: number; errors: number }>();
    for (const l of snap.logs!) {
      const t = new Date(Math.floor(Date.parse(l.at) / (bin * 1000)) * bin * 1000).toISOString().replace('.000Z', 'Z');
      const e = expect.get(t) ?? { total: 0, errors: 0 };
      e.total++;
      if (/ERROR/.test(l.message)) e.errors++;
      expect.set(t, e);
    }
    const rate = await insights.errorRate([group], window, 'ERROR', { binSeconds: bin });
    assert.deepEqual(rate.gaps, []);
    assert.deepEqual(
      rate.items.map((p) => [p.at, p.total, p.errors]),
      [...expect.entries()].sort().map(([t, e]) => [t, e.total, e.errors]),
    );
    assert.ok(rate.items.some((p) => p.rate > 0.3) && rate.items.some((p) => p.rate === 0));
  });

  it('createAwsProviders wires every port for a region (separate logs endpoint honoured)', async () => {
    const creds = { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' };
    const p = createAwsProviders({ region: 'us-east-1', endpoint: sim.endpoint, credentials: creds, policy: FAST_POLICY, alarmNames: ['api-latency-critical'] });
    // CloudWatch pointed at a closed port, Logs at the simulator: logs still read, alarms become gaps.
    const split = createAwsProviders({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', logsEndpoint: sim.endpoint, credentials: creds, policy: FAST_POLICY });
    try {
      const alarms = await p.alarms.listAlarms(window);
      assert.deepEqual(alarms.items.map((a) => a.name), ['api-latency-critical']);
      const down = await split.alarms.listAlarms(window);
      assert.equal(down.items.length, 0);
      assert.match(down.gaps[0], /cloudwatch:DescribeAlarms in us-east-1 could not reach the endpoint \(ECONNREFUSED\)/);
      const viaSplit = await split.insights.countsPerBin([snap.logs![0].group], window, { binSeconds: 3600 });
      assert.equal(viaSplit.items.reduce((n, [, c]) => n + c, 0), snap.logs!.length);
      const counts = await p.insights.countsPerBin([snap.logs![0].group], window, { binSeconds: 3600 });
      assert.equal(counts.items.reduce((n, [, c]) => n + c, 0), snap.logs!.length);
    } finally {
      p.close();
      split.close();
    }
  });

  it('insights: pattern clustering finds the error template, most frequent first', async () => {
    const group = snap.logs![0].group;
    const insights = LogsInsights.fromClients(sim.clients(), { policy: FAST_POLICY, pollBaseMs: 5 });
    const got = await insights.patterns([group], window, { limit: 10 });
    assert.deepEqual(got.gaps, []);
    const total = snap.logs!.length;
    assert.equal(got.items.reduce((s, p) => s + p.count, 0), total);
    const errors = snap.logs!.filter((l) => l.message.startsWith('ERROR')).length;
    const err = got.items.find((p) => p.pattern.startsWith('ERROR ProvisionedThroughputExceededException'));
    assert.ok(err, JSON.stringify(got.items.map((p) => p.pattern)));
    assert.equal(err.count, errors);
    assert.equal(err.severity, 'ERROR');
    assert.ok(Math.abs(err.ratio - errors / total) < 1e-3);
    for (let i = 1; i < got.items.length; i++) assert.ok(got.items[i - 1].count >= got.items[i].count);
  });
});
