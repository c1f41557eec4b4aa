// The analysis reads logs through the shared log module (src/core/logs) and stack traces through the stack module
// (src/core/stack): one template per message for everyone, frames matched to changed files by path, not by name.
import * as assert from 'node:assert/strict';
import { analyse } from '../../../src/core/analysis';
import { logSpikes } from '../../../src/core/logs';
import type { LogEvent, Snapshot } from '../../../src/core/model/snapshot';

const T0 = Date.parse('2026-06-01T09:00:00Z');
const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString();

function snapshot(trace: (i: number) => string): Snapshot {
  const logs: LogEvent[] = [];
  for (let m = 0; m < 120; m++) {
    for (let k = 0; k < 5; k++) logs.push({ at: iso(T0 + m * MIN + k * 7000), group: '/app/api', message: `INFO GET /orders/${m * 10 + k} 200 in ${k + 3} ms` });
    if (m >= 90) for (let k = 0; k < 3; k++) logs.push({ at: iso(T0 + m * MIN + k * 9000 + 500), group: '/app/api', message: `ERROR OrderLoadError: order ${m}${k} could not be loaded\n${trace(m * 3 + k)}` });
  }
  const commit = (sha: string, path: string) => ({ sha, author: 'dev', message: `change ${path}`, at: iso(T0 + 70 * MIN), files: [{ path, status: 'modified' as const }] });
  return {
    schema: 'incident-lens/snapshot@1',
    incident: { id: 'T-1', title: 'orders API errors', startedAt: iso(T0 + 90 * MIN) },
    logs,
    deploys: [{ id: 'd1', at: iso(T0 + 80 * MIN), ref: 'b'.repeat(40), previousRef: 'a'.repeat(40), commits: [
      commit('1'.repeat(40), 'services/api/src/data/orderStore.ts'),
      commit('2'.repeat(40), 'tools/orderStore.js'),
      commit('3'.repeat(40), 'lib/pool/index.js'),
    ] }],
  } as Snapshot;
}

const nodeTrace = () => '    at Pool.acquire (/srv/app/node_modules/pool/index.js:40:11)\n    at loadOrder (/srv/app/dist/data/orderStore.js:34:9)\n    at handler (/srv/app/dist/handler.js:5:3)';

describe('analysis: log patterns and stack frames come from the shared modules', () => {
  const snap = snapshot(nodeTrace);
  const report = analyse(snap);

  it('log-pattern evidence names the shared miner template (same id as logSpikes gives)', () => {
    const ev = report.evidence.filter((e) => e.kind === 'log-pattern');
    assert.equal(ev.length, 1, JSON.stringify(ev));
    const spike = logSpikes(snap.logs!, { onset: snap.incident.startedAt }).find((s) => s.template.includes('could not be loaded'))!;
    assert.equal(ev[0].ref?.templateId, spike.templateId);
    assert.equal(ev[0].ref?.template, spike.template);
    assert.match(ev[0].summary, /×90 after the onset/);
    assert.match(ev[0].summary, /after deploy d1/);
    assert.match(ev[0].summary, /with stack traces/);
  });

  it('an application frame in built output points at the changed source file; library frames and bare name matches do not', () => {
    const stack = report.evidence.filter((e) => e.kind === 'stack-trace');
    assert.equal(stack.length, 1, JSON.stringify(stack));
    assert.equal(stack[0].ref?.commit, '1'.repeat(40));
    assert.match(stack[0].summary, /orderStore\.js:34/);
    const commits = report.suspects.filter((s) => s.commit).map((s) => s.commit);
    assert.equal(commits[0], '1'.repeat(40));
    assert.ok(!commits.includes('2'.repeat(40)) && !commits.includes('3'.repeat(40)), JSON.stringify(commits));
  });

  it('Python and Java traces are read too', () => {
    const py = snapshot(() => 'Traceback (most recent call last):\n  File "/var/task/services/api/src/data/orderStore.py", line 34, in load\n    rows = db.query(sql)\npsycopg2.errors.QueryCanceled: canceling statement');
    py.deploys![0].commits![0].files![0].path = 'services/api/src/data/orderStore.py';
    assert.equal(analyse(py).evidence.find((e) => e.kind === 'stack-trace')?.ref?.commit, '1'.repeat(40));
    const java = snapshot(() => 'java.lang.IllegalStateException: no order\n\tat com.acme.orders.OrderStore.load(OrderStore.java:34)\n\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:897)');
    java.deploys![0].commits![0].files![0].path = 'orders/src/main/java/com/acme/orders/OrderStore.java';
    assert.equal(analyse(java).evidence.find((e) => e.kind === 'stack-trace')?.ref?.commit, '1'.repeat(40));
  });

  it('a frame whose only match is a file name elsewhere in the tree is not evidence', () => {
    const other = snapshot(() => '    at loadOrder (/srv/app/src/reports/orderStore.js:34:9)');
    other.deploys![0].commits![0].files![0].path = 'src/data/orderStore.js';
    assert.equal(analyse(other).evidence.filter((e) => e.kind === 'stack-trace').length, 0);
  });
});
