// Error log patterns that appeared or grew after the onset, classified by what they are about, as evidence.
// Templates, rate tests and "new since" come from the shared log module (src/core/logs); this file only decides
// which changes are worth reporting and what they are about. Groups whose sample is incomplete are tested on their
// Logs Insights counts instead (insightsFindings.ts).
import { logSpikeSummary, type PatternSpike } from '../logs';
import type { LogEvent, LogInsight, LogInsightPattern, LogSample } from '../model/snapshot';
import type { ClassifiedPattern } from './context';
import type { EvidenceBook } from './evidenceBook';
import { num } from './format';
import { errorRateChange, groupCoverage, type GroupCoverage, INSIGHTS_PATTERN_QUERY, insightCandidates } from './insightsFindings';
import { CAPACITY_TEXT, CONFIG_TEXT, DB_TEXT, DEPENDENCY_TEXT, LOCK_TEXT, NETWORK_TEXT, POOL_TEXT, SCHEDULE_TEXT } from './signals';
import { MINUTE, toIso, toMs } from './time';

const MAX_PATTERNS = 8;
/** A template is "new" only when the logs before it were long enough to have shown it. */
const MIN_BASELINE = 10 * MINUTE;
/** Rise worth reporting: at least this many times the earlier rate (or new), and p ≤ 0.01 under "same rate". */
const MIN_LIFT = 3;
const MIN_SURPRISE = 2;
const MIN_AFTER = 3;
/** Error-rate rise worth reporting (errors per minute, after over before). */
const MIN_ERROR_LIFT = 2;
/** gather's gap for a group whose sample reached the cap (snapshots written before logSamples). */
const CAPPED_GAP = /^(?:gather: )?logs: (.+): stopped after [\d,.]+ events \(cap\)/;

export interface LogAnalysis {
  /** How far the logs reach (epoch ms; Infinity/-Infinity when no time could be read). */
  coverage: { firstAt: number; lastAt: number };
  spikes: ClassifiedPattern[];
  /** Evidence ids of error-rate rises per log group (Logs Insights counts). */
  errorRates: string[];
  /** What could not be checked in the logs. */
  gaps: string[];
}

export interface LogSources {
  /** snapshot.logInsights */
  insights?: readonly LogInsight[];
  /** snapshot.logSamples: which groups' samples reached the cap. */
  samples?: readonly LogSample[];
  /** snapshot.gaps (gather's), to tell capped groups when there is no logSamples. */
  gatherGaps?: readonly string[];
  /** snapshot.window, when gather wrote one. */
  window?: { start?: unknown; end?: unknown };
}

interface Candidate {
  p: PatternSpike;
  firstAt: number;
  lift: number;
  isNew: boolean;
  insights?: { group: string; label: string; region?: string; total: number; splitAt: number; onsetBin: number; firstKnown: boolean };
}

export function analyseLogs(logs: LogEvent[], onset: number, deploys: ReadonlyArray<{ id: string; at: string }>, book: EvidenceBook, sources: LogSources = {}): LogAnalysis {
  const gaps: string[] = [];
  const { entries, keyOf: entryKeyOf } = insightEntries(sources.insights ?? [], logs, gaps);
  // Events per entry: only needed to compare an entry's sample with its Insights counts.
  const byKey = new Map<string, LogEvent[]>();
  if (entries.length) {
    for (const e of logs) {
      const k = entryKeyOf(e);
      if (k === undefined) continue;
      const xs = byKey.get(k);
      if (xs) xs.push(e);
      else byKey.set(k, [e]);
    }
  }
  // Entries whose sample misses events the Insights counts hold: tested on those counts.
  const partial = new Map<string, { entry: InsightEntry; cov: GroupCoverage }>();
  const withInsights = new Set<string>();
  const rates: Array<{ label: string; cov: GroupCoverage }> = [];
  for (const entry of entries) {
    // Error rates: every (group, region) entry on its own bins.
    for (const li of entry.rates) {
      const cov = groupCoverage(li, [], sources.window);
      if (!cov) continue;
      withInsights.add(li.group);
      rates.push({ label: entry.split || entry.rates.length > 1 ? regionLabel(li) : li.group, cov });
    }
    const cov = entry.patterns ? groupCoverage(entry.insight, byKey.get(entry.key) ?? [], sources.window) : undefined;
    if (cov && cov.completeUntil < cov.end) partial.set(entry.key, { entry, cov });
  }
  for (const group of cappedGroups(sources)) {
    if (!withInsights.has(group)) gaps.push(`logs: ${group}: the sample was capped and no Logs Insights counts came back: its patterns are tested on the sampled events only, which may miss a later rise`);
  }

  const sampled = partial.size ? logs.filter((e) => { const k = entryKeyOf(e); return k === undefined || !partial.has(k); }) : logs;
  const candidates: Candidate[] = [];
  let first = Infinity;
  let last = -Infinity;
  if (sampled.length) {
    // gather's window, when known: a quiet stretch at either end is still observed time.
    const ws = typeof sources.window?.start === 'string' ? sources.window.start : undefined;
    const we = typeof sources.window?.end === 'string' ? sources.window.end : undefined;
    const summary = logSpikeSummary(sampled, { onset: new Date(onset).toISOString(), deploys: [...deploys], ...(ws ? { windowStart: ws } : {}), ...(we ? { windowEnd: we } : {}) });
    const winStart = summary.windowStart ? toMs(summary.windowStart) : Infinity;
    first = winStart;
    last = summary.windowEnd ? toMs(summary.windowEnd) : -Infinity;
    for (const p of summary.spikes) candidates.push(fromSample(p, winStart));
  }
  for (const [key, { entry, cov }] of partial) {
    const group = entry.label;
    const events = byKey.get(key) ?? [];
    const r = insightCandidates(cov, events, onset, deploys);
    first = Math.min(first, cov.start);
    last = Math.max(last, cov.end);
    // Sampled templates no Insights pattern stands for: still tested on the sample (the best there is).
    for (const p of r.sampled) candidates.push(fromSample(p, cov.start));
    const onsetBin = Math.floor(onset / cov.binMs) * cov.binMs;
    for (const c of r.candidates) {
      candidates.push({ p: c.spike, firstAt: c.firstAt, lift: lift(c.spike), isNew: c.isNew, insights: { group: entry.insight.group, label: group, ...(entry.insight.region ? { region: entry.insight.region } : {}), total: c.total, splitAt: c.splitAt, onsetBin, firstKnown: c.firstKnown } });
    }
    if (cov.completeUntil < onsetBin && cov.errorsCompleteUntil < onsetBin) {
      gaps.push(`logs: ${group}: the sample holds every event only up to ${toIso(cov.completeUntil)}, before the onset: whether its patterns are new since the onset or a deploy cannot be told; their rises are tested on Logs Insights counts`);
    }
  }
  const coverage = { firstAt: first, lastAt: last };

  // One ranking for both sources: the same rate test, most surprising first.
  const picked = candidates
    .filter(({ p, lift: l, isNew }) => p.direction === 'up' && p.after >= MIN_AFTER && p.surprise >= MIN_SURPRISE && (isNew || l >= MIN_LIFT) && (p.errorShare >= 0.5 || p.hasStackTrace))
    .sort((a, b) => b.p.surprise - a.p.surprise || (b.p.newSince ? 1 : 0) - (a.p.newSince ? 1 : 0) || b.p.after - a.p.after)
    .slice(0, MAX_PATTERNS);
  const spikes = picked.map((c): ClassifiedPattern => {
    const { p, firstAt, lift: l, isNew } = c;
    const text = `${p.template}\n${p.example.slice(0, 600)}`;
    const deploy = p.newSince && p.newSince !== 'onset' ? `, after deploy ${p.newSince}` : '';
    const since = c.insights && !c.insights.firstKnown ? `new: absent from every event up to ${toIso(firstAt)}${deploy}` : `new since ${toIso(firstAt)}${deploy}`;
    const growth = isNew ? since : `${Number.isFinite(l) ? num(l) : 'many'}× the earlier rate`;
    const groups = p.groups?.length ? ` in ${p.groups.join(', ')}` : '';
    const evidenceId = c.insights
      ? insightEvidence(book, c, growth)
      : book.add('log-pattern',
        `"${p.template.slice(0, 160)}" ×${p.after} after the onset (${growth}${p.before ? `, ${p.before} before` : ''}; p ${pText(p.pValue)})${groups}${p.hasStackTrace ? ', with stack traces' : ''}`,
        toIso(firstAt), { template: p.template.slice(0, 300), templateId: p.templateId });
    return {
      pattern: p, firstAt, isNew, evidenceId,
      database: DB_TEXT.test(text), capacity: CAPACITY_TEXT.test(text), pool: POOL_TEXT.test(text), locks: LOCK_TEXT.test(text),
      dependency: DEPENDENCY_TEXT.test(text), network: NETWORK_TEXT.test(text), config: CONFIG_TEXT.test(text), schedule: SCHEDULE_TEXT.test(messageOnly(text)),
    };
  });

  const errorRates: string[] = [];
  for (const { label, cov } of rates) {
    const r = errorRateChange(cov, onset);
    if (!r || r.surprise < MIN_SURPRISE || r.after < MIN_AFTER) continue;
    const l = r.beforeRate > 0 ? r.afterRate / r.beforeRate : Infinity;
    if (l < MIN_ERROR_LIFT) continue;
    const share = r.sharePValue <= 0.01 ? `share of events ${pct(r.beforeShare)} → ${pct(r.afterShare)}` : `share of events about the same (${pct(r.beforeShare)} → ${pct(r.afterShare)}): errors grew with the volume`;
    const bin = `${cov.binMs / 1000}s`;
    errorRates.push(book.add('log-pattern',
      `Errors in ${label} rose to ${num(r.afterRate)}/min from ${num(r.beforeRate)}/min at the onset (${r.after.toLocaleString('en-US')} after, ${r.before.toLocaleString('en-US')} before; ${share}; p ${pText(r.pValue)}): Logs Insights counts over all ${r.total.toLocaleString('en-US')} events`,
      undefined,
      { group: r.group, source: 'logs-insights', query: `filter @message like /${cov.insight.errorRegex}/ | stats count(*) by bin(${bin})`, ...(cov.insight.region ? { region: cov.insight.region } : {}) }));
  }
  return { coverage, spikes, errorRates, gaps };
}

/** Groups whose sample reached the cap: from logSamples, else from gather's gap lines. */
function cappedGroups(sources: LogSources): string[] {
  if (sources.samples) return sources.samples.filter((s) => s.capped === true && typeof s.group === 'string').map((s) => s.group);
  const out: string[] = [];
  for (const g of sources.gatherGaps ?? []) {
    const m = CAPPED_GAP.exec(g);
    if (m) out.push(m[1]);
  }
  return out;
}

/** One Insights source to test a sample against: a (group, region) entry, or a group's regions summed. */
interface InsightEntry {
  key: string;
  label: string;
  /** The counts the group's (or region's) sample is compared with. */
  insight: LogInsight;
  /** Whether those counts can test patterns (false: regions with bins that cannot be summed). */
  patterns: boolean;
  /** Entries whose error rates are reported, one per (group, region). */
  rates: LogInsight[];
  /** The group's events carry their region and are split by it. */
  split: boolean;
}

function regionLabel(li: LogInsight): string {
  return li.region ? `${li.group} (${li.region})` : li.group;
}

/**
 * Entries per (group, region). A group read in several regions is tested per region when every sampled event of it
 * says its region; otherwise its sample mixes regions and is compared with their counts summed.
 */
function insightEntries(insights: readonly LogInsight[], logs: readonly LogEvent[], gaps: string[]): { entries: InsightEntry[]; keyOf: (e: LogEvent) => string | undefined } {
  const byGroup = new Map<string, LogInsight[]>();
  const seen = new Set<string>();
  for (const li of insights) {
    if (typeof li.group !== 'string') continue;
    const k = `${li.group}\u0000${li.region ?? ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const xs = byGroup.get(li.group);
    if (xs) xs.push(li);
    else byGroup.set(li.group, [li]);
  }
  const entries: InsightEntry[] = [];
  const single = new Map<string, string>();
  const splitGroups = new Set<string>();
  if (!byGroup.size) return { entries, keyOf: () => undefined };
  const regionsOf = new Map<string, Set<string | undefined>>();
  for (const [g] of byGroup) regionsOf.set(g, new Set());
  if ([...byGroup.values()].some((lis) => lis.length > 1)) for (const e of logs) regionsOf.get(e.group)?.add(typeof e.region === 'string' ? e.region : undefined);
  for (const [group, lis] of byGroup) {
    if (lis.length === 1) {
      const key = `${group}\u0000`;
      single.set(group, key);
      entries.push({ key, label: group, insight: lis[0], patterns: true, rates: lis, split: false });
      continue;
    }
    const known = new Set(lis.map((li) => li.region));
    const sampled = regionsOf.get(group)!;
    if (lis.every((li) => typeof li.region === 'string') && [...sampled].every((r) => r !== undefined && known.has(r))) {
      splitGroups.add(group);
      for (const li of lis) entries.push({ key: `${group}\u0000${li.region ?? ''}`, label: regionLabel(li), insight: li, patterns: true, rates: [li], split: true });
      continue;
    }
    const key = `${group}\u0000*`;
    single.set(group, key);
    const sum = sumInsights(lis);
    if (!sum) gaps.push(`logs: ${group}: Logs Insights counts from ${lis.length} regions have different bins or error regexes and the sampled events do not say their region: its patterns are tested on the sampled events only`);
    entries.push({ key, label: group, insight: sum ?? lis[0], patterns: sum !== undefined, rates: lis, split: false });
  }
  const keyOf = (e: LogEvent): string | undefined => {
    const g = e.group;
    if (splitGroups.has(g)) return `${g}\u0000${e.region as string}`;
    return single.get(g);
  };
  return { entries, keyOf };
}

/** A group's Insights counts over several regions, bin by bin and pattern by pattern; undefined when bins differ. */
function sumInsights(lis: readonly LogInsight[]): LogInsight | undefined {
  const [first] = lis;
  if (lis.some((li) => li.binSeconds !== first.binSeconds || li.errorRegex !== first.errorRegex)) return undefined;
  const bins = new Map<number, { at: string; total: number; errors: number }>();
  const patterns = new Map<string, LogInsightPattern>();
  for (const li of lis) {
    for (const b of li.bins) {
      const t = toMs(b.at);
      if (!Number.isFinite(t)) continue;
      const x = bins.get(t);
      if (x) {
        x.total += b.total;
        x.errors += b.errors;
      } else bins.set(t, { at: b.at, total: b.total, errors: b.errors });
    }
    for (const p of li.patterns) {
      const x = patterns.get(p.pattern);
      if (!x) {
        const { ratio: _r, ...rest } = p;
        patterns.set(p.pattern, { ...rest });
        continue;
      }
      x.count += p.count;
      if (x.sample === undefined && p.sample !== undefined) x.sample = p.sample;
      if (x.severity === undefined && p.severity !== undefined) x.severity = p.severity;
      if (typeof p.firstSeen === 'string' && (typeof x.firstSeen !== 'string' || toMs(p.firstSeen) < toMs(x.firstSeen))) x.firstSeen = p.firstSeen;
    }
  }
  return {
    group: first.group, binSeconds: first.binSeconds, errorRegex: first.errorRegex,
    bins: [...bins.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b),
    patterns: [...patterns.values()].sort((a, b) => b.count - a.count),
  };
}

function fromSample(p: PatternSpike, winStart: number): Candidate {
  const firstAt = toMs(p.firstSeen);
  return { p, firstAt, lift: lift(p), isNew: p.newSince !== undefined && p.before === 0 && firstAt - winStart >= MIN_BASELINE };
}

/** Evidence for a pattern counted by Logs Insights: full counts, where the split was made, and the query. */
function insightEvidence(book: EvidenceBook, c: Candidate, growth: string): string {
  const { p } = c;
  const x = c.insights!;
  const split = x.splitAt >= x.onsetBin ? 'the onset' : `${toIso(x.splitAt)} (the sample is complete up to there)`;
  const first = x.firstKnown ? toIso(c.firstAt) : undefined;
  return book.add('log-pattern',
    `"${p.template.slice(0, 160)}" ×${p.after.toLocaleString('en-US')} after ${split} (${growth}${p.before ? `, ${p.before} before` : ''}; p ${pText(p.pValue)}) in ${x.label}: ` +
      `Logs Insights counts over all events (${x.total.toLocaleString('en-US')} of this pattern)${p.hasStackTrace ? ', with stack traces in the sample' : ''}`,
    first,
    { template: p.template.slice(0, 300), templateId: p.templateId, group: x.group, ...(x.region ? { region: x.region } : {}), source: 'logs-insights', query: INSIGHTS_PATTERN_QUERY });
}

function pct(x: number): string {
  return `${num(100 * x)}%`;
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

/** The message without its indented lines (stack frames and the source lines they quote: `json=batch` is no job). */
function messageOnly(text: string): string {
  return text.split('\n').filter((l) => !/^\s/.test(l)).join('\n');
}
