// A capped sample holds the first events of the window, so the errors of a later onset can be missing. Groups whose
// sample hit the cap get a small second, error-only sample so stack traces and pattern examples are still there.
import type { LogEvent } from '../model/snapshot';

/** FilterLogEvents pattern: any of these terms (case-sensitive, as CloudWatch matches terms). */
export const ERROR_FILTER = '?ERROR ?Error ?error ?Exception ?FATAL ?Fatal ?panic ?Traceback';

export function cappedGroups(logs: LogEvent[], groups: string[], cap: number): string[] {
  const n = new Map<string, number>();
  for (const e of logs) n.set(e.group, (n.get(e.group) ?? 0) + 1);
  return groups.filter((g) => (n.get(g) ?? 0) >= cap);
}

/** Adds events not already present (same group, time, stream and message). */
export function mergeEvents(into: LogEvent[], more: LogEvent[]): number {
  const key = (e: LogEvent) => `${e.group}\u0000${e.at}\u0000${e.stream ?? ''}\u0000${e.message}`;
  const seen = new Set(into.map(key));
  let added = 0;
  for (const e of more) {
    if (seen.has(key(e))) continue;
    seen.add(key(e));
    into.push(e);
    added++;
  }
  return added;
}
