// Jira Cloud and ServiceNow adapters against the simulator's Jira and Table API answers (real fetch over 127.0.0.1),
// and PIR files read from disk.
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Snapshot, Ticket } from '../../../src/core/model/snapshot';
import { startSimServer, type SimServer } from '../../../src/providers/sim/server';
import { adfToText, JiraTickets } from '../../../src/providers/tickets/jiraTickets';
import { PirTickets, pirToTicket } from '../../../src/providers/tickets/pirTickets';
import { ServiceNowTickets } from '../../../src/providers/tickets/serviceNowTickets';

const window = { start: '2026-01-14T01:00:00Z', end: '2026-01-14T04:00:00Z' };

function manyTickets(source: string, n: number): Ticket[] {
  return Array.from({ length: n }, (_, i) => ({
    id: source === 'jira' ? `OPS-${i + 1}` : `INC00${1000 + i}`, source, title: `incident ${i + 1}`, body: `line one ${i}\nline two`,
    openedAt: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 3_600_000).toISOString().replace('.000Z', 'Z'),
    resolvedAt: i % 2 ? new Date(Date.parse('2026-01-01T00:30:00Z') + i * 3_600_000).toISOString().replace('.000Z', 'Z') : undefined,
    resolution: i % 2 ? `fixed ${i}` : undefined, labels: ['incident', `l${i % 3}`], service: 'checkout-api',
  }));
}

describe('ticket sources', function () {
  this.timeout(20_000);
  let server: SimServer;
  const snap: Snapshot = { schema: 'incident-lens/snapshot@1', incident: { id: 'X', title: 'x', startedAt: window.start }, tickets: [...manyTickets('jira', 230), ...manyTickets('servicenow', 250)] };
  afterEach(() => server?.close());

  it('pages through Jira search results with nextPageToken', async () => {
    server = await startSimServer(snap);
    const jira = new JiraTickets({ baseUrl: server.endpoints.jira, authorization: 'Basic eDp5', project: 'OPS', maxTickets: 1000 });
    const r = await jira.listTickets(window);
    assert.deepEqual(r.gaps, []);
    assert.equal(r.items.length, 230);
    assert.equal(server.calls('jira.searchJql'), 3);
    const t = r.items.find((x) => x.id === 'OPS-2')!;
    assert.deepEqual(t, { ...snap.tickets!.find((x) => x.id === 'OPS-2'), resolvedAt: t.resolvedAt });
    assert.match(jira.jqlFor(window), /^\(project = "OPS" AND labels = incident\) AND created >= "2025\/07\/18 01:00"/);
  });

  it('pages through the ServiceNow Table API with sysparm_offset, and caps with a gap', async () => {
    server = await startSimServer(snap);
    const all = await new ServiceNowTickets({ baseUrl: server.endpoints.servicenow, pageSize: 100, maxTickets: 1000 }).listTickets(window);
    assert.equal(all.items.length, 250);
    assert.deepEqual(all.gaps, []);
    const want = snap.tickets!.find((x) => x.id === 'INC001003')!;
    assert.deepEqual(all.items.find((x) => x.id === 'INC001003'), want);
    const capped = await new ServiceNowTickets({ baseUrl: server.endpoints.servicenow, pageSize: 100, maxTickets: 150 }).listTickets(window);
    assert.equal(capped.items.length, 200);
    assert.match(capped.gaps[0], /only the newest 200 ServiceNow incident records were read of 250/);
  });

  it('retries a throttled Jira, and names the missing permission when refused', async () => {
    server = await startSimServer(snap, { faults: { rules: [{ operation: 'jira.searchJql', throttleFirst: 1 }, { operation: 'servicenow.incident', deny: true }] } });
    const jira = await new JiraTickets({ baseUrl: server.endpoints.jira, maxTickets: 50, http: { sleep: async () => undefined } }).listTickets(window);
    assert.equal(jira.items.length, 100);
    assert.equal(server.calls('jira.searchJql'), 2);
    const sn = await new ServiceNowTickets({ baseUrl: server.endpoints.servicenow }).listTickets(window);
    assert.deepEqual(sn.items, []);
    assert.match(sn.gaps[0], /ServiceNow http:\/\/127\.0\.0\.1:\d+: permission denied: needs read access to the incident table \(role itil or snc_read_only\) \(ACL Exception/);
  });

  it('says when a ticket system cannot be reached', async () => {
    server = await startSimServer(snap);
    const port = server.port;
    await server.close();
    const r = await new JiraTickets({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2000 }).listTickets(window);
    assert.match(r.gaps[0], /Jira http:\/\/127\.0\.0\.1:\d+: cannot connect \(ECONNREFUSED\)/);
  });

  it('turns Atlassian Document Format into text', () => {
    assert.equal(adfToText({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'c' }] }] }), 'a\nb\nc');
  });

  it('reads post-incident reviews from docs/incidents', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pir-'));
    try {
      mkdirSync(path.join(dir, 'docs/incidents'), { recursive: true });
      writeFileSync(path.join(dir, 'docs/incidents/2025-11-02-db.md'), '# Orders DB failover\n\n- **Date:** 2025-11-02T10:00:00Z\n- **Resolution:** promoted the replica\n\nLong text.\n');
      writeFileSync(path.join(dir, 'docs/incidents/README.md'), '# Index\n');
      const r = await new PirTickets(path.join(dir, 'docs/incidents'), 'orders').listTickets(window);
      assert.deepEqual(r.items.map((t) => [t.id, t.title, t.openedAt, t.resolution, t.service]), [['PIR-2025-11-02-db', 'Orders DB failover', '2025-11-02T10:00:00Z', 'promoted the replica', 'orders']]);
      const missing = await new PirTickets(path.join(dir, 'nope')).listTickets(window);
      assert.deepEqual(missing, { items: [], gaps: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const fm = pirToTicket('PIR-1', '---\ntitle: "Cache stampede"\nstarted: 2026-01-01T00:00:00Z\nlabels: [cache, redis]\n---\nbody');
    assert.deepEqual([fm.title, fm.openedAt, fm.labels, fm.body], ['Cache stampede', '2026-01-01T00:00:00Z', ['cache', 'redis'], 'body']);
  });
});
