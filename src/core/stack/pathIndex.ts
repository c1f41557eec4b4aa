// Finds the repository file a frame's path names: explicit mappings first, then the longest trailing match against
// the repository's file list (deployment prefixes like /var/task/ or /home/runner/work/x/x/ simply do not match).
import { normalizeFramePath, resolveDots, segmentsOf } from './framePath';

export interface PathMapping {
  from: string;
  to: string;
}

export type MatchKind = 'exact' | 'mapping' | 'suffix' | 'package' | 'basename';

export type PathResolution =
  | { path: string; match: MatchKind; matchedSegments: number }
  | { path?: undefined; reason: string; candidates?: string[] };

export class RepoPathIndex {
  private readonly files: Set<string>;
  private readonly byName = new Map<string, string[]>();

  constructor(files: readonly string[]) {
    this.files = new Set(files);
    for (const f of files) {
      const name = f.slice(f.lastIndexOf('/') + 1);
      const list = this.byName.get(name);
      if (list) list.push(f);
      else this.byName.set(name, [f]);
    }
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /** Resolves a raw trace path; `hints` are directories of frames already mapped, used to break ties. */
  resolve(raw: string, mappings: readonly PathMapping[] = [], hints: readonly string[] = []): PathResolution {
    const norm = normalizeFramePath(raw);
    const mapped = applyMappings(norm, mappings);
    if (mapped !== undefined) {
      if (this.files.has(mapped)) return { path: mapped, match: 'mapping', matchedSegments: segmentsOf(mapped).length };
      const viaMapping = this.bySuffix(mapped, hints);
      if (viaMapping.path !== undefined) return { path: viaMapping.path, match: 'mapping', matchedSegments: viaMapping.matchedSegments };
      return { reason: `path mapping turned it into ${mapped}, which is not in the repository at the deployed ref` };
    }
    const rel = norm.replace(/^\//, '');
    if (!norm.startsWith('/') && this.files.has(rel)) return { path: rel, match: 'exact', matchedSegments: segmentsOf(rel).length };
    return this.bySuffix(norm, hints);
  }

  /** Longest trailing match; among equals the candidate wholly matched, then the one nearest the hints. */
  bySuffix(norm: string, hints: readonly string[] = []): PathResolution {
    const segs = segmentsOf(norm);
    const name = segs[segs.length - 1];
    if (!name) return { reason: 'the frame has no file path' };
    const candidates = this.byName.get(name);
    if (!candidates) return { reason: `no file named ${name} in the repository at the deployed ref` };
    let best = 0;
    let top: string[] = [];
    for (const c of candidates) {
      const k = trailingMatch(segs, segmentsOf(c));
      if (k > best) {
        best = k;
        top = [c];
      } else if (k === best) top.push(c);
    }
    if (top.length > 1) {
      const whole = top.filter((c) => segmentsOf(c).length === best);
      if (whole.length === 1) top = whole;
    }
    if (top.length > 1 && hints.length) {
      const scored = top.map((c) => ({ c, s: Math.max(...hints.map((h) => commonPrefix(segmentsOf(c), segmentsOf(h)))) }));
      const max = Math.max(...scored.map((x) => x.s));
      const near = scored.filter((x) => x.s === max);
      if (max > 0 && near.length === 1) top = [near[0].c];
    }
    if (top.length > 1) {
      const shown = top.slice(0, 4).join(', ') + (top.length > 4 ? `, … (${top.length} in all)` : '');
      return { reason: `ambiguous: ${top.length} files end in ${segs.slice(-best).join('/')} (${shown})`, candidates: top };
    }
    const path = top[0];
    const whole = best === segmentsOf(path).length;
    return { path, match: best >= 2 || whole ? 'suffix' : 'basename', matchedSegments: best };
  }
}

export function applyMappings(norm: string, mappings: readonly PathMapping[]): string | undefined {
  let hit: PathMapping | undefined;
  let hitFrom = '';
  for (const m of mappings) {
    const from = normalizeFramePath(m.from);
    const prefix = from.endsWith('/') || from === '' ? from : `${from}/`;
    if ((norm.startsWith(prefix) || norm === from) && from.length > hitFrom.length) {
      hit = m;
      hitFrom = from;
    }
  }
  if (!hit) return undefined;
  const rest = norm.slice(hitFrom.length).replace(/^\//, '');
  const to = normalizeFramePath(hit.to).replace(/^\//, '');
  return resolveDots(to ? `${to}/${rest}` : rest).replace(/^\//, '');
}

function trailingMatch(a: string[], b: string[]): number {
  let k = 0;
  while (k < a.length && k < b.length && a[a.length - 1 - k] === b[b.length - 1 - k]) k++;
  return k;
}

function commonPrefix(a: string[], b: string[]): number {
  let k = 0;
  while (k < a.length - 1 && k < b.length && a[k] === b[k]) k++;
  return k;
}
