import * as assert from 'node:assert/strict';
import { retryDelays, withRetry, maxDelay } from '../../../src/core/retry';

describe('retry policy (backoff + full jitter)', () => {
  it('delays grow exponentially up to the cap and stay within [0, cap)', () => {
    const top = retryDelays({ retries: 8, baseMs: 100, maxMs: 2000, random: () => 0.999999 });
    assert.deepEqual(top, [99, 199, 399, 799, 1599, 1999, 1999, 1999]);
    const low = retryDelays({ retries: 3, baseMs: 100, maxMs: 2000, random: () => 0 });
    assert.deepEqual(low, [0, 0, 0]);
    assert.equal(maxDelay(10, 100, 2000), 2000);
  });

  it('jitter spreads delays (not lock-step)', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) seen.add(retryDelays({ retries: 3, baseMs: 1000, maxMs: 10000 })[2]);
    assert.ok(seen.size > 10, `only ${seen.size} distinct delays`);
  });

  it('retries retryable errors, then succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const out = await withRetry(async () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
      return 'ok';
    }, { retries: 5, baseMs: 10, maxMs: 100, isRetryable: (e) => (e as Error).name === 'ThrottlingException', sleep: async (ms) => { waits.push(ms); }, random: () => 0.5 });
    assert.equal(out, 'ok');
    assert.equal(calls, 3);
    assert.deepEqual(waits, [5, 10]);
  });

  it('throws the last error when retries run out, and non-retryable errors at once', async () => {
    let calls = 0;
    await assert.rejects(withRetry(async () => { calls++; throw new Error('throttled'); }, { retries: 2, baseMs: 1, maxMs: 1, sleep: async () => {} }), /throttled/);
    assert.equal(calls, 3);
    calls = 0;
    await assert.rejects(withRetry(async () => { calls++; throw new Error('denied'); }, { retries: 5, baseMs: 1, maxMs: 1, isRetryable: () => false, sleep: async () => {} }), /denied/);
    assert.equal(calls, 1);
  });

  it('abort during the wait stops retrying', async () => {
    const ac = new AbortController();
    let calls = 0;
    const p = withRetry(async () => { calls++; throw new Error('throttled'); }, { retries: 5, baseMs: 10_000, maxMs: 10_000, signal: ac.signal, random: () => 0.9 });
    setTimeout(() => ac.abort(new Error('cancelled by user')), 20);
    const t0 = Date.now();
    await assert.rejects(p, /cancelled by user/);
    assert.ok(Date.now() - t0 < 2000);
    assert.equal(calls, 1);
  });
});
