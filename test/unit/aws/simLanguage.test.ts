// The simulator's Logs Insights subset, filter patterns and pattern clustering, checked against direct computation.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileFilterPattern } from '../../../src/providers/sim/aws/filterPattern';
import { parseInsightsQuery, runInsightsQuery, type LogRecord } from '../../../src/providers/sim/aws/insightsQuery';
import { clusterMessages } from '../../../src/providers/sim/aws/logPatterns';
import { SimServiceError } from '../../../src/providers/sim/aws/wire';

const T0 = Date.parse('2026-01-14T03:00:00Z');
const rec = (sec: number, message: string, logStream = 's1'): LogRecord => ({ timestamp: T0 + sec * 1000, message, logStream, logGroup: '/g', ingestionTime: T0 + sec * 1000 });

describe('simulator: Logs Insights query subset', () => {
  const records = [rec(10, 'INFO ok 1'), rec(70, 'ERROR boom id=7'), rec(130, 'error lower'), rec(310, 'ERROR boom id=9', 's2'), rec(400, 'WARN slow')];

  it('filter like /re/ with (?i), stats count(*) by bin(5m)', () => {
    const out = runInsightsQuery(parseInsightsQuery('filter @message like /(?i)error/ | stats count(*) as n by bin(5m) as t'), records);
    assert.deepEqual(out.rows, [
      { t: '2026-01-14 03:00:00.000', n: '2' },
      { t: '2026-01-14 03:05:00.000', n: '1' },
    ]);
    assert.equal(out.recordsMatched, 3);
    assert.equal(out.recordsScanned, 5);
  });

  it('fields, not like, and/or, =, sort, limit', () => {
    const q = 'fields @timestamp, @message, @logStream | filter (@message like "ERROR" and @logStream = "s2") or @message like /WARN/ | sort @timestamp desc | limit 5';
    const out = runInsightsQuery(parseInsightsQuery(q), records);
    assert.deepEqual(out.rows.map((r) => r['@message']), ['WARN slow', 'ERROR boom id=9']);
    assert.equal(out.rows[0]['@timestamp'], '2026-01-14 03:06:40.000');
    const neg = runInsightsQuery(parseInsightsQuery('filter @message not like /ERROR|WARN/ | fields @message'), records);
    assert.deepEqual(neg.rows.map((r) => r['@message']).sort(), ['INFO ok 1', 'error lower']);
  });

  it('pattern @message groups variable tokens and reports counts and ratios', () => {
    const out = runInsightsQuery(parseInsightsQuery('filter @message like /boom/ | pattern @message'), records);
    assert.deepEqual(out.rows, [{ '@pattern': 'ERROR boom id=<*>', '@ratio': '1', '@sampleCount': '2', '@severityLabel': 'ERROR' }]);
  });

  it('stats counts per bin add up to the filtered total for any data (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 7200 }), fc.boolean()), { maxLength: 200 }), fc.constantFrom('1m', '5m', '1h'), (evs, bin) => {
        const rs = evs.map(([s, err]) => rec(s, err ? 'ERROR x' : 'INFO y'));
        const out = runInsightsQuery(parseInsightsQuery(`filter @message like /ERROR/ | stats count(*) as n by bin(${bin})`), rs);
        const sum = out.rows.reduce((a, r) => a + Number(r.n), 0);
        assert.equal(sum, evs.filter(([, e]) => e).length);
        const keys = out.rows.map((r) => r[`bin(${bin})`]);
        assert.equal(new Set(keys).size, keys.length);
      }),
      { numRuns: 50 },
    );
  });

  it('rejects what it does not understand with MalformedQueryException naming it', () => {
    for (const [q, msg] of [
      ['parse @message "* *" as a, b', /unsupported command 'parse'/],
      ['stats percentile(x, 99)', /unsupported stats function 'percentile'/],
      ['filter @message like /unterminated', /unterminated regular expression/],
      ['limit 0', /limit must be an integer/],
      ['stats count(*) by bin(5q)', /invalid bin duration '5q'/],
    ] as const) {
      assert.throws(() => parseInsightsQuery(q), (e: unknown) => e instanceof SimServiceError && e.code === 'MalformedQueryException' && msg.test(e.message), q);
    }
  });
});

describe('simulator: filter patterns', () => {
  const msgs = ['ERROR timeout calling db', 'ERROR bad input', 'WARN timeout', 'INFO all good', 'DEBUG ERROR-ish'];
  const run = (p: string) => msgs.filter(compileFilterPattern(p));
  it('all terms, any terms, exclusion, quoted phrase, %regex%', () => {
    assert.deepEqual(run('ERROR timeout'), ['ERROR timeout calling db']);
    assert.deepEqual(run('?WARN ?INFO'), ['WARN timeout', 'INFO all good']);
    assert.deepEqual(run('ERROR -DEBUG'), ['ERROR timeout calling db', 'ERROR bad input']);
    assert.deepEqual(run('"bad input"'), ['ERROR bad input']);
    assert.deepEqual(run('%^(WARN|INFO) %'), ['WARN timeout', 'INFO all good']);
    assert.equal(run('').length, msgs.length);
  });
  it('JSON patterns are rejected clearly', () => {
    assert.throws(() => compileFilterPattern('{ $.level = "error" }'), /JSON and space-delimited patterns are not supported/);
  });
});

describe('simulator: pattern clustering', () => {
  it('one template per message shape, whatever the ids and numbers', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(99999), fc.stringMatching(/^[0-9a-f]{8}$/), fc.nat(2)), { minLength: 1, maxLength: 60 }), (rows) => {
        const shapes = [
          (n: number, h: string) => `INFO request ${h} GET /orders/${n}/summary 200 in ${n % 300} ms`,
          (n: number, h: string) => `ERROR timeout after ${n} ms (RequestId: ${h})`,
          (n: number) => `WARN retrying attempt=${n}`,
        ];
        const msgs = rows.map(([n, h, k]) => shapes[k](n, `${h}9`));
        const clusters = clusterMessages(msgs);
        const used = new Set(rows.map(([, , k]) => k));
        assert.equal(clusters.length, used.size, JSON.stringify(clusters.map((c) => c.pattern)));
        assert.equal(clusters.reduce((a, c) => a + c.count, 0), msgs.length);
      }),
      { numRuns: 40 },
    );
  });
});
