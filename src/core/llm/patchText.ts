// A parsed patch applied in memory, for the review diff only (git applies the real thing), and the redaction
// placeholders put back into a patch line by line, so a restored multi-line secret keeps its diff prefix.
import { PatchError, type FilePatch, type Hunk, type HunkLine, type ParsedPatch } from './patchDiff';

function splitLines(text: string): { lines: string[]; eofNewline: boolean } {
  if (text === '') return { lines: [], eofNewline: false };
  const eofNewline = text.endsWith('\n');
  return { lines: (eofNewline ? text.slice(0, -1) : text).split('\n'), eofNewline };
}

const show = (s: string | undefined) => (s === undefined ? '(end of file)' : JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s));
const header = (h: Hunk) => `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`;

/** Index of `want` in `lines` at or after `min`, nearest to `expected` (git also allows an offset, never fuzz). */
function findBlock(lines: string[], want: string[], expected: number, min: number): number {
  if (!want.length) return Math.min(Math.max(expected, min), lines.length);
  const matches = (pos: number) => pos >= min && pos + want.length <= lines.length && want.every((w, k) => lines[pos + k] === w);
  for (let d = 0; expected - d >= min || expected + d <= lines.length; d++) {
    if (matches(expected - d)) return expected - d;
    if (d && matches(expected + d)) return expected + d;
  }
  return -1;
}

/**
 * The file's text after `f`; undefined when `f` deletes it. `original` undefined means the file does not exist.
 * Throws PatchError naming the hunk and the first line that differs.
 */
export function applyToText(original: string | undefined, f: FilePatch): string | undefined {
  if (f.kind === 'create' && original !== undefined) throw new PatchError(`${f.path} already exists, but the patch creates it`);
  if (f.kind !== 'create' && original === undefined) throw new PatchError(`${f.path} does not exist in the working tree`);
  const { lines, eofNewline } = splitLines(original ?? '');
  let eof = eofNewline;
  let shift = 0;
  let min = 0;
  f.hunks.forEach((h, k) => {
    const oldSide = h.lines.filter((l) => l.op !== '+');
    const newSide = h.lines.filter((l) => l.op !== '-');
    const want = oldSide.map((l) => l.text);
    const expected = (h.oldLines === 0 ? h.oldStart : h.oldStart - 1) + shift;
    // git's rules: a hunk starting at line 0 or 1 must match at the beginning, one without trailing context at the end.
    const lastChange = h.lines.reduce((last, l, j) => (l.op !== ' ' ? j : last), -1);
    const matchEnd = lastChange === h.lines.length - 1;
    const matchBeginning = h.oldStart <= 1;
    const at = matchBeginning ? 0 : matchEnd ? lines.length - want.length : undefined;
    const pos = at === undefined ? findBlock(lines, want, expected, min) : at >= min && findBlock(lines, want, at, at) === at ? at : -1;
    if (pos < 0 && at !== undefined && findBlock(lines, want, expected, min) >= 0) {
      throw new PatchError(
        matchBeginning
          ? `hunk ${k + 1} of ${f.path} (${header(h)}) starts at line ${h.oldStart}, so git applies it only at the beginning of the file, where it does not match`
          : `hunk ${k + 1} of ${f.path} (${header(h)}) has no context lines after its change, so git applies it only at the end of the file, where it does not match; the patch needs the lines that follow the change`,
      );
    }
    if (pos < 0) {
      const near = Math.min(Math.max(expected, min), lines.length);
      const diff = want.findIndex((w, j) => lines[near + j] !== w);
      const n = near + Math.max(diff, 0);
      throw new PatchError(
        `hunk ${k + 1} of ${f.path} (${header(h)}) does not match the current file: line ${n + 1} is ${show(lines[n])}, the patch expects ${show(want[Math.max(diff, 0)])}`,
      );
    }
    const atEnd = pos + want.length === lines.length;
    if (atEnd && oldSide.length && !!oldSide[oldSide.length - 1].noNewline === eof && f.kind !== 'create') {
      throw new PatchError(`hunk ${k + 1} of ${f.path} (${header(h)}) expects the file to ${eof ? 'lack' : 'have'} a newline at its end`);
    }
    lines.splice(pos, want.length, ...newSide.map((l) => l.text));
    if (atEnd) eof = newSide.length ? !newSide[newSide.length - 1].noNewline : pos > 0;
    shift += pos - expected + newSide.length - oldSide.length;
    min = pos + newSide.length;
  });
  if (f.kind === 'delete') {
    if (lines.length) throw new PatchError(`the patch deletes ${f.path} but leaves ${lines.length} of its lines`);
    return undefined;
  }
  return lines.length ? `${lines.join('\n')}${eof ? '\n' : ''}` : '';
}

/** Puts secrets back into every line; a secret spanning lines becomes that many lines with the same prefix. */
export function restorePatch(patch: ParsedPatch, restore: (text: string) => string): ParsedPatch {
  return {
    files: patch.files.map((f) => {
      let extraOld = 0;
      let extraNew = 0;
      const hunks = f.hunks.map((h): Hunk => {
        const lines = h.lines.flatMap((l): HunkLine[] => {
          const parts = restore(l.text).split('\n');
          return parts.map((text, j) => ({ op: l.op, text, ...(l.noNewline && j === parts.length - 1 ? { noNewline: true } : {}) }));
        });
        const oldLines = lines.filter((l) => l.op !== '+').length;
        const newLines = lines.filter((l) => l.op !== '-').length;
        const out: Hunk = { ...h, oldStart: h.oldStart + (h.oldStart ? extraOld : 0), newStart: h.newStart + (h.newStart ? extraNew : 0), oldLines, newLines, lines };
        extraOld += oldLines - h.oldLines;
        extraNew += newLines - h.newLines;
        return out;
      });
      return { ...f, hunks };
    }),
  };
}
