// Error log patterns that appeared or grew after the onset, classified by what they are about, as evidence.
// Templates, rate tests and "new since" come from the shared log module (src/core/logs); this file only decides
// which changes are worth reporting and what they are about.
import { logSpikeSummary, type PatternSpike } from '../logs';
import type { LogEvent } from '../model/snapshot';
import type { ClassifiedPattern } from './context';
import type { EvidenceBook } from './evidenceBook';
import { num } from './format';
import { CAPACITY_TEXT, CONFIG_TEXT, DB_TEXT, DEPENDENCY_TEXT, LOCK_TEXT, NETWORK_TEXT, POOL_TEXT, SCHEDULE_TEXT } from './signals';
import { MINUTE, toIso, toMs } from './time';

const MAX_PATTERNS = 8;
/** A template is "new" only when the logs before it were long enough to have shown it. */
const MIN_BASELINE = 10 * MINUTE;
/** Rise worth reporting: at least this many times the earlier rate (or new), and p ≤ 0.01 under "same rate". */
const MIN_LIFT = 3;
const MIN_SURPRISE = 2;
const MIN_AFTER = 3;

export interface LogAnalysis {
  /** How far the logs reach (epoch ms; Infinity/-Infinity when no time could be read). */
  coverage: { firstAt: number; lastAt: number };
  spikes: ClassifiedPattern[];
}

export function analyseLogs(logs: LogEvent[], onset: number, deploys: ReadonlyArray<{ id: string; at: string }>, book: EvidenceBook): LogAnalysis {
  const summary = logSpikeSummary(logs, { onset: new Date(onset).toISOString(), deploys: [...deploys] });
  const winStart = summary.windowStart ? toMs(summary.windowStart) : Infinity;
  const coverage = { firstAt: winStart, lastAt: summary.windowEnd ? toMs(summary.windowEnd) : -Infinity };
  const picked = summary.spikes
    .map((p) => ({ p, firstAt: toMs(p.firstSeen), lift: lift(p) }))
    .map((x) => ({ ...x, isNew: x.p.newSince !== undefined && x.p.before === 0 && x.firstAt - winStart >= MIN_BASELINE }))
    .filter(({ p, lift: l, isNew }) => p.direction === 'up' && p.after >= MIN_AFTER && p.surprise >= MIN_SURPRISE && (isNew || l >= MIN_LIFT) && (p.errorShare >= 0.5 || p.hasStackTrace))
    .slice(0, MAX_PATTERNS);
  const spikes = picked.map(({ p, firstAt, lift: l, isNew }): ClassifiedPattern => {
    const text = `${p.template}\n${p.example.slice(0, 600)}`;
    const since = `new since ${toIso(firstAt)}${p.newSince && p.newSince !== 'onset' ? `, after deploy ${p.newSince}` : ''}`;
    const growth = isNew ? since : `${Number.isFinite(l) ? num(l) : 'many'}× the earlier rate`;
    const groups = p.groups?.length ? ` in ${p.groups.join(', ')}` : '';
    const evidenceId = book.add('log-pattern',
      `"${p.template.slice(0, 160)}" ×${p.after} after the onset (${growth}${p.before ? `, ${p.before} before` : ''}; p ${pText(p.pValue)})${groups}${p.hasStackTrace ? ', with stack traces' : ''}`,
      toIso(firstAt), { template: p.template.slice(0, 300), templateId: p.templateId });
    return {
      pattern: p, firstAt, isNew, evidenceId,
      database: DB_TEXT.test(text), capacity: CAPACITY_TEXT.test(text), pool: POOL_TEXT.test(text), locks: LOCK_TEXT.test(text),
      dependency: DEPENDENCY_TEXT.test(text), network: NETWORK_TEXT.test(text), config: CONFIG_TEXT.test(text), schedule: SCHEDULE_TEXT.test(text),
    };
  });
  return { coverage, spikes };
}

/** After-rate over before-rate (Infinity when absent before). */
function lift(p: PatternSpike): number {
  if (p.before === 0) return p.after > 0 ? Infinity : 0;
  return p.beforeRate > 0 ? p.afterRate / p.beforeRate : Infinity;
}

function pText(p: number): string {
  if (p < 1e-12) return '< 1e-12';
  return p < 0.001 ? `= ${p.toExponential(0)}` : `= ${num(p)}`;
}
