// Time helpers: the snapshot's times are validated ISO strings; the analysis works in epoch milliseconds.
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function toMs(iso: string | undefined): number {
  return iso ? fastMs(iso) : NaN;
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

/**
 * Epoch ms of an ISO-8601 time, with a fast path for the common `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)` shape:
 * large snapshots hold hundreds of thousands of timestamps and Date.parse dominates otherwise.
 */
export function fastMs(s: string): number {
  const n = s.length;
  if (n >= 17 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && s.charCodeAt(13) === 58) {
    const d = (i: number) => s.charCodeAt(i) - 48;
    const year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
    const month = d(5) * 10 + d(6);
    const day = d(8) * 10 + d(9);
    const hour = d(11) * 10 + d(12);
    const minute = d(14) * 10 + d(15);
    let i = 16;
    let sec = 0;
    let ms = 0;
    if (s.charCodeAt(i) === 58) {
      sec = d(17) * 10 + d(18);
      i = 19;
      if (s.charCodeAt(i) === 46) {
        let scale = 100;
        i++;
        while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
          ms += d(i) * scale;
          scale /= 10;
          i++;
        }
      }
    }
    const z = s.charCodeAt(i);
    let offset = 0;
    if (z === 90 || z === 122) i++;
    else if ((z === 43 || z === 45) && i + 3 <= n) {
      const oh = d(i + 1) * 10 + d(i + 2);
      const om = s.charCodeAt(i + 3) === 58 ? d(i + 4) * 10 + d(i + 5) : d(i + 3) * 10 + d(i + 4);
      offset = (z === 43 ? 1 : -1) * (oh * 60 + om) * 60_000;
      i = s.charCodeAt(i + 3) === 58 ? i + 6 : i + 5;
    } else return Date.parse(s);
    const t = Date.UTC(year, month - 1, day, hour, minute, sec, Math.round(ms)) - offset;
    if (i === n && Number.isFinite(t)) return t;
  }
  return Date.parse(s);
}
