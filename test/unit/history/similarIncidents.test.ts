import * as assert from 'node:assert/strict';
import { similarIncidents, stem, tokenize } from '../../../src/core/history';
import type { Ticket } from '../../../src/core/model/snapshot';

const tickets: Ticket[] = [
  { id: 'T-1', title: 'Login page slow', body: 'Users report the login page takes long to load.', service: 'auth', resolution: 'Added CDN caching.' },
  { id: 'T-2', title: 'Inventory table throttled', body: 'ProvisionedThroughputExceededException from DynamoDB on the inventory table at peak.',
    service: 'checkout-api', resolution: 'Raised inventory RCU from 400 to 1200.', labels: ['dynamodb'] },
  { id: 'T-3', title: 'Checkout API errors after release', body: 'Error rate up after deploy; rolled back.', service: 'checkout-api', resolution: 'Rolled back to v2.3.9.' },
  { id: 'T-4', title: 'Nightly report job failed', body: 'Disk full on the reporting host.', service: 'reports', resolution: 'Cleaned /var/log.' },
  { id: 'T-5', title: 'Payment provider timeouts', body: 'The payment provider answered with timeouts, error rate rose.', service: 'payments' },
];

describe('tokenize', () => {
  it('splits camelCase and PascalCase, keeps the compound, drops stopwords, measurements and ids', () => {
    assert.deepEqual(tokenize('ProvisionedThroughputExceededException'), ['provision', 'throughput', 'exceed', 'exception', 'provisionedthroughputexceededexception']);
    assert.deepEqual(tokenize('The latency was 1200ms and 8% of 1.5GB at 12:00 on 0x7f3a9b2c request 3f1c9a0e4b7d'), ['latency', 'request']);
    assert.deepEqual(tokenize('HTTPServerError getOrderSummary'), ['http', 'server', 'error', 'httpservererror', 'order', 'summary', 'getordersummary']);
    assert.deepEqual(tokenize('id 123e4567-e89b-12d3-a456-426614174000 p99 5XX'), ['id', 'p99', '5xx']);
  });

  it('stems inflections to one form', () => {
    assert.equal(stem('throttles'), stem('throttled'));
    assert.equal(stem('throttling'), stem('throttle'));
    assert.equal(stem('timeouts'), 'timeout');
    assert.equal(stem('latencies'), 'latency');
    assert.equal(stem('status'), 'status');
  });
});

describe('similarIncidents', function () {
  this.timeout(20_000);
  it('ranks the ticket with the same exception and table first and returns what fixed it', () => {
    const r = similarIncidents(tickets, { text: 'ERROR ProvisionedThroughputExceededException on inventory table; checkout latency', service: 'checkout-api' }, 3);
    assert.equal(r[0].ticket.id, 'T-2');
    assert.equal(r[0].resolution, 'Raised inventory RCU from 400 to 1200.');
    assert.ok(r[0].matchedTerms.includes('provisionedthroughputexceededexception'));
    assert.ok(r[0].matchedTerms.includes('inventory'));
    assert.ok(r[0].matchedTerms.includes('service:checkout-api'));
    for (const x of r) assert.ok(x.score > 0 && x.score <= 1);
    for (let i = 1; i < r.length; i++) assert.ok(r[i - 1].score >= r[i].score);
  });

  it('weights rare terms above common ones (idf)', () => {
    // "error" is in three tickets, "timeouts" in one: the timeout ticket wins.
    const r = similarIncidents(tickets, { text: 'error timeouts' });
    assert.equal(r[0].ticket.id, 'T-5');
  });

  it('matches across inflections and case splits', () => {
    const r = similarIncidents(tickets, { text: 'dynamo db throttling' });
    assert.equal(r[0].ticket.id, 'T-2');
  });

  it('gives a lower score to a partial match than to a full one, and nothing for unrelated text', () => {
    const full = similarIncidents(tickets, { text: 'nightly report job failed disk full' })[0];
    const partial = similarIncidents(tickets, { text: 'nightly report job failed kafka lag partitions' })[0];
    assert.equal(full.ticket.id, 'T-4');
    assert.equal(partial.ticket.id, 'T-4');
    assert.ok(full.score > partial.score);
    assert.ok(full.score > 0.8, `full ${full.score}`);
    assert.deepEqual(similarIncidents(tickets, { text: 'kubernetes pod eviction' }), []);
  });

  it('does not return a ticket for a shared service alone', () => {
    assert.deepEqual(similarIncidents(tickets, { text: 'kubernetes pod eviction', service: 'checkout-api' }), []);
  });

  it('prefers a short focused ticket over a long one mentioning the term once (length normalisation)', () => {
    const long: Ticket = { id: 'L', title: 'weekly ops notes', body: `${'routine maintenance window notes '.repeat(40)} redis` };
    const short: Ticket = { id: 'S', title: 'redis eviction storm', body: 'redis evicted keys' };
    const r = similarIncidents([long, short, ...tickets], { text: 'redis' });
    assert.deepEqual(r.map((x) => x.ticket.id), ['S', 'L']);
  });

  it('indexes log templates carried by a ticket', () => {
    const withLogs: Ticket = { id: 'W', title: 'worker crash', logTemplates: ['FATAL OutOfMemoryError in <*> heap space'] };
    const r = similarIncidents([withLogs, ...tickets], { text: 'java.lang.OutOfMemoryError: Java heap space' });
    assert.equal(r[0].ticket.id, 'W');
  });
});
