// CloudWatch operations over a snapshot: DescribeAlarms, DescribeAlarmHistory, GetMetricData, ListMetrics.
// Answers in the awsJson1_0 shapes of the real service (epoch-second timestamps, NextToken pagination).
import type { Alarm, Metric, Snapshot } from '../../../core/model/snapshot';
import { bucketSeries, statMatches } from './metricSeries';
import { decodeToken, encodeToken, num, SimServiceError, str, strList, timeMs, type JsonObject } from './wire';

const ACCOUNT = '123456789012';
const PERCENTILE = /^p\d+(\.\d+)?$/i;

export interface SimContext {
  region: string;
}

interface DimensionFilter {
  Name: string;
  Value?: string;
}

function dims(m: Metric | undefined): Array<{ Name: string; Value: string }> {
  return Object.entries(m?.dimensions ?? {}).map(([Name, Value]) => ({ Name, Value }));
}

function dimensionList(p: unknown, field: string): DimensionFilter[] {
  if (p === undefined || p === null) return [];
  if (!Array.isArray(p)) throw new SimServiceError('InvalidParameterValue', `${field} must be a list`);
  return p.map((d, i) => {
    if (!d || typeof d !== 'object' || typeof (d as DimensionFilter).Name !== 'string') {
      throw new SimServiceError('InvalidParameterValue', `${field}.member.${i + 1}.Name is required`);
    }
    return d as DimensionFilter;
  });
}

function sameDimensions(m: Metric, want: DimensionFilter[]): boolean {
  const have = m.dimensions ?? {};
  if (Object.keys(have).length !== want.length) return false;
  return want.every((d) => have[d.Name] === d.Value);
}

interface SimSeries {
  id: string;
  label: string;
  data: { timestamps: number[]; values: number[] };
}

const sec = (iso: string): number => Date.parse(iso) / 1000;

export class CloudWatchSim {
  private readonly alarms: Alarm[];
  private readonly metrics: Metric[];

  constructor(snapshot: Snapshot) {
    this.alarms = [...(snapshot.alarms ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    this.metrics = snapshot.metrics ?? [];
  }

  handle(op: string, p: JsonObject, ctx: SimContext): unknown {
    switch (op) {
      case 'DescribeAlarms':
        return this.describeAlarms(p, ctx);
      case 'DescribeAlarmHistory':
        return this.describeAlarmHistory(p, ctx);
      case 'GetMetricData':
        return this.getMetricData(p);
      case 'ListMetrics':
        return this.listMetrics(p);
      default:
        throw new SimServiceError('InvalidAction', `The action ${op} is not valid for this web service (simulator).`);
    }
  }

  private regionAlarms(ctx: SimContext): Alarm[] {
    return this.alarms.filter((a) => !a.region || a.region === ctx.region);
  }

  /** Latest state change per alarm name: the alarm's current state. */
  private current(ctx: SimContext): Alarm[] {
    const byName = new Map<string, Alarm>();
    for (const a of this.regionAlarms(ctx)) byName.set(a.name, a);
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  private wireAlarm(a: Alarm, ctx: SimContext): JsonObject {
    const metric = this.metrics.find((m) => m.id === a.metricId);
    const stat = metric?.stat;
    return {
      AlarmName: a.name,
      AlarmArn: `arn:aws:cloudwatch:${ctx.region}:${ACCOUNT}:alarm:${a.name}`,
      ActionsEnabled: true,
      StateValue: a.state,
      StateReason: a.reason ?? `Alarm is ${a.state}`,
      StateUpdatedTimestamp: sec(a.at),
      StateTransitionedTimestamp: sec(a.at),
      MetricName: metric?.name,
      Namespace: metric?.namespace,
      Dimensions: metric ? dims(metric) : undefined,
      Statistic: stat && !PERCENTILE.test(stat) ? stat : undefined,
      ExtendedStatistic: stat && PERCENTILE.test(stat) ? stat : undefined,
      Unit: metric?.unit,
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: a.threshold,
      ComparisonOperator: a.comparison,
    };
  }

  private describeAlarms(p: JsonObject, ctx: SimContext): unknown {
    const names = strList(p, 'AlarmNames');
    const prefix = str(p, 'AlarmNamePrefix');
    const state = str(p, 'StateValue');
    if (names && prefix) throw new SimServiceError('InvalidParameterCombination', 'AlarmNames and AlarmNamePrefix cannot be used together');
    const max = num(p, 'MaxRecords') ?? 50;
    if (max < 1 || max > 100) throw new SimServiceError('InvalidParameterValue', 'MaxRecords must be between 1 and 100');
    const types = strList(p, 'AlarmTypes');
    if (types && !types.includes('MetricAlarm')) return { MetricAlarms: [], CompositeAlarms: [] };
    const all = this.current(ctx).filter(
      (a) => (!names || names.includes(a.name)) && (!prefix || a.name.startsWith(prefix)) && (!state || a.state === state),
    );
    const from = Number(decodeToken(str(p, 'NextToken'), 'NextToken')?.o ?? 0);
    const page = all.slice(from, from + max);
    const next = from + max < all.length ? encodeToken({ o: from + max }) : undefined;
    return { MetricAlarms: page.map((a) => this.wireAlarm(a, ctx)), CompositeAlarms: [], NextToken: next };
  }

  private describeAlarmHistory(p: JsonObject, ctx: SimContext): unknown {
    const name = str(p, 'AlarmName');
    const type = str(p, 'HistoryItemType');
    const start = timeMs(p, 'StartDate', 's') ?? -Infinity;
    const end = timeMs(p, 'EndDate', 's') ?? Infinity;
    const max = num(p, 'MaxRecords') ?? 100;
    if (max < 1 || max > 100) throw new SimServiceError('InvalidParameterValue', 'MaxRecords must be between 1 and 100');
    const ascending = str(p, 'ScanBy') === 'TimestampAscending';
    if (type && type !== 'StateUpdate') return { AlarmHistoryItems: [] };
    const previous = new Map<string, string>();
    const items: Array<{ t: number; item: JsonObject }> = [];
    for (const a of this.regionAlarms(ctx)) {
      const old = previous.get(a.name) ?? (a.state === 'OK' ? 'INSUFFICIENT_DATA' : 'OK');
      previous.set(a.name, a.state);
      const t = Date.parse(a.at);
      if ((name && a.name !== name) || t < start || t > end) continue;
      const reason = a.reason ?? `Alarm is ${a.state}`;
      items.push({
        t,
        item: {
          AlarmName: a.name,
          AlarmType: 'MetricAlarm',
          Timestamp: t / 1000,
          HistoryItemType: 'StateUpdate',
          HistorySummary: `Alarm updated from ${old} to ${a.state}`,
          HistoryData: JSON.stringify({ version: '1.0', oldState: { stateValue: old }, newState: { stateValue: a.state, stateReason: reason } }),
        },
      });
    }
    items.sort((x, y) => (ascending ? x.t - y.t : y.t - x.t));
    const from = Number(decodeToken(str(p, 'NextToken'), 'NextToken')?.o ?? 0);
    const next = from + max < items.length ? encodeToken({ o: from + max }) : undefined;
    return { AlarmHistoryItems: items.slice(from, from + max).map((x) => x.item), NextToken: next };
  }

  /** The series of recent requests: every NextToken page of one request re-reads the same series. */
  private readonly seriesCache = new Map<string, SimSeries[]>();

  private getMetricData(p: JsonObject): unknown {
    const cacheKey = JSON.stringify({ ...p, NextToken: undefined });
    const cached = this.seriesCache.get(cacheKey);
    const series = cached ?? this.computeSeries(p);
    if (!cached) {
      this.seriesCache.set(cacheKey, series);
      if (this.seriesCache.size > 8) this.seriesCache.delete(this.seriesCache.keys().next().value!);
    }
    const maxPoints = num(p, 'MaxDatapoints') ?? 100_800;
    if (maxPoints < 1) throw new SimServiceError('ValidationError', 'MaxDatapoints must be at least 1');
    return this.pageOf(p, series, maxPoints);
  }

  private computeSeries(p: JsonObject): SimSeries[] {
    const queries = p.MetricDataQueries;
    if (!Array.isArray(queries) || queries.length === 0) throw new SimServiceError('ValidationError', 'MetricDataQueries must contain at least one query');
    if (queries.length > 500) throw new SimServiceError('ValidationError', `The collection MetricDataQueries must not have a size greater than 500 (got ${queries.length}).`);
    const startMs = timeMs(p, 'StartTime', 's', true)!;
    const endMs = timeMs(p, 'EndTime', 's', true)!;
    if (endMs <= startMs) throw new SimServiceError('ValidationError', 'The parameter StartTime must be less than the parameter EndTime.');
    const ascending = str(p, 'ScanBy') === 'TimestampAscending';
    const ids = new Set<string>();
    return queries.map((raw, i) => {
      const q = raw as JsonObject;
      const id = typeof q.Id === 'string' ? q.Id : '';
      if (!/^[a-z][a-zA-Z0-9_]*$/.test(id)) throw new SimServiceError('ValidationError', `MetricDataQueries.member.${i + 1}.Id '${id}' must start with a lowercase letter and contain only letters, digits and underscores`);
      if (ids.has(id)) throw new SimServiceError('ValidationError', `The values for parameter Id in MetricDataQueries are not unique (${id}).`);
      ids.add(id);
      const ms = q.MetricStat as JsonObject | undefined;
      if (!ms) throw new SimServiceError('ValidationError', `MetricDataQueries.member.${i + 1}: the simulator answers MetricStat queries only (no Expression).`);
      const metric = (ms.Metric ?? {}) as JsonObject;
      const period = typeof ms.Period === 'number' ? ms.Period : NaN;
      if (!(period >= 1) || (period >= 60 && period % 60 !== 0)) throw new SimServiceError('ValidationError', `MetricDataQueries.member.${i + 1}.MetricStat.Period must be 1, 5, 10, 30 or a multiple of 60.`);
      const stat = typeof ms.Stat === 'string' ? ms.Stat : '';
      const want = dimensionList(metric.Dimensions, `MetricDataQueries.member.${i + 1}.MetricStat.Metric.Dimensions`);
      const found = this.metrics.find(
        (m) => m.namespace === metric.Namespace && m.name === metric.MetricName && sameDimensions(m, want) && statMatches(m.stat, stat),
      );
      const data = found ? bucketSeries(found, stat, period, startMs, endMs) : { timestamps: [], values: [] };
      if (!ascending) {
        data.timestamps.reverse();
        data.values.reverse();
      }
      return { id, label: typeof q.Label === 'string' ? q.Label : String(metric.MetricName ?? id), data };
    });
  }

  private pageOf(p: JsonObject, series: SimSeries[], maxPoints: number): unknown {
    // Pages hold at most MaxDatapoints points across all queries; the token says where the next page starts.
    const token = decodeToken(str(p, 'NextToken'), 'NextToken');
    let qi = Number(token?.q ?? 0);
    let pi = Number(token?.p ?? 0);
    let budget = maxPoints;
    const results: JsonObject[] = [];
    while (qi < series.length && budget > 0) {
      const s = series[qi];
      const take = Math.min(budget, s.data.timestamps.length - pi);
      const complete = pi + take >= s.data.timestamps.length;
      results.push({
        Id: s.id,
        Label: s.label,
        Timestamps: s.data.timestamps.slice(pi, pi + take).map((t) => t / 1000),
        Values: s.data.values.slice(pi, pi + take),
        StatusCode: complete ? 'Complete' : 'PartialData',
      });
      budget -= take;
      if (complete) {
        qi++;
        pi = 0;
      } else pi += take;
    }
    return { MetricDataResults: results, NextToken: qi < series.length ? encodeToken({ q: qi, p: pi }) : undefined, Messages: [] };
  }

  private listMetrics(p: JsonObject): unknown {
    const ns = str(p, 'Namespace');
    const name = str(p, 'MetricName');
    const filters = dimensionList(p.Dimensions, 'Dimensions');
    const seen = new Set<string>();
    const out: JsonObject[] = [];
    for (const m of this.metrics) {
      if ((ns && m.namespace !== ns) || (name && m.name !== name)) continue;
      const have = m.dimensions ?? {};
      if (!filters.every((f) => f.Name in have && (f.Value === undefined || have[f.Name] === f.Value))) continue;
      const key = JSON.stringify([m.namespace, m.name, Object.entries(have).sort()]);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ Namespace: m.namespace, MetricName: m.name, Dimensions: dims(m) });
    }
    const from = Number(decodeToken(str(p, 'NextToken'), 'NextToken')?.o ?? 0);
    const size = 500;
    return { Metrics: out.slice(from, from + size), NextToken: from + size < out.length ? encodeToken({ o: from + size }) : undefined };
  }
}
