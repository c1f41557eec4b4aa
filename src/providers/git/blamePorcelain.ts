// Reads `git blame --porcelain` output: which commit each line comes from, and whether it is a range boundary.
import type { BlamedLine, CommitInfo } from '../../core/stack/suspects';

export interface PorcelainBlame {
  lines: BlamedLine[];
  commits: Map<string, CommitInfo>;
}

const HEADER = /^([0-9a-f]{40}|[0-9a-f]{64}) (\d+) (\d+)(?: \d+)?$/;

export function parseBlamePorcelain(text: string): PorcelainBlame {
  const lines: BlamedLine[] = [];
  const commits = new Map<string, CommitInfo & { boundary: boolean; filename?: string; authorTime?: number }>();
  let cur: { sha: string; orig: number; final: number; filename?: string } | undefined;
  for (const l of text.split('\n')) {
    if (cur === undefined) {
      const m = HEADER.exec(l);
      if (m) {
        cur = { sha: m[1], orig: Number(m[2]), final: Number(m[3]) };
        if (!commits.has(cur.sha)) commits.set(cur.sha, { sha: cur.sha, boundary: false });
      }
      continue;
    }
    const info = commits.get(cur.sha)!;
    if (l.startsWith('\t')) {
      const originalPath = cur.filename ?? info.filename ?? '';
      lines.push({ line: cur.final, commit: cur.sha, boundary: info.boundary, originalLine: cur.orig, originalPath });
      cur = undefined;
    } else if (l === 'boundary') info.boundary = true;
    else if (l.startsWith('filename ')) {
      cur.filename = l.slice(9);
      info.filename = cur.filename;
    } else if (l.startsWith('author ')) info.author = l.slice(7);
    else if (l.startsWith('author-time ')) info.at = new Date(Number(l.slice(12)) * 1000).toISOString();
    else if (l.startsWith('summary ')) info.summary = l.slice(8);
  }
  // A commit's "boundary" line may come after lines already recorded for it.
  for (const line of lines) line.boundary = commits.get(line.commit)?.boundary ?? false;
  const out = new Map<string, CommitInfo>();
  for (const [sha, c] of commits) out.set(sha, { sha, summary: c.summary, author: c.author, at: c.at });
  return { lines, commits: out };
}
