// ISO-8601 date-time with an explicit offset (seconds and fraction optional), as the snapshot format requires:
//   YYYY-MM-DD(T|t| )hh:mm[:ss[.f+]](Z|z|±hh[:]mm), offset at most ±23:59, and second 60 only at 23:59 UTC (a leap
//   second, as RFC 3339 allows), so every accepted time is one the analysis can read.
// Scanned by character code rather than a regular expression: every datapoint and log event carries a time, so
// this runs hundreds of thousands of times per large snapshot (test/unit/schema pins it to the regular expression).
import { daysInMonth, twoDigits as two } from '../util/isoDigits';

const digit = (c: number) => c >= 48 && c <= 57;

export function isIsoTimeWithOffset(s: string): boolean {
  const n = s.length;
  if (n < 17 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58) return false;
  const y1 = two(s, 0);
  const y2 = two(s, 2);
  const mo = two(s, 5);
  const d = two(s, 8);
  const sep = s.charCodeAt(10);
  const h = two(s, 11);
  const mi = two(s, 14);
  if (y1 < 0 || y2 < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || (sep !== 84 && sep !== 116 && sep !== 32)) return false;
  let i = 16;
  let se = 0;
  if (s.charCodeAt(i) === 58) {
    se = two(s, i + 1);
    if (se < 0) return false;
    i += 3;
    if (s.charCodeAt(i) === 46) {
      const from = ++i;
      while (i < n && digit(s.charCodeAt(i))) i++;
      if (i === from) return false;
    }
  }
  // Offset: Z, or ±hh[:]mm, and nothing after it.
  const c = s.charCodeAt(i);
  let offset = 0;
  if (c === 90 || c === 122) {
    if (i + 1 !== n) return false;
  } else if (c === 43 || c === 45) {
    const oh = two(s, i + 1);
    i += 3;
    if (s.charCodeAt(i) === 58) i++;
    const om = two(s, i);
    if (oh < 0 || om < 0 || oh > 23 || om > 59 || i + 2 !== n) return false;
    offset = (c === 43 ? 1 : -1) * (oh * 60 + om);
  } else return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return false;
  if (se === 60 && (((h * 60 + mi - offset) % 1440) + 1440) % 1440 !== 23 * 60 + 59) return false;
  return d <= daysInMonth(y1 * 100 + y2, mo);
}
