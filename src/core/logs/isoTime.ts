// Epoch milliseconds of an ISO-8601 time. Snapshots hold hundreds of thousands of timestamps and Date.parse
// dominates the log analysis otherwise, so the common shape is read digit by digit.

/**
 * Fast path for `YYYY-MM-DDTHH:MM[:SS[.fff…]](Z|±HH:MM|±HHMM)`; anything else (and any digit that is not one) goes to
 * Date.parse, so the result is always what Date.parse would say for a valid time, and NaN for an invalid one.
 */
export function isoMs(s: string): number {
  const n = s.length;
  if (n < 17 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58) return Date.parse(s);
  const c10 = s.charCodeAt(10);
  if (c10 !== 84 && c10 !== 116 && c10 !== 32) return Date.parse(s);
  let bad = 0;
  const d = (i: number) => {
    const v = s.charCodeAt(i) - 48;
    if (v < 0 || v > 9) bad = 1;
    return v;
  };
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
  else if ((z === 43 || z === 45) && i + 5 <= n) {
    const colon = s.charCodeAt(i + 3) === 58;
    const oh = d(i + 1) * 10 + d(i + 2);
    const om = colon ? d(i + 4) * 10 + d(i + 5) : d(i + 3) * 10 + d(i + 4);
    offset = (z === 43 ? 1 : -1) * (oh * 60 + om) * 60_000;
    i += colon ? 6 : 5;
  } else return Date.parse(s);
  // Out-of-range fields (month 13, 25:00) are invalid for Date.parse too: let it decide.
  if (bad || i !== n || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || sec > 59) return Date.parse(s);
  return Date.UTC(year, month - 1, day, hour, minute, sec, Math.floor(ms)) - offset;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
