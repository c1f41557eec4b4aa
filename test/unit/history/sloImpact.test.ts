import * as assert from 'node:assert/strict';
import { sloImpact } from '../../../src/core/history';
import type { MetricPoint, Snapshot } from '../../../src/core/model/snapshot';

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const start = Date.parse('2026-04-02T10:00:00Z');

/** 100 requests a minute from 2 h before onset to 30 min after; every request fails for 10 minutes from onset. */
function snapshot(kind: 'counts' | 'percent' | 'success'): Snapshot {
  const bad: MetricPoint[] = [];
  const total: MetricPoint[] = [];
  for (let t = start - 120 * MIN; t <= start + 30 * MIN; t += MIN) {
    const failing = t >= start && t < start + 10 * MIN;
    bad.push([iso(t), failing ? 100 : 0]);
    total.push([iso(t), 100]);
  }
  const metrics = kind === 'counts'
    ? [{ id: 'bad', namespace: 'App', name: 'Errors', unit: 'Count', points: bad }, { id: 'total', namespace: 'App', name: 'Requests', unit: 'Count', points: total }]
    : [{ id: 'ratio', namespace: 'App', name: kind === 'percent' ? 'ErrorRate' : 'SuccessRate', unit: 'Percent',
      points: bad.map(([at, v]) => [at, kind === 'percent' ? v : 100 - v] as MetricPoint) }];
  return {
    schema: 'incident-lens/snapshot@1',
    incident: { id: 'I', title: 'outage', startedAt: iso(start), resolvedAt: iso(start + 9 * MIN) },
    metrics,
    slos: [kind === 'counts'
      ? { name: 'availability', objective: 0.99, windowDays: 30, badMetricId: 'bad', totalMetricId: 'total' }
      : { name: 'availability', objective: 0.99, ratioMetricId: 'ratio' }],
  };
}

describe('sloImpact', function () {
  this.timeout(20_000);
  it('computes budget used and 1h/5m burn rate by hand-checked numbers (bad/total counts)', () => {
    const [s] = sloImpact(snapshot('counts'));
    assert.equal(s.source, 'bad/total');
    assert.equal(s.errorRatio, 1);
    assert.equal(s.badEvents, 1000);
    assert.equal(s.totalEvents, 1000);
    // Allowed bad events in 30 days at 100/min: 0.01 × 100 × 43 200 = 43 200; 1000 / 43 200.
    assert.ok(Math.abs((s.budgetConsumed as number) - 1000 / 43200) < 1e-5);
    const fast = s.burnRates[0];
    assert.equal(fast.longWindow, '1h');
    assert.equal(fast.shortWindow, '5m');
    assert.equal(fast.threshold, 14.4);
    assert.equal(fast.computed, true);
    // At onset + 9 min the last hour holds 10 failing minutes of 60: (10/60) / 0.01 = 16.67.
    assert.ok(Math.abs((fast.peakLong as number) - 16.67) < 0.01);
    assert.equal(fast.peakShort, 100);
    // Long burn passes 14.4 once 9 failing minutes are in the hour: onset + 8 min.
    assert.equal(fast.firstFiredAt, iso(start + 8 * MIN));
    assert.deepEqual(s.burnRates.map((b) => b.threshold), [14.4, 6, 3, 1]);
    for (const b of s.burnRates.slice(1)) {
      assert.equal(b.computed, false);
      assert.match(b.reason as string, /needs (6h|1d|3d) of data/);
    }
    assert.match(s.gaps.join('\n'), /6h\/30m, 1d\/2h, 3d\/6h/);
  });

  it('reads a percent error-rate series the same way', () => {
    const [s] = sloImpact(snapshot('percent'));
    assert.equal(s.source, 'ratio');
    assert.equal(s.errorRatio, 1);
    assert.ok(Math.abs((s.budgetConsumed as number) - 1000 / 43200) < 1e-5);
    assert.equal(s.burnRates[0].firstFiredAt, iso(start + 8 * MIN));
  });

  it('infers a success-rate series and inverts it', () => {
    const [s] = sloImpact(snapshot('success'));
    assert.equal(s.errorRatio, 1);
    assert.match(s.notes.join('\n'), /success ratio/);
    assert.equal(s.burnRates[0].peakShort, 100);
  });

  it('uses the window given instead of the incident', () => {
    const [s] = sloImpact(snapshot('counts'), { start: iso(start + 5 * MIN), end: iso(start + 20 * MIN) });
    assert.equal(s.badEvents, 500);
    assert.equal(s.totalEvents, 1600);
  });

  it('computes every window pair when four days of data are there', () => {
    // 1-minute data for 4 days before onset; every request fails for 30 minutes from onset.
    const bad: MetricPoint[] = [];
    const total: MetricPoint[] = [];
    for (let t = start - 4 * 1440 * MIN; t <= start + 60 * MIN; t += MIN) {
      bad.push([iso(t), t >= start && t < start + 30 * MIN ? 100 : 0]);
      total.push([iso(t), 100]);
    }
    const [s] = sloImpact({
      schema: 'incident-lens/snapshot@1',
      incident: { id: 'I', title: 'outage', startedAt: iso(start), resolvedAt: iso(start + 29 * MIN) },
      metrics: [{ id: 'bad', namespace: 'App', name: 'Errors', points: bad }, { id: 'total', namespace: 'App', name: 'Requests', points: total }],
      slos: [{ name: 'availability', objective: 0.99, badMetricId: 'bad', totalMetricId: 'total' }],
    });
    assert.deepEqual(s.burnRates.map((b) => b.computed), [true, true, true, true]);
    assert.deepEqual(s.gaps, []);
    const [, six, day, three] = s.burnRates;
    // 6h/30m: 22 failing minutes of 360 → (22/360)/0.01 = 6.1 > 6 at onset + 21 min; peak (30/360)/0.01 = 8.33.
    assert.equal(six.firstFiredAt, iso(start + 21 * MIN));
    assert.ok(Math.abs((six.peakLong as number) - 8.333) < 0.001);
    // 1d/2h: (30/1440)/0.01 = 2.08 < 3; 3d/6h: (30/4320)/0.01 = 0.694 < 1.
    assert.equal(day.fired, false);
    assert.ok(Math.abs((day.peakLong as number) - 2.083) < 0.001);
    assert.equal(three.fired, false);
    assert.ok(Math.abs((three.peakLong as number) - 0.6944) < 0.0001);
    assert.ok(Math.abs((three.peakShort as number) - 8.333) < 0.001);
  });

  it('names what it could not compute', () => {
    const snap = snapshot('counts');
    snap.slos = [{ name: 'latency', objective: 0.99, ratioMetricId: 'missing' }, { name: 'odd', objective: 99.9, ratioMetricId: 'bad' }];
    const [a, b] = sloImpact(snap);
    assert.equal(a.source, 'none');
    assert.match(a.gaps[0], /metric missing is not in the snapshot/);
    assert.match(b.gaps[0], /objective 99.9 is not a fraction/);
    assert.deepEqual(sloImpact({ ...snap, slos: undefined }), []);
  });
});
