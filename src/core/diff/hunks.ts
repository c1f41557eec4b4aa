// Unified-diff hunks: parsing and the line ranges a hunk changed on its new side.

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Body lines with their ' ', '+' or '-' prefix ('\ No newline' markers dropped). */
  lines: string[];
}

/** A 1-based inclusive line range. */
export interface LineRange {
  start: number;
  end: number;
}

const HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Hunks of a unified diff or of a bare patch (GitHub's `patch` field); file headers and other lines are skipped. */
export function parseHunks(patch: string): Hunk[] {
  const hunks: Hunk[] = [];
  let cur: Hunk | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  for (const raw of patch.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const m = HEADER.exec(line);
    if (m) {
      cur = {
        oldStart: Number(m[1]), oldLines: m[2] === undefined ? 1 : Number(m[2]),
        newStart: Number(m[3]), newLines: m[4] === undefined ? 1 : Number(m[4]),
        lines: [],
      };
      oldLeft = cur.oldLines;
      newLeft = cur.newLines;
      hunks.push(cur);
      continue;
    }
    // Outside a hunk, or past its counted lines (a following file header), nothing belongs to it.
    if (!cur || (oldLeft <= 0 && newLeft <= 0)) continue;
    const tag = line[0];
    if (tag === '\\') continue;
    if (tag === '+') newLeft--;
    else if (tag === '-') oldLeft--;
    else if (tag === ' ' || line === '') { oldLeft--; newLeft--; }
    else continue;
    cur.lines.push(line === '' ? ' ' : line);
  }
  return hunks;
}

/**
 * The new-side lines a hunk changed, as ranges: runs of added lines, and for a pure deletion the line the removed
 * text sat before (clamped to the file), so a deletion still has a place to show.
 */
export function changedRanges(hunk: Hunk): LineRange[] {
  const out: LineRange[] = [];
  let newLine = hunk.newStart;
  let run: LineRange | undefined;
  let deletedHere = false;
  const flush = () => {
    if (run) out.push(run);
    else if (deletedHere) {
      const at = Math.max(1, newLine);
      out.push({ start: at, end: at });
    }
    run = undefined;
    deletedHere = false;
  };
  for (const l of hunk.lines) {
    if (l[0] === '+') {
      run = run ? { start: run.start, end: newLine } : { start: newLine, end: newLine };
      newLine++;
    } else if (l[0] === '-') {
      deletedHere = true;
    } else {
      flush();
      newLine++;
    }
  }
  flush();
  return out;
}

/** The new-side span of a hunk's changes: first to last changed line (undefined for a hunk without changes). */
export function hunkSpan(hunk: Hunk): LineRange | undefined {
  const r = changedRanges(hunk);
  if (r.length === 0) return undefined;
  return { start: r[0].start, end: r[r.length - 1].end };
}
