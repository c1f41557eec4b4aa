// logSpikeSummary against a plain reference computation (Date.parse, one template per event): the fast single pass
// must count exactly what the slow obvious code counts, whatever the time format; and it keeps what the analysis
// needs (groups, stack-trace examples, the window the logs cover).
import * as assert from 'node:assert/strict';
import { isErrorMessage, logSpikeSummary, mineLogs } from '../../../src/core/logs';
import type { LogEvent } from '../../../src/core/model/snapshot';
import { seededRandom } from '../../../src/core/util/random';

const T0 = Date.parse('2026-05-01T10:00:00Z');
const MIN = 60_000;

/** The same instant written in the ways snapshots write it (Z, offsets, fractions, no seconds). */
function isoVariant(t: number, k: number): string {
  const z = new Date(t).toISOString();
  switch (k % 4) {
    case 0: return z;
    case 1: return `${z.slice(0, 19)}Z`;
    case 2: {
      const shifted = new Date(t + 2 * 60 * MIN).toISOString();
      return `${shifted.slice(0, 23)}+02:00`;
    }
    default: return `${new Date(t - 5.5 * 60 * MIN).toISOString().slice(0, 23)}-0530`;
  }
}

function events(seed: number): LogEvent[] {
  const r = seededRandom(seed);
  const out: LogEvent[] = [];
  const words = ['ERROR db timeout after', 'INFO served request', 'WARN retry', 'DEBUG cache miss', 'ERROR pool exhausted for shard'];
  for (let i = 0; i < 3000; i++) {
    const t = T0 + Math.floor(r() * 120 * MIN);
    const w = words[Math.floor(r() * words.length)];
    const trace = w.startsWith('ERROR db') && r() < 0.5 ? `\n    at query (/app/src/db/q${Math.floor(r() * 5)}.js:${1 + Math.floor(r() * 9)}:3)` : '';
    out.push({ at: r() < 0.01 ? 'not a time' : isoVariant(t, i), group: `/g${Math.floor(r() * 7)}`, message: `${w} ${Math.floor(r() * 1000)} ms${trace}` });
  }
  return out;
}

describe('logs: spike summary', function () {
  this.timeout(20_000);
  const evs = events(3);
  const onset = new Date(T0 + 90 * MIN).toISOString();
  const deploys = [{ id: 'd1', at: new Date(T0 + 80 * MIN).toISOString() }];
  const summary = logSpikeSummary(evs, { onset, deploys, binMs: 10 * MIN });

  it('counts before, after, bins, errors and times exactly as the plain computation does', () => {
    const mined = mineLogs(evs);
    const onsetMs = Date.parse(onset);
    const times = evs.map((e) => Date.parse(e.at));
    const valid = times.filter((t) => !Number.isNaN(t));
    const first = Math.min(...valid);
    const last = Math.max(...valid);
    assert.equal(summary.untimed, times.length - valid.length);
    assert.ok(summary.untimed > 0, 'the sample should hold unreadable times');
    assert.equal(summary.windowStart, new Date(first).toISOString());
    assert.equal(summary.windowEnd, new Date(last).toISOString());
    for (const s of summary.spikes) {
      const k = mined.templates.findIndex((t) => t.id === s.templateId);
      assert.ok(k >= 0, s.template);
      const idx = evs.map((_, i) => i).filter((i) => mined.assignments[i] === k);
      const timed = idx.filter((i) => !Number.isNaN(times[i]));
      assert.equal(s.before, timed.filter((i) => times[i] < onsetMs).length, s.template);
      assert.equal(s.after, timed.filter((i) => times[i] >= onsetMs).length, s.template);
      assert.equal(s.firstSeen, new Date(Math.min(...timed.map((i) => times[i]))).toISOString());
      assert.equal(s.lastSeen, new Date(Math.max(...timed.map((i) => times[i]))).toISOString());
      assert.equal(s.errorShare, idx.filter((i) => isErrorMessage(evs[i].message)).length / idx.length);
      const bin0 = Math.floor(first / (10 * MIN));
      for (const b of s.bins) {
        const from = Date.parse(b.start);
        assert.equal(from % (10 * MIN), 0);
        assert.equal(b.count, timed.filter((i) => Math.floor(times[i] / (10 * MIN)) === from / (10 * MIN)).length);
      }
      assert.equal(s.bins[0].start, new Date(bin0 * 10 * MIN).toISOString());
    }
  });

  it('keeps the groups a template was seen in (the first few) and a few distinct stack-trace examples', () => {
    const db = summary.spikes.find((s) => s.template.includes('db timeout'))!;
    assert.ok(db.hasStackTrace);
    assert.ok(db.groups!.length >= 1 && db.groups!.length <= 5, JSON.stringify(db.groups));
    assert.ok(db.groups!.every((g) => /^\/g\d$/.test(g)));
    assert.ok(db.stackExamples!.length >= 1 && db.stackExamples!.length <= 3);
    assert.equal(new Set(db.stackExamples).size, db.stackExamples!.length);
    assert.ok(db.stackExamples!.every((x) => /\n\s+at query/.test(x)));
    const served = summary.spikes.find((s) => s.template.includes('served'))!;
    assert.deepEqual(served.stackExamples, []);
  });

  it('reads the severity from the first line only, and once per event', () => {
    const s = logSpikeSummary([
      { at: '2026-05-01T10:00:00Z', group: 'g', message: 'INFO job finished\nERROR was the previous state' },
      { at: '2026-05-01T10:01:00Z', group: 'g', message: 'INFO job finished\nERROR was the previous state' },
    ], { onset: '2026-05-01T10:00:30Z' });
    assert.equal(s.spikes[0].level, 'info');
  });

  it('an empty or untimed sample has no window', () => {
    assert.deepEqual(logSpikeSummary([], { onset }), { spikes: [], untimed: 0 });
    const u = logSpikeSummary([{ at: 'soon', group: 'g', message: 'x' }], { onset });
    assert.equal(u.windowStart, undefined);
    assert.equal(u.untimed, 1);
  });
});
