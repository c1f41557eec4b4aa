// Which log templates changed at the incident: per-template counts in time bins, templates new since the onset or a
// deploy, ranked by a conditional Poisson rate test of after-onset against before-onset (exposure-normalised), not by
// raw count deltas.
import type { LogEvent } from '../model/snapshot';
import { isErrorMessage } from './errorish';
import { type Level, parseHeader } from './header';
import type { LogMinerOptions } from './miner';
import { mineLogs } from './mine';
import { headline } from './multiline';
import { poissonRateTest } from './stats';

export interface SpikeOptions extends LogMinerOptions {
  /** Incident onset (ISO). */
  onset: string;
  deploys?: { id: string; at: string }[];
  /** Bin width; default: the window split in about 60 bins, rounded up to whole minutes. */
  binMs?: number;
  /** Observed window; default: first and last event. Set it when the log sample covers a known window. */
  windowStart?: string;
  windowEnd?: string;
}

export interface PatternSpike {
  templateId: string;
  template: string;
  before: number;
  after: number;
  /** Events per minute before and after the onset. */
  beforeRate: number;
  afterRate: number;
  /** The template first shows after this deploy id (the latest one before it), else after the onset ('onset'). */
  newSince?: 'onset' | string;
  firstSeen: string;
  /** -log10 of pValue: how surprising the change of rate is. */
  surprise: number;
  /** One-sided p-value of the change in `direction` under "same rate before and after". */
  pValue: number;
  direction: 'up' | 'down' | 'flat';
  bins: { start: string; count: number }[];
  example: string;
  level?: Level;
  /** Share of its events that read as errors. */
  errorShare: number;
  hasStackTrace: boolean;
}

const MINUTE = 60_000;

export function logSpikes(events: readonly LogEvent[], opts: SpikeOptions): PatternSpike[] {
  const onset = Date.parse(opts.onset);
  if (Number.isNaN(onset)) throw new RangeError(`onset is not an ISO time: '${opts.onset}'`);
  const times = new Float64Array(events.length);
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < events.length; i++) {
    const t = Date.parse(events[i].at);
    times[i] = t;
    if (!Number.isNaN(t)) {
      if (t < first) first = t;
      if (t > last) last = t;
    }
  }
  if (first === Infinity) return [];
  const start = opts.windowStart ? Date.parse(opts.windowStart) : first;
  const end = opts.windowEnd ? Date.parse(opts.windowEnd) : last;
  const winStart = Number.isNaN(start) ? first : Math.min(start, first);
  const winEnd = Number.isNaN(end) ? last : Math.max(end, last);
  const binMs = opts.binMs && opts.binMs > 0 ? opts.binMs : Math.max(MINUTE, Math.ceil((winEnd - winStart) / 60 / MINUTE) * MINUTE);
  const bin0 = Math.floor(winStart / binMs);
  const nBins = Math.floor(winEnd / binMs) - bin0 + 1;
  // Exposure: the before period runs from the window start to the onset, the after period from the onset to the end.
  const exposureBefore = Math.max(0, onset - winStart);
  const exposureAfter = Math.max(0, winEnd - onset);

  const mined = mineLogs(events, opts);
  const k = mined.templates.length;
  const before = new Float64Array(k);
  const after = new Float64Array(k);
  const errors = new Float64Array(k);
  const firstSeen = new Float64Array(k).fill(Infinity);
  const exampleAt = new Int32Array(k).fill(-1);
  const binCounts: Uint32Array[] = [];
  const levels: Map<Level, number>[] = [];
  for (let i = 0; i < events.length; i++) {
    const t = mined.assignments[i];
    if (exampleAt[t] < 0) exampleAt[t] = i;
    const msg = String(events[i].message ?? '');
    if (isErrorMessage(msg)) errors[t]++;
    const lv = parseHeader(headline(msg).head).level;
    if (lv) (levels[t] ??= new Map()).set(lv, (levels[t].get(lv) ?? 0) + 1);
    const at = times[i];
    if (Number.isNaN(at)) continue;
    if (at < onset) before[t]++;
    else after[t]++;
    if (at < firstSeen[t]) {
      firstSeen[t] = at;
      exampleAt[t] = i;
    }
    (binCounts[t] ??= new Uint32Array(nBins))[Math.floor(at / binMs) - bin0]++;
  }

  const deploys = (opts.deploys ?? [])
    .map((d) => ({ id: d.id, at: Date.parse(d.at) }))
    .filter((d) => !Number.isNaN(d.at))
    .sort((a, b) => a.at - b.at);
  const spikes: PatternSpike[] = [];
  for (let t = 0; t < k; t++) {
    if (firstSeen[t] === Infinity) continue;
    const tpl = mined.templates[t];
    const test = poissonRateTest(before[t], after[t], exposureBefore, exposureAfter);
    const bins = binCounts[t];
    const lv = levels[t] ? [...levels[t].entries()].sort((a, b) => b[1] - a[1])[0][0] : undefined;
    const total = before[t] + after[t];
    spikes.push({
      templateId: tpl.id,
      template: tpl.template,
      before: before[t],
      after: after[t],
      beforeRate: exposureBefore > 0 ? (before[t] / exposureBefore) * MINUTE : 0,
      afterRate: exposureAfter > 0 ? (after[t] / exposureAfter) * MINUTE : 0,
      newSince: newSince(firstSeen[t], onset, winStart, deploys),
      firstSeen: new Date(firstSeen[t]).toISOString(),
      surprise: test.surprise,
      pValue: test.pValue,
      direction: test.direction,
      bins: Array.from(bins, (count, b) => ({ start: new Date((bin0 + b) * binMs).toISOString(), count })),
      example: truncate(String(events[exampleAt[t]].message ?? ''), 2000),
      ...(lv ? { level: lv } : {}),
      errorShare: total > 0 ? errors[t] / total : 0,
      hasStackTrace: tpl.hasStackTrace,
    });
  }
  // Most surprising increase first; new templates break ties (a template seen only after the onset is news).
  return spikes.sort((a, b) => rankKey(b) - rankKey(a) || (b.newSince ? 1 : 0) - (a.newSince ? 1 : 0) || b.after - a.after);
}

function rankKey(s: PatternSpike): number {
  return s.direction === 'up' ? s.surprise : s.direction === 'down' ? s.surprise / 2 : 0;
}

/**
 * The latest deploy the template first shows after (what links it to a change), else the onset; only when the logs
 * reach back before that time, since a template cannot be new at the very start of the sample.
 */
function newSince(firstSeen: number, onset: number, winStart: number, deploys: { id: string; at: number }[]): string | undefined {
  let ref: string | undefined;
  let refAt = -Infinity;
  for (const d of deploys) {
    if (d.at <= firstSeen && d.at > winStart && d.at > refAt) {
      ref = d.id;
      refAt = d.at;
    }
  }
  if (ref !== undefined) return ref;
  return onset <= firstSeen && onset > winStart ? 'onset' : undefined;
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
