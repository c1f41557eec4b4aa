// ISO-8601 parsing for long metric series: the common UTC shape is read from char codes (several times faster
// than Date.parse); anything else falls back to Date.parse.

function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/** Milliseconds since the epoch, NaN when unreadable. */
export function parseTime(s: string): number {
  // YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DDTHH:MM:SS.sssZ
  const n = s.length;
  if ((n === 20 || n === 24) && s.charCodeAt(n - 1) === 90 && s[4] === '-' && s[7] === '-' && s[10] === 'T' && s[13] === ':' && s[16] === ':') {
    const ms = n === 24 && s[19] === '.' ? digits(s, 20, 3) : 0;
    const mo = digits(s, 5, 2);
    const d = digits(s, 8, 2);
    const h = digits(s, 11, 2);
    const mi = digits(s, 14, 2);
    const sec = digits(s, 17, 2);
    // Out-of-range fields go to Date.parse, which rejects them instead of rolling over.
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && sec <= 59) {
      const v = Date.UTC(digits(s, 0, 4), mo - 1, d, h, mi, sec, ms);
      if (Number.isFinite(v) && new Date(v).getUTCDate() === d) return v;
    }
  }
  return Date.parse(s);
}
