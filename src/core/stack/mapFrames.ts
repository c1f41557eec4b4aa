// Maps parsed frames onto repository files at the deployed ref; every frame that does not map says why.
import type { StackFrame } from './frame';
import { isDependencyPath } from './origin';
import type { PathMapping, PathResolution, RepoPathIndex } from './pathIndex';
import type { SuspectFrame } from './suspects';

/** What a source map said about a frame (already looked up by the caller, which does the I/O). */
export type SourceMapped = { source: string; line: number; column?: number } | { source?: undefined; reason: string };

function candidatePath(f: StackFrame): string | undefined {
  if (f.language === 'java' && f.className) {
    // Package directories + the file name the trace gives (Kotlin/Scala files need not be named after the class).
    const outer = f.className.split('$')[0];
    const dot = outer.lastIndexOf('.');
    const pkg = dot > 0 ? outer.slice(0, dot).replace(/\./g, '/') : '';
    const simple = outer.slice(dot + 1);
    const file = /\.\w+$/.test(f.file) && f.file !== 'Unknown Source' ? f.file : `${simple}.java`;
    return pkg ? `${pkg}/${file}` : file;
  }
  return f.file || undefined;
}

function unmapped(base: Omit<SuspectFrame, 'path' | 'mapped' | 'commit' | 'inApp'>, reason: string): SuspectFrame {
  return { ...base, inApp: false, path: null, mapped: false, unmappedReason: reason, commit: null };
}

export function mapFrames(
  frames: readonly StackFrame[],
  index: RepoPathIndex,
  mappings: readonly PathMapping[],
  sourceMapped: ReadonlyMap<number, SourceMapped> = new Map(),
): SuspectFrame[] {
  const resolutions: Array<PathResolution | undefined> = frames.map((f, i) => {
    const sm = sourceMapped.get(i);
    if (sm?.source !== undefined) return index.resolve(sm.source, mappings);
    const p = candidatePath(f);
    return p ? index.resolve(p, mappings) : undefined;
  });
  // Second pass: ties broken by the directories of the frames that mapped unambiguously.
  const hints = resolutions.flatMap((r) => (r?.path !== undefined ? [r.path] : []));
  return frames.map((f, i) => {
    const sm = sourceMapped.get(i);
    let r = resolutions[i];
    if (r && r.path === undefined && r.candidates && hints.length) {
      const p = sm?.source ?? candidatePath(f);
      if (p) r = index.resolve(p, mappings, hints);
    }
    const base = {
      index: i,
      file: f.file,
      line: f.line,
      column: f.column,
      function: f.function,
      language: f.language,
      origin: f.origin,
      trace: f.trace,
      depth: f.depth,
    };
    if (!f.file && f.language === 'dotnet') return unmapped(base, 'the trace gives no file and line (built without debug symbols)');
    if (f.file === 'Native Method') return unmapped(base, 'native method: no source line');
    if (sm?.source !== undefined) {
      const generated = { file: f.file, line: f.line ?? 0, column: f.column };
      const withMap = { ...base, line: sm.line, column: sm.column, generated };
      if (!r || r.path === undefined) return unmapped(withMap, `source map points at ${sm.source}, which ${r ? r.reason.replace(/^no file/, 'matches no file') : 'is not in the repository'}`);
      return { ...withMap, inApp: f.origin === 'app', path: r.path, mapped: true, match: 'sourcemap', commit: null };
    }
    if (!r) return unmapped(base, 'the frame has no file');
    if (r.path === undefined) {
      const why = f.origin === 'app' ? r.reason : `${f.origin} frame, not in the repository`;
      return unmapped(base, sm ? `${why}; ${sm.reason}` : why);
    }
    // A library or runtime frame counts only when its file really is in this repository (the repository is that
    // library: express, the Go tree, CPython); a bare file-name match is a coincidence.
    const strong = r.match !== 'basename';
    if (f.origin !== 'app' && !strong) return unmapped(base, `${f.origin} frame, not in the repository (only the file name matches ${r.path})`);
    if (f.line === undefined) return { ...unmapped(base, 'the trace gives no line number'), path: r.path };
    const match = f.language === 'java' && r.matchedSegments >= 2 ? 'package' : r.match;
    const inApp = f.origin === 'app' || !isDependencyPath(r.path);
    return { ...base, inApp, path: r.path, mapped: true, match, commit: null };
  });
}
