// Finds where the message starts in a raw log line: common header shapes (dates, clock times, epoch or compact
// numbers, month and day names, "-" separators, a severity word) are skipped, but only when the skipped run holds a
// clock time or a severity word, so a bare message that starts with a number or an address keeps it.

export type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

const LEVELS: Record<string, Level> = {
  FATAL: 'fatal', CRITICAL: 'fatal', CRIT: 'fatal', EMERG: 'fatal', EMERGENCY: 'fatal', ALERT: 'fatal', PANIC: 'fatal', SEVERE: 'error',
  ERROR: 'error', ERR: 'error', E: 'error',
  WARN: 'warn', WARNING: 'warn', W: 'warn',
  INFO: 'info', NOTICE: 'info', I: 'info',
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
  return token.length > 0 ? levelAt(token, 0, token.length) : undefined;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Letters of text[s, e), upper-cased, packed 5 bits each (at most 10 letters); -1 when not all letters. */
function letterKey(t: string, s: number, e: number): number {
  if (e - s > 10 || e <= s) return -1;
  let key = 0;
  for (let i = s; i < e; i++) {
    const c = t.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return -1;
    key = key * 32 + (c - 96);
  }
  return key;
}

const LEVEL_KEYS = new Map<number, Level>(Object.entries(LEVELS).map(([w, l]) => [letterKey(w, 0, w.length), l]));
LEVEL_KEYS.delete(-1);

/** Severity of text[s, e) when it is a severity word ([INFO], <warn>, ERROR:; single letters only in brackets). */
function levelAt(t: string, s: number, e: number): Level | undefined {
  const first = t.charCodeAt(s);
  const last = t.charCodeAt(e - 1);
  if (e - s > 2 && (first === 91 || first === 60 || first === 40) && (last === 93 || last === 62 || last === 41)) {
    return LEVEL_KEYS.get(letterKey(t, s + 1, e - 1));
  }
  const end = last === 58 ? e - 1 : e;
  if (end - s < 2) return undefined;
  return LEVEL_KEYS.get(letterKey(t, s, end));
}

function isNameAt(t: string, s: number, e: number): boolean {
  const end = t.charCodeAt(e - 1) === 44 ? e - 1 : e;
  if (end - s !== 3 || !isLetter(t.charCodeAt(s))) return false;
  return NAMES.has(t.slice(s, end).toUpperCase());
}

function isSep(t: string, s: number, e: number): boolean {
  if (e - s !== 1) return false;
  const c = t.charCodeAt(s);
  return c === 45 || c === 124;
}

const LEVEL_CODES: readonly (Level | undefined)[] = [undefined, 'fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/** Recognises a header at the start of text[from, to); never consumes the whole message. */
export function parseHeader(text: string, from = 0, to = text.length): Header {
  const packed = scanHeader(text, from, to);
  const level = LEVEL_CODES[packed & 7];
  return level ? { start: Math.floor(packed / 8), level } : { start: Math.floor(packed / 8) };
}

/** Offset where the message starts in text[from, to), without allocating (the hot path of the miner). */
export function headerEnd(text: string, from = 0, to = text.length): number {
  return Math.floor(scanHeader(text, from, to) / 8);
}

/** start * 8 + level code (index in LEVEL_CODES). */
function scanHeader(text: string, from: number, to: number): number {
  let i = from;
  let end = from;
  let confirmed = false;
  let level: Level | undefined;
  for (let tokens = 0; tokens < 10; tokens++) {
    for (; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9) break;
    }
    const s = i;
    // One pass finds the token's end and whether it is time-like; it stops early on a long token that is neither
    // time-like nor a severity word, month, day or separator (those are at most 12 characters).
    let digits = 0;
    let colons = 0;
    let dots = 0;
    let clock = false;
    let other = false;
    for (; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9) break;
      if (c >= 48 && c <= 57) digits++;
      else if (c === 58) {
        colons++;
        if (i > s && isDigit(text.charCodeAt(i - 1)) && i + 1 < to && isDigit(text.charCodeAt(i + 1))) clock = true;
      } else if (c === 46) dots++;
      else if (!(c === 45 || c === 47 || c === 44 || c === 84 || c === 90 || c === 43 || c === 91 || c === 93)) other = true;
      if (other && i - s > 12) break;
    }
    if (s === i) break;
    if (other && i - s > 12) break;
    const lv = levelAt(text, s, i);
    if (lv) {
      level = lv;
      end = i;
      confirmed = true;
      // A separator right after the severity ("INFO - msg", "ERROR | msg") belongs to the header too.
      let j = i;
      while (j < to && text.charCodeAt(j) === 32) j++;
      if (j > i && j + 1 < to && isSep(text, j, j + 1) && text.charCodeAt(j + 1) === 32) end = j + 1;
      break;
    }
    // 0: not time-like (an IP address is not a time); 1: a date or number that may be part of a header; 2: a clock time.
    const kind = other || digits === 0 || dots >= 3 ? 0 : clock && colons <= 3 ? 2 : colons === 0 ? 1 : 0;
    if (kind === 2) confirmed = true;
    if (kind === 0 && !isSep(text, s, i) && !isNameAt(text, s, i)) break;
    end = i;
  }
  const code = level ? LEVEL_CODES.indexOf(level) : 0;
  if (!confirmed) return from * 8 + code;
  while (end < to && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9)) end++;
  if (end >= to) return from * 8 + code;
  return end * 8 + code;
}
