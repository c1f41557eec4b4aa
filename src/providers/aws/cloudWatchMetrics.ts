// MetricsPort over CloudWatch GetMetricData (≤ 500 queries per call, NextToken pages merged per query id) and
// ListMetrics (dimension values for localisation).
import type { Metric, MetricPoint } from '../../core/model/snapshot';
import type { MetricQuery, MetricsPort, Partial, ReadOptions, TimeWindow } from '../../ports';
import { awsCall, gapMessage, isFatal, type CallPolicy } from './awsCall';
import { AwsAdapter } from './awsAdapter';
import type { AwsClients, CloudWatchClient } from './awsClients';
import { isoTime, metricKey } from './metricKey';
import { alignWindow, choosePeriod } from './metricPeriod';
import { paginate } from './paginate';

export const MAX_QUERIES_PER_CALL = 500;

export interface CloudWatchMetricsOptions {
  region: string;
  profile?: string;
  policy?: CallPolicy;
  /** Clock for the retention rules (old windows need coarser periods). */
  now?: () => number;
  /** Points per GetMetricData page (API maximum 100,800). */
  maxDatapoints?: number;
  /** Force a period (s) instead of choosing one from the window. */
  periodS?: number;
}

export class CloudWatchMetrics extends AwsAdapter<CloudWatchClient, CloudWatchMetricsOptions> implements MetricsPort {
  static fromClients(c: AwsClients, opts: Omit<CloudWatchMetricsOptions, 'region' | 'profile'> = {}): CloudWatchMetrics {
    return new CloudWatchMetrics(c.cloudwatch, { ...opts, region: c.region, profile: c.profile });
  }

  async getMetrics(queries: MetricQuery[], window: TimeWindow, ro: ReadOptions = {}): Promise<Partial<Metric[]>> {
    const gaps: string[] = [];
    const startMs = Date.parse(window.start);
    const endMs = Date.parse(window.end);
    const period = this.opts.periodS ?? choosePeriod(startMs, endMs, (this.opts.now ?? Date.now)());
    const w = alignWindow(startMs, endMs, period);
    const cw = this.sdk().cloudwatch;
    // Wire ids must match ^[a-z][a-zA-Z0-9_]*$; ours are free-form, so map q0..qN back to the queries.
    const points = new Map<string, { t: number[]; v: number[] }>();
    const failed = new Set<number>();
    for (let off = 0; off < queries.length; off += MAX_QUERIES_PER_CALL) {
      const chunk = queries.slice(off, off + MAX_QUERIES_PER_CALL);
      const MetricDataQueries = chunk.map((q, i) => ({
        Id: `q${off + i}`,
        ReturnData: true,
        MetricStat: {
          Metric: { Namespace: q.namespace, MetricName: q.name, Dimensions: Object.entries(q.dimensions ?? {}).map(([Name, Value]) => ({ Name, Value })) },
          Period: period,
          Stat: q.stat,
          ...(q.unit ? { Unit: q.unit as never } : {}),
        },
      }));
      try {
        const pages = paginate(
          (NextToken) =>
            awsCall(
              'cloudwatch:GetMetricData',
              (abortSignal) =>
                this.client.send(
                  new cw.GetMetricDataCommand({
                    MetricDataQueries,
                    StartTime: new Date(w.start),
                    EndTime: new Date(w.end),
                    ScanBy: 'TimestampAscending',
                    NextToken,
                    ...(this.opts.maxDatapoints ? { MaxDatapoints: this.opts.maxDatapoints } : {}),
                  }),
                  { abortSignal },
                ),
              this.ctx(ro.signal),
            ),
          (p) => p.NextToken,
        );
        for await (const page of pages) {
          for (const r of page.MetricDataResults ?? []) {
            if (!r.Id) continue;
            let list = points.get(r.Id);
            if (!list) points.set(r.Id, (list = { t: [], v: [] }));
            const ts = r.Timestamps ?? [];
            const vs = r.Values ?? [];
            for (let i = 0; i < ts.length && i < vs.length; i++) {
              list.t.push(ts[i].getTime());
              list.v.push(vs[i]);
            }
            if (r.StatusCode === 'Forbidden' || r.StatusCode === 'InternalError') {
              const q = queries[Number(r.Id.slice(1))];
              gaps.push(`metrics: ${metricKey(q)}: ${r.StatusCode}${r.Messages?.length ? ` (${r.Messages.map((m) => m.Value).join('; ')})` : ''}`);
            }
          }
          for (const m of page.Messages ?? []) if (m.Value) gaps.push(`metrics: ${m.Code ?? 'message'}: ${m.Value}`);
        }
      } catch (e) {
        if (isFatal(e, ro.signal)) throw e;
        chunk.forEach((_, i) => failed.add(off + i));
        gaps.push(`metrics (${this.opts.region}): ${chunk.length} series not read (${chunk.slice(0, 3).map(metricKey).join(', ')}${chunk.length > 3 ? ', …' : ''}): ${gapMessage(e)}`);
      }
    }
    const items: Metric[] = queries.map((q, i) => {
      const dedup = toPoints(points.get(`q${i}`));
      if (!failed.has(i) && dedup.length === 0) gaps.push(`metrics: ${metricKey(q)}: no datapoints between ${window.start} and ${window.end}`);
      const m: Metric = { id: q.id, namespace: q.namespace, name: q.name, stat: q.stat, points: dedup, periodSeconds: period };
      if (q.dimensions && Object.keys(q.dimensions).length) m.dimensions = q.dimensions;
      if (q.unit) m.unit = q.unit;
      return m;
    });
    return { items, gaps };
  }

  async listDimensionValues(namespace: string, name: string, dimension: string, ro: ReadOptions = {}): Promise<string[]> {
    const cw = this.sdk().cloudwatch;
    const values = new Set<string>();
    const pages = paginate(
      (NextToken) =>
        awsCall(
          'cloudwatch:ListMetrics',
          (abortSignal) => this.client.send(new cw.ListMetricsCommand({ Namespace: namespace, MetricName: name, Dimensions: [{ Name: dimension }], NextToken }), { abortSignal }),
          this.ctx(ro.signal),
        ),
      (p) => p.NextToken,
    );
    for await (const page of pages) {
      for (const m of page.Metrics ?? []) for (const d of m.Dimensions ?? []) if (d.Name === dimension && d.Value !== undefined) values.add(d.Value);
    }
    return [...values].sort();
  }
}

/** Sorted points, one per timestamp (pages can overlap at their edges). */
function toPoints(s: { t: number[]; v: number[] } | undefined): MetricPoint[] {
  if (!s) return [];
  let order = s.t.map((_, i) => i);
  if (s.t.some((t, i) => i > 0 && t < s.t[i - 1])) order = order.sort((a, b) => s.t[a] - s.t[b]);
  const out: MetricPoint[] = [];
  let last = NaN;
  for (const i of order) {
    if (s.t[i] === last) continue;
    last = s.t[i];
    out.push([isoTime(last), s.v[i]]);
  }
  return out;
}
