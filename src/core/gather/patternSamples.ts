// Links Insights patterns back to sampled events: the first sampled message a pattern matches becomes its
// `sample`, its time `firstSeen`. Insights returns templates only; the sample gives the reader a concrete line.
import type { LogEvent, LogInsightPattern } from '../model/snapshot';

/** Regex for a `<*>` template over the first line of a message; tokens separated by any whitespace. */
export function patternRegex(pattern: string): RegExp | undefined {
  const tokens = pattern.trim().split(/\s+/).filter(Boolean);
  if (!tokens.length) return undefined;
  const body = tokens.map((t) => t.split('<*>').map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('\\S*?')).join('\\s+');
  return new RegExp(`^\\s*${body}\\s*$`);
}

/**
 * Which of `patterns` a line belongs to (its index), or undefined: the most specific match, the one with the most
 * literal text, so "ERROR timeout calling <*>" wins over "ERROR <*>".
 */
export function patternMatcher(patterns: ReadonlyArray<{ pattern: string }>): (line: string) => number | undefined {
  const regexes = patterns.map((p) => patternRegex(p.pattern));
  const literal = (p: string) => p.replace(/<\*>|\s+/g, '').length;
  const order = patterns.map((_, i) => i).sort((a, b) => literal(patterns[b].pattern) - literal(patterns[a].pattern));
  return (line) => order.find((j) => regexes[j]?.test(line));
}

/** Sets sample/firstSeen on each pattern from its earliest event; an event belongs to the most specific match. */
export function attachSamples(patterns: LogInsightPattern[], events: LogEvent[]): void {
  const sorted = [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const match = patternMatcher(patterns);
  let open = patterns.length;
  for (const e of sorted) {
    if (!open) break;
    const i = match(e.message.split('\n', 1)[0]);
    if (i === undefined || patterns[i].sample !== undefined) continue;
    patterns[i].sample = e.message;
    patterns[i].firstSeen = e.at;
    open--;
  }
}
