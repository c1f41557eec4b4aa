// Localisation across the values of one dimension, by change point or by level alone.
import * as assert from 'node:assert/strict';
import { analyse } from '../../../src/core/analysis';
import type { Metric, Snapshot } from '../../../src/core/model/snapshot';
import { seededRandom } from '../../../src/core/util/random';

const onset = Date.parse('2026-02-02T10:00:00Z');
const MIN = 60_000;

function metric(id: string, dims: Record<string, string>, level: (t: number) => number, seed: number, name = 'Latency', unit = 'Milliseconds'): Metric {
  const r = seededRandom(seed);
  const points: Array<[string, number]> = [];
  for (let t = onset - 120 * MIN; t <= onset + 30 * MIN; t += MIN) points.push([new Date(t).toISOString(), level(t) * (1 + (r() - 0.5) * 0.1)]);
  return { id, namespace: 'Custom/Edge', name, unit, dimensions: dims, points };
}

function snap(metrics: Metric[]): Snapshot {
  return { schema: 'incident-lens/snapshot@1', incident: { id: 'L', title: 'slow', startedAt: new Date(onset).toISOString() }, metrics };
}

describe('localisation', () => {
  it('finds the region that carries a shift while its siblings stay flat', () => {
    const r = analyse(snap([
      metric('a', { Region: 'ap-northeast-1', Api: 'x' }, (t) => (t < onset ? 120 : 1500), 1),
      metric('b', { Region: 'us-east-1', Api: 'x' }, () => 100, 2),
      metric('c', { Region: 'us-west-2', Api: 'x' }, () => 200, 3),
    ]));
    assert.deepEqual({ d: r.localisation?.dimension, v: r.localisation?.value }, { d: 'Region', v: 'ap-northeast-1' });
  });

  it('finds it by level when the bad value was already high for the whole window', () => {
    const r = analyse(snap([
      metric('a', { Region: 'ap-northeast-1' }, () => 1500, 1),
      metric('b', { Region: 'us-east-1' }, () => 100, 2),
      metric('c', { Region: 'us-west-2' }, () => 200, 3),
    ]));
    assert.equal(r.localisation?.value, 'ap-northeast-1');
  });

  it('works for any dimension (an endpoint), not only regions', () => {
    const r = analyse(snap(['/a', '/b', '/c', '/d'].map((p, i) => metric(`m${i}`, { Endpoint: p }, (t) => (p === '/c' && t >= onset ? 900 : 80), 10 + i))));
    assert.deepEqual({ d: r.localisation?.dimension, v: r.localisation?.value }, { d: 'Endpoint', v: '/c' });
  });

  it('does not localise when every value is affected or none is', () => {
    const all = analyse(snap(['x', 'y', 'z'].map((v, i) => metric(`m${i}`, { Region: v }, (t) => (t < onset ? 100 : 900), i + 1))));
    assert.equal(all.localisation, undefined);
    const none = analyse(snap(['x', 'y', 'z'].map((v, i) => metric(`m${i}`, { Region: v }, () => 100 + i * 20, i + 1))));
    assert.equal(none.localisation, undefined);
  });
});
