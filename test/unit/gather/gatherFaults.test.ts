// Faults while gathering: a throttled source is retried, a refused one becomes a gap naming the permission, the rest
// of the snapshot is still produced, and the signal cancels the whole gather.
import * as assert from 'node:assert/strict';
import { gather, GatherCancelledError } from '../../../src/core/gather/gather';
import { parseTimeSpec, resolveWindow, TimeSpecError } from '../../../src/core/gather/timeWindow';
import { parseFaults } from '../../../src/cli/commands/simulate';
import { createPorts } from '../../../src/providers/createPorts';
import type { FaultPlan } from '../../../src/providers/sim/faults';
import { startSimServer, type SimServer } from '../../../src/providers/sim/server';
import { configFor, richSnapshot } from './simFixture';

const AWS = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'secret' };

describe('gather with faults', function () {
  this.timeout(30_000);
  const snap = richSnapshot();
  const start = new Date(Date.parse(snap.incident.startedAt) - 120 * 60_000).toISOString();
  const end = Date.parse(snap.incident.startedAt) + 46 * 60_000;
  let server: SimServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function run(faults: FaultPlan, signal?: AbortSignal) {
    server = await startSimServer(snap, { faults });
    const config = configFor(snap);
    const built = await createPorts(config, { endpoints: server.endpoints, credentials: { aws: AWS, githubToken: 't' }, now: () => end + 3_600_000, github: { retry: { baseDelayMs: 5 } } });
    try {
      return await gather(config, built.ports, { since: start, until: new Date(end).toISOString(), now: end, signal });
    } finally {
      built.dispose();
    }
  }

  it('keeps everything else when GitHub deployments are refused, naming the permission', async () => {
    const s = await run({ rules: [{ operation: 'repos.listDeployments', deny: true }] });
    assert.deepEqual(s.deploys, []);
    assert.equal(s.gaps!.length, 1, s.gaps!.join('\n'));
    assert.match(s.gaps![0], /^deploys: GitHub github-deployments of acme\/checkout-api: permission denied: the token needs the fine-grained permission deployments=read/);
    assert.equal(s.metrics!.length, snap.metrics!.length);
    assert.equal(s.tickets!.length, snap.tickets!.length);
  });

  it('retries throttled GitHub, Jira and ServiceNow reads and still gets everything', async () => {
    const s = await run({ rules: [{ operation: 'repos.compareCommits', throttleFirst: 1 }, { operation: 'servicenow.incident', throttleFirst: 1 }, { operation: 'repos.getCommit', serverErrorFirst: 1 }] });
    assert.deepEqual(s.gaps, []);
    assert.deepEqual(s.deploys![1].commits!.map((c) => c.sha), snap.deploys![1].commits!.map((c) => c.sha));
    assert.equal(s.tickets!.filter((t) => t.source === 'servicenow').length, 2);
    assert.equal(server!.calls('repos.compareCommits'), 2);
  });

  it('stops when cancelled', async () => {
    const ac = new AbortController();
    const p = run({ rules: [{ operation: '*', delayMs: 300 }] }, ac.signal);
    setTimeout(() => ac.abort(), 100);
    await assert.rejects(p, GatherCancelledError);
  });

  it('says what is not configured', async () => {
    const s = await gather({ service: 'svc' }, {}, { since: start, until: new Date(end).toISOString() });
    assert.equal(s.incident.service, 'svc');
    assert.deepEqual(s.gaps, [
      'alarms: no alarm source configured (aws section of .incident-lens.yaml)',
      'metrics: no metrics configured (aws.metrics in .incident-lens.yaml)',
      'logs: no log groups configured (aws.logGroups in .incident-lens.yaml)',
      'deploys: no deploy source configured (deploys in .incident-lens.yaml)',
    ]);
  });
});

describe('gather time window', () => {
  const now = Date.parse('2026-01-14T04:00:00Z');
  it('reads ISO times, dates and durations back from now', () => {
    assert.equal(parseTimeSpec('2h', now), now - 7_200_000);
    assert.equal(parseTimeSpec('90m', now), now - 5_400_000);
    assert.equal(parseTimeSpec('2026-01-14T03:00:00+01:00', now), Date.parse('2026-01-14T02:00:00Z'));
    assert.deepEqual(resolveWindow(undefined, undefined, now), { start: '2026-01-14T01:00:00Z', end: '2026-01-14T04:00:00Z' });
  });
  it('refuses local times without offset, nonsense and reversed windows', () => {
    assert.throws(() => parseTimeSpec('2026-01-14T03:00', now), TimeSpecError);
    assert.throws(() => parseTimeSpec('yesterday', now), /'yesterday' is not a time/);
    assert.throws(() => resolveWindow('1h', '2h', now), /--since .* must be before --until/);
  });
});

describe('simulate --faults', () => {
  it('reads the short form and JSON, and refuses what it cannot read', () => {
    assert.deepEqual(parseFaults('repos.listDeployments:throttle=2, *:delay=50, logs:deny, jira.searchJql:error=1').rules, [
      { operation: 'repos.listDeployments', throttleFirst: 2 },
      { operation: '*', delayMs: 50 },
      { operation: 'logs', deny: true },
      { operation: 'jira.searchJql', serverErrorFirst: 1, serverErrorStatus: 503 },
    ]);
    assert.deepEqual(parseFaults('{"rules":[{"operation":"repos.getCommit","throttleAlways":true}]}').rules, [{ operation: 'repos.getCommit', throttleAlways: true }]);
    assert.throws(() => parseFaults('repos.get:often'), /cannot read 'repos.get:often'/);
    assert.throws(() => parseFaults('{"rules":[{}]}'), /expected \{"rules"/);
  });
});
