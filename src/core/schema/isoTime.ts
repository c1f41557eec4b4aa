// ISO-8601 date-time with an explicit offset (seconds and fraction optional), as the snapshot format requires.
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;

export function isIsoTimeWithOffset(s: string): boolean {
  const m = ISO_WITH_OFFSET.exec(s);
  if (!m) return false;
  const [mo, d, h, mi, se] = [m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return false;
  return Number.isFinite(Date.parse(s.replace(' ', 'T')));
}
