// Recurrence: does this incident repeat on a schedule (same day of month, weekday or hour) for the same service or
// symptom? The current incident anchors the schedule; every other past occurrence within a tolerance of the same
// phase is a hit. Under random timing each hits with probability 2·tolerance/period, raised where the history's
// tickets crowd the anchor's hour and weekday. The test is a scan over the latest occurrences: for each window of the
// latest m past occurrences, P(≥ its hits) is a binomial tail, and the smallest tail's p-value is the exact chance
// that some window does as well (./scan). Several tolerances are tried per period (a tight schedule is far less likely
// by chance than a loose one), and the p-value is Bonferroni-corrected over the nine (period, tolerance) pairs;
// reported below α = 0.02. Anchoring on the current incident keeps that family small: the candidate days of month,
// weekdays and hours are not searched, they are the incident's own.
import type { Recurrence } from '../model/report';
import type { Incident, Ticket } from '../model/snapshot';
import { binomialScan } from './scan';
import { similarIncidents } from './similarIncidents';

export type Period = 'monthly' | 'weekly' | 'daily';

const H = 3_600_000;
const DAY = 24 * H;
/** Tickets opened this close together are one occurrence (duplicates, follow-ups). */
const SAME_EVENT_MS = 6 * H;
/** Tolerances tried per period, tightest first (hours either side of the anchor's phase). */
const TOLERANCES_H: Record<Period, readonly number[]> = { monthly: [0.5, 1, 2], weekly: [0.5, 1, 2], daily: [0.25, 0.5, 1] };
const PERIOD_H: Record<Period, number> = { monthly: (365.25 / 12) * 24, weekly: 7 * 24, daily: 24 };
const PERIODS: Period[] = ['monthly', 'weekly', 'daily'];
const ALPHA = 0.02;
const MIN_OCCURRENCES = 3;
/**
 * Past occurrences at the phase needed per period. Tickets cluster in working hours, so a shared time of day is
 * likelier by chance than the uniform null says: a daily schedule needs one more occurrence than the longer ones.
 */
const MIN_HITS: Record<Period, number> = { monthly: MIN_OCCURRENCES - 1, weekly: MIN_OCCURRENCES - 1, daily: MIN_OCCURRENCES };
/** Text similarity from which a ticket of another (or no) service is the same symptom. */
const SYMPTOM_SCORE = 0.3;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface RecurrenceOptions {
  alpha?: number;
}

interface Occurrence {
  at: number;
  ticketIds: string[];
  current: boolean;
}

function ticketTime(t: Ticket): number | undefined {
  for (const v of [t.startedAt, t.openedAt]) {
    if (typeof v === 'string') {
      const ms = Date.parse(v);
      if (Number.isFinite(ms)) return ms;
    }
  }
  return undefined;
}

function norm(s: string | undefined): string {
  return (s ?? '').trim().toLowerCase();
}

/** Tickets about the same service (service field or label) or the same symptom (text similarity). */
export function relatedTickets(tickets: Ticket[], incident: Incident): Ticket[] {
  const service = norm(incident.service);
  const bySymptom = new Set(
    similarIncidents(tickets, { text: incident.title }, tickets.length)
      .filter((s) => s.score >= SYMPTOM_SCORE)
      .map((s) => s.ticket),
  );
  return tickets.filter((t) => bySymptom.has(t) || (!!service && (norm(t.service) === service || (t.labels ?? []).some((l) => norm(l) === service))));
}

function occurrences(tickets: Ticket[], incident: Incident, start: number): Occurrence[] {
  const timed = tickets
    .map((t) => ({ t, at: ticketTime(t) }))
    .filter((x): x is { t: Ticket; at: number } => x.at !== undefined && x.at <= start + SAME_EVENT_MS && x.t.id !== incident.id)
    .sort((a, b) => a.at - b.at);
  const current: Occurrence = { at: start, ticketIds: [], current: true };
  const out: Occurrence[] = [];
  for (const { t, at } of timed) {
    if (Math.abs(at - start) <= SAME_EVENT_MS) {
      current.ticketIds.push(t.id);
      continue;
    }
    const last = out[out.length - 1];
    if (last && at - last.at <= SAME_EVENT_MS) last.ticketIds.push(t.id);
    else out.push({ at, ticketIds: [t.id], current: false });
  }
  return [...out.filter((o) => o.at < start), current];
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
}

/** The time in month (y, m) at the anchor's day of month (clamped to short months) and time of day. */
function monthlyAt(anchor: number, y: number, m: number): number {
  const a = new Date(anchor);
  const tod = anchor - Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), a.getUTCDate());
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return Date.UTC(yy, mm, Math.min(a.getUTCDate(), daysInMonth(yy, mm))) + tod;
}

/** Signed offset (ms) of t from the nearest time sharing the anchor's phase for the period. */
export function phaseOffset(period: Period, t: number, anchor: number): number {
  if (period === 'monthly') {
    const d = new Date(t);
    let best = Infinity;
    for (const dm of [-1, 0, 1]) {
      const c = monthlyAt(anchor, d.getUTCFullYear(), d.getUTCMonth() + dm);
      if (Math.abs(t - c) < Math.abs(best)) best = t - c;
    }
    return best;
  }
  const len = PERIOD_H[period] * H;
  const x = (((t - anchor) % len) + len) % len;
  return x > len / 2 ? x - len : x;
}

interface Candidate {
  period: Period;
  toleranceH: number;
  hits: Occurrence[];
  pValue: number;
}

/** Every (period, tolerance) pair: the family the p-values are corrected over. */
const FAMILY = PERIODS.flatMap((period) => TOLERANCES_H[period].map((toleranceH) => ({ period, toleranceH })));

/** Prior weight (in tickets) of uniform timing in the densities below: a short history says little. */
const PRIOR_TICKETS = 15;
/**
 * Narrowest time-of-day band (hours either side) the crowding is read from. The band is the tolerance itself where
 * wider (a wider band averages in the quiet hours past the edge of the working day and understates the crowding at
 * 09:00), but a quarter-hour band in a short history would be mostly the tested hits themselves. An hour was
 * measured too wide for the tighter tolerances: histories crowded into 10:00-13:00 gave 2.8 % false positives (1.4 %
 * with half an hour).
 */
const MIN_BAND_H = 0.5;

/** Hour of day and weekday of every ticket in the history, read once. */
interface Marginals {
  hours: number[];
  weekdays: number[];
}

function marginals(times: number[]): Marginals {
  return { hours: times.map((t) => (((t % DAY) + DAY) % DAY) / H), weekdays: times.map((t) => new Date(t).getUTCDay()) };
}

/**
 * How much likelier than uniform a ticket is to fall within bandH of the anchor's time of day, and on its weekday.
 * Tickets are opened mostly in working hours and on weekdays, so the uniform null overstates how surprising a shared
 * hour is. Read from every ticket, hits included (conservative), smoothed towards uniform and never below it (a quiet
 * hour does not make chance rarer).
 */
function inflation(m: Marginals, anchor: number, bandH: number): { timeOfDay: number; weekday: number } {
  const a = (((anchor % DAY) + DAY) % DAY) / H;
  const wd = new Date(anchor).getUTCDay();
  let band = 0;
  for (const h of m.hours) {
    const d = Math.abs(h - a);
    if (Math.min(d, 24 - d) <= bandH) band++;
  }
  const sameDay = m.weekdays.filter((w) => w === wd).length;
  const n = m.hours.length + PRIOR_TICKETS;
  const bandShare = (2 * bandH) / 24;
  return {
    timeOfDay: Math.max(1, (band + PRIOR_TICKETS * bandShare) / n / bandShare),
    weekday: Math.max(1, ((sameDay + PRIOR_TICKETS / 7) / n) * 7),
  };
}

/**
 * The schedule test for one (period, tolerance). A past occurrence hits when it lies within the tolerance of the
 * anchor's phase, by chance with probability p (the uniform share, raised by the history's own crowding of hours and
 * weekdays). The hits are read latest first and scanned over windows of the latest m occurrences (./scan): a schedule
 * that started recently, or among much older noise, shows up in a short window, and the scan p-value pays for trying
 * every window.
 */
function test(period: Period, toleranceH: number, occ: Occurrence[], anchor: number, history: Marginals): Candidate {
  const inflate = inflation(history, anchor, Math.max(toleranceH, MIN_BAND_H));
  const tol = toleranceH * H;
  const latestFirst = occ.filter((o) => !o.current).reverse();
  const isHit = latestFirst.map((o) => Math.abs(phaseOffset(period, o.at, anchor)) <= tol);
  const factor = inflate.timeOfDay * (period === 'weekly' ? inflate.weekday : 1);
  const p = Math.min(1, ((2 * toleranceH) / PERIOD_H[period]) * factor);
  const best = binomialScan(isHit, p, MIN_HITS[period]);
  // The occurrences that make the case: the hits in the best window (older ones at the phase may be chance).
  const hits = latestFirst.slice(0, best.window).filter((_, i) => isHit[i]).reverse();
  return { period, toleranceH, hits, pValue: best.pValue };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function detectRecurrence(tickets: Ticket[], incident: Incident, opts: RecurrenceOptions = {}): Recurrence | undefined {
  const start = Date.parse(incident.startedAt);
  if (!Number.isFinite(start) || !tickets.length) return undefined;
  const occ = occurrences(relatedTickets(tickets, incident), incident, start);
  if (occ.length < MIN_OCCURRENCES) return undefined;
  const alpha = opts.alpha ?? ALPHA;
  const history = marginals(tickets.map(ticketTime).filter((t): t is number => t !== undefined));
  // Ties (same p-value) go to the longer period, then to the wider tolerance (it names more of the occurrences).
  const best = FAMILY.map((c) => test(c.period, c.toleranceH, occ, start, history))
    .map((c) => ({ ...c, pValue: Math.min(1, c.pValue * FAMILY.length) }))
    .filter((c) => c.pValue < alpha)
    .sort((a, b) => a.pValue - b.pValue || PERIODS.indexOf(a.period) - PERIODS.indexOf(b.period) || b.toleranceH - a.toleranceH)[0];
  if (!best) return undefined;

  // The schedule's phase: the anchor moved by the mean offset of all occurrences, to the hour when that is within
  // 20 minutes (schedules are mostly on the hour), else to the quarter hour.
  const offsets = best.hits.map((o) => phaseOffset(best.period, o.at, start));
  const mean = start + offsets.reduce((s, x) => s + x, 0) / (offsets.length + 1);
  const hour = Math.round(mean / H) * H;
  const quarter = 15 * 60_000;
  const rep = Math.abs(mean - hour) <= 20 * 60_000 ? hour : Math.round(mean / quarter) * quarter;
  const r = new Date(rep);
  const hourUtc = r.getUTCHours();
  const minuteUtc = r.getUTCMinutes();
  const time = `${pad(hourUtc)}:${pad(minuteUtc)}`;
  const dayOfMonth = r.getUTCDate();
  const weekday = WEEKDAYS[r.getUTCDay()];

  let nextExpected: number;
  let pattern: string;
  if (best.period === 'monthly') {
    pattern = `monthly, day ${dayOfMonth}, about ${time} UTC`;
    let m = r.getUTCMonth();
    do nextExpected = monthlyAt(rep, r.getUTCFullYear(), ++m);
    while (nextExpected <= start);
  } else if (best.period === 'weekly') {
    pattern = `weekly, ${weekday}, about ${time} UTC`;
    nextExpected = rep + Math.max(1, Math.ceil((start - rep + 1) / (7 * DAY))) * 7 * DAY;
  } else {
    pattern = `daily, about ${time} UTC`;
    nextExpected = rep + Math.max(1, Math.ceil((start - rep + 1) / DAY)) * DAY;
  }

  const all = [...best.hits, occ[occ.length - 1]].sort((a, b) => a.at - b.at);
  return {
    pattern,
    ticketIds: all.flatMap((o) => o.ticketIds),
    period: best.period,
    ...(best.period === 'monthly' ? { dayOfMonth } : {}),
    ...(best.period === 'weekly' ? { weekday } : {}),
    hourUtc,
    minuteUtc,
    nextExpected: iso(nextExpected),
    occurrences: all.length,
    occurredAt: all.map((o) => iso(o.at)),
    toleranceHours: best.toleranceH,
    pValue: Number(best.pValue.toPrecision(3)),
  };
}
