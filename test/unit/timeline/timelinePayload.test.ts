// The columnar `load` payload: what the host packs is what the webview reads back, after a structured clone as
// postMessage does it, and rows, hit-tests and refs work on event indices.
import * as assert from 'node:assert/strict';
import { demoSnapshot } from '../../../src/core/demo/demoSnapshot';
import { buildTimeline } from '../../../src/vscode/timeline/timelineData';
import { packTimeline, stringColumn } from '../../../src/vscode/timeline/timelinePack';
import type { EventRef, TimelineData, TimelineEvent } from '../../../webview-ui/shared/protocol';
import { layoutRows, lowerBound, nearest } from '../../../webview-ui/timeline/layout';
import { str, TimelineModel } from '../../../webview-ui/timeline/model';

/** The demo incident plus spans, a multi-line and non-BMP label, an empty detail and two commits of one deploy. */
function richData(): TimelineData {
  const snap = demoSnapshot();
  snap.tickets = [...(snap.tickets ?? []),
    { id: 'SN-9', source: 'servicenow', title: 'checkout slow 🐢\nsecond line', openedAt: snap.incident.startedAt, resolvedAt: new Date(Date.parse(snap.incident.startedAt) + 7_200_000).toISOString() }];
  snap.changes = [{ id: 'c1', at: snap.incident.startedAt, kind: 'feature-flag', description: 'ünïcode flag' }];
  const d = snap.deploys![0];
  d.commits = [
    { sha: 'a'.repeat(40), author: 'x', message: 'one', at: d.at, files: [] },
    { sha: 'b'.repeat(40), author: 'y', message: 'two', at: d.at, files: [] },
  ];
  return buildTimeline(snap);
}

function readBack(m: TimelineModel, i: number): TimelineEvent {
  const e: TimelineEvent = { lane: m.lane(i), at: m.at(i), label: m.label(i), source: m.source(i), level: m.level(i), ref: m.ref(i) };
  if (m.end(i) !== undefined) e.end = m.end(i);
  if (m.detail(i)) e.detail = m.detail(i);
  return e;
}

describe('timeline payload (columns)', () => {
  it('joins strings with offsets that give each one back, empty and astral ones included', () => {
    const items = ['', 'a', '🐢x', '', 'line\nbreak', 'é'];
    const col = stringColumn(items);
    assert.deepEqual(items.map((_, i) => str(col, i)), items);
    assert.equal(col.offsets.length, items.length + 1);
  });

  it('gives back every event of the host model after a structured clone, typed arrays kept', () => {
    const data = richData();
    const payload = structuredClone(packTimeline(data));
    assert.ok(payload.events.at instanceof Float64Array && payload.events.label.offsets instanceof Uint32Array);
    const m = new TimelineModel(payload);
    assert.equal(m.count, data.events.length);
    const back = Array.from({ length: m.count }, (_, i) => readBack(m, i));
    const expected = data.events.map((e) => {
      const x: TimelineEvent = { ...e, level: e.level ?? 'info' };
      if (!x.detail) delete x.detail;
      if (x.end === undefined) delete x.end;
      return x;
    });
    assert.deepEqual(back, expected);
    assert.ok(back.some((e) => e.end !== undefined), 'a span survives');
    assert.ok(back.some((e) => e.label.includes('🐢')));
    assert.deepEqual(payload.metrics.map((s) => Array.from(s.t, (t, k) => [t, s.v[k]])), data.metrics.map((s) => s.points));
    assert.deepEqual(payload.metrics.map((s) => s.threshold), data.metrics.map((s) => s.threshold));
  });

  it('finds an event by its ref, telling apart commits of one deploy and log lines by index', () => {
    const data = richData();
    const m = new TimelineModel(packTimeline(data));
    const alarm = data.events.find((e) => e.ref.kind === 'alarm')!.ref;
    const refs: EventRef[] = [{ kind: 'commit', deployId: demoSnapshot().deploys![0].id, sha: 'b'.repeat(40) }, { kind: 'log', index: 3 }, alarm];
    for (const ref of refs) {
      const i = m.indexOf(ref);
      assert.ok(i >= 0, JSON.stringify(ref));
      assert.deepEqual(m.ref(i), ref);
    }
    assert.equal(m.indexOf({ kind: 'deploy', id: 'no-such-deploy' }), -1);
    assert.equal(m.indexOf({ kind: 'log', index: 1e6 }), -1);
  });

  it('lays rows out as time-ordered index lists that together hold every visible event once', () => {
    const data = richData();
    const m = new TimelineModel(packTimeline(data));
    const rows = layoutRows(m, new Set(), new Set());
    const all = rows.flatMap((r) => Array.from(r.events)).sort((a, b) => a - b);
    assert.deepEqual(all, Array.from({ length: m.count }, (_, i) => i));
    for (const r of rows) {
      assert.ok(Array.from(r.events).every((i, k, a) => m.lane(i) === r.lane && (k === 0 || m.at(a[k - 1]) <= m.at(i))));
    }
    const ys = rows.map((r) => r.y);
    assert.deepEqual(ys, [...ys].sort((a, b) => a - b));
    assert.ok(rows.every((r, k) => k === 0 || r.y === rows[k - 1].y + rows[k - 1].height), 'rows stack without gaps');

    const logSource = m.source(Array.from(rows.find((r) => r.lane === 'logs')!.events)[0]);
    const hidden = layoutRows(m, new Set(['tickets']), new Set([logSource]));
    assert.equal(hidden.some((r) => r.lane === 'tickets'), false);
    assert.ok(hidden.flatMap((r) => Array.from(r.events)).every((i) => m.source(i) !== logSource));
  });

  it('hit-tests points within the tolerance and anywhere inside a span', () => {
    const data = richData();
    const m = new TimelineModel(packTimeline(data));
    const tickets = layoutRows(m, new Set(), new Set()).find((r) => r.lane === 'tickets')!;
    const span = Array.from(tickets.events).find((i) => m.end(i) !== undefined && m.label(i).startsWith('SN-9'))!;
    const middle = (m.at(span) + m.end(span)!) / 2;
    assert.equal(nearest(m, tickets.events, middle, 1000), span);
    const logs = layoutRows(m, new Set(), new Set()).find((r) => r.lane === 'logs')!;
    const e = logs.events[5];
    assert.equal(m.at(nearest(m, logs.events, m.at(e) + 1, 10)), m.at(e));
    assert.equal(nearest(m, logs.events, m.at(logs.events[0]) - 3_600_000, 1000), -1);
    assert.equal(lowerBound(m.data.events.at, logs.events, Infinity), logs.events.length);
    assert.equal(lowerBound(m.data.events.at, logs.events, -Infinity), 0);
  });
});
