// gather() against the simulator serving a snapshot gives the snapshot's content back, through the real AWS SDK,
// Octokit and fetch clients over HTTP on 127.0.0.1.
import * as assert from 'node:assert/strict';
import { gather } from '../../../src/core/gather/gather';
import { createPorts } from '../../../src/providers/createPorts';
import { startSimServer, type SimServer } from '../../../src/providers/sim/server';
import { configFor, richSnapshot } from './simFixture';

const AWS = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'secret' };

describe('gather round trip through the simulator', function () {
  this.timeout(20_000);
  let server: SimServer;
  const snap = richSnapshot();
  const start = Date.parse(snap.incident.startedAt) - 120 * 60_000;
  // CloudWatch's EndTime is exclusive: the window reaches one period past the last point.
  const end = Date.parse(snap.incident.startedAt) + 45 * 60_000;

  before(async () => {
    server = await startSimServer(snap);
  });
  after(() => server.close());

  async function run(config = configFor(snap)) {
    const built = await createPorts(config, { endpoints: server.endpoints, credentials: { aws: AWS, githubToken: 'ghp_secret_token' }, now: () => end + 3_600_000 });
    try {
      return await gather(config, built.ports, { since: new Date(start).toISOString(), until: new Date(end + 60_000).toISOString(), now: end + 3_600_000 });
    } finally {
      built.dispose();
    }
  }

  it('returns the deploys with their commits and patches', async () => {
    const got = await run();
    assert.deepEqual(got.gaps, []);
    assert.deepEqual(got.deploys!.map((d) => [d.id, d.ref, d.previousRef ?? null, d.at, d.environment]), snap.deploys!.map((d) => [d.id, d.ref, d.previousRef ?? null, d.at, d.environment]));
    const want = snap.deploys![1].commits!;
    assert.deepEqual(got.deploys![1].commits, want);
  });

  it('returns alarms, metrics and logs', async () => {
    const got = await run();
    assert.deepEqual(got.alarms!.filter((a) => a.state === 'ALARM').map((a) => [a.name, a.at]), snap.alarms!.map((a) => [a.name, a.at]));
    assert.equal(got.incident.startedAt, snap.incident.startedAt);
    for (const m of snap.metrics!) {
      const g = got.metrics!.find((x) => x.id === m.id);
      assert.ok(g, `metric ${m.id} gathered`);
      assert.deepEqual(g.points, m.points, `points of ${m.id}`);
    }
    assert.deepEqual(got.logs!.map((l) => [l.at, l.message]), snap.logs!.map((l) => [l.at, l.message]));
  });

  it('returns the tickets of GitHub Issues, Jira and ServiceNow', async () => {
    const got = await run();
    const byId = new Map(got.tickets!.map((t) => [t.id, t]));
    for (const t of snap.tickets!) {
      const g = byId.get(t.id);
      assert.ok(g, `ticket ${t.id} gathered`);
      for (const k of ['source', 'title', 'body', 'openedAt', 'resolvedAt', 'labels'] as const) assert.deepEqual(g[k], t[k], `${t.id}.${k}`);
      if (t.source !== 'github') assert.deepEqual([g.resolution, g.service], [t.resolution, t.service], `${t.id} resolution/service`);
    }
    assert.equal(got.tickets!.length, snap.tickets!.length);
  });
});
