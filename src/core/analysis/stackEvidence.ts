// Stack frames of the new errors, and which of a deploy's changed files they point at. Parsing, in-app detection and
// path matching are the stack module's (src/core/stack); this file only feeds it log examples and changed files.
import { mapFrames } from '../stack/mapFrames';
import { parseStack } from '../stack/parseStack';
import { RepoPathIndex } from '../stack/pathIndex';
import type { StackFrame } from '../stack/frame';
import type { Deploy } from '../model/snapshot';
import type { ClassifiedPattern } from './context';

export interface LogFrame {
  frame: StackFrame;
  /** The log-pattern evidence the frame came from. */
  evidenceId: string;
}

/** The application's own frames (no library or runtime frames) in the stack traces of the reported patterns. */
export function appFrames(spikes: readonly ClassifiedPattern[]): LogFrame[] {
  const out: LogFrame[] = [];
  for (const s of spikes) {
    const seen = new Set<string>();
    for (const text of s.pattern.stackExamples ?? []) {
      for (const frame of parseStack(text).frames) {
        if (frame.origin !== 'app' || !frame.file || frame.line === undefined) continue;
        const key = `${frame.file}:${frame.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ frame, evidenceId: s.evidenceId });
      }
    }
  }
  return out;
}

/** Compiled output (dist/x.js) stands for its source (src/x.ts) when no source map is at hand. */
const BUILT = /\.(?:js|mjs|cjs)$/;
const SOURCE_EXTS = ['.ts', '.tsx', '.mts', '.cts', '.jsx'];

/**
 * For each frame, the changed file of the deploy it points at, or undefined. A frame must match on more than its
 * file name, unless the trace prints only a file name (JVM, bundles): a lone name says little in a large repository.
 */
export function changedFilesHit(frames: readonly LogFrame[], deploy: Deploy): Array<string | undefined> {
  const files = [...new Set((deploy.commits ?? []).flatMap((c) => (c.files ?? []).map((f) => f.path.replace(/\\/g, '/').replace(/^\.\//, ''))))];
  if (!files.length || !frames.length) return frames.map(() => undefined);
  const index = new RepoPathIndex(files);
  const mapped = mapFrames(frames.map((f) => f.frame), index, []);
  return mapped.map((m, i) => {
    const bare = !/[\\/]/.test(frames[i].frame.file);
    if (m.mapped && m.path && (m.match !== 'basename' || bare)) return m.path;
    return builtToSource(frames[i].frame.file, index);
  });
}

function builtToSource(file: string, index: RepoPathIndex): string | undefined {
  if (!BUILT.test(file)) return undefined;
  for (const ext of SOURCE_EXTS) {
    const r = index.resolve(file.replace(BUILT, ext));
    // The build root differs (dist/ vs src/): the file and its directory must match.
    if (r.path !== undefined && r.matchedSegments >= 2) return r.path;
  }
  return undefined;
}
