// --since / --until values: ISO times, or durations back from now ("90m", "2h", "3d").
import type { TimeWindow } from '../../ports';

export class TimeSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeSpecError';
  }
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseTimeSpec(spec: string, now: number, what = 'time'): number {
  const s = spec.trim();
  if (s === 'now') return now;
  const rel = /^(\d+(?:\.\d+)?)\s*([smhdw])$/.exec(s);
  if (rel) return now - Number(rel[1]) * UNIT_MS[rel[2]];
  // Dates need an offset or Z: a bare "2026-01-14T03:00" would silently mean local time.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s) || /^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const t = Date.parse(s);
    if (Number.isFinite(t)) return t;
  }
  throw new TimeSpecError(`${what} '${spec}' is not a time: use an ISO time with offset (2026-01-14T03:00:00Z), a date, 'now', or a duration back from now (90m, 2h, 3d)`);
}

const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

/** The gather window: until defaults to now, since to three hours before until. */
export function resolveWindow(since: string | undefined, until: string | undefined, now: number): TimeWindow {
  const end = until ? parseTimeSpec(until, now, '--until') : now;
  const start = since ? parseTimeSpec(since, now, '--since') : end - 3 * 3_600_000;
  if (start >= end) throw new TimeSpecError(`--since (${iso(start)}) must be before --until (${iso(end)})`);
  return { start: iso(start), end: iso(end) };
}
