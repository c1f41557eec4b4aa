// logSpikeSummary against a frozen copy of the implementation it had when this test was written (below, verbatim apart from
// names): any faster bookkeeping (a severity or error-ness cached per message shape, fused passes) must give the same
// summary, field for field, on the eight Loghub-2k systems and on synthetic streams with deploys, an onset, traces,
// CRLF, untimed events, converging clusters and odd inputs.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { headline, isErrorText, isoMs, type Level, LogMiner, logSpikeSummary, mineLogs, parseHeader, type PatternSpike, poissonRateTest, type SpikeOptions, type SpikeSummary } from '../../../src/core/logs';
import type { LogEvent } from '../../../src/core/model/snapshot';
import { seededRandom } from '../../../src/core/util/random';
import { LOGHUB_SYSTEMS, loghubDir } from './loghub';

const MINUTE = 60_000;
const MAX_GROUPS = 5;
const MAX_STACK_EXAMPLES = 3;
const LEVEL_ORDER: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];
const LEVEL_INDEX = new Map<Level, number>(LEVEL_ORDER.map((l, i) => [l, i]));

// ---- Reference: logSpikeSummary with a header scan and an error test per event. ----

function referenceSummary(events: readonly LogEvent[], opts: SpikeOptions): SpikeSummary {
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

  const mined = mineLogs(events, opts);
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
    const lv = parseHeader(msg, 0, nl < 0 ? msg.length : nl).level;
    if (lv !== undefined) levelCounts[t * LEVEL_ORDER.length + LEVEL_INDEX.get(lv)!]++;
    if (isErrorText(msg, lv)) errors[t]++;
    const g = (groups[t] ??= []);
    if (g.length < MAX_GROUPS && typeof ev.group === 'string' && !g.includes(ev.group)) g.push(ev.group);
    if (nl >= 0) {
      const ex = (stackExamples[t] ??= []);
      if (ex.length < MAX_STACK_EXAMPLES && /\S/.test(msg.slice(nl + 1, nl + 2000))) {
        const text = refTruncate(msg, 8000);
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
    const lv = refDominantLevel(levelCounts, t);
    spikes.push({
      templateId: tpl.id,
      template: tpl.template,
      before: before[t],
      after: after[t],
      beforeRate: exposureBefore > 0 ? (before[t] / exposureBefore) * MINUTE : 0,
      afterRate: exposureAfter > 0 ? (after[t] / exposureAfter) * MINUTE : 0,
      newSince: refNewSince(firstSeen[t], onset, winStart, deploys),
      firstSeen: new Date(firstSeen[t]).toISOString(),
      lastSeen: new Date(lastSeen[t]).toISOString(),
      surprise: test.surprise,
      pValue: test.pValue,
      direction: test.direction,
      bins,
      example: refTruncate(String(events[exampleAt[t]].message ?? ''), 2000),
      ...(lv ? { level: lv } : {}),
      errorShare: tpl.count > 0 ? errors[t] / tpl.count : 0,
      hasStackTrace: tpl.hasStackTrace,
      groups: groups[t] ?? [],
      stackExamples: stackExamples[t] ?? [],
    });
  }
  // Most surprising increase first; new templates break ties (a template seen only after the onset is news).
  spikes.sort((a, b) => refRankKey(b) - refRankKey(a) || (b.newSince ? 1 : 0) - (a.newSince ? 1 : 0) || b.after - a.after);
  return { spikes, windowStart: new Date(winStart).toISOString(), windowEnd: new Date(winEnd).toISOString(), binMs, untimed };
}

/** The most frequent severity of a template's events (the more severe on a tie). */
function refDominantLevel(counts: Uint32Array, t: number): Level | undefined {
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

function refRankKey(s: PatternSpike): number {
  return s.direction === 'up' ? s.surprise : s.direction === 'down' ? s.surprise / 2 : 0;
}

/**
 * The latest deploy the template first shows after (what links it to a change), else the onset; only when the logs
 * reach back before that time, since a template cannot be new at the very start of the sample.
 */
function refNewSince(firstSeen: number, onset: number, winStart: number, deploys: { id: string; at: number }[]): string | undefined {
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

function refTruncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

// ---- Inputs ----

const T0 = Date.parse('2026-03-02T08:00:00Z');
const TRACES = [
  '\n\tat org.apache.hadoop.hdfs.server.datanode.DataXceiver.run(DataXceiver.java:95)\n\tat java.lang.Thread.run(Thread.java:619)',
  '\r\n    at Pool.acquire (/app/node_modules/pool/index.js:40:11)\r\n    at loadItems (/app/src/data/items.js:12:5)',
  '\nTraceback (most recent call last):\n  File "app.py", line 3, in <module>\nValueError: bad',
  '\nCaused by: java.net.SocketTimeoutException: Read timed out',
  '\n   \n',
  '\n',
];

/** The same instant written the ways snapshots write it (Z, no fraction, offsets, no seconds, a space). */
function timeText(t: number, k: number): string {
  const z = new Date(t).toISOString();
  switch (k % 7) {
    case 1: return `${z.slice(0, 19)}Z`;
    case 2: return `${new Date(t + 2 * 60 * MINUTE).toISOString().slice(0, 23)}+02:00`;
    case 3: return `${new Date(t - 5.5 * 60 * MINUTE).toISOString().slice(0, 23)}-0530`;
    case 4: return `${z.slice(0, 16)}Z`;
    case 5: return z.replace('T', ' ');
    default: return z;
  }
}

/** Raw lines as events over `spanMin` minutes (in order, with jitter), a few with traces, a few untimed. */
function eventsFrom(lines: readonly string[], seed: number, spanMin: number): LogEvent[] {
  const r = seededRandom(seed);
  return lines.map((line, i) => {
    const t = T0 + Math.floor(((i + r()) / lines.length) * spanMin * MINUTE);
    const trace = r() < 0.03 ? TRACES[Math.floor(r() * TRACES.length)] : '';
    const at = r() < 0.01 ? (r() < 0.5 ? 'not a time' : '') : timeText(t, Math.floor(r() * 7));
    return { at, group: `/logs/g${Math.floor(r() * 9)}`, message: line + trace };
  });
}

function loghubLines(system: string): string[] {
  const file = path.join(loghubDir(), system, `${system}_2k.log`);
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
}

/** A service's log: busy templates, one that starts at a deploy, one that surges at the onset, levels of all kinds. */
function serviceStream(seed: number, n: number): LogEvent[] {
  const r = seededRandom(seed);
  const hex = (k: number) => Array.from({ length: k }, () => Math.floor(r() * 16).toString(16)).join('');
  const out: LogEvent[] = [];
  for (let i = 0; i < n; i++) {
    const m = (i / n) * 180;
    const t = T0 + Math.floor(m * MINUTE);
    const pick = r();
    let message: string;
    if (m >= 120 && pick < 0.2) message = `ERROR TimeoutError: connection pool exhausted id=${hex(8)}`;
    else if (m >= 100 && pick < 0.3) message = `WARN [checkout] retrying payment ${i} after 0 errors`;
    else if (pick < 0.45) message = `INFO GET /api/items/${i % 500} 200 ${Math.floor(r() * 90)}ms user=${hex(6)}`;
    else if (pick < 0.55) message = `[DEBUG] cache hit key=item:${i % 50}`;
    else if (pick < 0.62) message = `<trace> span ${hex(4)} closed`;
    else if (pick < 0.7) message = `2026-03-02 08:${String(i % 60).padStart(2, '0')}:00,123 FATAL worker ${i % 3} crashed: out of memory`;
    else if (pick < 0.78) message = `E0302 08:00:00.000 grpc ECONNRESET from peer ${i % 7}`;
    else if (pick < 0.84) message = `request failed with NullPointerException in handler ${i % 4}`;
    else if (pick < 0.9) message = `job ${i} finished with no errors, time out of ${i % 9} s`;
    else if (pick < 0.95) message = `NOTICE: throttling client ${hex(3)}`;
    else message = `ALERT disk ${i % 2} at 9${i % 10}%`;
    if (r() < 0.05) message += TRACES[Math.floor(r() * TRACES.length)];
    out.push({ at: timeText(t, i), group: r() < 0.02 ? (undefined as unknown as string) : `/svc/${Math.floor(r() * 12)}`, message });
  }
  return out;
}

function iso(min: number): string {
  return new Date(T0 + min * MINUTE).toISOString();
}

function assertSame(label: string, events: readonly LogEvent[], opts: SpikeOptions): SpikeSummary {
  const expected = referenceSummary(events, opts);
  const actual = logSpikeSummary(events, opts);
  assert.ok(expected.spikes.length > 0 || events.length === 0 || expected.untimed === events.length, `${label}: the reference found no templates`);
  assert.deepStrictEqual(actual, expected, label);
  return actual;
}

describe('logs: spike summary equals the reference implementation', function () {
  this.timeout(120_000);

  for (const system of LOGHUB_SYSTEMS) {
    it(`Loghub ${system}: onset, deploys before and after it`, () => {
      const events = eventsFrom(loghubLines(system), system.length * 7919, 240);
      const deploys = [{ id: 'old', at: iso(-30) }, { id: 'v1', at: iso(60) }, { id: 'v2', at: iso(150) }, { id: 'bad', at: 'yesterday' }];
      const s = assertSame(system, events, { onset: iso(160), deploys });
      assert.ok(s.spikes.length >= 5, `${system}: ${s.spikes.length} templates`);
      assert.ok(s.untimed > 0);
    });
  }

  it('Loghub, all eight systems interleaved: window set wider than the sample, fixed bins', () => {
    const lines = LOGHUB_SYSTEMS.flatMap((s) => loghubLines(s));
    const r = seededRandom(5);
    for (let i = lines.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [lines[i], lines[j]] = [lines[j], lines[i]];
    }
    const events = eventsFrom(lines, 17, 600);
    assertSame('all', events, { onset: iso(300), deploys: [{ id: 'd', at: iso(280) }], windowStart: iso(-60), windowEnd: iso(700), binMs: 7 * MINUTE });
    assertSame('all, onset before the sample', events, { onset: iso(-10), windowEnd: 'not a time' });
    assertSame('all, onset after the sample', events, { onset: iso(900) });
  });

  for (const seed of [1, 2, 3]) {
    it(`synthetic service stream ${seed}: a deploy-born template and an onset surge`, () => {
      const events = serviceStream(seed, 20_000);
      const deploys = [{ id: 'v7', at: iso(99.5) }, { id: 'v6', at: iso(20) }, { id: 'v8', at: iso(119.9) }];
      const s = assertSame(`service ${seed}`, events, { onset: iso(120), deploys });
      assert.ok(s.spikes.some((x) => x.newSince === 'v7'), 'a template new since v7');
      assert.ok(s.spikes.some((x) => x.newSince === 'v8' || x.newSince === 'onset'), 'a template new since the onset or v8');
      assert.ok(s.spikes.some((x) => x.level === 'fatal') && s.spikes.some((x) => x.level === 'trace'));
      assertSame(`service ${seed}, shuffled`, [...events].reverse(), { onset: iso(120), deploys, binMs: 13 * MINUTE });
    });
  }

  it('clusters whose templates converge: groups and stack examples of the merged template, in event order', () => {
    // A literal "<*>" and a number are different tokens with the same template text: two clusters, one template.
    const r = seededRandom(9);
    const events: LogEvent[] = [];
    for (let i = 0; i < 400; i++) {
      const literal = r() < 0.5;
      const trace = r() < 0.2 ? `\n    at step${Math.floor(r() * 6)} (/app/s.js:${i % 3}:1)` : '';
      events.push({ at: iso(i / 4), group: `/g${Math.floor(r() * 8)}`, message: `ping ${literal ? '<*>' : i} ok${trace}` });
    }
    const miner = new LogMiner();
    const clusters = new Set(events.map((e) => miner.addMessage(headline(e.message).head)));
    assert.ok(clusters.size > miner.finish().templates.length, 'the input should make clusters converge');
    const s = assertSame('converged', events, { onset: iso(60) });
    assert.equal(s.spikes[0].groups!.length, 5);
    assert.equal(s.spikes[0].stackExamples!.length, 3);
  });

  it('odd inputs: empty, all untimed, non-string messages and groups, one event, huge and blank messages', () => {
    assertSame('empty', [], { onset: iso(0) });
    assertSame('untimed', [{ at: 'soon', group: 'g', message: 'x 1' }, { at: 'later', group: 'g', message: 'x 2' }], { onset: iso(0) });
    const odd = [
      { at: iso(1), group: 'g', message: 42 },
      { at: iso(2), group: 7, message: null },
      { at: iso(3), group: 'g', message: undefined },
      { at: 12345, group: 'g', message: 'INFO numeric time' },
      { at: iso(4), group: 'h', message: '' },
      { at: iso(5), group: 'h', message: '   ' },
      { at: iso(6), group: 'h', message: `ERROR ${'x'.repeat(9000)}\n${'  at f (a.js:1:1)\n'.repeat(600)}` },
      { at: iso(7), group: 'h', message: `INFO big ${'y '.repeat(3000)} failed` },
      { at: iso(8), group: 'h', message: 'ERROR\r\nnext' },
      { at: iso(9), group: 'h', message: 'WARN only header\r' },
    ] as unknown as LogEvent[];
    assertSame('odd', odd, { onset: iso(5) });
    assertSame('one', odd.slice(0, 1), { onset: iso(0) });
    assert.throws(() => logSpikeSummary(odd, { onset: 'whenever' }), /onset is not an ISO time: 'whenever'/);
  });
});
