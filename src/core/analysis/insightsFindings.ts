// Logs Insights aggregates (snapshot.logInsights) where the downloaded sample is incomplete. The sample of a capped
// group holds the first events of the window (plus an error-only tail), so its before/after counts are biased; the
// Insights bins and `pattern` counts cover every event. A sampled template that an Insights pattern matches is
// replaced by that pattern (full counts, the sample's examples and stack traces), so nothing is counted twice.
//
// Insights patterns carry one count for the whole window, not per bin. The before count comes from the part of the
// window the sample covers completely (bins where the sampled events reach the Insights total): there the sample is
// exact. The rest of the window is "after". When that complete part ends before the onset, the "after" side also
// holds some pre-onset time, which only dilutes the rise: the test stays conservative.
import { isErrorMessage, logSpikeSummary, poissonRateTest, templateId, type PatternSpike } from '../logs';
import type { LogEvent, LogInsight } from '../model/snapshot';
import { patternMatcher } from '../gather/patternSamples';
import { MINUTE, toIso, toMs } from './time';

/** Sampled count may fall short of the Insights total by this share (ingestion and inclusive-end differences);
 * a bin of a few events missing one is incomplete. */
const SHORTFALL = 0.01;

export const INSIGHTS_PATTERN_QUERY = 'pattern @message | sort @sampleCount desc';

export interface GroupCoverage {
  insight: LogInsight;
  binMs: number;
  /** Window the Insights counts cover (epoch ms). */
  start: number;
  end: number;
  /** End of the leading part of the window where the sample holds every event / every error event. */
  completeUntil: number;
  errorsCompleteUntil: number;
  errorRegex?: RegExp;
  /** Events in the window by Insights. */
  total: number;
}

/** An Insights pattern tested on full counts, before classification. */
export interface InsightCandidate {
  spike: PatternSpike;
  firstAt: number;
  /** firstAt is a sampled time (else the earliest the pattern could have appeared). */
  firstKnown: boolean;
  isNew: boolean;
  group: string;
  total: number;
  /** End of the before period the counts were split at. */
  splitAt: number;
}

/** An Insights regex (`(?i)…`) as a JS RegExp; undefined when JS cannot read it. */
export function insightsRegex(source: string): RegExp | undefined {
  const m = /^\(\?([a-z]+)\)/.exec(source);
  try {
    return new RegExp(m ? source.slice(m[0].length) : source, m && m[1].includes('i') ? 'i' : '');
  } catch {
    return undefined;
  }
}

function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return nl < 0 ? s : s.slice(0, nl);
}

/** How much of the window the group's sample covers, bin by bin against the Insights counts. */
export function groupCoverage(li: LogInsight, events: readonly LogEvent[], window?: { start?: unknown; end?: unknown }): GroupCoverage | undefined {
  const binMs = li.binSeconds * 1000;
  const bins = li.bins.map((b) => ({ at: toMs(b.at), total: b.total, errors: b.errors })).filter((b) => Number.isFinite(b.at)).sort((a, b) => a.at - b.at);
  if (!(binMs > 0) || !bins.length) return undefined;
  const ws = typeof window?.start === 'string' ? toMs(window.start) : NaN;
  const we = typeof window?.end === 'string' ? toMs(window.end) : NaN;
  const start = Math.min(Number.isFinite(ws) ? ws : Infinity, bins[0].at);
  const end = Math.max(Number.isFinite(we) ? we : -Infinity, Math.min(bins[bins.length - 1].at + binMs, Number.isFinite(we) ? we : Infinity));
  const slot0 = Math.floor(start / binMs);
  const nSlots = Math.max(1, Math.ceil(end / binMs) - slot0);
  const sampled = new Float64Array(nSlots);
  const sampledErrors = new Float64Array(nSlots);
  const errorRegex = insightsRegex(li.errorRegex);
  for (const e of events) {
    const t = toMs(e.at);
    if (!Number.isFinite(t)) continue;
    const s = Math.floor(t / binMs) - slot0;
    if (s < 0 || s >= nSlots) continue;
    sampled[s]++;
    const msg = typeof e.message === 'string' ? e.message : String(e.message ?? '');
    if (errorRegex ? errorRegex.test(msg.length > 2000 ? msg.slice(0, 2000) : msg) : isErrorMessage(msg)) sampledErrors[s]++;
  }
  const totals = new Float64Array(nSlots);
  const errors = new Float64Array(nSlots);
  for (const b of bins) {
    const s = Math.floor(b.at / binMs) - slot0;
    if (s >= 0 && s < nSlots) {
      totals[s] += b.total;
      errors[s] += b.errors;
    }
  }
  const prefix = (have: Float64Array, want: Float64Array): number => {
    for (let s = 0; s < nSlots; s++) if (have[s] < want[s] * (1 - SHORTFALL)) return Math.max(start, (slot0 + s) * binMs);
    return end;
  };
  const completeUntil = prefix(sampled, totals);
  return {
    insight: li, binMs, start, end, completeUntil,
    errorsCompleteUntil: Math.max(completeUntil, prefix(sampledErrors, errors)),
    ...(errorRegex ? { errorRegex } : {}),
    total: bins.reduce((n, b) => n + b.total, 0),
  };
}

const ERROR_SEVERITY = /^(error|err|fatal|critical|crit|alert|emerg(ency)?|severe)$/i;

/**
 * Insights patterns of one incompletely sampled group, tested on full counts. Returns the candidates and the ids of
 * the sampled templates the patterns stand for (to drop from the sample-based list).
 */
export function insightCandidates(
  cov: GroupCoverage,
  events: readonly LogEvent[],
  onset: number,
  deploys: ReadonlyArray<{ id: string; at: string }>,
): { candidates: InsightCandidate[]; sampled: PatternSpike[]; replaced: Set<string> } {
  const li = cov.insight;
  const summary = events.length
    ? logSpikeSummary(events, { onset: new Date(onset).toISOString(), deploys: [...deploys], binMs: cov.binMs, windowStart: toIso(cov.start), windowEnd: toIso(cov.end) })
    : { spikes: [] as PatternSpike[] };
  const patterns = li.patterns.filter((p) => typeof p.pattern === 'string' && p.pattern.trim() && Number.isFinite(p.count));
  // An event belongs to the most specific pattern it matches, as gather links samples.
  const match = patternMatcher(patterns);
  const members: PatternSpike[][] = patterns.map(() => []);
  const replaced = new Set<string>();
  for (const s of summary.spikes) {
    const line = firstLine(s.example).trim();
    const i = match(line);
    if (i === undefined) continue;
    members[i].push(s);
    replaced.add(s.templateId);
  }
  const onsetBin = Math.floor(onset / cov.binMs) * cov.binMs;
  const dep = deploys.map((d) => ({ id: d.id, at: toMs(d.at) })).filter((d) => Number.isFinite(d.at)).sort((a, b) => a.at - b.at);
  const candidates: InsightCandidate[] = [];
  patterns.forEach((p, i) => {
    const ms = members[i];
    const text = p.pattern.replace(/<\*>/g, ' ');
    const isError = ERROR_SEVERITY.test(String(p.severity ?? '')) || (cov.errorRegex ? cov.errorRegex.test(text) : isErrorMessage(text));
    const baselineEnd = isError ? cov.errorsCompleteUntil : cov.completeUntil;
    const splitAt = Math.max(cov.start, Math.min(baselineEnd, onsetBin));
    let before = 0;
    let sampledCount = 0;
    let errorWeighted = 0;
    for (const m of ms) {
      for (const b of m.bins) if (toMs(b.start) < splitAt) before += b.count;
      const n = m.before + m.after;
      sampledCount += n;
      errorWeighted += m.errorShare * n;
    }
    const total = Math.max(p.count, sampledCount);
    const after = Math.max(0, total - before);
    const exposureBefore = splitAt - cov.start;
    const exposureAfter = cov.end - splitAt;
    const test = poissonRateTest(before, after, exposureBefore, exposureAfter);
    const sampledFirst = ms.reduce((t, m) => Math.min(t, toMs(m.firstSeen)), typeof p.firstSeen === 'string' ? toMs(p.firstSeen) : Infinity);
    const firstKnown = Number.isFinite(sampledFirst) && sampledFirst <= baselineEnd + cov.binMs;
    // Unsampled first occurrence: the pattern was absent up to baselineEnd, so that is the earliest it can be.
    const firstAt = firstKnown ? sampledFirst : baselineEnd;
    const coversOnset = baselineEnd >= onsetBin;
    const isNew = before === 0 && coversOnset && exposureBefore >= 10 * MINUTE;
    let newSince: string | undefined;
    if (before === 0 && exposureBefore > 0) {
      for (const d of dep) if (d.at > cov.start && d.at <= firstAt && d.at <= baselineEnd) newSince = d.id;
      if (newSince === undefined && coversOnset && firstAt >= onsetBin) newSince = 'onset';
    }
    const earliest = ms.slice().sort((a, b) => toMs(a.firstSeen) - toMs(b.firstSeen))[0];
    const stackExamples = ms.flatMap((m) => m.stackExamples ?? []).slice(0, 3);
    const spike: PatternSpike = {
      templateId: templateId(`${li.group}\u0000${p.pattern}`),
      template: p.pattern,
      before,
      after,
      beforeRate: exposureBefore > 0 ? (before / exposureBefore) * MINUTE : 0,
      afterRate: exposureAfter > 0 ? (after / exposureAfter) * MINUTE : 0,
      ...(newSince ? { newSince } : {}),
      firstSeen: toIso(firstAt),
      surprise: test.surprise,
      pValue: test.pValue,
      direction: test.direction,
      bins: [],
      example: typeof p.sample === 'string' ? p.sample.slice(0, 2000) : earliest?.example ?? p.pattern,
      ...(earliest?.level ? { level: earliest.level } : {}),
      errorShare: sampledCount > 0 ? errorWeighted / sampledCount : isError ? 1 : 0,
      hasStackTrace: ms.some((m) => m.hasStackTrace),
      groups: [li.group],
      stackExamples,
    };
    candidates.push({ spike, firstAt, firstKnown, isNew, group: li.group, total, splitAt });
  });
  return { candidates, sampled: summary.spikes.filter((s) => !replaced.has(s.templateId)), replaced };
}

export interface ErrorRateChange {
  group: string;
  before: number;
  after: number;
  /** Errors per minute. */
  beforeRate: number;
  afterRate: number;
  /** Share of the group's events that are errors. */
  beforeShare: number;
  afterShare: number;
  pValue: number;
  surprise: number;
  /** p-value of the rise in the share (errors against all events): a rise with traffic keeps the share. */
  sharePValue: number;
  total: number;
  splitAt: number;
}

/** Errors per minute before and after the onset bin, from the Insights bins (every event of the group). */
export function errorRateChange(cov: GroupCoverage, onset: number): ErrorRateChange | undefined {
  const splitAt = Math.max(cov.start, Math.min(cov.end, Math.floor(onset / cov.binMs) * cov.binMs));
  let eb = 0;
  let ea = 0;
  let tb = 0;
  let ta = 0;
  for (const b of cov.insight.bins) {
    const at = toMs(b.at);
    if (!Number.isFinite(at)) continue;
    if (at < splitAt) {
      eb += b.errors;
      tb += b.total;
    } else {
      ea += b.errors;
      ta += b.total;
    }
  }
  const expB = splitAt - cov.start;
  const expA = cov.end - splitAt;
  if (expB <= 0 || expA <= 0) return undefined;
  const rate = poissonRateTest(eb, ea, expB, expA);
  const share = poissonRateTest(eb, ea, tb, ta);
  return {
    group: cov.insight.group, before: eb, after: ea,
    beforeRate: (eb / expB) * MINUTE, afterRate: (ea / expA) * MINUTE,
    beforeShare: tb ? eb / tb : 0, afterShare: ta ? ea / ta : 0,
    pValue: rate.direction === 'up' ? rate.pValue : 1, surprise: rate.direction === 'up' ? rate.surprise : 0,
    sharePValue: share.direction === 'up' ? share.pValue : 1,
    total: tb + ta, splitAt,
  };
}
