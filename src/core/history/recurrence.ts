// Recurrence: does this incident repeat on a schedule (same day of month, weekday or hour) for the same service or
// symptom? The current incident anchors the schedule; every other past occurrence within a tolerance of the same
// phase is a hit, and the hits are tested against chance: under random timing each hits with probability
// 2·tolerance/period, so P(≥ hits) is a binomial tail (Bonferroni-corrected over the periods tried).
import type { Recurrence } from '../model/report';
import type { Incident, Ticket } from '../model/snapshot';
import { binomialTail } from './binomial';
import { similarIncidents } from './similarIncidents';

export type Period = 'monthly' | 'weekly' | 'daily';

const H = 3_600_000;
const DAY = 24 * H;
/** Tickets opened this close together are one occurrence (duplicates, follow-ups). */
const SAME_EVENT_MS = 6 * H;
const TOLERANCE_H: Record<Period, number> = { monthly: 2, weekly: 2, daily: 1 };
const PERIOD_H: Record<Period, number> = { monthly: (365.25 / 12) * 24, weekly: 7 * 24, daily: 24 };
const PERIODS: Period[] = ['monthly', 'weekly', 'daily'];
const ALPHA = 0.01;
const MIN_OCCURRENCES = 3;
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
  hits: Occurrence[];
  pValue: number;
}

function test(period: Period, occ: Occurrence[], anchor: number): Candidate {
  const tol = TOLERANCE_H[period] * H;
  const others = occ.filter((o) => !o.current);
  const hits = others.filter((o) => Math.abs(phaseOffset(period, o.at, anchor)) <= tol);
  const p = (2 * TOLERANCE_H[period]) / PERIOD_H[period];
  return { period, hits, pValue: binomialTail(others.length, p, hits.length) };
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
  const best = PERIODS.map((p) => test(p, occ, start))
    .filter((c) => c.hits.length + 1 >= MIN_OCCURRENCES)
    .map((c) => ({ ...c, pValue: Math.min(1, c.pValue * PERIODS.length) }))
    .filter((c) => c.pValue < alpha)
    .sort((a, b) => a.pValue - b.pValue || PERIODS.indexOf(a.period) - PERIODS.indexOf(b.period))[0];
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
    toleranceHours: TOLERANCE_H[best.period],
    pValue: Number(best.pValue.toPrecision(3)),
  };
}
