// Round trip on a snapshot unlike the demo: offsets in times, millisecond log times, several groups and streams,
// an alarm that flaps (ALARM → OK → ALARM), an alarm without metric, a metric without a stored statistic.
import * as assert from 'node:assert/strict';
import type { Snapshot } from '../../../src/core/model/snapshot';
import { CloudWatchAlarms } from '../../../src/providers/aws/cloudWatchAlarms';
import { CloudWatchLogs } from '../../../src/providers/aws/cloudWatchLogs';
import { CloudWatchMetrics } from '../../../src/providers/aws/cloudWatchMetrics';
import { FAST_POLICY, startSim, type RunningSim } from './simServer';

const T = Date.parse('2025-07-01T22:00:00Z');
const at = (min: number, offset = '+02:00') => {
  const d = new Date(T + min * 60_000 + (offset === '+02:00' ? 2 * 3_600_000 : 0));
  return d.toISOString().replace('.000Z', offset === 'Z' ? 'Z' : offset);
};
const snap: Snapshot = {
  schema: 'incident-lens/snapshot@1',
  incident: { id: 'X-1', title: 'queue backlog', startedAt: at(30) },
  alarms: [
    { id: 'q1', name: 'orders-queue-age', state: 'ALARM', at: at(30), metricId: 'age', threshold: 300, comparison: 'GreaterThanOrEqualToThreshold', region: 'eu-central-1' },
    { id: 'q2', name: 'orders-queue-age', state: 'OK', at: at(42), metricId: 'age', region: 'eu-central-1' },
    { id: 'q3', name: 'orders-queue-age', state: 'ALARM', at: at(47), metricId: 'age', region: 'eu-central-1' },
    { id: 'c1', name: 'composite-ish-no-metric', state: 'ALARM', at: at(31, 'Z') },
  ],
  metrics: [
    { id: 'age', namespace: 'AWS/SQS', name: 'ApproximateAgeOfOldestMessage', stat: 'Maximum', dimensions: { QueueName: 'orders' },
      points: Array.from({ length: 90 }, (_, i) => [at(i), i < 30 ? 20 : 400 + i] as [string, number]) },
    { id: 'depth', namespace: 'Custom/Orders', name: 'Backlog',
      points: Array.from({ length: 90 }, (_, i) => [at(i, 'Z'), i * 1.5] as [string, number]) },
  ],
  logs: [
    ...Array.from({ length: 40 }, (_, i) => ({ at: new Date(T + i * 61_234).toISOString(), group: '/ecs/orders-worker', stream: `worker/${i % 3}`, message: `processed batch ${i} size=${i * 3}` })),
    ...Array.from({ length: 7 }, (_, i) => ({ at: new Date(T + 1_800_000 + i * 7_777).toISOString(), group: '/ecs/orders-api', message: `Traceback (most recent call last):\n  File "/app/worker.py", line ${40 + i}, in handle\nTimeoutError: upstream ${i}` })),
  ],
};
const window = { start: new Date(T).toISOString(), end: new Date(T + 90 * 60_000).toISOString() };
const now = () => T + 2 * 3_600_000;

describe('AWS round trip on a different snapshot shape', function () {
  this.timeout(20_000);
  let sim: RunningSim;
  before(async () => {
    sim = await startSim(snap);
  });
  after(() => sim.close());

  it('a flapping alarm yields each state change with unique ids; the region-less alarm is served in any region', async () => {
    const got = await CloudWatchAlarms.fromClients(sim.clients('eu-central-1'), { policy: FAST_POLICY }).listAlarms(window);
    assert.deepEqual(got.gaps, []);
    assert.deepEqual(
      got.items.map((a) => [a.id, a.name, a.state, Date.parse(a.at)]),
      [
        ['orders-queue-age', 'orders-queue-age', 'ALARM', Date.parse(snap.alarms![0].at)],
        ['composite-ish-no-metric', 'composite-ish-no-metric', 'ALARM', Date.parse(snap.alarms![3].at)],
        ['orders-queue-age#2', 'orders-queue-age', 'OK', Date.parse(snap.alarms![1].at)],
        ['orders-queue-age#3', 'orders-queue-age', 'ALARM', Date.parse(snap.alarms![2].at)],
      ],
    );
    assert.deepEqual(got.items[0].metric, { namespace: 'AWS/SQS', name: 'ApproximateAgeOfOldestMessage', dimensions: { QueueName: 'orders' }, stat: 'Maximum' });
    assert.equal(got.items[1].metric, undefined);
    const elsewhere = await CloudWatchAlarms.fromClients(sim.clients('us-west-2'), { policy: FAST_POLICY }).listAlarms(window);
    assert.deepEqual(elsewhere.items.map((a) => a.name), ['composite-ish-no-metric']);
  });

  it('metrics with offset times and without a stored statistic come back equal (times compared as instants)', async () => {
    const got = await CloudWatchMetrics.fromClients(sim.clients('eu-central-1'), { policy: FAST_POLICY, now }).getMetrics(
      [
        { id: 'age', namespace: 'AWS/SQS', name: 'ApproximateAgeOfOldestMessage', stat: 'Maximum', dimensions: { QueueName: 'orders' } },
        { id: 'depth', namespace: 'Custom/Orders', name: 'Backlog', stat: 'Average' },
      ],
      window,
    );
    assert.deepEqual(got.gaps, []);
    const norm = (pts: Array<[string, number]>) => pts.map(([t, v]) => [Date.parse(t), v]);
    assert.deepEqual(norm(got.items[0].points), norm(snap.metrics![0].points));
    assert.deepEqual(norm(got.items[1].points), norm(snap.metrics![1].points));
    assert.equal(got.items[0].points[0][0], new Date(T).toISOString().replace('.000Z', 'Z'), 'written in UTC Z');
  });

  it('logs of several groups and streams, millisecond times and multi-line messages, merged and in order', async () => {
    const groups = ['/ecs/orders-worker', '/ecs/orders-api'];
    const got = await CloudWatchLogs.fromClients(sim.clients('eu-central-1'), { policy: FAST_POLICY, pageSize: 9 }).sampleEvents(groups, window, undefined, 1000);
    assert.deepEqual(got.gaps, []);
    const key = (e: { at: string; group: string; message: string; stream?: string }) => `${Date.parse(e.at)}|${e.group}|${e.stream ?? 'default'}|${e.message}`;
    assert.deepEqual(got.items.map(key).sort(), snap.logs!.map(key).sort());
    const tb = await CloudWatchLogs.fromClients(sim.clients('eu-central-1'), { policy: FAST_POLICY }).sampleEvents(groups, window, '"Traceback (most recent"', 3);
    assert.equal(tb.items.length, 3);
    assert.ok(tb.items.every((e) => e.group === '/ecs/orders-api' && e.message.includes('\n  File "/app/worker.py"')));
    assert.deepEqual(tb.gaps, ['logs: /ecs/orders-api: stopped after 3 events (cap)']);
  });
});
