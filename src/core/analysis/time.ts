// Time helpers: the snapshot's times are validated ISO strings; the analysis works in epoch milliseconds.
import { isoMs } from '../logs';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function toMs(iso: string | undefined): number {
  return iso ? isoMs(iso) : NaN;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** "12 min", "3 h 5 min", "2 days": for summaries a person reads. */
export function humanDuration(ms: number): string {
  const m = Math.round(Math.abs(ms) / MINUTE);
  if (m < 60) return `${m} min`;
  if (m < 48 * 60) return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m / 60} h`;
  return `${Math.round(m / 1440)} days`;
}
