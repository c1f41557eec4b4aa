// Finds where the message starts in a raw log line: common header shapes (dates, clock times, epoch or compact
// numbers, month and day names, "-" separators, a severity word) are skipped, but only when the skipped run holds a
// clock time or a severity word, so a bare message that starts with a number or an address keeps it.

export type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

const LEVELS: Record<string, Level> = {
  FATAL: 'fatal', CRITICAL: 'fatal', CRIT: 'fatal', EMERG: 'fatal', EMERGENCY: 'fatal', ALERT: 'fatal', PANIC: 'fatal', SEVERE: 'error',
  ERROR: 'error', ERR: 'error', E: 'error',
  WARN: 'warn', WARNING: 'warn', W: 'warn',
  INFO: 'info', NOTICE: 'info', I: 'info', INFORMATION: 'info',
  DEBUG: 'debug', D: 'debug', FINE: 'debug',
  TRACE: 'trace', FINER: 'trace', FINEST: 'trace', VERBOSE: 'trace', V: 'trace',
};

const NAMES = new Set(['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']);

export interface Header {
  /** Offset of the message in the line (0 when no header was recognised). */
  start: number;
  level?: Level;
}

/** Severity word of a token, bracketed or not ([INFO], <warn>, ERROR:); single letters only inside brackets. */
export function levelOf(token: string): Level | undefined {
  let t = token;
  let bracketed = false;
  if (t.length > 2 && '[<('.includes(t[0]) && ']>)'.includes(t[t.length - 1])) {
    t = t.slice(1, -1);
    bracketed = true;
  } else if (t.endsWith(':')) t = t.slice(0, -1);
  if (t.length > 11) return undefined;
  const u = t.toUpperCase();
  if (u.length === 1 && !bracketed) return undefined;
  return LEVELS[u];
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** 0: not time-like; 1: a date or number that may be part of a header; 2: a clock time (hh:mm). */
function timeLike(t: string): 0 | 1 | 2 {
  let digits = 0;
  let colons = 0;
  let dots = 0;
  let clock = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (c === 58) {
      colons++;
      if (i >= 1 && isDigit(t.charCodeAt(i - 1)) && i + 2 < t.length + 1 && isDigit(t.charCodeAt(i + 1))) clock = true;
    } else if (c === 46) dots++;
    else if (!(c === 45 || c === 47 || c === 44 || c === 84 || c === 90 || c === 43 || c === 91 || c === 93)) return 0;
  }
  if (digits === 0) return 0;
  if (dots >= 3) return 0; // an IP address, not a time
  if (clock && colons <= 3) return 2;
  return colons === 0 ? 1 : 0;
}

/** Recognises a header at the start of `line`; never consumes the whole line. */
export function parseHeader(line: string): Header {
  let i = 0;
  let end = 0;
  let confirmed = false;
  let level: Level | undefined;
  for (let tokens = 0; tokens < 10; tokens++) {
    while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    const s = i;
    while (i < line.length && line.charCodeAt(i) !== 32 && line.charCodeAt(i) !== 9) i++;
    if (s === i) break;
    const tok = line.slice(s, i);
    const lv = levelOf(tok);
    if (lv) {
      level = lv;
      end = i;
      confirmed = true;
      // A separator right after the severity belongs to the header too.
      const rest = /^\s+[-:|]\s/.exec(line.slice(i, i + 8));
      if (rest) end = i + rest[0].length - 1;
      break;
    }
    const kind = timeLike(tok);
    if (kind === 2) confirmed = true;
    const bare = tok.endsWith(',') ? tok.slice(0, -1) : tok;
    if (kind === 0 && tok !== '-' && tok !== '|' && !(bare.length === 3 && NAMES.has(bare.toUpperCase()))) break;
    end = i;
  }
  if (!confirmed) return { start: 0 };
  while (end < line.length && (line.charCodeAt(end) === 32 || line.charCodeAt(end) === 9)) end++;
  if (end >= line.length) return { start: 0, level };
  return { start: end, level };
}
