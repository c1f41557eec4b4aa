// gather() over a log group far larger than the sample cap: logs[] holds at most the cap, while logInsights carries
// counts per bin, error counts and patterns over every event, computed by (simulated) Logs Insights through the real
// AWS SDK on 127.0.0.1. Failures become gaps; cancellation stops the queries.
import * as assert from 'node:assert/strict';
import { DEFAULT_ERROR_REGEX, insightBinSeconds } from '../../../src/core/gather/logInsights';
import { gather, GatherCancelledError } from '../../../src/core/gather/gather';
import { patternRegex } from '../../../src/core/gather/patternSamples';
import type { LogEvent, Snapshot } from '../../../src/core/model/snapshot';
import { validateSnapshot } from '../../../src/core/schema';
import { createPorts } from '../../../src/providers/createPorts';
import type { FaultPlan } from '../../../src/providers/sim/faults';
import { startSimServer, type SimServer } from '../../../src/providers/sim/server';
import { seededRandom } from '../../../src/core/util/random';
import { configFor, richSnapshot } from './simFixture';

const AWS = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'secret' };

/** n events spread over [start, end) in `group`, a mix of request, warning and error lines with varying values. */
function noisyEvents(group: string, n: number, start: number, end: number, seed: number): LogEvent[] {
  const r = seededRandom(seed);
  const int = (k: number) => Math.floor(r() * k);
  const hex = () => int(0xfffffff).toString(16).padStart(7, '0');
  const out: LogEvent[] = [];
  for (let i = 0; i < n; i++) {
    const at = new Date(start + Math.floor(r() * (end - start))).toISOString();
    const x = r();
    let message: string;
    if (x < 0.6) message = `INFO request ${hex()} GET /orders/${int(9000) + 100}/summary 200 in ${int(300) + 20} ms`;
    else if (x < 0.75) message = `WARN retrying call to inventory attempt=${int(5) + 1} after ${int(900) + 50} ms`;
    else if (x < 0.9) message = `ERROR ProvisionedThroughputExceededException: rate exceeded for table orders-${int(9) + 1}\n    at query (/var/task/src/orders.js:${int(80) + 1}:11)`;
    else message = `Task timed out after ${int(20) + 3}.00 seconds request ${hex()}`;
    out.push({ at, group, stream: `2026/01/14/[$LATEST]${hex()}`, message });
  }
  return out;
}

const ERRORS = new RegExp(DEFAULT_ERROR_REGEX.replace(/^\(\?i\)/, ''), 'i');

describe('gather with Logs Insights over many events', function () {
  this.timeout(30_000);
  const base = richSnapshot();
  const onset = Date.parse(base.incident.startedAt);
  const start = onset - 120 * 60_000;
  const end = onset + 45 * 60_000;
  const extra = '/aws/ecs/checkout-worker';
  const snap: Snapshot = {
    ...base,
    logs: [...(base.logs ?? []), ...noisyEvents(base.logs![0].group, 3500, start, end, 7), ...noisyEvents(extra, 1800, start, end, 11)],
  };
  const cap = 120;
  let server: SimServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function run(faults: FaultPlan = { rules: [] }, signal?: AbortSignal, insights?: { queryTimeoutMs: number }) {
    server = await startSimServer(snap, { faults });
    const config = configFor(snap);
    const built = await createPorts(config, { endpoints: server.endpoints, credentials: { aws: AWS, githubToken: 't' }, now: () => end + 3_600_000, insights });
    try {
      return await gather(config, built.ports, { since: new Date(start).toISOString(), until: new Date(end).toISOString(), now: end + 3_600_000, logCap: cap, signal });
    } finally {
      built.dispose();
    }
  }

  const inWindow = (group: string) => snap.logs!.filter((e) => e.group === group && Date.parse(e.at) >= start && Date.parse(e.at) <= end); // Insights: both ends inclusive

  it('downloads at most the cap per group while Insights counts every event per bin', async () => {
    const got = await run();
    const groups = configFor(snap).aws!.logGroups!;
    assert.deepEqual(groups.sort(), [base.logs![0].group, extra].sort());
    // The sample plus a tenth of the cap of error-only events per capped group.
    assert.ok(got.logs!.length <= (cap + cap / 10) * groups.length, `downloaded ${got.logs!.length}`);
    assert.ok(server!.calls('logs:FilterLogEvents') <= groups.length * 4, `FilterLogEvents calls: ${server!.calls('logs:FilterLogEvents')}`);
    assert.ok(server!.calls('logs:StartQuery') >= groups.length * 3);
    assert.equal(got.logInsights!.length, groups.length);
    // Which groups logs[] holds only a sample of, as data rather than gap text.
    assert.deepEqual(got.logSamples!.map((s) => [s.group, s.events, s.cap, s.capped]).sort(),
      groups.map((g) => [g, got.logs!.filter((e) => e.group === g).length, cap, true]).sort());
    const bin = insightBinSeconds({ start: new Date(start).toISOString(), end: new Date(end).toISOString() });
    for (const g of groups) {
      const li = got.logInsights!.find((x) => x.group === g)!;
      assert.ok(li, `logInsights for ${g}`);
      assert.equal(li.binSeconds, bin);
      assert.equal(li.region, 'us-east-1');
      const events = inWindow(g);
      assert.ok(events.length > cap * 10, 'the group is much larger than the cap');
      // Independent recount of each bin from the events the simulator holds.
      const want = new Map<string, { total: number; errors: number }>();
      for (const e of events) {
        const t = Math.floor(Date.parse(e.at) / (bin * 1000)) * bin * 1000;
        const k = new Date(t).toISOString().replace('.000Z', 'Z');
        const w = want.get(k) ?? { total: 0, errors: 0 };
        w.total++;
        if (ERRORS.test(e.message)) w.errors++;
        want.set(k, w);
      }
      assert.deepEqual(new Map(li.bins.map((b) => [b.at, { total: b.total, errors: b.errors }])), want, `bins of ${g}`);
      assert.ok(li.bins.some((b) => b.errors > 0 && b.errors < b.total), 'errors are a subset of the events');
      // Patterns cover the whole window, not the sample.
      const patternTotal = li.patterns.reduce((n, p) => n + p.count, 0);
      assert.equal(patternTotal, events.length, `pattern counts of ${g}`);
      assert.ok(li.patterns.length >= 3 && li.patterns.length < 50, `${li.patterns.length} patterns`);
      for (let i = 1; i < li.patterns.length; i++) assert.ok(li.patterns[i - 1].count >= li.patterns[i].count, 'most frequent first');
      const sampled = got.logs!.filter((e) => e.group === g);
      for (const p of li.patterns.filter((q) => q.sample !== undefined)) {
        assert.match(p.sample!.split('\n', 1)[0], patternRegex(p.pattern)!, `sample of ${p.pattern}`);
        assert.ok(sampled.some((e) => e.message === p.sample && e.at === p.firstSeen), 'sample and firstSeen come from logs[]');
      }
      assert.ok(li.patterns.some((p) => p.sample !== undefined), 'sampled events are linked to their patterns');
      const errorPatterns = li.patterns.filter((p) => p.severity === 'ERROR');
      assert.ok(errorPatterns.length > 0 && errorPatterns.some((p) => p.sample?.includes('\n    at ')), 'an error pattern carries a stack trace from the error-only sample');
      assert.ok(sampled.length > cap && sampled.filter((e) => e.message.startsWith('ERROR')).length > 0);
      assert.ok(got.gaps!.some((x) => x.startsWith(`logs: ${g}: logs holds a sample of ${sampled.length} events`) && x.includes(`all ${events.length.toLocaleString('en-US')} events come from Logs Insights`)), got.gaps!.join('\n'));
    }
    assert.equal(validateSnapshot(JSON.parse(JSON.stringify(got))).ok, true, 'the snapshot with logInsights is valid');
  });

  it('turns refused Insights queries into gaps and still produces the snapshot', async () => {
    const got = await run({ rules: [{ operation: 'StartQuery', deny: true }] });
    assert.equal(got.logInsights, undefined);
    assert.ok(got.logs!.length > 0);
    assert.equal(got.metrics!.length, snap.metrics!.length);
    const insightGaps = got.gaps!.filter((x) => x.startsWith('logs insights:'));
    assert.ok(insightGaps.length >= 2, got.gaps!.join('\n'));
    assert.ok(insightGaps.every((x) => /permission|denied|logs:StartQuery/i.test(x)), insightGaps.join('\n'));
    assert.ok(!got.gaps!.some((x) => x.includes('come from Logs Insights')), 'no claim that Insights counted');
  });

  it('stops queries that run past the time-out and keeps the rest as gaps', async () => {
    // The simulator answers "Running" on the first poll; a slow poll passes the 50 ms time-out.
    const got = await run({ rules: [{ operation: 'GetQueryResults', delayMs: 150 }] }, undefined, { queryTimeoutMs: 50 });
    assert.equal(got.logInsights, undefined);
    assert.ok(got.logs!.length > 0 && got.deploys!.length > 0);
    const timeouts = got.gaps!.filter((x) => x.startsWith('logs insights:'));
    // Per group: counts per bin (the total and the error query give the same line, kept once) and patterns.
    assert.deepEqual(timeouts.map((x) => /^logs insights: (counts per bin|patterns) for /.exec(x)?.[1]).sort(), ['counts per bin', 'counts per bin', 'patterns', 'patterns'], got.gaps!.join('\n'));
    assert.ok(timeouts.every((x) => /still Running after \d+ s; stopped/.test(x)), timeouts.join('\n'));
    assert.equal(server!.calls('logs:StopQuery'), server!.calls('logs:StartQuery'));
  });

  it('stops the Insights queries when cancelled', async () => {
    const ac = new AbortController();
    const t0 = Date.now();
    const p = run({ rules: [{ operation: 'GetQueryResults', delayMs: 2_000 }] }, ac.signal);
    setTimeout(() => ac.abort(), 400);
    await assert.rejects(p, GatherCancelledError);
    assert.ok(Date.now() - t0 < 1_800, `cancelled after ${Date.now() - t0} ms`);
  });
});
