import * as assert from 'node:assert/strict';
import { frameWeights, rankSuspects, type BlamedLine, type SuspectFrame } from '../../../src/core/stack/suspects';

const frame = (index: number, path: string, line: number, over: Partial<SuspectFrame> = {}): SuspectFrame => ({
  index, file: `/app/${path}`, line, language: 'javascript', origin: 'app', inApp: true, trace: 0, depth: index, path, mapped: true, match: 'suffix', commit: null, function: `f${index}`, ...over,
});
const blamed = (entries: Array<[string, number, string, boolean?]>) => {
  const m = new Map<string, Map<number, BlamedLine>>();
  for (const [path, line, commit, boundary] of entries) {
    if (!m.has(path)) m.set(path, new Map());
    m.get(path)!.set(line, { line, commit, boundary: !!boundary, originalLine: line, originalPath: path });
  }
  return m;
};
const seg = () => ({ key: '0/0', weight: 1 });

describe('rankSuspects', () => {
  it('weighs the topmost in-app frame most, and ignores unmapped and later frames in the rank', () => {
    const frames = [frame(0, 'a.js', 10, { mapped: false, inApp: false, path: null }), frame(1, 'a.js', 20), frame(2, 'b.js', 5)];
    const w = frameWeights(frames, seg);
    assert.equal(w[0], 0);
    assert.ok(w[1] > w[2]);
  });

  it('ranks a direct hit above a nearby one, and adds up several frames of one commit', () => {
    const frames = [frame(0, 'a.js', 10), frame(1, 'b.js', 20), frame(2, 'c.js', 30)];
    const w = frameWeights(frames, seg);
    const { suspects, frameCommits } = rankSuspects(frames, w, blamed([
      ['a.js', 11, 'near'],
      ['b.js', 20, 'multi'], ['c.js', 30, 'multi'],
      ['a.js', 9, 'old', true], ['a.js', 10, 'old', true],
    ]), new Map());
    assert.deepEqual(suspects.map((s) => s.commit), ['multi', 'near']);
    assert.deepEqual(suspects[0].frames, [1, 2]);
    assert.deepEqual(frameCommits, [null, 'multi', 'multi']);
    assert.match(suspects[1].reason, /changed line 11 of a\.js, 1 line below frame #0, f0 at line 10 — nearby/);
  });

  it('a direct hit on the top frame beats a nearby change on it', () => {
    const frames = [frame(0, 'a.js', 10)];
    const { suspects } = rankSuspects(frames, frameWeights(frames, seg), blamed([['a.js', 10, 'direct'], ['a.js', 12, 'near']]), new Map());
    assert.deepEqual(suspects.map((s) => s.commit), ['direct', 'near']);
    assert.ok(suspects[0].score > suspects[1].score);
  });

  it('never names boundary or ignored commits', () => {
    const frames = [frame(0, 'a.js', 10)];
    const { suspects } = rankSuspects(frames, frameWeights(frames, seg), blamed([['a.js', 10, 'b', true], ['a.js', 11, 'ign']]), new Map(), new Set(['ign']));
    assert.deepEqual(suspects, []);
  });
});
