// Change-point detection: finds sustained shifts (onset, direction, magnitude) and ignores noise, single
// outliers, gaps and a daily pattern.
import * as assert from 'node:assert/strict';
import { detectShift } from '../../../src/core/analysis/changePoint';
import type { MetricPoint } from '../../../src/core/model/snapshot';
import { seededRandom } from '../../../src/core/util/random';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString();

function gen(n: number, f: (i: number) => number, noise: number, seed = 1, stepMin = 1): MetricPoint[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => [iso(T0 + i * stepMin * MIN), f(i) * (1 + (rnd() - 0.5) * 2 * noise)] as MetricPoint);
}

describe('change-point detection', () => {
  it('finds a step up with its onset and magnitude', () => {
    const s = detectShift(gen(180, (i) => (i < 120 ? 100 : 400), 0.08))!;
    assert.equal(s.direction, 'up');
    assert.ok(Math.abs(s.at - (T0 + 120 * MIN)) <= 2 * MIN, iso(s.at));
    assert.ok(Math.abs(s.before - 100) < 10 && Math.abs(s.after - 400) < 30, `${s.before} → ${s.after}`);
  });

  it('finds a step down', () => {
    const s = detectShift(gen(120, (i) => (i < 60 ? 5000 : 1500), 0.05))!;
    assert.equal(s.direction, 'down');
  });

  it('finds a rise from zero (throttling that did not exist)', () => {
    const s = detectShift(gen(120, (i) => (i < 90 ? 0 : 80), 0.2))!;
    assert.equal(s.direction, 'up');
    assert.ok(s.after > 50);
  });

  it('finds a gradual ramp and dates it near its start', () => {
    const s = detectShift(gen(180, (i) => (i < 100 ? 35 : i < 110 ? 35 + (i - 100) * 6 : 95), 0.04))!;
    assert.equal(s.direction, 'up');
    assert.ok(s.at >= T0 + 98 * MIN && s.at <= T0 + 112 * MIN, iso(s.at));
  });

  it('reports nothing for pure noise, however loud', () => {
    for (let seed = 1; seed <= 20; seed++) assert.equal(detectShift(gen(200, () => 100, 0.3, seed)), undefined, `seed ${seed}`);
  });

  it('ignores a single spike and a two-point blip', () => {
    assert.equal(detectShift(gen(150, (i) => (i === 75 ? 5000 : 100), 0.05)), undefined);
    assert.equal(detectShift(gen(150, (i) => (i === 75 || i === 76 ? 900 : 100), 0.05)), undefined);
  });

  it('tolerates gaps and null datapoints', () => {
    const pts = gen(180, (i) => (i < 120 ? 50 : 350), 0.08).filter((_, i) => i % 7 !== 3);
    pts[10] = [pts[10][0], null as unknown as number];
    const s = detectShift(pts)!;
    assert.equal(s.direction, 'up');
    assert.ok(Math.abs(s.at - (T0 + 120 * MIN)) <= 3 * MIN);
  });

  it('does not flag a daily peak that also happened the day before', () => {
    // Two days at 5-minute resolution with a strong evening peak each day.
    const daily = (i: number) => {
      const hour = ((i * 5) / 60) % 24;
      return hour >= 18 && hour < 21 ? 900 : 300;
    };
    assert.equal(detectShift(gen(576, daily, 0.05, 3, 5)), undefined);
  });

  it('flags the same peak when it is new today', () => {
    const peakToday = (i: number) => {
      const hour = ((i * 5) / 60) % 24;
      return i >= 288 && hour >= 18 && hour < 23 ? 900 : 300;
    };
    const s = detectShift(gen(576, peakToday, 0.05, 4, 5))!;
    assert.ok(s, 'no shift');
    assert.equal(s.direction, 'up');
    assert.ok(s.seasonal);
  });

  it('needs a few points to say anything', () => {
    assert.equal(detectShift(gen(4, (i) => i * 100, 0)), undefined);
  });
});
