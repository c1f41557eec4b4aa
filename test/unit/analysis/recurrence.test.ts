// Schedule recurrence from ticket history (report.recurrence): the seed monthly batch and a weekly job are found,
// random histories (uniform, or crowded into working hours as real tickets are) are not.
import * as assert from 'node:assert/strict';
import { analyse } from '../../../src/core/analysis';
import { detectRecurrence } from '../../../src/core/history';
import type { Incident, Ticket } from '../../../src/core/model/snapshot';
import { seededRandom } from '../../../src/core/util/random';
import { loadFixture } from './fixtures';

const H = 3_600_000;
const DAY = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A random time in [from, to) on a weekday between 09:00 and 18:00 UTC. */
function workingHours(rnd: () => number, from: number, to: number): number {
  for (;;) {
    const t = from + rnd() * (to - from);
    const d = new Date(t);
    if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5 && d.getUTCHours() >= 9 && d.getUTCHours() < 18) return t;
  }
}

/** Share of seeded random histories (same service and symptom, no schedule) in which a recurrence is reported. */
function falsePositiveRate(runs: number, draw: (rnd: () => number, from: number, to: number) => number, seed: number): number {
  let hits = 0;
  for (let r = 1; r <= runs; r++) {
    const rnd = seededRandom(seed * 100_003 + r);
    const from = Date.parse('2025-06-02T00:00:00Z');
    const to = from + 300 * DAY;
    const n = 2 + Math.floor(rnd() * 100);
    const tickets: Ticket[] = Array.from({ length: n }, (_, i) => ({ id: `T-${i}`, title: 'checkout latency high', service: 'checkout-api', openedAt: iso(draw(rnd, from, to - DAY)) }));
    const incident: Incident = { id: 'X', title: 'checkout latency high', service: 'checkout-api', startedAt: iso(draw(rnd, to, to + 7 * DAY)) };
    if (detectRecurrence(tickets, incident)) hits++;
  }
  return hits / runs;
}

describe('recurrence (report.recurrence)', function () {
  this.timeout(60_000);

  it('finds the seed monthly batch: three incidents on day 1 at about 00:00', () => {
    const snap = loadFixture('monthly-settlement-batch.incident.json');
    const r = analyse(snap).recurrence;
    assert.ok(r, 'no recurrence');
    assert.equal(r.period, 'monthly');
    assert.equal(r.dayOfMonth, 1);
    assert.equal(r.hourUtc, 0);
    assert.equal(r.ticketIds.length, 3);
  });

  it('finds the weekly fixture (Monday about 09:00) and leaves out same-service tickets at other times', () => {
    const snap = loadFixture('weekly-export-recurrence.incident.json');
    const report = analyse(snap);
    const r = report.recurrence!;
    assert.ok(r, 'no recurrence');
    assert.equal(r.pattern, 'weekly, Monday, about 09:00 UTC');
    const start = Date.parse(snap.incident.startedAt);
    const timeOfDayGap = (t: number) => {
      const x = (((t - start) % DAY) + DAY) % DAY;
      return Math.min(x, DAY - x);
    };
    const onSchedule = snap.tickets!.filter((t) => t.service === snap.incident.service && new Date(t.openedAt!).getUTCDay() === new Date(start).getUTCDay()
      && timeOfDayGap(Date.parse(t.openedAt!)) < H).map((t) => t.id);
    assert.equal(onSchedule.length, 3);
    assert.deepEqual([...r.ticketIds].sort(), onSchedule.sort());
    assert.ok(report.evidence.some((e) => (r.evidence as string[]).includes(e.id)));
    assert.equal(report.rootCause.category, 'schedule');
  });

  for (const [past, noise] of [[3, 5], [4, 10]] as const) {
    it(`finds a weekly Monday-09:00 pattern from ${past} past tickets among ${noise} same-service tickets at random times (≥ 90 % of 100 histories)`, () => {
      let found = 0;
      for (let seed = 1; seed <= 100; seed++) {
        const rnd = seededRandom(seed * 7717 + past);
        const start = Date.parse('2026-02-23T09:00:00Z'); // a Monday
        const weeks = new Set<number>();
        while (weeks.size < past) weeks.add(1 + Math.floor(rnd() * 10));
        const tickets: Ticket[] = [...weeks].map((w) => ({ id: `W-${w}`, title: 'report export slow', service: 'reports', openedAt: iso(start - w * 7 * DAY + (rnd() - 0.5) * 30 * 60_000) }));
        for (let i = 0; i < noise; i++) tickets.push({ id: `N-${i}`, title: 'report export slow', service: 'reports', openedAt: iso(start - 180 * DAY + rnd() * 179 * DAY) });
        const r = detectRecurrence(tickets, { id: 'X', title: 'report export slow', service: 'reports', startedAt: iso(start + (rnd() - 0.5) * 30 * 60_000) });
        if (r?.period === 'weekly' && r.weekday === 'Monday' && r.hourUtc === 9) found++;
      }
      assert.ok(found >= 90, `found in ${found} of 100`);
    });
  }

  it('finds a recent daily run (5 past occurrences every other day, ±40 min) among 15 older same-service tickets (≥ 80 % of 100 histories)', () => {
    let found = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const rnd = seededRandom(seed * 4099 + 5);
      const start = Date.parse('2026-04-14T03:00:00Z');
      const tickets: Ticket[] = Array.from({ length: 5 }, (_, i) => ({ id: `D-${i}`, title: 'nightly compaction stalls', service: 'search', openedAt: iso(start - (i + 1) * 2 * DAY + (rnd() - 0.5) * 80 * 60_000) }));
      for (let i = 0; i < 15; i++) tickets.push({ id: `N-${i}`, title: 'nightly compaction stalls', service: 'search', openedAt: iso(start - 200 * DAY + rnd() * 180 * DAY) });
      const r = detectRecurrence(tickets, { id: 'X', title: 'nightly compaction stalls', service: 'search', startedAt: iso(start) });
      if (r?.period === 'daily' && r.hourUtc === 3) {
        found++;
        // Every ticket reported is on the schedule, and the run is reported.
        const at = new Map(tickets.map((t) => [t.id, Date.parse(t.openedAt!)]));
        const offSchedule = r.ticketIds.filter((id) => Math.abs((((at.get(id)! - start) % DAY) + DAY * 1.5) % DAY - DAY / 2) > r.toleranceHours! * H);
        assert.deepEqual(offSchedule, []);
        assert.ok(r.occurrences! >= 4, `${r.occurrences} occurrences`);
      }
    }
    assert.ok(found >= 80, `found in ${found} of 100`);
  });

  it('random dates: at most 1 % false positives over 2,000 seeded histories of 2–100 tickets', () => {
    const rate = falsePositiveRate(2000, (rnd, from, to) => from + rnd() * (to - from), 1);
    assert.ok(rate <= 0.01, `false-positive rate ${rate}`);
  });

  it('random dates in working hours (tickets crowd 09:00–18:00 on weekdays): at most 2 % false positives', () => {
    const rate = falsePositiveRate(2000, workingHours, 2);
    assert.ok(rate <= 0.02, `false-positive rate ${rate}`);
  });

  it('tickets of another service and symptom do not make a schedule, however well they line up', () => {
    const start = Date.parse('2026-02-23T09:00:00Z');
    const tickets: Ticket[] = [1, 2, 3, 4].map((w) => ({ id: `O-${w}`, title: 'mail queue backlog', service: 'mailer', openedAt: iso(start - w * 7 * DAY) }));
    assert.equal(detectRecurrence(tickets, { id: 'X', title: 'report export slow', service: 'reports', startedAt: iso(start) }), undefined);
    // The same tickets as the same symptom (no service field) do.
    const same = tickets.map((t) => ({ ...t, title: 'report export slow again', service: undefined }));
    assert.equal(detectRecurrence(same, { id: 'X', title: 'report export slow', startedAt: iso(start) })?.period, 'weekly');
  });

  it('a daily schedule needs three earlier occurrences at that hour, not two', () => {
    const start = Date.parse('2026-03-10T14:20:00Z');
    const t = (d: number): Ticket => ({ id: `D-${d}`, title: 'orders API throttled', service: 'orders', openedAt: iso(start - d * DAY) });
    const incident: Incident = { id: 'X', title: 'orders API throttled', service: 'orders', startedAt: iso(start) };
    assert.equal(detectRecurrence([t(5), t(13)], incident), undefined);
    assert.equal(detectRecurrence([t(3), t(5), t(13)], incident)?.period, 'daily');
  });
});
