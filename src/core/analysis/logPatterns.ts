// Groups log events into templates (variable parts masked) and counts each before and after the onset.
// One pass, one combined regex per message: it has to stay fast on hundreds of thousands of events.
import type { LogEvent } from '../model/snapshot';
import { ERROR_TEXT } from './signals';
import { toMs } from './time';

export interface LogPattern {
  template: string;
  count: number;
  before: number;
  after: number;
  firstAt: number;
  lastAt: number;
  example: string;
  groups: string[];
  isError: boolean;
  hasStackTrace: boolean;
  /** Indexes of up to a few events carrying a stack trace, for frame extraction. */
  stackExamples: string[];
  /** after-rate over before-rate (Infinity when absent before). */
  lift: number;
  /** First seen after the onset's lead-in: a pattern that did not exist in the baseline. */
  isNew: boolean;
}

const STACK = /\n\s+at\s|\n\s*File "|Traceback \(most recent call last\)|\n\s*goroutine \d+|\.(?:java|kt|scala):\d+\)|\n\s+[\w/.-]+\.go:\d+/;

/** First line with quoted strings and every token holding a digit replaced by <*>; a hand-written scanner
 * because a regex per message is the hot spot on hundreds of thousands of events. */
export function templateOf(message: string): string {
  let end = message.indexOf('\n');
  if (end < 0) end = message.length;
  if (end > 240) end = 240;
  let out = '';
  let i = 0;
  while (i < end) {
    const c = message.charCodeAt(i);
    if (c === 34 || c === 39) {
      // Quoted string: a value, unless unterminated on this line.
      const close = message.indexOf(message[i], i + 1);
      if (close > i && close < end) {
        out += '<*>';
        i = close + 1;
        continue;
      }
    }
    if (isDelimiter(c)) {
      if (c === 32 || c === 9) {
        if (out.length && out.charCodeAt(out.length - 1) !== 32) out += ' ';
      } else out += message[i];
      i++;
      continue;
    }
    let j = i;
    let digit = false;
    while (j < end && !isDelimiter(message.charCodeAt(j)) && message.charCodeAt(j) !== 34 && message.charCodeAt(j) !== 39) {
      const d = message.charCodeAt(j);
      if (d >= 48 && d <= 57) digit = true;
      j++;
    }
    out += digit ? '<*>' : message.slice(i, j);
    i = j;
  }
  return out.trim();
}

function isDelimiter(c: number): boolean {
  // space, tab, = : , ; ( ) [ ] { } < >
  return c === 32 || c === 9 || c === 61 || c === 58 || c === 44 || c === 59 || c === 40 || c === 41 || c === 91 || c === 93 || c === 123 || c === 125 || c === 60 || c === 62;
}

export interface LogSummary {
  patterns: LogPattern[];
  total: number;
  firstAt: number;
  lastAt: number;
}

export function minePatterns(logs: LogEvent[], onset: number): LogSummary {
  const map = new Map<string, LogPattern>();
  let firstAt = Infinity;
  let lastAt = -Infinity;
  for (const ev of logs) {
    const t = toMs(ev.at);
    if (!Number.isFinite(t)) continue;
    if (t < firstAt) firstAt = t;
    if (t > lastAt) lastAt = t;
    const msg = ev.message ?? '';
    const tpl = templateOf(msg);
    let p = map.get(tpl);
    if (!p) {
      p = { template: tpl, count: 0, before: 0, after: 0, firstAt: t, lastAt: t, example: msg.slice(0, 2000), groups: [], isError: ERROR_TEXT.test(msg.slice(0, 500)),
        hasStackTrace: false, stackExamples: [], lift: 0, isNew: false };
      map.set(tpl, p);
    }
    p.count++;
    if (t < onset) p.before++;
    else p.after++;
    if (t < p.firstAt) p.firstAt = t;
    if (t > p.lastAt) p.lastAt = t;
    if (p.groups.length < 5 && !p.groups.includes(ev.group)) p.groups.push(ev.group);
    if (p.stackExamples.length < 3 && msg.length > 40 && STACK.test(msg)) {
      p.hasStackTrace = true;
      p.stackExamples.push(msg.slice(0, 8000));
    }
  }
  const beforeSpan = Math.max(onset - firstAt, 60_000);
  const afterSpan = Math.max(lastAt - onset, 60_000);
  const patterns = [...map.values()];
  for (const p of patterns) {
    const rb = p.before / beforeSpan;
    const ra = p.after / afterSpan;
    p.lift = p.before === 0 ? (p.after > 0 ? Infinity : 0) : ra / rb;
    // "New": absent from a baseline that was long enough to have seen it.
    p.isNew = p.before === 0 && p.after > 0 && onset - firstAt >= 10 * 60_000;
  }
  patterns.sort((a, b) => b.after - a.after || b.count - a.count || (a.template < b.template ? -1 : 1));
  return { patterns, total: logs.length, firstAt, lastAt };
}

/** Patterns worth reporting: errors that appeared or grew clearly after the onset. */
export function spikingPatterns(summary: LogSummary): LogPattern[] {
  return summary.patterns
    .filter((p) => p.after >= 3 && (p.isNew || p.lift >= 3) && (p.isError || p.hasStackTrace))
    .sort((a, b) => score(b) - score(a));
}

function score(p: LogPattern): number {
  return p.after * Math.min(Number.isFinite(p.lift) ? p.lift : 50, 50);
}
