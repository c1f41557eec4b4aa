// Insights templates linked back to sampled events: <*> matches one varying token part, the most specific pattern
// wins, and the earliest matching event becomes sample/firstSeen.
import * as assert from 'node:assert/strict';
import { insightBinSeconds } from '../../../src/core/gather/logInsights';
import { attachSamples, patternRegex } from '../../../src/core/gather/patternSamples';
import type { LogInsightPattern } from '../../../src/core/model/snapshot';

describe('pattern samples', () => {
  it('turns a <*> template into a first-line regex', () => {
    const re = patternRegex('ERROR timeout after <*> ms (attempt=<*>)')!;
    assert.ok(re.test('ERROR timeout after 30 ms (attempt=2)'));
    assert.ok(re.test('ERROR  timeout after 30.5 ms (attempt=x1)'));
    assert.ok(!re.test('ERROR timeout after 30 ms'));
    assert.ok(!re.test('WARN timeout after 30 ms (attempt=2)'));
    assert.ok(!re.test('ERROR timeout after 30 40 ms (attempt=2)'), '<*> is within one token');
    assert.equal(patternRegex('   '), undefined);
  });

  it('links each pattern to its earliest, most specific sampled event', () => {
    const patterns: LogInsightPattern[] = [
      { pattern: 'GET <*> <*>', count: 90 },
      { pattern: 'GET /health <*>', count: 40 },
      { pattern: 'never seen <*>', count: 3 },
    ];
    attachSamples(patterns, [
      { at: '2026-01-14T03:02:00Z', group: 'g', message: 'GET /orders 200' },
      { at: '2026-01-14T03:00:00Z', group: 'g', message: 'GET /health 200' },
      { at: '2026-01-14T03:01:00Z', group: 'g', message: 'GET /orders 500\n  at x (a.js:1:1)' },
    ]);
    assert.deepEqual(patterns.map((p) => [p.sample ?? null, p.firstSeen ?? null]), [
      ['GET /orders 500\n  at x (a.js:1:1)', '2026-01-14T03:01:00Z'],
      ['GET /health 200', '2026-01-14T03:00:00Z'],
      [null, null],
    ]);
  });

  it('chooses round bins, at most about 300 over the window', () => {
    assert.equal(insightBinSeconds({ start: '2026-01-14T00:00:00Z', end: '2026-01-14T03:00:00Z' }), 60);
    assert.equal(insightBinSeconds({ start: '2026-01-14T00:00:00Z', end: '2026-01-15T00:00:00Z' }), 300);
    assert.equal(insightBinSeconds({ start: '2026-01-01T00:00:00Z', end: '2026-03-01T00:00:00Z' }), 21_600);
  });
});
