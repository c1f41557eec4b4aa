// Which log templates changed at the incident: per-template counts in time bins, templates new since the onset or a
// deploy, ranked by a conditional Poisson rate test of after-onset against before-onset (exposure-normalised), not by
// raw count deltas. One pass over the events after mining, typed arrays per template: it runs on every analysis.
import type { LogEvent } from '../model/snapshot';
import { isErrorText } from './errorish';
import { type Level, parseHeader } from './header';
import { isoMs } from './isoTime';
import type { LogMinerOptions } from './miner';
import { mineLogs } from './mine';
import { poissonRateTest } from './stats';
import { ShapeFlags, UNSAFE } from './shapeFlags';

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
  lastSeen?: string;
  /** -log10 of pValue: how surprising the change of rate is. */
  surprise: number;
  /** One-sided p-value of the change in `direction` under "same rate before and after". */
  pValue: number;
  direction: 'up' | 'down' | 'flat';
  bins: { start: string; count: number }[];
  example: string;
  level?: Level;
  /** Share of its events that read as errors (all of them, timed or not). */
  errorShare: number;
  hasStackTrace: boolean;
  /** Log groups it was seen in (the first few). */
  groups?: string[];
  /** The first few distinct messages of the template that carry a stack trace (for frame extraction). */
  stackExamples?: string[];
}

export interface SpikeSummary {
  spikes: PatternSpike[];
  /** Observed window (ISO) and bin width; absent when no event has a readable time. */
  windowStart?: string;
  windowEnd?: string;
  binMs?: number;
  /** Events whose time could not be read (counted in no period). */
  untimed: number;
}

const MINUTE = 60_000;
const MAX_GROUPS = 5;
const MAX_STACK_EXAMPLES = 3;
/** isErrorText reads the first 2,000 characters: longer lines are never remembered by shape. */
const MAX_SHAPED = 2000;
const LEVEL_ORDER: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];
const LEVEL_INDEX = new Map<Level, number>(LEVEL_ORDER.map((l, i) => [l, i]));

export function logSpikes(events: readonly LogEvent[], opts: SpikeOptions): PatternSpike[] {
  return logSpikeSummary(events, opts).spikes;
}

/** logSpikes with the window it observed, for callers that need to know how far back the logs reach. */
export function logSpikeSummary(events: readonly LogEvent[], opts: SpikeOptions): SpikeSummary {
  const onset = isoMs(String(opts.onset));
  if (Number.isNaN(onset)) throw new RangeError(`onset is not an ISO time: '${opts.onset}'`);
  const n = events.length;
  const times = new Float64Array(n);
  let first = Infinity;
  let last = -Infinity;
  let untimed = 0;
  for (let i = 0; i < n; i++) {
    const at = events[i].at;
    const t = typeof at === 'string' ? isoMs(at) : NaN;
    times[i] = t;
    if (t === t) {
      if (t < first) first = t;
      if (t > last) last = t;
    } else untimed++;
  }
  if (first === Infinity) return { spikes: [], untimed };
  const start = opts.windowStart ? isoMs(opts.windowStart) : first;
  const end = opts.windowEnd ? isoMs(opts.windowEnd) : last;
  const winStart = Number.isNaN(start) ? first : Math.min(start, first);
  const winEnd = Number.isNaN(end) ? last : Math.max(end, last);
  const binMs = opts.binMs && opts.binMs > 0 ? opts.binMs : Math.max(MINUTE, Math.ceil((winEnd - winStart) / 60 / MINUTE) * MINUTE);
  const bin0 = Math.floor(winStart / binMs);
  const nBins = Math.floor(winEnd / binMs) - bin0 + 1;
  // Exposure: the before period runs from the window start to the onset, the after period from the onset to the end.
  const exposureBefore = Math.max(0, onset - winStart);
  const exposureAfter = Math.max(0, winEnd - onset);

  const shapes = { known: new Uint8Array(n), hi: new Int32Array(n), lo: new Int32Array(n) };
  const mined = mineLogs(events, opts, shapes);
  const flagsOf = new ShapeFlags();
  const k = mined.templates.length;
  const assignments = mined.assignments;
  const before = new Float64Array(k);
  const after = new Float64Array(k);
  const errors = new Float64Array(k);
  const firstSeen = new Float64Array(k).fill(Infinity);
  const lastSeen = new Float64Array(k).fill(-Infinity);
  const exampleAt = new Int32Array(k).fill(-1);
  const levelCounts = new Uint32Array(k * LEVEL_ORDER.length);
  const binCounts = new Uint32Array(k * nBins);
  const groups: string[][] = [];
  const stackExamples: string[][] = [];
  for (let i = 0; i < n; i++) {
    const t = assignments[i];
    const ev = events[i];
    const raw = ev.message;
    const msg = typeof raw === 'string' ? raw : String(raw ?? '');
    const nl = msg.indexOf('\n');
    // Flags: level index + 1 in the low three bits (0: none), 8 when the line reads as an error.
    const shaped = shapes.known[i] === 1 && msg.length <= MAX_SHAPED;
    let f = shaped ? flagsOf.get(shapes.hi[i], shapes.lo[i]) : -1;
    if (f < 0) {
      const lv = parseHeader(msg, 0, nl < 0 ? msg.length : nl).level;
      f = (lv === undefined ? 0 : LEVEL_INDEX.get(lv)! + 1) | (isErrorText(msg, lv) ? 8 : 0);
      // With a level that decides the error flag by itself, the words do not matter.
      if (shaped && (lv === 'fatal' || lv === 'error' || lv === 'debug' || lv === 'trace' || !UNSAFE.test(msg))) flagsOf.set(shapes.hi[i], shapes.lo[i], f);
    }
    if ((f & 7) !== 0) levelCounts[t * LEVEL_ORDER.length + (f & 7) - 1]++;
    if (f & 8) errors[t]++;
    const g = (groups[t] ??= []);
    if (g.length < MAX_GROUPS && typeof ev.group === 'string' && !g.includes(ev.group)) g.push(ev.group);
    if (nl >= 0) {
      const ex = (stackExamples[t] ??= []);
      if (ex.length < MAX_STACK_EXAMPLES && /\S/.test(msg.slice(nl + 1, nl + 2000))) {
        const text = truncate(msg, 8000);
        if (!ex.includes(text)) ex.push(text);
      }
    }
    if (exampleAt[t] < 0) exampleAt[t] = i;
    const at = times[i];
    if (at !== at) continue;
    if (at < onset) before[t]++;
    else after[t]++;
    if (at < firstSeen[t]) {
      firstSeen[t] = at;
      exampleAt[t] = i;
    }
    if (at > lastSeen[t]) lastSeen[t] = at;
    binCounts[t * nBins + Math.floor(at / binMs) - bin0]++;
  }

  const deploys = (opts.deploys ?? [])
    .map((d) => ({ id: d.id, at: isoMs(String(d.at)) }))
    .filter((d) => !Number.isNaN(d.at))
    .sort((a, b) => a.at - b.at);
  // Bin start times are the same for every template: format them once.
  const binStarts = Array.from({ length: nBins }, (_, b) => new Date((bin0 + b) * binMs).toISOString());
  const spikes: PatternSpike[] = [];
  for (let t = 0; t < k; t++) {
    if (firstSeen[t] === Infinity) continue;
    const tpl = mined.templates[t];
    const test = poissonRateTest(before[t], after[t], exposureBefore, exposureAfter);
    const bins = new Array<{ start: string; count: number }>(nBins);
    for (let b = 0; b < nBins; b++) bins[b] = { start: binStarts[b], count: binCounts[t * nBins + b] };
    const lv = dominantLevel(levelCounts, t);
    spikes.push({
      templateId: tpl.id,
      template: tpl.template,
      before: before[t],
      after: after[t],
      beforeRate: exposureBefore > 0 ? (before[t] / exposureBefore) * MINUTE : 0,
      afterRate: exposureAfter > 0 ? (after[t] / exposureAfter) * MINUTE : 0,
      newSince: newSince(firstSeen[t], onset, winStart, deploys),
      firstSeen: new Date(firstSeen[t]).toISOString(),
      lastSeen: new Date(lastSeen[t]).toISOString(),
      surprise: test.surprise,
      pValue: test.pValue,
      direction: test.direction,
      bins,
      example: truncate(String(events[exampleAt[t]].message ?? ''), 2000),
      ...(lv ? { level: lv } : {}),
      errorShare: tpl.count > 0 ? errors[t] / tpl.count : 0,
      hasStackTrace: tpl.hasStackTrace,
      groups: groups[t] ?? [],
      stackExamples: stackExamples[t] ?? [],
    });
  }
  // Most surprising increase first; new templates break ties (a template seen only after the onset is news).
  spikes.sort((a, b) => rankKey(b) - rankKey(a) || (b.newSince ? 1 : 0) - (a.newSince ? 1 : 0) || b.after - a.after);
  return { spikes, windowStart: new Date(winStart).toISOString(), windowEnd: new Date(winEnd).toISOString(), binMs, untimed };
}

/** The most frequent severity of a template's events (the more severe on a tie). */
function dominantLevel(counts: Uint32Array, t: number): Level | undefined {
  let best = -1;
  let bestCount = 0;
  for (let l = 0; l < LEVEL_ORDER.length; l++) {
    const c = counts[t * LEVEL_ORDER.length + l];
    if (c > bestCount) {
      best = l;
      bestCount = c;
    }
  }
  return best >= 0 ? LEVEL_ORDER[best] : undefined;
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
