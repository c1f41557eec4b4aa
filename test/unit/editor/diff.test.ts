import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { applyEdit, applyEdits, changedRanges, hunkSpan, mapLine, mapRange, parseHunks } from '../../../src/core/diff';
import { DEMO_ORDERS_PATCH } from '../../../src/core/demo/demoSnapshot';

describe('diff hunks', () => {
  it('parses a bare GitHub patch and finds the added run', () => {
    const [h, ...rest] = parseHunks(DEMO_ORDERS_PATCH);
    assert.equal(rest.length, 0);
    assert.deepEqual([h.oldStart, h.oldLines, h.newStart, h.newLines], [18, 12, 18, 21]);
    // line 18 context, 19 '-' then ten '+' lines → new lines 19..28
    assert.deepEqual(changedRanges(h), [{ start: 19, end: 28 }]);
    assert.deepEqual(hunkSpan(h), { start: 19, end: 28 });
  });

  it('skips file headers and reads omitted counts as 1', () => {
    const diff = 'diff --git a/x b/x\nindex 1..2 100644\n--- a/x\n+++ b/x\n@@ -3 +3 @@\n-old\n+new\n@@ -10,2 +10,0 @@\n-a\n-b\n';
    const hs = parseHunks(diff);
    assert.equal(hs.length, 2);
    assert.deepEqual(changedRanges(hs[0]), [{ start: 3, end: 3 }]);
    // a pure deletion is shown at the line that followed it
    assert.deepEqual(changedRanges(hs[1]), [{ start: 10, end: 10 }]);
  });

  it('separates runs split by context', () => {
    const [h] = parseHunks('@@ -1,5 +1,6 @@\n a\n+b\n c\n-d\n+e\n+f\n g\n');
    assert.deepEqual(changedRanges(h), [{ start: 2, end: 2 }, { start: 4, end: 5 }]);
  });
});

describe('mapping lines through a diff', () => {
  const hunks = parseHunks('@@ -2,3 +2,4 @@\n a\n-b\n+B\n+B2\n c\n@@ -10,0 +12,2 @@\n+x\n+y\n');
  it('shifts lines below hunks and drops rewritten ones', () => {
    assert.equal(mapLine(1, hunks), 1);
    assert.equal(mapLine(2, hunks), 2);
    assert.equal(mapLine(3, hunks), undefined);
    assert.equal(mapLine(4, hunks), 5);
    assert.equal(mapLine(10, hunks), 11);
    assert.equal(mapLine(11, hunks), 14);
    assert.deepEqual(mapRange({ start: 2, end: 4 }, hunks), { start: 2, end: 5 });
    assert.equal(mapRange({ start: 3, end: 3 }, hunks), undefined);
  });

  it('agrees with real git on random edits (new line holds the same text)', function () {
    this.timeout(20_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'il-diff-'));
    try {
      const git = (...a: string[]) => execFileSync('git', ['-C', dir, ...a], { encoding: 'utf8' });
      git('init', '-q');
      const original = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
      fc.assert(fc.property(
        fc.array(fc.tuple(fc.nat(39), fc.nat(3), fc.nat(3)), { minLength: 1, maxLength: 5 }),
        (ops) => {
          const next = [...original];
          let k = 0;
          for (const [at, del, ins] of ops) {
            const pos = Math.min(at, next.length);
            next.splice(pos, del, ...Array.from({ length: ins }, () => `new ${k++}`));
          }
          writeFileSync(path.join(dir, 'a.txt'), `${original.join('\n')}\n`);
          writeFileSync(path.join(dir, 'b.txt'), `${next.join('\n')}\n`);
          let out = '';
          try {
            out = git('diff', '--no-index', '-U0', 'a.txt', 'b.txt');
          } catch (e) {
            out = (e as { stdout: string }).stdout;
          }
          const hs = parseHunks(out);
          for (let l = 1; l <= original.length; l++) {
            const m = mapLine(l, hs);
            if (m !== undefined) assert.equal(next[m - 1], original[l - 1], `line ${l} → ${m}`);
          }
          // every surviving original line is found by the map
          const found = new Set(original.map((_, i) => mapLine(i + 1, hs)).filter((x) => x !== undefined));
          assert.equal(found.size, next.filter((t) => t.startsWith('line ')).length);
        },
      ), { numRuns: 40 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('tracking lines through edits', () => {
  const r = { start: 10, end: 12 };
  const edit = (sl: number, sc: number, el: number, ec: number, text: string) =>
    ({ startLine: sl, startCharacter: sc, endLine: el, endCharacter: ec, text });
  it('shifts when lines are inserted or removed above', () => {
    assert.deepEqual(applyEdit(r, edit(2, 0, 2, 0, 'a\nb\n')), { start: 12, end: 14 });
    assert.deepEqual(applyEdit(r, edit(2, 0, 5, 0, '')), { start: 7, end: 9 });
    assert.deepEqual(applyEdit(r, edit(10, 0, 10, 0, 'new\n')), { start: 11, end: 13 });
  });
  it('ignores edits below and grows with edits inside', () => {
    assert.equal(applyEdit(r, edit(13, 0, 20, 0, '')), r);
    assert.deepEqual(applyEdit(r, edit(11, 4, 11, 4, '\n\n')), { start: 10, end: 14 });
    assert.deepEqual(applyEdit(r, edit(11, 0, 12, 3, 'x')), { start: 10, end: 11 });
  });
  it('drops a range whose lines are deleted', () => {
    assert.equal(applyEdit(r, edit(9, 0, 13, 0, '')), undefined);
    assert.equal(applyEdits(r, [edit(0, 0, 0, 0, 'a\n'), edit(10, 0, 14, 0, '')]), undefined);
  });
  it('matches a simulated document for random line edits', () => {
    fc.assert(fc.property(fc.nat(30), fc.nat(5), fc.nat(4), (at, del, ins) => {
      const doc = Array.from({ length: 30 }, (_, i) => `l${i}`);
      const tracked = { start: 10, end: 12 };
      const next = [...doc];
      next.splice(at, del, ...Array.from({ length: ins }, (_, i) => `n${i}`));
      const text = Array.from({ length: ins }, (_, i) => `n${i}\n`).join('');
      const out = applyEdit(tracked, edit(at, 0, Math.min(at + del, 30), 0, text));
      const kept = ['l10', 'l11', 'l12'].filter((t) => next.includes(t));
      if (kept.length === 0) {
        // rewritten lines may leave the inserted text marked; never more lines than were inserted there
        if (out) assert.ok(out.end - out.start + 1 <= Math.max(ins, 1));
        return;
      }
      assert.ok(out, 'range kept');
      for (const t of kept) {
        const idx = next.indexOf(t);
        assert.ok(idx >= out.start && idx <= out.end, `${t} at ${idx} inside ${out.start}..${out.end}`);
      }
    }), { numRuns: 300 });
  });
});
