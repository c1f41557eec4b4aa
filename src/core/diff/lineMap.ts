// Follows line numbers from one version of a file to another: through a diff's hunks (deployed → working tree)
// and through live edits (the editor's content changes), so marks stay on the lines they describe.
import type { Hunk, LineRange } from './hunks';

/**
 * Where old-side line `line` (1-based) of a diff is on the new side; undefined when the diff removed or rewrote it.
 * Hunks must be those of one diff, in order.
 */
export function mapLine(line: number, hunks: readonly Hunk[]): number | undefined {
  let delta = 0;
  for (const h of hunks) {
    // A hunk with oldLines 0 inserts after oldStart; otherwise it covers oldStart..oldStart+oldLines-1.
    const first = h.oldLines === 0 ? h.oldStart + 1 : h.oldStart;
    if (line < first) break;
    const last = h.oldStart + h.oldLines - 1;
    if (h.oldLines > 0 && line <= last) {
      let oldLine = h.oldStart;
      let newLine = h.newStart;
      for (const l of h.lines) {
        if (l[0] === '-') {
          if (oldLine === line) return undefined;
          oldLine++;
        } else if (l[0] === '+') {
          newLine++;
        } else {
          if (oldLine === line) return newLine;
          oldLine++;
          newLine++;
        }
      }
      return undefined;
    }
    delta += h.newLines - h.oldLines;
  }
  return line + delta;
}

/**
 * Maps a range line by line and keeps the span of what survived; undefined when every line of it is gone.
 * A range whose lines were all rewritten in place has no survivors and so disappears: the working tree no longer
 * holds the deployed text.
 */
export function mapRange(range: LineRange, hunks: readonly Hunk[]): LineRange | undefined {
  let start: number | undefined;
  let end: number | undefined;
  for (let l = range.start; l <= range.end; l++) {
    const m = mapLine(l, hunks);
    if (m === undefined) continue;
    if (start === undefined) start = m;
    end = m;
  }
  return start === undefined || end === undefined ? undefined : { start, end };
}

/** One editor content change, 0-based like the editor's positions. */
export interface TextEdit {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  text: string;
}

/** A 0-based inclusive range of whole lines, as tracked in an open editor. */
export interface TrackedLines {
  start: number;
  end: number;
}

function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Moves tracked lines through one edit: lines below the edit shift by the lines it added or removed, an edit inside
 * the range grows or shrinks it, and a range the edit deleted entirely is gone (undefined).
 */
export function applyEdit(range: TrackedLines, edit: TextEdit): TrackedLines | undefined {
  const added = newlines(edit.text);
  const removed = edit.endLine - edit.startLine;
  const delta = added - removed;
  // Entirely below the range: nothing moves.
  if (edit.startLine > range.end) return range;
  // Entirely above the range, or an insertion at column 0 of its first line that ends with a newline (it pushes the
  // line down rather than joining it).
  const pushesDown = edit.endLine === range.start && edit.endCharacter === 0 && edit.startLine <= range.start
    && (edit.startLine < range.start || (edit.startCharacter === 0 && edit.text.endsWith('\n')));
  if (edit.endLine < range.start || pushesDown) {
    return { start: range.start + delta, end: range.end + delta };
  }
  // Overlaps the range.
  const coversAll = edit.startLine <= range.start && edit.endLine >= range.end
    && !(edit.startLine === range.start && edit.startCharacter > 0)
    && (edit.endLine > range.end);
  if (coversAll && edit.text === '') return undefined;
  const start = Math.min(range.start, edit.startLine);
  // When the range ends inside the edit, it ends with the inserted text (a trailing newline starts the next line).
  const trailing = added > 0 && edit.endCharacter === 0 && edit.text.endsWith('\n') ? 1 : 0;
  const end = edit.endLine <= range.end ? range.end + delta : Math.max(edit.startLine, edit.startLine + added - trailing);
  return end < start ? undefined : { start, end };
}

/** Applies edits in the order the editor reports them (each against the text the previous left). */
export function applyEdits(range: TrackedLines, edits: readonly TextEdit[]): TrackedLines | undefined {
  let r: TrackedLines | undefined = range;
  for (const e of edits) {
    if (!r) return undefined;
    r = applyEdit(r, e);
  }
  return r;
}
