// Reads `git diff -U0` output: per file at the new side, the line spans the diff changed (a deletion is a point).

export interface NewSideHunk {
  /** Lines the old side had here (for a pure deletion: how many were removed). */
  oldCount: number;
  /** First line at the new side; for a pure deletion, the line after which lines were removed (may be 0). */
  start: number;
  /** Lines at the new side; 0 for a pure deletion. */
  count: number;
}

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Undoes git's C-style quoting of unusual paths ("a\tb", octal escapes for bytes). */
export function unquoteGitPath(p: string): string {
  if (!p.startsWith('"') || !p.endsWith('"')) return p;
  const body = p.slice(1, -1);
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
      continue;
    }
    const n = body[i + 1];
    if (/[0-7]/.test(n ?? '')) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[n] ?? n.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

export function parseNewSideHunks(diff: string): Map<string, NewSideHunk[]> {
  const out = new Map<string, NewSideHunk[]>();
  let current: NewSideHunk[] | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = line.slice(4);
      if (target === '/dev/null') current = undefined;
      else {
        const p = unquoteGitPath(target).replace(/^b\//, '');
        current = out.get(p) ?? [];
        out.set(p, current);
      }
      continue;
    }
    const m = HUNK.exec(line);
    if (m && current) current.push({ oldCount: m[1] === undefined ? 1 : Number(m[1]), start: Number(m[2]), count: m[3] === undefined ? 1 : Number(m[3]) });
  }
  return out;
}

/** Whether a hunk lies within `margin` lines of `line`. */
export function hunkNear(hunks: readonly NewSideHunk[], line: number, margin: number): boolean {
  return hunks.some((h) => {
    const first = h.start;
    const last = h.count === 0 ? h.start + 1 : h.start + h.count - 1;
    return last >= line - margin && first <= line + margin;
  });
}
