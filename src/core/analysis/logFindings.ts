// Error log patterns that appeared or grew after the onset, classified by what they are about, as evidence.
import type { LogEvent } from '../model/snapshot';
import type { ClassifiedPattern } from './context';
import type { EvidenceBook } from './evidenceBook';
import { num } from './format';
import { minePatterns, spikingPatterns, type LogSummary } from './logPatterns';
import { CAPACITY_TEXT, CONFIG_TEXT, DB_TEXT, DEPENDENCY_TEXT, LOCK_TEXT, NETWORK_TEXT, POOL_TEXT, SCHEDULE_TEXT } from './signals';
import { toIso } from './time';

const MAX_PATTERNS = 8;

export function analyseLogs(logs: LogEvent[], onset: number, book: EvidenceBook): { summary: LogSummary; spikes: ClassifiedPattern[] } {
  const summary = minePatterns(logs, onset);
  const spikes = spikingPatterns(summary).slice(0, MAX_PATTERNS).map((p): ClassifiedPattern => {
    const text = `${p.template}\n${p.example.slice(0, 600)}`;
    const growth = p.isNew ? `new since ${toIso(p.firstAt)}` : `${Number.isFinite(p.lift) ? num(p.lift) : 'many'}× the earlier rate`;
    const evidenceId = book.add('log-pattern',
      `"${p.template.slice(0, 160)}" ×${p.after} after the onset (${growth}${p.before ? `, ${p.before} before` : ''}) in ${p.groups.join(', ')}${p.hasStackTrace ? ', with stack traces' : ''}`,
      toIso(p.firstAt), { template: p.template.slice(0, 300) });
    return {
      pattern: p, evidenceId,
      database: DB_TEXT.test(text), capacity: CAPACITY_TEXT.test(text), pool: POOL_TEXT.test(text), locks: LOCK_TEXT.test(text),
      dependency: DEPENDENCY_TEXT.test(text), network: NETWORK_TEXT.test(text), config: CONFIG_TEXT.test(text), schedule: SCHEDULE_TEXT.test(text),
    };
  });
  return { summary, spikes };
}
