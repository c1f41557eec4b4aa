import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { alignWindow, choosePeriod, MAX_POINTS_PER_SERIES, minPeriodForAge } from '../../../src/providers/aws/metricPeriod';
import { chooseBinSeconds, insightsRegex } from '../../../src/providers/aws/logsInsights';

const H = 3_600_000;
const D = 24 * H;

describe('GetMetricData period choice', () => {
  it('1 minute for a recent day, coarser for longer or older windows', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    assert.equal(choosePeriod(now - 3 * H, now, now), 60);
    assert.equal(choosePeriod(now - D, now, now), 60); // exactly 1440 points
    assert.equal(choosePeriod(now - 2 * D, now, now), 300);
    assert.equal(choosePeriod(now - 20 * D, now - 20 * D + 3 * H, now), 300); // 15..63 days old: 5-minute data only
    assert.equal(choosePeriod(now - 90 * D, now - 90 * D + 3 * H, now), 3600); // older: hourly data only
  });

  it('never more than 1440 points per series and always a period CloudWatch still holds (property)', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * D }), fc.integer({ min: 60_000, max: 400 * D }), (ago, span) => {
        const start = now - ago - span;
        const p = choosePeriod(start, start + span, now);
        assert.ok(Math.ceil(span / 1000 / p) <= MAX_POINTS_PER_SERIES, `period ${p} for span ${span}`);
        assert.equal(p % minPeriodForAge(now - start), 0);
        const w = alignWindow(start, start + span, p);
        assert.ok(w.start <= start && w.end >= start + span && w.start % (p * 1000) === 0 && w.end % (p * 1000) === 0);
      }),
    );
  });

  it('insights bins and regex literals', () => {
    assert.equal(chooseBinSeconds({ start: '2026-01-01T00:00:00Z', end: '2026-01-01T03:00:00Z' }), 60);
    assert.equal(chooseBinSeconds({ start: '2026-01-01T00:00:00Z', end: '2026-01-08T00:00:00Z' }), 3600);
    assert.equal(insightsRegex('a/b\\/c'), '/a\\/b\\/c/');
  });
});
