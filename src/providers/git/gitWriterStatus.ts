// `git status --porcelain=v1 -z` → what is staged, modified, untracked, conflicted.

export interface TreeStatus {
  dirty: boolean;
  staged: string[];
  modified: string[];
  untracked: string[];
  conflicted: string[];
}

const CONFLICT = new Set(['DD', 'AU', 'UD', 'UA', 'DU', 'AA', 'UU']);

export function parseStatus(raw: Buffer | string): TreeStatus {
  const parts = raw.toString('utf8').split('\0');
  const s: TreeStatus = { dirty: false, staged: [], modified: [], untracked: [], conflicted: [] };
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i];
    if (entry.length < 4) continue;
    const xy = entry.slice(0, 2);
    const file = entry.slice(3);
    // Renames and copies carry the old path as the next NUL-separated field.
    if (xy[0] === 'R' || xy[0] === 'C') i++;
    if (xy === '??') s.untracked.push(file);
    else if (xy === '!!') continue;
    else if (CONFLICT.has(xy)) s.conflicted.push(file);
    else {
      if (xy[0] !== ' ') s.staged.push(file);
      if (xy[1] !== ' ') s.modified.push(file);
    }
  }
  s.dirty = s.staged.length + s.modified.length + s.untracked.length + s.conflicted.length > 0;
  return s;
}
