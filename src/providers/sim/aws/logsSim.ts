// CloudWatch Logs operations over a snapshot (awsJson1_1, X-Amz-Target Logs_20140328.<Op>): DescribeLogGroups,
// FilterLogEvents, StartQuery, GetQueryResults, StopQuery. Insights queries run on the snapshot's events.
import type { Snapshot } from '../../../core/model/snapshot';
import { compileFilterPattern } from './filterPattern';
import { parseInsightsQuery, runInsightsQuery, type LogRecord, type QueryOutcome } from './insightsQuery';
import type { SimContext } from './cloudWatchSim';
import { decodeToken, encodeToken, num, SimServiceError, str, strList, timeMs, type JsonObject } from './wire';

const ACCOUNT = '123456789012';

export interface LogsSimOptions {
  /** GetQueryResults answers "Running" this many times before "Complete" (exercises polling). */
  pollsBeforeComplete?: number;
}

interface QueryState {
  outcome: QueryOutcome;
  polls: number;
  status: 'Scheduled' | 'Running' | 'Complete' | 'Cancelled';
}

function groupName(identifier: string): string {
  // logGroupIdentifier may be an ARN: arn:aws:logs:region:account:log-group:NAME[:*]
  const m = /^arn:aws[\w-]*:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(identifier);
  return m ? m[1] : identifier;
}

export class LogsSim {
  private readonly byGroup = new Map<string, LogRecord[]>();
  private readonly queries = new Map<string, QueryState>();
  private querySeq = 0;

  constructor(
    snapshot: Snapshot,
    private readonly opts: LogsSimOptions = {},
  ) {
    for (const e of snapshot.logs ?? []) {
      const t = Date.parse(e.at);
      if (Number.isNaN(t)) continue;
      const rec: LogRecord = { timestamp: t, message: e.message, logStream: e.stream ?? 'default', logGroup: e.group, ingestionTime: t + 500 };
      const list = this.byGroup.get(e.group);
      if (list) list.push(rec);
      else this.byGroup.set(e.group, [rec]);
    }
    for (const list of this.byGroup.values()) list.sort((a, b) => a.timestamp - b.timestamp);
  }

  handle(op: string, p: JsonObject, ctx: SimContext): unknown {
    switch (op) {
      case 'DescribeLogGroups':
        return this.describeLogGroups(p, ctx);
      case 'FilterLogEvents':
        return this.filterLogEvents(p);
      case 'StartQuery':
        return this.startQuery(p);
      case 'GetQueryResults':
        return this.getQueryResults(p);
      case 'StopQuery':
        return this.stopQuery(p);
      default:
        throw new SimServiceError('UnknownOperationException', `The simulator does not implement ${op}.`);
    }
  }

  private events(group: string): LogRecord[] {
    const list = this.byGroup.get(group);
    if (!list) throw new SimServiceError('ResourceNotFoundException', 'The specified log group does not exist.');
    return list;
  }

  private describeLogGroups(p: JsonObject, ctx: SimContext): unknown {
    const prefix = str(p, 'logGroupNamePrefix') ?? '';
    const limit = num(p, 'limit') ?? 50;
    const names = [...this.byGroup.keys()].filter((g) => g.startsWith(prefix)).sort();
    const from = Number(decodeToken(str(p, 'nextToken'), 'nextToken')?.o ?? 0);
    const page = names.slice(from, from + limit).map((logGroupName) => ({
      logGroupName,
      arn: `arn:aws:logs:${ctx.region}:${ACCOUNT}:log-group:${logGroupName}:*`,
      storedBytes: this.byGroup.get(logGroupName)!.reduce((n, r) => n + r.message.length, 0),
    }));
    return { logGroups: page, nextToken: from + limit < names.length ? encodeToken({ o: from + limit }) : undefined };
  }

  private filterLogEvents(p: JsonObject): unknown {
    const id = str(p, 'logGroupName') ?? str(p, 'logGroupIdentifier');
    if (!id) throw new SimServiceError('InvalidParameterException', 'Either logGroupName or logGroupIdentifier must be specified.');
    const group = groupName(id);
    const start = timeMs(p, 'startTime', 'ms') ?? -Infinity;
    const end = timeMs(p, 'endTime', 'ms') ?? Infinity;
    const limit = num(p, 'limit') ?? 10_000;
    if (limit < 1 || limit > 10_000) throw new SimServiceError('InvalidParameterException', 'limit must be between 1 and 10000');
    const streams = strList(p, 'logStreamNames');
    const matches = compileFilterPattern(str(p, 'filterPattern'));
    const all = this.events(group);
    const from = Number(decodeToken(str(p, 'nextToken'), 'nextToken')?.o ?? 0);
    const events: JsonObject[] = [];
    let i = from;
    for (; i < all.length && events.length < limit; i++) {
      const r = all[i];
      if (r.timestamp < start || r.timestamp > end) continue;
      if (streams && !streams.includes(r.logStream)) continue;
      if (!matches(r.message)) continue;
      events.push({ logStreamName: r.logStream, timestamp: r.timestamp, message: r.message, ingestionTime: r.ingestionTime, eventId: `${r.timestamp}-${i}` });
    }
    // Like the service, a page may end early; the token resumes at the next unread event.
    let more = false;
    for (let j = i; j < all.length && !more; j++) more = all[j].timestamp >= start && all[j].timestamp <= end;
    return { events, searchedLogStreams: [], nextToken: more ? encodeToken({ o: i }) : undefined };
  }

  private startQuery(p: JsonObject): unknown {
    const names = strList(p, 'logGroupNames') ?? strList(p, 'logGroupIdentifiers') ?? (str(p, 'logGroupName') ? [str(p, 'logGroupName')!] : []);
    if (names.length === 0) throw new SimServiceError('InvalidParameterException', 'At least one log group must be specified.');
    if (names.length > 50) throw new SimServiceError('InvalidParameterException', 'A query can reference at most 50 log groups.');
    const start = timeMs(p, 'startTime', 's', true)!;
    const end = timeMs(p, 'endTime', 's', true)!;
    if (end < start) throw new SimServiceError('InvalidParameterException', 'endTime must be greater than or equal to startTime.');
    const queryString = str(p, 'queryString', true)!;
    const cmds = parseInsightsQuery(queryString);
    const records = names.flatMap((n) => this.events(groupName(n))).filter((r) => r.timestamp >= start && r.timestamp <= end);
    records.sort((a, b) => b.timestamp - a.timestamp);
    const outcome = runInsightsQuery(cmds, records, num(p, 'limit') ?? 1000);
    const queryId = `sim-query-${++this.querySeq}`;
    this.queries.set(queryId, { outcome, polls: 0, status: 'Scheduled' });
    return { queryId };
  }

  private getQueryResults(p: JsonObject): unknown {
    const id = str(p, 'queryId', true)!;
    const q = this.queries.get(id);
    if (!q) throw new SimServiceError('ResourceNotFoundException', `Query ${id} does not exist.`);
    if (q.status !== 'Cancelled') {
      q.polls++;
      q.status = q.polls > (this.opts.pollsBeforeComplete ?? 1) ? 'Complete' : 'Running';
    }
    const done = q.status === 'Complete';
    const rows = done ? q.outcome.rows : [];
    return {
      status: q.status,
      results: rows.map((r) => Object.entries(r).map(([field, value]) => ({ field, value }))),
      statistics: {
        recordsMatched: done ? q.outcome.recordsMatched : 0,
        recordsScanned: done ? q.outcome.recordsScanned : 0,
        bytesScanned: done ? q.outcome.bytesScanned : 0,
      },
    };
  }

  private stopQuery(p: JsonObject): unknown {
    const id = str(p, 'queryId', true)!;
    const q = this.queries.get(id);
    if (!q) throw new SimServiceError('ResourceNotFoundException', `Query ${id} does not exist.`);
    const running = q.status !== 'Complete' && q.status !== 'Cancelled';
    if (running) q.status = 'Cancelled';
    return { success: running };
  }
}
