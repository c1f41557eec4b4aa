// Rows of the chart: one per visible lane, the metrics lane one sparkline row per series.
import type { Lane, MetricSeries, TimelineData, TimelineEvent } from '../shared/protocol';
import { LANES } from '../shared/protocol';

export interface Row {
  lane: Lane;
  y: number;
  height: number;
  label: string;
  /** For metric rows. */
  series?: MetricSeries;
  /** Events of this row, time ascending. */
  events: TimelineEvent[];
}

export const LANE_HEIGHT: Record<Lane, number> = { alarms: 26, deploys: 26, logs: 54, metrics: 30, tickets: 26, changes: 26 };

export const LANE_TITLE: Record<Lane, string> = {
  alarms: 'Alarms', deploys: 'Deploys', logs: 'Logs', metrics: 'Metrics', tickets: 'Tickets', changes: 'Changes',
};

export function layoutRows(data: TimelineData, hiddenLanes: ReadonlySet<Lane>, hiddenSources: ReadonlySet<string>): Row[] {
  const rows: Row[] = [];
  let y = 0;
  for (const lane of LANES) {
    if (hiddenLanes.has(lane)) continue;
    if (lane === 'metrics') {
      for (const s of data.metrics) {
        if (hiddenSources.has(s.source)) continue;
        rows.push({ lane, y, height: LANE_HEIGHT.metrics, label: s.label, series: s, events: [] });
        y += LANE_HEIGHT.metrics;
      }
      continue;
    }
    const events = data.events.filter((e) => e.lane === lane && !hiddenSources.has(e.source));
    if (events.length === 0) continue;
    rows.push({ lane, y, height: LANE_HEIGHT[lane], label: LANE_TITLE[lane], events });
    y += LANE_HEIGHT[lane];
  }
  return rows;
}

/** Index of the first event at or after `t` (events time ascending). */
export function lowerBound(events: readonly TimelineEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid].at < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The event nearest to time `t` within `tolerance` ms, or undefined. */
export function nearest(events: readonly TimelineEvent[], t: number, tolerance: number): TimelineEvent | undefined {
  const i = lowerBound(events, t);
  let best: TimelineEvent | undefined;
  let bestD = tolerance;
  for (const j of [i - 1, i]) {
    const e = events[j];
    if (!e) continue;
    const d = e.end !== undefined && t >= e.at && t <= e.end ? 0 : Math.abs(e.at - t);
    if (d <= bestD) { best = e; bestD = d; }
  }
  return best;
}

export function sources(data: TimelineData): string[] {
  return [...new Set([...data.events.map((e) => e.source), ...data.metrics.map((m) => m.source)])].sort();
}
