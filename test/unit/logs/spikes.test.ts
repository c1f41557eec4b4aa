// Pattern spikes: a proper rate test (exposure-normalised), new templates since the onset or a deploy, time bins.
import * as assert from 'node:assert/strict';
import type { LogEvent } from '../../../src/core/model/snapshot';
import { isErrorMessage, logSpikes, poissonRateTest } from '../../../src/core/logs';
import { logUpperTail } from '../../../src/core/logs/stats';

const T0 = Date.parse('2026-01-14T02:00:00Z');
const MIN = 60_000;

/** `perMinute` events a minute from minute `from` to `to` (exclusive), evenly spread. */
function stream(message: (i: number) => string, perMinute: number, from: number, to: number): LogEvent[] {
  const out: LogEvent[] = [];
  for (let m = from; m < to; m++) {
    for (let k = 0; k < perMinute; k++) {
      out.push({ at: new Date(T0 + m * MIN + Math.floor((k * MIN) / perMinute)).toISOString(), group: '/app', message: message(m * 1000 + k) });
    }
  }
  return out;
}

describe('logs: pattern spikes', function () {
  this.timeout(20_000);
  const onset = new Date(T0 + 60 * MIN).toISOString();
  // 60 minutes before the onset, 10 after.
  const events = [
    ...stream((i) => `ERROR payment provider timeout after ${i % 900} ms`, 1, 0, 60),
    ...stream((i) => `ERROR payment provider timeout after ${i % 900} ms`, 30, 60, 70),
    ...stream((i) => `INFO served request ${i} in ${i % 50} ms`, 100, 0, 60),
    ...stream((i) => `INFO served request ${i} in ${i % 50} ms`, 110, 60, 70),
    ...stream((i) => `INFO checkout step ${i % 7} done for cart ${i}`, 100, 0, 60),
    ...stream((i) => `INFO checkout step ${i % 7} done for cart ${i}`, 130, 60, 70),
    ...stream((i) => `ERROR connection pool exhausted for shard ${i % 4}`, 5, 63, 70),
    ...stream((i) => `DEBUG cache warm ${i}`, 20, 0, 60),
  ];

  const spikes = logSpikes(events, { onset, deploys: [{ id: 'v2.4.1', at: new Date(T0 + 50 * MIN).toISOString() }], binMs: 5 * MIN });
  const find = (word: string) => {
    const s = spikes.find((x) => x.template.includes(word));
    assert.ok(s, `no spike for ${word}: ${spikes.map((x) => x.template).join(' | ')}`);
    return s;
  };

  it('1/min -> 30/min is more surprising than 100/min -> 110/min (or -> 130/min, a bigger raw delta)', () => {
    const timeout = find('timeout');
    const served = find('served');
    const checkout = find('checkout');
    // Extra events in the 10 minutes after the onset, over the before rate: checkout's raw rise is the bigger one.
    const extra = (s: typeof timeout) => s.after - s.before * (10 / 60);
    assert.ok(extra(checkout) > extra(timeout), `${extra(checkout)} vs ${extra(timeout)}`);
    assert.ok(timeout.surprise > checkout.surprise, `${timeout.surprise} vs ${checkout.surprise}`);
    assert.ok(timeout.surprise > served.surprise, `${timeout.surprise} vs ${served.surprise}`);
    assert.ok(timeout.surprise > 10);
    assert.ok(served.pValue > 1e-4, `a 10% rise over 10 minutes is not significant: p=${served.pValue}`);
    assert.equal(timeout.before, 60);
    assert.equal(timeout.after, 300);
    assert.ok(Math.abs(timeout.beforeRate - 1) < 0.05 && Math.abs(timeout.afterRate - 30) < 1, `${timeout.beforeRate} ${timeout.afterRate}`);
    assert.equal(timeout.direction, 'up');
    assert.equal(timeout.level, 'error');
    assert.ok(timeout.errorShare > 0.99);
  });

  it('ranks the most surprising change first', () => {
    assert.ok(['timeout', 'exhausted'].some((w) => spikes[0].template.includes(w)), spikes[0].template);
    for (let i = 1; i < spikes.length; i++) {
      const key = (s: typeof spikes[0]) => (s.direction === 'up' ? s.surprise : s.direction === 'down' ? s.surprise / 2 : 0);
      assert.ok(key(spikes[i - 1]) >= key(spikes[i]));
    }
  });

  it('a template first seen after a deploy is new since that deploy; old ones are not new', () => {
    const pool = find('exhausted');
    assert.equal(pool.newSince, 'v2.4.1');
    assert.equal(pool.before, 0);
    assert.equal(pool.firstSeen, new Date(T0 + 63 * MIN).toISOString());
    assert.equal(find('timeout').newSince, undefined);
    const noDeploy = logSpikes(events, { onset }).find((s) => s.template.includes('exhausted'));
    assert.equal(noDeploy?.newSince, 'onset');
  });

  it('a template that stops is a surprising drop', () => {
    const cache = find('cache');
    assert.equal(cache.direction, 'down');
    assert.ok(cache.surprise > 10);
  });

  it('counts per time bin add up', () => {
    const t = find('timeout');
    assert.equal(t.bins.reduce((a, b) => a + b.count, 0), 360);
    assert.equal(t.bins.length, 14);
    assert.equal(t.bins[0].start, new Date(T0).toISOString());
    assert.equal(t.bins[13].count, 150);
  });

  it('rate test: exact binomial tail and direction', () => {
    // P(X >= 3), X ~ Bin(3, 0.5) = 1/8
    assert.ok(Math.abs(Math.exp(logUpperTail(3, 3, 0.5)) - 0.125) < 1e-9);
    assert.ok(Math.abs(Math.exp(logUpperTail(2, 3, 0.5)) - 0.5) < 1e-9);
    const same = poissonRateTest(60, 10, 60, 10);
    assert.ok(same.pValue > 0.4);
    const up = poissonRateTest(60, 300, 60, 10);
    assert.equal(up.direction, 'up');
    assert.ok(up.surprise > 50 && Number.isFinite(up.surprise));
    assert.equal(poissonRateTest(0, 0, 60, 10).surprise, 0);
  });

  it('rejects an onset that is not a time', () => {
    assert.throws(() => logSpikes(events, { onset: 'yesterday' }), /onset/);
  });
});

describe('logs: error-ish messages', () => {
  for (const m of ['ERROR boom', '[error] x', 'Connection refused to db:5432', 'java.lang.NullPointerException', 'request timed out after 30s', 'FATAL: disk full', 'write failed: EIO', 'x\n    at f (a.js:1:1)']) {
    it(`error: ${JSON.stringify(m)}`, () => assert.equal(isErrorMessage(m), true));
  }
  for (const m of ['INFO served request 1 in 3 ms', 'completed with 0 errors', 'DEBUG retry failed once', 'user logged in']) {
    it(`not error: ${JSON.stringify(m)}`, () => assert.equal(isErrorMessage(m), false));
  }
});
