// Ranks the commits of a deploy range by how directly they touched the lines of a stack trace.
import type { FrameOrigin, StackLanguage } from './frame';
import type { MatchKind } from './pathIndex';

/** Lines either side of a frame's line whose change plausibly moved or caused it. */
export const NEARBY_LINES = 3;

export interface SuspectFrame {
  index: number;
  /** The path or URL as the trace prints it. */
  file: string;
  /** Line in `path` (after source mapping); the trace's own line when unmapped. */
  line?: number;
  column?: number;
  function?: string;
  language: StackLanguage;
  origin: FrameOrigin;
  /** The application's own code: not a library or runtime frame, and found in the repository. */
  inApp: boolean;
  trace: number;
  depth: number;
  /** Repository path at the deployed ref, or null when the frame could not be mapped. */
  path: string | null;
  mapped: boolean;
  match?: MatchKind | 'sourcemap';
  unmappedReason?: string;
  /** Position in the bundled/compiled file, when a source map led to `path`/`line`. */
  generated?: { file: string; line: number; column?: number };
  /** Commit in the range that last changed this exact line; null when it is older than the range. */
  commit: string | null;
}

export interface BlamedLine {
  line: number;
  commit: string;
  /** Reached the start of the range: the line is older than FROM, so not a suspect. */
  boundary: boolean;
  originalLine: number;
  originalPath: string;
}

export interface CommitInfo {
  sha: string;
  summary?: string;
  author?: string;
  at?: string;
}

export interface SuspectHit {
  frame: number;
  path: string;
  /** The changed line at the deployed ref. */
  line: number;
  /** 0 = the frame's own line. */
  distance: number;
  /** removed: lines next to the frame's line were deleted (blame cannot see those; a dropped guard is a classic cause). */
  kind: 'direct' | 'nearby' | 'removed';
  /** For `removed`: how many lines. */
  removedLines?: number;
  /** Path in the commit itself, when the file was renamed since. */
  originalPath?: string;
}

export interface Suspect {
  commit: string;
  score: number;
  frames: number[];
  reason: string;
  summary?: string;
  author?: string;
  at?: string;
  hits: SuspectHit[];
}

/**
 * How much a frame counts: the topmost in-app frame of the root cause most, each deeper in-app frame less.
 * `segmentOf` tells which trace segment (error, cause, goroutine) a frame belongs to and that segment's weight.
 */
export function frameWeights(frames: readonly SuspectFrame[], segmentOf: (f: SuspectFrame) => { key: string; weight: number }): number[] {
  const rankInSegment = new Map<string, number>();
  return frames.map((f) => {
    if (!f.mapped) return 0;
    const seg = segmentOf(f);
    const rank = rankInSegment.get(seg.key) ?? 0;
    if (f.inApp) rankInSegment.set(seg.key, rank + 1);
    const match = f.match === 'basename' ? 0.6 : 1;
    // A mapped frame that is not the app's own (vendored library code) counts as if it were two frames deeper, and less.
    return f.inApp ? 0.8 * Math.pow(0.6, rank) * seg.weight * match : 0.8 * Math.pow(0.6, rank + 2) * seg.weight * match * 0.3;
  });
}

function hitStrength(distance: number): number {
  return distance === 0 ? 1 : 0.5 * (1 - (distance - 1) / NEARBY_LINES);
}

function describe(hit: SuspectHit, frame: SuspectFrame): string {
  const fn = frame.function ? `, ${frame.function}` : '';
  const renamed = hit.originalPath && hit.originalPath !== hit.path ? ` (then named ${hit.originalPath})` : '';
  if (hit.kind === 'removed') {
    const n = hit.removedLines === 1 ? '1 line' : `${hit.removedLines ?? 'some'} lines`;
    const where = hit.line < (frame.line ?? 0) ? `after line ${hit.line}, above` : `after line ${hit.line}, below`;
    return `removed ${n} of ${hit.path}${renamed} ${where} frame #${hit.frame}${fn} at line ${frame.line} — nearby removal`;
  }
  if (hit.kind === 'direct') return `changed line ${hit.line} of ${hit.path}${renamed} (frame #${hit.frame}${fn}) — direct hit`;
  const where = hit.line < (frame.line ?? 0) ? 'above' : 'below';
  const n = hit.distance === 1 ? '1 line' : `${hit.distance} lines`;
  return `changed line ${hit.line} of ${hit.path}${renamed}, ${n} ${where} frame #${hit.frame}${fn} at line ${frame.line} — nearby`;
}

/**
 * `blame` holds, per repository path, the blamed lines around each frame's line at the deployed ref.
 * Returns the suspects, best first, and for each frame the in-range commit that changed its exact line.
 */
export function rankSuspects(
  frames: readonly SuspectFrame[],
  weights: readonly number[],
  blame: ReadonlyMap<string, ReadonlyMap<number, BlamedLine>>,
  commits: ReadonlyMap<string, CommitInfo>,
  ignored: ReadonlySet<string> = new Set(),
  removals: ReadonlyArray<{ commit: string; hit: SuspectHit }> = [],
): { suspects: Suspect[]; frameCommits: Array<string | null> } {
  const best = new Map<string, Map<number, SuspectHit>>(); // commit → frame → closest hit
  const frameCommits = frames.map(() => null as string | null);
  for (const { commit, hit } of removals) {
    if (ignored.has(commit)) continue;
    let perFrame = best.get(commit);
    if (!perFrame) best.set(commit, (perFrame = new Map()));
    const prev = perFrame.get(hit.frame);
    if (!prev || hit.distance < prev.distance) perFrame.set(hit.frame, hit);
  }
  for (const f of frames) {
    if (!f.mapped || f.path === null || f.line === undefined) continue;
    const lines = blame.get(f.path);
    if (!lines) continue;
    for (let d = -NEARBY_LINES; d <= NEARBY_LINES; d++) {
      const b = lines.get(f.line + d);
      if (!b || b.boundary || ignored.has(b.commit)) continue;
      const distance = Math.abs(d);
      if (distance === 0) frameCommits[f.index] = b.commit;
      let perFrame = best.get(b.commit);
      if (!perFrame) best.set(b.commit, (perFrame = new Map()));
      const prev = perFrame.get(f.index);
      if (!prev || distance < prev.distance) {
        perFrame.set(f.index, {
          frame: f.index,
          path: f.path,
          line: b.line,
          distance,
          kind: distance === 0 ? 'direct' : 'nearby',
          originalPath: b.originalPath !== f.path ? b.originalPath : undefined,
        });
      }
    }
  }
  const suspects: Suspect[] = [];
  for (const [commit, perFrame] of best) {
    const hits = [...perFrame.values()].sort((a, b) => a.distance - b.distance || weights[b.frame] - weights[a.frame] || a.frame - b.frame);
    let miss = 1;
    for (const h of hits) miss *= 1 - weights[h.frame] * hitStrength(h.distance);
    const info = commits.get(commit);
    const byFrame = [...hits].sort((a, b) => a.frame - b.frame);
    suspects.push({
      commit,
      score: Math.round((1 - miss) * 1000) / 1000,
      frames: byFrame.map((h) => h.frame),
      reason: hits.map((h) => describe(h, frames[h.frame])).join('; '),
      summary: info?.summary,
      author: info?.author,
      at: info?.at,
      hits: byFrame,
    });
  }
  suspects.sort((a, b) => b.score - a.score || a.frames[0] - b.frames[0] || (b.at ?? '').localeCompare(a.at ?? '') || a.commit.localeCompare(b.commit));
  return { suspects, frameCommits };
}
