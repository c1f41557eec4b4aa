// Epoch milliseconds of an ISO-8601 time. Snapshots hold hundreds of thousands of timestamps and Date.parse
// dominates the log analysis otherwise, so the common shape is read digit by digit with integer date arithmetic.
import { daysInMonth, twoDigits as two } from '../util/isoDigits';

/**
 * Reads `YYYY-MM-DD(T|t| )HH:MM[:SS[.fff…]](Z|z|±HH:MM|±HHMM)` (the snapshot format) digit by digit; anything else
 * goes to Date.parse. The result is what Date.parse says of the `T` form, with two differences where Date.parse
 * fails a time the snapshot format allows: a space separator is read like `T` (Date.parse's legacy path reads some
 * years differently), and a leap second (:60) is the minute's last millisecond (epoch time has no leap seconds).
 */
export function isoMs(s: string): number {
  const n = s.length;
  if (n < 17 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58) return slow(s);
  const c10 = s.charCodeAt(10);
  if (c10 !== 84 && c10 !== 116 && c10 !== 32) return Date.parse(s);
  const century = two(s, 0);
  const yy = two(s, 2);
  const year = century * 100 + yy;
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  // two() is -1 for a non-digit: every field check below then fails.
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59) return slow(s);
  let i = 16;
  let sec = 0;
  let ms = 0;
  if (s.charCodeAt(i) === 58) {
    sec = two(s, 17);
    if (sec < 0 || sec > 60) return slow(s);
    i = 19;
    if (s.charCodeAt(i) === 46) {
      let scale = 100;
      i++;
      const from = i;
      for (let c = s.charCodeAt(i); c >= 48 && c <= 57; c = s.charCodeAt(++i)) {
        ms += (c - 48) * scale;
        scale /= 10;
      }
      if (i === from) return slow(s);
    }
  }
  const z = s.charCodeAt(i);
  let offset = 0;
  if (z === 90 || z === 122) i++;
  else if ((z === 43 || z === 45) && i + 5 <= n) {
    const colon = s.charCodeAt(i + 3) === 58;
    const oh = two(s, i + 1);
    const om = two(s, colon ? i + 4 : i + 3);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return slow(s);
    offset = (z === 43 ? 1 : -1) * (oh * 60 + om) * 60_000;
    i += colon ? 6 : 5;
  } else return slow(s);
  if (i !== n) return slow(s);
  if (sec === 60) {
    sec = 59;
    ms = 999;
  }
  return daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + sec) * 1000 + Math.floor(ms) - offset;
}

/** Date.parse of the `T` form: with a space it would take its legacy path, which reads some years differently. */
function slow(s: string): number {
  return Date.parse(SPACED.test(s) ? `${s.slice(0, 10)}T${s.slice(11)}` : s);
}
const SPACED = /^\d{4}-\d\d-\d\d \d\d:/;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
