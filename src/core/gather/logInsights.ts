// Per log group, asks Logs Insights for errors per bin and `pattern` clusters over the whole window, so the counts
// cover every event while gather downloads only a capped sample. A failed query is a gap for that group only.
import type { LogInsight, LogInsightPattern } from '../model/snapshot';
import type { LogsInsightsPort, Partial, ReadOptions, TimeWindow } from '../../ports';

/** Insights regex for bins[].errors when the caller gives none: level words and exception names. */
export const DEFAULT_ERROR_REGEX = '(?i)(\\berror\\b|\\bfatal\\b|\\bpanic\\b|\\bcritical\\b|exception\\b|\\bfailed\\b|\\btimed? ?out\\b)';

const NICE_BINS_S = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/** Smallest round bin giving at most `targetBins` bins over the window (never below one minute). */
export function insightBinSeconds(window: TimeWindow, targetBins = 300): number {
  const want = Math.max(60, (Date.parse(window.end) - Date.parse(window.start)) / 1000 / targetBins);
  return NICE_BINS_S.find((b) => b >= want) ?? Math.ceil(want / 86_400) * 86_400;
}

export interface InsightsSource {
  region?: string;
  port: LogsInsightsPort;
}

export interface LogInsightsOptions extends ReadOptions {
  errorRegex?: string;
  binSeconds?: number;
  patternLimit?: number;
  /** Groups queried at the same time (each runs three queries; CloudWatch allows 30 concurrent per account). */
  concurrency?: number;
}

export async function readLogInsights(source: InsightsSource, groups: string[], window: TimeWindow, opts: LogInsightsOptions = {}): Promise<Partial<LogInsight[]>> {
  const errorRegex = opts.errorRegex ?? DEFAULT_ERROR_REGEX;
  const binSeconds = opts.binSeconds ?? insightBinSeconds(window);
  const ro: ReadOptions = { signal: opts.signal };
  const results: Array<{ item?: LogInsight; gaps: string[] }> = new Array(groups.length);
  let next = 0;
  const one = async (group: string): Promise<{ item?: LogInsight; gaps: string[] }> => {
    const [rate, pats] = await Promise.all([
      source.port.errorRate([group], window, errorRegex, { ...ro, binSeconds }),
      source.port.patterns([group], window, { ...ro, limit: opts.patternLimit ?? 50 }),
    ]);
    const gaps = [...rate.gaps, ...pats.gaps];
    // Both queries failed: nothing to report but the gaps (an empty entry would read as "no events").
    if (gaps.length && !rate.items.length && !pats.items.length) return { gaps };
    const patterns: LogInsightPattern[] = pats.items.map((p) => ({ pattern: p.pattern, count: p.count, ratio: p.ratio, ...(p.severity ? { severity: p.severity } : {}) }));
    const item: LogInsight = {
      group,
      ...(source.region ? { region: source.region } : {}),
      binSeconds,
      errorRegex,
      bins: rate.items.map((b) => ({ at: b.at, total: b.total, errors: b.errors })),
      patterns,
    };
    return { item, gaps };
  };
  const worker = async (): Promise<void> => {
    while (next < groups.length) {
      const i = next++;
      results[i] = await one(groups[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 4, groups.length) }, worker));
  return { items: results.flatMap((r) => (r.item ? [r.item] : [])), gaps: results.flatMap((r) => r.gaps) };
}
