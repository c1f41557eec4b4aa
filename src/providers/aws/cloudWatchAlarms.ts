// AlarmsPort over CloudWatch: alarms firing now (DescribeAlarms StateValue=ALARM) and every state change in the
// window (DescribeAlarmHistory), filtered to the configured names/prefixes, with the metric each alarm watches.
import type { Alarm, AlarmState } from '../../core/model/snapshot';
import type { AlarmsPort, Partial, ReadOptions, TimeWindow } from '../../ports';
import { awsCall, AwsCallError, gapMessage, isFatal, type CallPolicy } from './awsCall';
import { AwsAdapter } from './awsAdapter';
import type { AwsClients, CloudWatchClient } from './awsClients';
import { isoTime, metricKey, type MetricIdentity } from './metricKey';
import { paginate } from './paginate';

export interface CloudWatchAlarmsOptions {
  region: string;
  profile?: string;
  /** Exact alarm names to watch; with prefixes, an alarm matching either is kept. Neither: all alarms. */
  alarmNames?: string[];
  alarmPrefixes?: string[];
  policy?: CallPolicy;
}

/** The fields of the SDK's MetricAlarm we read. */
interface MetricAlarm {
  AlarmName?: string;
  StateValue?: string;
  StateReason?: string;
  StateUpdatedTimestamp?: Date;
  MetricName?: string;
  Namespace?: string;
  Dimensions?: Array<{ Name?: string; Value?: string }>;
  Statistic?: string;
  ExtendedStatistic?: string;
  Threshold?: number;
  ComparisonOperator?: string;
  Unit?: string;
}

const STATES = new Set<AlarmState>(['ALARM', 'OK', 'INSUFFICIENT_DATA']);

export class CloudWatchAlarms extends AwsAdapter<CloudWatchClient, CloudWatchAlarmsOptions> implements AlarmsPort {
  static fromClients(c: AwsClients, opts: Omit<CloudWatchAlarmsOptions, 'region' | 'profile'> = {}): CloudWatchAlarms {
    return new CloudWatchAlarms(c.cloudwatch, { ...opts, region: c.region, profile: c.profile });
  }

  private wanted(name: string): boolean {
    const { alarmNames, alarmPrefixes } = this.opts;
    if (!alarmNames?.length && !alarmPrefixes?.length) return true;
    return !!alarmNames?.includes(name) || !!alarmPrefixes?.some((p) => name.startsWith(p));
  }

  async listAlarms(window: TimeWindow, ro: ReadOptions = {}): Promise<Partial<Alarm[]>> {
    const gaps: string[] = [];
    const cw = this.sdk().cloudwatch;
    const ctx = this.ctx(ro.signal);
    const where = `alarms (${this.opts.region})`;

    const details = new Map<string, MetricAlarm>();
    const readAlarms = async (input: Record<string, unknown>): Promise<void> => {
      const pages = paginate(
        (NextToken) => awsCall('cloudwatch:DescribeAlarms', (abortSignal) => this.client.send(new cw.DescribeAlarmsCommand({ ...input, NextToken, AlarmTypes: ['MetricAlarm'] }), { abortSignal }), ctx),
        (p) => p.NextToken,
      );
      for await (const page of pages) for (const a of (page.MetricAlarms ?? []) as MetricAlarm[]) if (a.AlarmName && this.wanted(a.AlarmName)) details.set(a.AlarmName, a);
    };

    // 1. Firing now. The API filters one prefix per call; names are fetched by state and filtered here.
    const prefixes = this.opts.alarmNames?.length ? [undefined] : this.opts.alarmPrefixes?.length ? this.opts.alarmPrefixes : [undefined];
    let describeDenied = false;
    try {
      for (const prefix of prefixes) await readAlarms({ StateValue: 'ALARM', MaxRecords: 100, ...(prefix ? { AlarmNamePrefix: prefix } : {}) });
    } catch (e) {
      if (isFatal(e, ro.signal)) throw e;
      describeDenied = e instanceof AwsCallError && e.kind === 'denied';
      gaps.push(`${where}: could not list firing alarms: ${gapMessage(e)}`);
    }
    const firing = new Set(details.keys());

    // 2. State changes in the window.
    const changes: Array<{ name: string; at: number; state: AlarmState; reason?: string }> = [];
    try {
      const pages = paginate(
        (NextToken) =>
          awsCall(
            'cloudwatch:DescribeAlarmHistory',
            (abortSignal) =>
              this.client.send(
                new cw.DescribeAlarmHistoryCommand({
                  StartDate: new Date(window.start),
                  EndDate: new Date(window.end),
                  HistoryItemType: 'StateUpdate',
                  AlarmTypes: ['MetricAlarm'],
                  ScanBy: 'TimestampAscending',
                  MaxRecords: 100,
                  NextToken,
                }),
                { abortSignal },
              ),
            ctx,
          ),
        (p) => p.NextToken,
      );
      for await (const page of pages) {
        for (const h of page.AlarmHistoryItems ?? []) {
          if (!h.AlarmName || !h.Timestamp || !this.wanted(h.AlarmName)) continue;
          const parsed = parseHistoryData(h.HistoryData);
          if (!parsed) continue;
          changes.push({ name: h.AlarmName, at: h.Timestamp.getTime(), state: parsed.state, reason: parsed.reason });
        }
      }
    } catch (e) {
      if (isFatal(e, ro.signal)) throw e;
      gaps.push(`${where}: could not read alarm history: ${gapMessage(e)}`);
    }

    // 3. Metric details for alarms seen only in history (100 names per call).
    // (Skipped when DescribeAlarms is denied: it would fail again and repeat the same gap.)
    const missing = describeDenied ? [] : [...new Set(changes.map((c) => c.name))].filter((n) => !details.has(n));
    for (let i = 0; i < missing.length; i += 100) {
      try {
        await readAlarms({ AlarmNames: missing.slice(i, i + 100), MaxRecords: 100 });
      } catch (e) {
        if (isFatal(e, ro.signal)) throw e;
        gaps.push(`${where}: could not describe ${missing.length} alarm(s) from history: ${gapMessage(e)}`);
        break;
      }
    }

    const out: Alarm[] = [];
    const startMs = Date.parse(window.start);
    const seen = new Set<string>();
    for (const c of changes.sort((a, b) => a.at - b.at)) {
      const key = `${c.name}|${c.at}|${c.state}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(this.toAlarm(c.name, c.state, c.at, c.reason, details.get(c.name)));
    }
    // Still firing since before the window: no history entry inside it, but it is part of the incident.
    for (const name of firing) {
      const a = details.get(name)!;
      const at = a.StateUpdatedTimestamp?.getTime() ?? startMs;
      if (!out.some((x) => x.name === name && x.state === 'ALARM' && Date.parse(x.at) >= at - 1000)) {
        out.push(this.toAlarm(name, 'ALARM', at, a.StateReason, a));
      }
    }
    out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.name.localeCompare(b.name));
    assignIds(out);
    return { items: out, gaps };
  }

  private toAlarm(name: string, state: AlarmState, at: number, reason: string | undefined, d: MetricAlarm | undefined): Alarm {
    const alarm: Alarm = { id: name, name, state, at: isoTime(at), region: this.opts.region };
    if (reason) alarm.reason = reason;
    if (d?.Threshold !== undefined) alarm.threshold = d.Threshold;
    if (d?.ComparisonOperator) alarm.comparison = d.ComparisonOperator;
    if (d?.Namespace && d.MetricName) {
      const metric: MetricIdentity = {
        namespace: d.Namespace,
        name: d.MetricName,
        dimensions: Object.fromEntries((d.Dimensions ?? []).filter((x) => x.Name).map((x) => [x.Name!, x.Value ?? ''])),
        stat: d.ExtendedStatistic ?? d.Statistic,
      };
      alarm.metricId = metricKey(metric);
      alarm.metric = metric;
    }
    return alarm;
  }
}

function parseHistoryData(data: string | undefined): { state: AlarmState; reason?: string } | undefined {
  if (!data) return undefined;
  try {
    const d = JSON.parse(data) as { newState?: { stateValue?: string; stateReason?: string } };
    const s = d.newState?.stateValue as AlarmState | undefined;
    return s && STATES.has(s) ? { state: s, reason: d.newState?.stateReason } : undefined;
  } catch {
    return undefined;
  }
}

/** Ids unique within the list: the alarm name, suffixed #2, #3 for repeated state changes of one alarm. */
function assignIds(alarms: Alarm[]): void {
  const n = new Map<string, number>();
  for (const a of alarms) {
    const k = (n.get(a.name) ?? 0) + 1;
    n.set(a.name, k);
    a.id = k === 1 ? a.name : `${a.name}#${k}`;
  }
}
