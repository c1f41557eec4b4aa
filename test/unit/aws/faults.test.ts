// Fault handling against the simulator with real SDK clients: throttling, 5xx, slow answers, denied permissions,
// bad credentials, cancellation. Every failure is either retried to completion or becomes a gap with partial data.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoSnapshot } from '../../../src/core/demo/demoSnapshot';
import type { Snapshot } from '../../../src/core/model/snapshot';
import { createAwsClients } from '../../../src/providers/aws/awsClients';
import { AwsCredentialsError } from '../../../src/providers/aws/awsErrors';
import { CloudWatchAlarms } from '../../../src/providers/aws/cloudWatchAlarms';
import { CloudWatchLogs } from '../../../src/providers/aws/cloudWatchLogs';
import { CloudWatchMetrics } from '../../../src/providers/aws/cloudWatchMetrics';
import { LogsInsights } from '../../../src/providers/aws/logsInsights';
import type { FaultPlan } from '../../../src/providers/sim/faults';
import { FAST_POLICY, startSim, type RunningSim } from './simServer';

const snap: Snapshot = demoSnapshot({ onset: '2026-03-02T10:40:00Z' });
const times = snap.logs!.map((l) => Date.parse(l.at));
const window = { start: new Date(Math.min(...times)).toISOString(), end: new Date(Math.max(...times) + 60_000).toISOString() };
const now = () => Math.max(...times) + 3_600_000;
const group = snap.logs![0].group;
const queries = snap.metrics!.map((m) => ({ id: m.id, namespace: m.namespace, name: m.name, stat: m.stat!, dimensions: m.dimensions }));

describe('AWS providers under faults (simulator, real SDK clients)', function () {
  this.timeout(20_000);
  const running: RunningSim[] = [];
  const sim = async (faults: FaultPlan, opts = {}) => {
    const s = await startSim(snap, faults, opts);
    running.push(s);
    return s;
  };
  afterEach(async () => {
    while (running.length) await running.pop()!.close();
  });

  it('throttling then success: retried with backoff, result complete', async () => {
    const s = await sim({ rules: [{ operation: 'DescribeAlarms', throttleFirst: 2 }, { operation: 'GetMetricData', throttleFirst: 3 }] });
    const alarms = await CloudWatchAlarms.fromClients(s.clients(), { policy: FAST_POLICY }).listAlarms(window);
    assert.deepEqual(alarms.gaps, []);
    assert.equal(alarms.items.length, snap.alarms!.length);
    assert.equal(s.handler.calls('cloudwatch:DescribeAlarms'), 3);
    const metrics = await CloudWatchMetrics.fromClients(s.clients(), { policy: FAST_POLICY, now }).getMetrics(queries, window);
    assert.deepEqual(metrics.gaps, []);
    assert.deepEqual(metrics.items.map((m) => m.points), snap.metrics!.map((m) => m.points));
    assert.equal(s.handler.calls('cloudwatch:GetMetricData'), 4);
  });

  it('persistent throttling: partial result and a gap naming the source', async () => {
    const s = await sim({ rules: [{ operation: 'FilterLogEvents', throttleAfter: 2 }, { operation: 'GetMetricData', throttleAlways: true }] });
    const logs = await CloudWatchLogs.fromClients(s.clients(), { policy: FAST_POLICY, pageSize: 100 }).sampleEvents([group], window, undefined, 100_000);
    assert.equal(logs.items.length, 200, 'the two pages read before throttling are kept');
    assert.equal(logs.gaps.length, 1);
    assert.match(logs.gaps[0], new RegExp(`^logs: ${group.replace(/[/$]/g, '\\$&')}: stopped after 200 events: logs:FilterLogEvents in us-east-1 throttled \\(ThrottlingException\\) after retries$`));
    assert.equal(s.handler.calls('logs:FilterLogEvents'), 2 + 1 + FAST_POLICY.retries);

    const metrics = await CloudWatchMetrics.fromClients(s.clients(), { policy: FAST_POLICY, now }).getMetrics(queries, window);
    assert.equal(metrics.items.length, queries.length, 'one (empty) series per query, still in order');
    assert.ok(metrics.items.every((m) => m.points.length === 0));
    assert.equal(metrics.gaps.length, 1);
    assert.match(metrics.gaps[0], /^metrics \(us-east-1\): 6 series not read .*cloudwatch:GetMetricData in us-east-1 throttled \(Throttling\) after retries$/);
  });

  it('5xx: transient errors are retried; persistent ones become a gap', async () => {
    const s = await sim({ rules: [{ operation: 'FilterLogEvents', serverErrorFirst: 2, serverErrorStatus: 503 }, { operation: 'DescribeAlarmHistory', serverErrorFirst: 100 }] });
    const logs = await CloudWatchLogs.fromClients(s.clients(), { policy: FAST_POLICY }).sampleEvents([group], window, 'ERROR', 100_000);
    assert.deepEqual(logs.gaps, []);
    assert.equal(logs.items.length, snap.logs!.filter((l) => l.message.includes('ERROR')).length);
    const alarms = await CloudWatchAlarms.fromClients(s.clients(), { policy: FAST_POLICY }).listAlarms(window);
    // History failed, but the firing alarms are still reported.
    assert.deepEqual(alarms.items.map((a) => a.name).sort(), snap.alarms!.map((a) => a.name).sort());
    assert.equal(alarms.gaps.length, 1);
    assert.match(alarms.gaps[0], /^alarms \(us-east-1\): could not read alarm history: cloudwatch:DescribeAlarmHistory in us-east-1 failed with a service error \(InternalServiceFault\): The service is unavailable/);
  });

  it('a slow answer beyond the time-out becomes a gap; the rest still arrives', async () => {
    const s = await sim({ rules: [{ operation: 'DescribeAlarmHistory', delayMs: 400 }] });
    const policy = { ...FAST_POLICY, retries: 1, timeoutMs: 100 };
    const t0 = Date.now();
    const alarms = await CloudWatchAlarms.fromClients(s.clients(), { policy }).listAlarms(window);
    assert.ok(Date.now() - t0 < 3000);
    assert.equal(alarms.items.length, snap.alarms!.length);
    assert.deepEqual(alarms.gaps, ['alarms (us-east-1): could not read alarm history: cloudwatch:DescribeAlarmHistory in us-east-1 timed out after 100 ms']);
  });

  it('AccessDenied: one clear line naming the missing permission and the principal', async () => {
    const s = await sim({ rules: [{ operation: 'DescribeAlarms', deny: true }, { operation: 'FilterLogEvents', deny: true }] });
    const alarms = await CloudWatchAlarms.fromClients(s.clients(), { policy: FAST_POLICY }).listAlarms(window);
    assert.equal(s.handler.calls('cloudwatch:DescribeAlarms'), 1, 'a denial is not retried');
    assert.equal(alarms.gaps.length, 1);
    // History is still read: its state changes are reported without metric details.
    assert.deepEqual(alarms.items.map((a) => [a.name, a.state, a.metric]), snap.alarms!.map((a) => [a.name, a.state, undefined]));
    assert.equal(
      alarms.gaps[0],
      'alarms (us-east-1): could not list firing alarms: cloudwatch:DescribeAlarms denied for arn:aws:iam::123456789012:user/AKIDTEST on arn:aws:cloudwatch:us-east-1:123456789012:alarm:* — add it to the role\'s policy; see docs/permissions.md',
    );
    const logs = await CloudWatchLogs.fromClients(s.clients(), { policy: FAST_POLICY }).sampleEvents([group], window, undefined, 10);
    assert.equal(logs.items.length, 0);
    assert.match(logs.gaps[0], /logs:FilterLogEvents denied for arn:aws:iam::123456789012:user\/AKIDTEST on arn:aws:logs:us-east-1:123456789012:log-group:\/aws\/lambda\/checkout-api:log-stream: — add it/);
  });

  it('AccessDenied on Insights: counts and patterns become gaps naming logs:StartQuery; metrics denied on "*"', async () => {
    const s = await sim({ rules: [{ operation: 'StartQuery', deny: true }, { operation: 'GetMetricData', deny: true }] });
    const insights = LogsInsights.fromClients(s.clients(), { policy: FAST_POLICY, pollBaseMs: 5 });
    const rate = await insights.errorRate([group], window, 'ERROR');
    assert.deepEqual(rate.items, []);
    assert.equal(rate.gaps.length, 2);
    for (const g of rate.gaps) assert.match(g, /^logs insights: counts per bin for \/aws\/lambda\/checkout-api: logs:StartQuery denied for arn:aws:iam::123456789012:user\/AKIDTEST on arn:aws:logs:us-east-1:123456789012:log-group:\* — add it/);
    const metrics = await CloudWatchMetrics.fromClients(s.clients(), { policy: FAST_POLICY, now }).getMetrics(queries.slice(0, 1), window);
    assert.match(metrics.gaps[0], /cloudwatch:GetMetricData denied for arn:aws:iam::123456789012:user\/AKIDTEST — add it to the role's policy; see docs\/permissions.md$/);
  });

  it('expired or unknown credentials: the read stops with one clear AwsCredentialsError', async () => {
    const s = await sim({ rules: [{ operation: 'DescribeAlarms', rejectCredentials: 'expired' }, { operation: 'FilterLogEvents', rejectCredentials: 'unrecognized' }] });
    await assert.rejects(CloudWatchAlarms.fromClients(s.clients(), { policy: FAST_POLICY }).listAlarms(window), (e: Error) => {
      assert.ok(e instanceof AwsCredentialsError);
      assert.match(e.message, /^AWS credentials expired calling cloudwatch:DescribeAlarms in us-east-1: The security token included in the request is expired — /);
      return true;
    });
    await assert.rejects(CloudWatchLogs.fromClients(s.clients(), { policy: FAST_POLICY }).sampleEvents([group], window, undefined, 10), /^AwsCredentialsError: AWS credentials missing or invalid calling logs:FilterLogEvents/);
  });

  it('missing credentials (empty provider chain for a profile): clear message naming the profile', async () => {
    const s = await sim({ rules: [] });
    const dir = mkdtempSync(path.join(tmpdir(), 'il-aws-'));
    writeFileSync(path.join(dir, 'config'), '');
    writeFileSync(path.join(dir, 'credentials'), '');
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true' });
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) delete process.env[k];
    try {
      const c = createAwsClients({ region: 'us-east-1', endpoint: s.endpoint, profile: 'oncall-nonexistent' });
      await assert.rejects(CloudWatchAlarms.fromClients(c, { policy: FAST_POLICY }).listAlarms(window), (e: Error) => {
        assert.ok(e instanceof AwsCredentialsError, String(e));
        assert.match(e.message, /^AWS credentials missing or invalid \(profile oncall-nonexistent\) calling cloudwatch:DescribeAlarms in us-east-1: .* — run "aws sso login --profile oncall-nonexistent"/);
        return true;
      });
      assert.equal(s.handler.calls('cloudwatch:DescribeAlarms'), 0, 'nothing is sent without credentials');
      c.cloudwatch.destroy();
      c.logs.destroy();
    } finally {
      process.env = saved;
    }
  });

  it('cancellation: an abort stops a slow read promptly with the abort reason', async () => {
    const s = await sim({ rules: [{ operation: 'FilterLogEvents', delayMs: 2_000 }] });
    const ac = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ac.abort(new Error('gather cancelled')), 100);
    await assert.rejects(CloudWatchLogs.fromClients(s.clients(), { policy: FAST_POLICY }).sampleEvents([group], window, undefined, 10, { signal: ac.signal }), /gather cancelled/);
    assert.ok(Date.now() - t0 < 1500);
  });

  it('insights: a query that never completes is stopped and reported; a throttled StartQuery is retried', async () => {
    const s = await sim({ rules: [{ operation: 'StartQuery', throttleFirst: 1 }] }, { pollsBeforeComplete: 1_000_000 });
    const insights = LogsInsights.fromClients(s.clients(), { policy: FAST_POLICY, pollBaseMs: 5, pollMaxMs: 20, queryTimeoutMs: 300 });
    const got = await insights.patterns([group], window);
    assert.deepEqual(got.items, []);
    assert.equal(got.gaps.length, 1);
    assert.match(got.gaps[0], /^logs insights: patterns for \/aws\/lambda\/checkout-api: Logs Insights query still Running after 0 s; stopped$/);
    assert.equal(s.handler.calls('logs:StartQuery'), 2);
    assert.equal(s.handler.calls('logs:StopQuery'), 1);
    assert.ok(s.handler.calls('logs:GetQueryResults') > 2, 'polled more than once');
  });
});
