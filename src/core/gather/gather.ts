// Gather: reads every configured source for a time window, concurrently, into one snapshot. A source that fails or
// is capped adds a `gaps` entry and the snapshot is still produced; the signal cancels everything.
import type { Config } from '../config/config';
import type { Alarm, Change, Deploy, LogEvent, LogInsight, LogSample, Metric, Snapshot, Ticket } from '../model/snapshot';
import { SNAPSHOT_SCHEMA } from '../model/snapshot';
import type { AlarmsPort, ChangesPort, DeploysPort, LogsPort, MetricQuery, MetricsPort, Partial, TicketsPort, TimeWindow } from '../../ports';
import { cappedGroups, ERROR_FILTER, mergeEvents } from './errorSample';
import { readLogInsights, type InsightsSource } from './logInsights';
import { attachSamples } from './patternSamples';
import { resolveWindow } from './timeWindow';

/** The providers a gather reads; one AWS port per region. Any may be missing: the snapshot then has a gap. */
export interface GatherPorts {
  alarms?: AlarmsPort[];
  metrics?: MetricsPort[];
  logs?: LogsPort[];
  /** Logs Insights per region: counts, error rates and patterns over all events of the window. */
  insights?: InsightsSource[];
  deploys?: DeploysPort;
  tickets?: Array<{ name: string; port: TicketsPort }>;
  changes?: ChangesPort[];
}

export type GatherSource = 'alarms' | 'metrics' | 'logs' | 'logs insights' | 'deploys' | 'tickets' | 'changes';

export interface GatherProgress {
  source: string;
  state: 'started' | 'done' | 'failed';
  count?: number;
  message?: string;
}

export interface GatherOptions {
  since?: string;
  until?: string;
  signal?: AbortSignal;
  onProgress?: (p: GatherProgress) => void;
  /** Clock (ms) for relative times; default Date.now(). */
  now?: number;
  /** Events per log group at most (default: config aws.logCap, else 5000). */
  logCap?: number;
  /** Insights regex counted as errors per bin (default DEFAULT_ERROR_REGEX). */
  errorRegex?: string;
  /** Insights bin size; default a round size giving ≤ 300 bins over the window. */
  insightsBinSeconds?: number;
  /** Error-only events added per capped group (default a tenth of the cap; 0: none). */
  errorSampleCap?: number;
}

export class GatherCancelledError extends Error {
  constructor() {
    super('gather cancelled');
    this.name = 'AbortError';
  }
}

const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

/** Metric queries from the config; ids are stable slugs when the config gives none. */
export function metricQueries(config: Config): MetricQuery[] {
  const used = new Set<string>();
  return (config.aws?.metrics ?? []).map((m) => {
    let id = m.id ?? `m-${m.namespace.replace(/^AWS\//, '')}-${m.name}`.toLowerCase().replace(/[^a-z0-9_-]+/g, '-');
    for (let n = 2; used.has(id); n++) id = `${m.id ?? id.replace(/-\d+$/, '')}-${n}`;
    used.add(id);
    return { id, namespace: m.namespace, name: m.name, stat: m.stat ?? 'Average', ...(m.dimensions ? { dimensions: m.dimensions } : {}) };
  });
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function gather(config: Config, ports: GatherPorts, opts: GatherOptions = {}): Promise<Snapshot> {
  const now = opts.now ?? Date.now();
  const window: TimeWindow = resolveWindow(opts.since, opts.until, now);
  const signal = opts.signal;
  const gaps: string[] = [];
  const ro = { signal };

  async function read<T>(source: string, f: () => Promise<Partial<T[]>>): Promise<T[]> {
    opts.onProgress?.({ source, state: 'started' });
    try {
      const r = await f();
      gaps.push(...r.gaps);
      opts.onProgress?.({ source, state: 'done', count: r.items.length });
      return r.items;
    } catch (e) {
      if (signal?.aborted) throw new GatherCancelledError();
      const message = `${source}: not read: ${describeError(e)}`;
      gaps.push(message);
      opts.onProgress?.({ source, state: 'failed', message });
      return [];
    }
  }
  const all = async <T>(source: string, fs: Array<() => Promise<Partial<T[]>>>): Promise<T[]> =>
    (await Promise.all(fs.map((f, i) => read<T>(fs.length > 1 ? `${source}[${i + 1}]` : source, f)))).flat();

  const queries = metricQueries(config);
  const groups = config.aws?.logGroups ?? [];
  const cap = opts.logCap ?? config.aws?.logCap ?? 5000;
  if (!ports.alarms?.length) gaps.push('alarms: no alarm source configured (aws section of .incident-lens.yaml)');
  if (queries.length && !ports.metrics?.length) gaps.push('metrics: no metrics source available');
  if (!queries.length) gaps.push('metrics: no metrics configured (aws.metrics in .incident-lens.yaml)');
  if (!groups.length) gaps.push('logs: no log groups configured (aws.logGroups in .incident-lens.yaml)');
  if (!ports.deploys) gaps.push('deploys: no deploy source configured (deploys in .incident-lens.yaml)');

  const insightsOpts = { signal, errorRegex: opts.errorRegex, binSeconds: opts.insightsBinSeconds };
  const [alarms, metrics, logs, deploys, tickets, changes, logInsights] = await Promise.all([
    all<Alarm>('alarms', (ports.alarms ?? []).map((p) => () => p.listAlarms(window, ro))),
    queries.length ? all<Metric>('metrics', (ports.metrics ?? []).map((p) => () => p.getMetrics(queries, window, ro))) : Promise.resolve([]),
    groups.length ? all<LogEvent>('logs', (ports.logs ?? []).map((p) => () => p.sampleEvents(groups, window, config.aws?.logFilter, cap, ro))) : Promise.resolve([]),
    ports.deploys ? read<Deploy>('deploys', () => ports.deploys!.listDeploys(window, ro)) : Promise.resolve([]),
    Promise.all((ports.tickets ?? []).map((t) => read<Ticket>(`tickets (${t.name})`, () => t.port.listTickets(window, ro)))).then((x) => x.flat()),
    all<Change>('changes', (ports.changes ?? []).map((p) => () => p.listChanges(window, ro))),
    groups.length ? all<LogInsight>('logs insights', (ports.insights ?? []).map((s) => () => readLogInsights(s, groups, window, insightsOpts))) : Promise.resolve([]),
  ]);
  if (signal?.aborted) throw new GatherCancelledError();
  const errorCap = opts.errorSampleCap ?? Math.ceil(cap / 10);
  const capped = cappedGroups(logs, groups, cap);
  const sampled = new Set(capped);
  if (capped.length && errorCap > 0 && !config.aws?.logFilter) {
    const before = gaps.length;
    // From the last sampled event on: the errors the capped sample could not reach.
    const after = (g: string) => ({ start: logs.reduce((t, e) => (e.group === g && e.at > t ? e.at : t), window.start), end: window.end });
    const reads = (ports.logs ?? []).flatMap((p) => capped.map((g) => () => p.sampleEvents([g], after(g), ERROR_FILTER, errorCap, ro)));
    const extra = await all<LogEvent>('logs (error sample)', reads);
    if (signal?.aborted) throw new GatherCancelledError();
    mergeEvents(logs, extra);
    // The error pass has its own small cap: say so, so its gap is not read as the main sample's.
    for (let i = before; i < gaps.length; i++) gaps[i] = gaps[i].replace(/^logs: (.+): stopped after/, 'logs: $1: error-only sample stopped after');
  }

  alarms.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  logs.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  gaps.push(...linkInsights(logInsights, logs, cap));
  const firing = alarms.filter((a) => a.state === 'ALARM' && Date.parse(a.at) >= Date.parse(window.start) && Date.parse(a.at) <= Date.parse(window.end));
  const onset = firing[0]?.at ?? window.start;
  const stamp = onset.replace(/[-:]/g, '').slice(0, 13).replace('T', '-');
  const title = firing.length ? `${config.service}: ${firing.map((a) => a.name).filter((n, i, xs) => xs.indexOf(n) === i).slice(0, 3).join(', ')} in ALARM` : `${config.service}: ${window.start} to ${window.end}`;

  return {
    schema: SNAPSHOT_SCHEMA,
    incident: { id: `INC-${stamp}`, title, service: config.service, startedAt: onset },
    window,
    gatheredAt: iso(now),
    alarms,
    metrics,
    logs,
    deploys,
    tickets: dedupeById(tickets),
    changes,
    ...(config.slos?.length ? { slos: config.slos } : {}),
    ...(logInsights.length ? { logInsights } : {}),
    ...(groups.length ? { logSamples: logSamples(logs, groups, cap, sampled) } : {}),
    gaps: [...new Set(gaps)],
  };
}

function logSamples(logs: LogEvent[], groups: string[], cap: number, capped: Set<string>): LogSample[] {
  const n = new Map<string, number>();
  for (const e of logs) n.set(e.group, (n.get(e.group) ?? 0) + 1);
  return groups.map((group) => ({ group, events: n.get(group) ?? 0, cap, capped: capped.has(group) }));
}

/** Gives patterns their sampled examples; a group whose sample hit the cap gets a gap saying where full counts are. */
function linkInsights(insights: LogInsight[], logs: LogEvent[], cap: number): string[] {
  const byGroup = new Map<string, LogEvent[]>();
  for (const e of logs) {
    const xs = byGroup.get(e.group);
    if (xs) xs.push(e);
    else byGroup.set(e.group, [e]);
  }
  const gaps: string[] = [];
  for (const li of insights) {
    const sample = byGroup.get(li.group) ?? [];
    attachSamples(li.patterns, sample);
    if (sample.length < cap) continue;
    const total = li.bins.reduce((n, b) => n + b.total, 0);
    gaps.push(`logs: ${li.group}: logs holds a sample of ${sample.length.toLocaleString('en-US')} events; counts per bin, error rates and patterns over all ${total.toLocaleString('en-US')} events come from Logs Insights (logInsights)`);
  }
  return gaps;
}

function dedupeById<T extends { id: string }>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => (seen.has(x.id) ? false : (seen.add(x.id), true)));
}
