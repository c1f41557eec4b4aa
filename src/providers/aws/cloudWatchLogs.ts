// LogsPort over FilterLogEvents: samples and stack traces only, capped per group (the cap becomes a gap) and with
// very long messages truncated, so a noisy group never floods the editor. Big questions go to LogsInsights.
import type { LogEvent } from '../../core/model/snapshot';
import type { LogsPort, Partial, ReadOptions, TimeWindow } from '../../ports';
import { awsCall, gapMessage, isFatal, type CallPolicy } from './awsCall';
import { AwsAdapter } from './awsAdapter';
import type { AwsClients, CloudWatchLogsClient } from './awsClients';
import { isoTime } from './metricKey';
import { paginate } from './paginate';

export interface CloudWatchLogsOptions {
  region: string;
  profile?: string;
  policy?: CallPolicy;
  /** Events per FilterLogEvents page (API maximum 10,000). */
  pageSize?: number;
  /** Longer messages are cut (a stack trace keeps its first frames). Default 32,768 characters. */
  maxMessageChars?: number;
  /** Groups read at the same time. Default 4. */
  concurrency?: number;
}

export class CloudWatchLogs extends AwsAdapter<CloudWatchLogsClient, CloudWatchLogsOptions> implements LogsPort {
  static fromClients(c: AwsClients, opts: Omit<CloudWatchLogsOptions, 'region' | 'profile'> = {}): CloudWatchLogs {
    return new CloudWatchLogs(c.logs, { ...opts, region: c.region, profile: c.profile });
  }

  async sampleEvents(groups: string[], window: TimeWindow, filterPattern: string | undefined, cap: number, ro: ReadOptions = {}): Promise<Partial<LogEvent[]>> {
    const results: Array<Partial<LogEvent[]>> = new Array(groups.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < groups.length) {
        const i = next++;
        results[i] = await this.readGroup(groups[i], window, filterPattern, cap, ro);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency ?? 4, groups.length) }, worker));
    return { items: results.flatMap((r) => r.items), gaps: results.flatMap((r) => r.gaps) };
  }

  private async readGroup(group: string, window: TimeWindow, filterPattern: string | undefined, cap: number, ro: ReadOptions): Promise<Partial<LogEvent[]>> {
    const logs = this.sdk().logs;
    const items: LogEvent[] = [];
    const gaps: string[] = [];
    const maxChars = this.opts.maxMessageChars ?? 32_768;
    const pageSize = Math.min(this.opts.pageSize ?? 10_000, 10_000);
    let truncated = 0;
    let capped = false;
    const ctx = this.ctx(ro.signal);
    try {
      const pages = paginate(
        (nextToken) =>
          awsCall(
            'logs:FilterLogEvents',
            (abortSignal) =>
              this.client.send(
                new logs.FilterLogEventsCommand({
                  logGroupName: group,
                  startTime: Date.parse(window.start),
                  endTime: Date.parse(window.end),
                  filterPattern: filterPattern || undefined,
                  limit: Math.max(1, Math.min(pageSize, cap - items.length)),
                  nextToken,
                }),
                { abortSignal },
              ),
            ctx,
          ),
        (p) => p.nextToken,
      );
      for await (const page of pages) {
        for (const e of page.events ?? []) {
          if (items.length >= cap) {
            capped = true;
            break;
          }
          if (e.timestamp === undefined || e.message === undefined) continue;
          let message = e.message.replace(/\n$/, '');
          if (message.length > maxChars) {
            message = message.slice(0, maxChars);
            truncated++;
          }
          const ev: LogEvent = { at: isoTime(e.timestamp), group, message };
          if (e.logStreamName) ev.stream = e.logStreamName;
          items.push(ev);
        }
        if (items.length >= cap) {
          // More pages (or more events in this one) mean the group had more than the cap.
          capped = capped || !!page.nextToken;
          break;
        }
      }
    } catch (e) {
      if (isFatal(e, ro.signal)) throw e;
      gaps.push(`logs: ${group}: ${items.length ? `stopped after ${items.length.toLocaleString('en-US')} events: ` : ''}${gapMessage(e)}`);
    }
    if (capped) gaps.push(`logs: ${group}: stopped after ${cap.toLocaleString('en-US')} events (cap)`);
    if (truncated) gaps.push(`logs: ${group}: ${truncated} message(s) longer than ${maxChars.toLocaleString('en-US')} characters were truncated`);
    items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return { items, gaps };
  }
}
