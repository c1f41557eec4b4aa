// LogsInsightsPort: counts per bin, error rates and `pattern` clustering computed by CloudWatch Logs Insights
// (StartQuery, then GetQueryResults polled with backoff until Complete/Failed/Cancelled/Timeout), so millions of
// events stay in CloudWatch. A query that does not finish in time is stopped and becomes a gap.
import { defaultSleep } from '../../core/retry';
import type { LogPattern, LogRatePoint, LogsInsightsPort, Partial, ReadOptions, TimeWindow } from '../../ports';
import { awsCall, gapMessage, isFatal, type CallPolicy } from './awsCall';
import { AwsAdapter } from './awsAdapter';
import type { AwsClients, CloudWatchLogsClient } from './awsClients';
import { isoTime } from './metricKey';

/** StartQuery accepts at most 50 log groups. */
export const MAX_GROUPS_PER_QUERY = 50;
const NICE_BINS_S = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

export interface LogsInsightsOptions {
  region: string;
  profile?: string;
  policy?: CallPolicy;
  /** First wait between GetQueryResults polls; grows ×1.5 up to pollMaxMs. */
  pollBaseMs?: number;
  pollMaxMs?: number;
  /** A query still running after this is stopped (StopQuery) and reported as a gap. Default 120 s. */
  queryTimeoutMs?: number;
  /** Target number of bins when the caller gives no bin size. */
  targetBins?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type InsightsRow = Record<string, string>;

export interface InsightsResult {
  status: string;
  rows: InsightsRow[];
  recordsMatched?: number;
  recordsScanned?: number;
}

/** `/source/` for a query, escaping slashes. */
export function insightsRegex(source: string): string {
  return `/${source.replace(/\\?\//g, '\\/')}/`;
}

export function chooseBinSeconds(window: TimeWindow, targetBins = 300): number {
  const span = (Date.parse(window.end) - Date.parse(window.start)) / 1000;
  const want = Math.max(60, span / targetBins);
  return NICE_BINS_S.find((b) => b >= want) ?? Math.ceil(want / 86_400) * 86_400;
}

function binLiteral(s: number): string {
  return s % 3600 === 0 ? `${s / 3600}h` : s % 60 === 0 ? `${s / 60}m` : `${s}s`;
}

/** Insights prints times as "2026-01-14 03:15:00.000" in UTC. */
function parseInsightsTime(v: string): number {
  return Date.parse(`${v.replace(' ', 'T')}${/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? '' : 'Z'}`);
}

export class LogsInsights extends AwsAdapter<CloudWatchLogsClient, LogsInsightsOptions> implements LogsInsightsPort {
  static fromClients(c: AwsClients, opts: Omit<LogsInsightsOptions, 'region' | 'profile'> = {}): LogsInsights {
    return new LogsInsights(c.logs, { ...opts, region: c.region, profile: c.profile });
  }

  /** Runs one query over ≤ 50 groups; throws AwsCallError (start/poll failures) or an Error for Failed/Timeout. */
  async run(groups: string[], window: TimeWindow, queryString: string, ro: ReadOptions = {}): Promise<InsightsResult> {
    const logs = this.sdk().logs;
    const sleep = this.opts.sleep ?? defaultSleep;
    const started = await awsCall(
      'logs:StartQuery',
      (abortSignal) =>
        this.client.send(
          new logs.StartQueryCommand({
            logGroupNames: groups,
            startTime: Math.floor(Date.parse(window.start) / 1000),
            endTime: Math.ceil(Date.parse(window.end) / 1000),
            queryString,
            limit: 10_000,
          }),
          { abortSignal },
        ),
      this.ctx(ro.signal),
    );
    const queryId = started.queryId;
    if (!queryId) throw new Error('logs:StartQuery returned no queryId');
    const stop = async (): Promise<void> => {
      try {
        await this.client.send(new logs.StopQueryCommand({ queryId }));
      } catch {
        /* best effort: the query may have finished meanwhile */
      }
    };
    const deadline = Date.now() + (this.opts.queryTimeoutMs ?? 120_000);
    let wait = this.opts.pollBaseMs ?? 250;
    for (;;) {
      try {
        await sleep(Math.floor(wait * (0.5 + Math.random() * 0.5)), ro.signal);
      } catch (e) {
        await stop();
        throw e;
      }
      const r = await awsCall('logs:GetQueryResults', (abortSignal) => this.client.send(new logs.GetQueryResultsCommand({ queryId }), { abortSignal }), this.ctx(ro.signal)).catch(async (e) => {
        await stop();
        throw e;
      });
      const status = r.status ?? 'Unknown';
      if (status === 'Complete') {
        const rows = (r.results ?? []).map((fields) => Object.fromEntries(fields.filter((f) => f.field).map((f) => [f.field!, f.value ?? ''])));
        return { status, rows, recordsMatched: r.statistics?.recordsMatched, recordsScanned: r.statistics?.recordsScanned };
      }
      if (status === 'Failed' || status === 'Cancelled' || status === 'Timeout' || status === 'Unknown') {
        throw new Error(`Logs Insights query ${status.toLowerCase()}`);
      }
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`Logs Insights query still ${status} after ${Math.round((this.opts.queryTimeoutMs ?? 120_000) / 1000)} s; stopped`);
      }
      wait = Math.min(this.opts.pollMaxMs ?? 5_000, wait * 1.5);
    }
  }

  /** Runs the query once per ≤ 50 groups; failed batches become gaps naming their groups. */
  private async runAll(groups: string[], window: TimeWindow, queryString: string, what: string, ro: ReadOptions): Promise<{ results: InsightsResult[]; gaps: string[] }> {
    const results: InsightsResult[] = [];
    const gaps: string[] = [];
    for (let i = 0; i < groups.length; i += MAX_GROUPS_PER_QUERY) {
      const batch = groups.slice(i, i + MAX_GROUPS_PER_QUERY);
      try {
        results.push(await this.run(batch, window, queryString, ro));
      } catch (e) {
        if (isFatal(e, ro.signal)) throw e;
        gaps.push(`logs insights: ${what} for ${batch.join(', ')}: ${gapMessage(e)}`);
      }
    }
    return { results, gaps };
  }

  async countsPerBin(groups: string[], window: TimeWindow, ro: ReadOptions & { regex?: string; binSeconds?: number } = {}): Promise<Partial<Array<[string, number]>>> {
    const bin = ro.binSeconds ?? chooseBinSeconds(window, this.opts.targetBins);
    const filter = ro.regex ? `filter @message like ${insightsRegex(ro.regex)} | ` : '';
    const q = `${filter}stats count(*) as n by bin(${binLiteral(bin)}) as t`;
    const { results, gaps } = await this.runAll(groups, window, q, 'counts per bin', ro);
    const sums = new Map<number, number>();
    for (const r of results) for (const row of r.rows) {
      const t = parseInsightsTime(row.t ?? '');
      if (!Number.isNaN(t)) sums.set(t, (sums.get(t) ?? 0) + Number(row.n ?? 0));
    }
    const items = [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([t, n]) => [isoTime(t), n] as [string, number]);
    return { items, gaps };
  }

  async errorRate(groups: string[], window: TimeWindow, errorRegex: string, ro: ReadOptions & { binSeconds?: number } = {}): Promise<Partial<LogRatePoint[]>> {
    const binSeconds = ro.binSeconds ?? chooseBinSeconds(window, this.opts.targetBins);
    // Two plain count queries: portable Insights syntax, and both run server-side in parallel.
    const [total, errors] = await Promise.all([
      this.countsPerBin(groups, window, { ...ro, binSeconds }),
      this.countsPerBin(groups, window, { ...ro, binSeconds, regex: errorRegex }),
    ]);
    const errs = new Map(errors.items);
    const items = total.items.map(([at, n]) => {
      const e = errs.get(at) ?? 0;
      return { at, total: n, errors: e, rate: n > 0 ? e / n : 0 };
    });
    return { items, gaps: [...total.gaps, ...errors.gaps] };
  }

  async patterns(groups: string[], window: TimeWindow, ro: ReadOptions & { regex?: string; limit?: number } = {}): Promise<Partial<LogPattern[]>> {
    const filter = ro.regex ? `filter @message like ${insightsRegex(ro.regex)} | ` : '';
    const limit = ro.limit ?? 50;
    const q = `${filter}pattern @message | sort @sampleCount desc | limit ${limit}`;
    const { results, gaps } = await this.runAll(groups, window, q, 'patterns', ro);
    const byPattern = new Map<string, LogPattern>();
    let total = 0;
    for (const r of results) for (const row of r.rows) {
      const pattern = row['@pattern'];
      if (pattern === undefined) continue;
      const count = Number(row['@sampleCount'] ?? 0);
      total += count;
      const p = byPattern.get(pattern);
      if (p) p.count += count;
      else byPattern.set(pattern, { pattern, count, ratio: 0, ...(row['@severityLabel'] ? { severity: row['@severityLabel'] } : {}) });
    }
    // One batch: the service's ratio. Several: recompute over what the batches returned.
    const single = results.length === 1;
    const items = [...byPattern.values()].sort((a, b) => b.count - a.count).slice(0, limit);
    for (const p of items) {
      const row = single ? results[0].rows.find((r) => r['@pattern'] === p.pattern) : undefined;
      p.ratio = row?.['@ratio'] !== undefined ? Number(row['@ratio']) : total ? p.count / total : 0;
    }
    return { items, gaps };
  }
}
