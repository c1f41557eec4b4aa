// Rows of the chart: one per visible lane, the metrics lane one sparkline row per series. Events are indices.
import type { Lane, SeriesColumns } from '../shared/protocol';
import { LANES } from '../shared/protocol';
import type { TimelineModel } from './model';

export interface Row {
  lane: Lane;
  y: number;
  height: number;
  label: string;
  /** For metric rows. */
  series?: SeriesColumns;
  /** Indices of this row's events, time ascending. */
  events: Int32Array;
}

export const LANE_HEIGHT: Record<Lane, number> = { alarms: 26, deploys: 26, logs: 54, metrics: 30, tickets: 26, changes: 26 };

export const LANE_TITLE: Record<Lane, string> = {
  alarms: 'Alarms', deploys: 'Deploys', logs: 'Logs', metrics: 'Metrics', tickets: 'Tickets', changes: 'Changes',
};

export function layoutRows(model: TimelineModel, hiddenLanes: ReadonlySet<Lane>, hiddenSources: ReadonlySet<string>): Row[] {
  const ev = model.data.events;
  const hiddenSource = Uint8Array.from(ev.sources, (s) => (hiddenSources.has(s) ? 1 : 0));
  // Two passes over the columns: count per lane, then fill exact-size index arrays (events are already in time order).
  const counts = new Int32Array(LANES.length);
  for (let i = 0; i < ev.count; i++) if (!hiddenSource[ev.source[i]]) counts[ev.lane[i]]++;
  const byLane = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(LANES.length);
  for (let i = 0; i < ev.count; i++) {
    if (hiddenSource[ev.source[i]]) continue;
    const l = ev.lane[i];
    byLane[l][fill[l]++] = i;
  }
  const rows: Row[] = [];
  let y = 0;
  LANES.forEach((lane, l) => {
    if (hiddenLanes.has(lane)) return;
    if (lane === 'metrics') {
      for (const s of model.data.metrics) {
        if (hiddenSources.has(s.source)) continue;
        rows.push({ lane, y, height: LANE_HEIGHT.metrics, label: s.label, series: s, events: new Int32Array(0) });
        y += LANE_HEIGHT.metrics;
      }
      return;
    }
    if (byLane[l].length === 0) return;
    rows.push({ lane, y, height: LANE_HEIGHT[lane], label: LANE_TITLE[lane], events: byLane[l] });
    y += LANE_HEIGHT[lane];
  });
  return rows;
}

/** Position in `idx` of the first event at or after `t` (`idx` time ascending). */
export function lowerBound(at: Float64Array, idx: Int32Array, t: number): number {
  let lo = 0;
  let hi = idx.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at[idx[mid]] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The event of `idx` nearest to time `t` within `tolerance` ms (inside a span counts as 0), or -1. */
export function nearest(model: TimelineModel, idx: Int32Array, t: number, tolerance: number): number {
  const { at, end } = model.data.events;
  const i = lowerBound(at, idx, t);
  let best = -1;
  let bestD = tolerance;
  for (const j of [i - 1, i]) {
    if (j < 0 || j >= idx.length) continue;
    const e = idx[j];
    const d = !Number.isNaN(end[e]) && t >= at[e] && t <= end[e] ? 0 : Math.abs(at[e] - t);
    if (d <= bestD) { best = e; bestD = d; }
  }
  return best;
}
