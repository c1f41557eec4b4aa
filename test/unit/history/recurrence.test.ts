import * as assert from 'node:assert/strict';
import { binomialTail, detectRecurrence } from '../../../src/core/history';
import type { Incident, Ticket } from '../../../src/core/model/snapshot';
import { seededRandom } from '../../../src/core/util/random';

const H = 3_600_000;
const DAY = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Tickets of other services and unrelated symptoms at random times: must never join a pattern. */
function noise(rnd: () => number, n: number, from: number, to: number): Ticket[] {
  const services = ['search-api', 'profile-svc', 'mailer', 'inventory-sync'];
  const titles = ['mail queue backlog', 'profile image upload fails', 'search index stale', 'inventory sync lag'];
  return Array.from({ length: n }, (_, i) => ({
    id: `N-${i}`, title: titles[i % titles.length], service: services[i % services.length], openedAt: iso(from + rnd() * (to - from)),
  }));
}

describe('detectRecurrence', function () {
  this.timeout(20_000);
  it('finds a monthly pattern (day 1, about 00:00) across a month-end wrap, with noise around it', () => {
    const rnd = seededRandom(11);
    const incident: Incident = { id: 'INC-9', title: 'billing API 5XX during invoice run', service: 'billing-api', startedAt: '2026-03-01T00:10:00Z' };
    const aligned: Ticket[] = [
      { id: 'B-1', title: 'billing errors at midnight', service: 'billing-api', openedAt: '2025-11-01T00:20:00Z' },
      { id: 'B-2', title: 'billing 5XX', service: 'billing-api', openedAt: '2025-11-30T23:50:00Z' }, // day 1 minus 10 min
      { id: 'B-3', title: 'invoice run timeouts', service: 'billing-api', openedAt: '2026-01-01T00:05:00Z' },
      { id: 'B-4', title: 'billing errors', service: 'billing-api', openedAt: '2026-02-01T00:15:00Z' },
    ];
    const sameServiceElsewhere: Ticket[] = [
      { id: 'B-9', title: 'billing slow', service: 'billing-api', openedAt: '2025-12-17T14:00:00Z' },
      { id: 'B-10', title: 'billing disk full', service: 'billing-api', openedAt: '2026-02-11T08:30:00Z' },
    ];
    const tickets = [...noise(rnd, 30, Date.parse('2025-10-01T00:00:00Z'), Date.parse('2026-02-28T00:00:00Z')), ...aligned, ...sameServiceElsewhere];
    const r = detectRecurrence(tickets, incident);
    assert.ok(r, 'expected a recurrence');
    assert.equal(r.period, 'monthly');
    assert.equal(r.pattern, 'monthly, day 1, about 00:00 UTC');
    assert.deepEqual(r.ticketIds, ['B-1', 'B-2', 'B-3', 'B-4']);
    assert.equal(r.occurrences, 5);
    assert.equal(r.dayOfMonth, 1);
    assert.equal(r.nextExpected, '2026-04-01T00:00:00Z');
    assert.ok((r.pValue as number) < 0.01);
  });

  it('finds a weekly pattern (Monday about 09:00) when the tickets only share the symptom, not a service field', () => {
    const incident: Incident = { id: 'INC-10', title: 'report export queue saturated', startedAt: '2026-02-23T09:05:00Z' }; // a Monday
    const mondays = ['2026-01-26T08:50:00Z', '2026-02-02T09:20:00Z', '2026-02-09T09:00:00Z', '2026-02-16T09:40:00Z'];
    const tickets: Ticket[] = [
      ...mondays.map((at, i) => ({ id: `R-${i}`, title: 'report export queue saturated again', body: 'export workers saturated', openedAt: at })),
      ...noise(seededRandom(5), 25, Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-02-22T00:00:00Z')),
    ];
    const r = detectRecurrence(tickets, incident);
    assert.ok(r);
    assert.equal(r.period, 'weekly');
    assert.equal(r.pattern, 'weekly, Monday, about 09:00 UTC');
    assert.equal(r.weekday, 'Monday');
    assert.deepEqual(r.ticketIds, ['R-0', 'R-1', 'R-2', 'R-3']);
    assert.equal(r.nextExpected, '2026-03-02T09:00:00Z');
  });

  it('finds a daily pattern (about 02:00) on consecutive days with different weekdays', () => {
    const incident: Incident = { id: 'INC-11', title: 'orders DB CPU high during backup', service: 'orders-db', startedAt: '2026-05-20T02:00:00Z' };
    const days = [13, 14, 16, 17, 19];
    const tickets: Ticket[] = days.map((d, i) => ({ id: `D-${i}`, title: 'orders DB CPU high', service: 'orders-db', openedAt: `2026-05-${d}T0${i % 2 ? 1 : 2}:${i % 2 ? 45 : 10}:00Z` }));
    const r = detectRecurrence(tickets, incident);
    assert.ok(r);
    assert.equal(r.period, 'daily');
    assert.equal(r.pattern, 'daily, about 02:00 UTC');
    assert.equal(r.occurrences, 6);
    assert.equal(r.nextExpected, '2026-05-21T02:00:00Z');
  });

  it('keeps a quarter-hour schedule that is tight around it', () => {
    const incident: Incident = { id: 'I', title: 'ledger export fails', service: 'ledger', startedAt: '2026-06-15T14:32:00Z' };
    const tickets: Ticket[] = ['2026-03-15T14:28:00Z', '2026-04-15T14:35:00Z', '2026-05-15T14:30:00Z'].map((at, i) => ({ id: `L-${i}`, title: 'ledger export fails', service: 'ledger', openedAt: at }));
    assert.equal(detectRecurrence(tickets, incident)?.pattern, 'monthly, day 15, about 14:30 UTC');
  });

  it('needs three occurrences including the current incident', () => {
    const incident: Incident = { id: 'I', title: 'billing errors', service: 'billing-api', startedAt: '2026-03-01T00:10:00Z' };
    const tickets: Ticket[] = [{ id: 'B-1', title: 'billing errors', service: 'billing-api', openedAt: '2026-02-01T00:05:00Z' }];
    assert.equal(detectRecurrence(tickets, incident), undefined);
    tickets.push({ id: 'B-0', title: 'billing errors', service: 'billing-api', openedAt: '2026-01-01T00:00:00Z' });
    assert.equal(detectRecurrence(tickets, incident)?.pattern, 'monthly, day 1, about 00:00 UTC');
  });

  it('counts duplicate tickets of one event once', () => {
    const incident: Incident = { id: 'I', title: 'billing errors', service: 'billing-api', startedAt: '2026-03-01T00:10:00Z' };
    const tickets: Ticket[] = [
      { id: 'B-1', title: 'billing errors', service: 'billing-api', openedAt: '2026-02-01T00:05:00Z' },
      { id: 'B-1b', title: 'billing errors duplicate', service: 'billing-api', openedAt: '2026-02-01T00:30:00Z' },
    ];
    assert.equal(detectRecurrence(tickets, incident), undefined);
  });

  it('reports no recurrence on random histories of the same service (false-positive rate under 2 %)', () => {
    let falsePositives = 0;
    const runs = 200;
    for (let seed = 1; seed <= runs; seed++) {
      const rnd = seededRandom(seed * 7919);
      const from = Date.parse('2025-01-01T00:00:00Z');
      const start = from + 365 * DAY;
      const n = 5 + Math.floor(rnd() * 40);
      const tickets: Ticket[] = Array.from({ length: n }, (_, i) => ({
        id: `T-${i}`, title: 'checkout latency high', service: 'checkout-api', openedAt: iso(from + rnd() * (start - from - DAY)),
      }));
      const incident: Incident = { id: 'X', title: 'checkout latency high', service: 'checkout-api', startedAt: iso(start + Math.floor(rnd() * DAY)) };
      if (detectRecurrence(tickets, incident)) falsePositives++;
    }
    assert.ok(falsePositives / runs < 0.02, `${falsePositives} false positives in ${runs}`);
  });
});

describe('binomialTail', () => {
  it('matches hand-computed tails', () => {
    // P(X >= 2), n = 3, p = 0.5: (3 + 1) / 8.
    assert.ok(Math.abs(binomialTail(3, 0.5, 2) - 0.5) < 1e-12);
    // P(X >= 1), n = 10, p = 0.1: 1 - 0.9^10.
    assert.ok(Math.abs(binomialTail(10, 0.1, 1) - (1 - 0.9 ** 10)) < 1e-12);
    assert.equal(binomialTail(4, 0.2, 0), 1);
    assert.equal(binomialTail(4, 0.2, 5), 0);
  });
});
