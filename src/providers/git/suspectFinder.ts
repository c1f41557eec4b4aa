// Stack trace → suspect commits of a deploy range: parse, map frames to files at TO, blame the frame lines over
// FROM..TO (one line-restricted blame per file, in parallel), rank. The editor command and the CLI both call this.
import { SuspectsInputError } from '../../core/stack/errors';
import type { StackFrame } from '../../core/stack/frame';
import { mapFrames, type SourceMapped } from '../../core/stack/mapFrames';
import { parseStack } from '../../core/stack/parseStack';
import { RepoPathIndex, type PathMapping } from '../../core/stack/pathIndex';
import { inlineSourceMap, originalPosition, sourceMappingUrlOf } from '../../core/stack/sourceMap';
import { resolveDots } from '../../core/stack/framePath';
import { NEARBY_LINES, frameWeights, rankSuspects, type BlamedLine, type CommitInfo, type Suspect, type SuspectFrame } from '../../core/stack/suspects';
import { listBuildFiles, readBuildFile } from './buildFiles';
import { GitError } from './gitCli';
import type { GitRepo } from './gitRepo';

export interface FindSuspectsInput {
  repo: GitRepo;
  /** FROM..TO: the deployed ref TO and the ref it replaced FROM. */
  range: string;
  stackText: string;
  mappings?: readonly PathMapping[];
  /** Working-tree folders (relative to the repo root) holding built bundles and their source maps. */
  buildDirs?: readonly string[];
  signal?: AbortSignal;
}

export interface SuspectsResult {
  range: { from: string; to: string; fromCommit: string; toCommit: string };
  frames: SuspectFrame[];
  suspects: Suspect[];
  /** What could not be read or checked; the answer is partial when this is not empty. */
  problems: string[];
  /** One plain sentence: the verdict. */
  conclusion: string;
  errors: string[];
}

const BLAME_CONCURRENCY = 8;

export function splitRange(range: string): { from: string; to: string } {
  const m = /^(.*?)\.\.(\.?)(.*)$/.exec(range.trim());
  if (!m || m[2] === '.') throw new SuspectsInputError(`--range must be FROM..TO (the previous deployed ref, two dots, the deployed ref), got '${range}'`);
  const from = m[1];
  const to = m[3] || 'HEAD';
  if (!from) throw new SuspectsInputError(`--range '${range}' has no FROM ref before '..'`);
  return { from, to };
}

async function openRepo(repo: GitRepo) {
  try {
    return await repo.state();
  } catch (e) {
    throw new SuspectsInputError(`${repo.root()}: not a git repository (${e instanceof GitError ? e.message : String(e)})`);
  }
}

function ignoreRevsOf(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => /^[0-9a-f]{7,64}$/i.test(l));
}

async function pool<T>(items: readonly T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function findSuspects(input: FindSuspectsInput): Promise<SuspectsResult> {
  const { repo, mappings = [], buildDirs = [] } = input;
  const { from, to } = splitRange(input.range);
  const parsed = parseStack(input.stackText);
  if (parsed.frames.length === 0) throw new SuspectsInputError('no stack frames found in the trace (expected Node/JS, Python, Java/Kotlin, Go, .NET or Ruby frames)');
  const state = await openRepo(repo);
  const problems: string[] = [];

  const [fromCommit, toCommit] = await repo.resolveCommits([from, to]);
  const deepen = 'the repository is a shallow clone: fetch more history with `git fetch --deepen=N` (or `git fetch --unshallow`) and retry';
  for (const [ref, sha] of [[from, fromCommit], [to, toCommit]] as const) {
    if (!sha) throw new SuspectsInputError(state.shallow ? `unknown revision '${ref}' in ${repo.root()}: ${deepen}` : `unknown revision '${ref}' in ${repo.root()} (not a commit, branch or tag here; fetch it first?)`);
  }
  if (!(await repo.isAncestor(fromCommit!, toCommit!))) {
    if (state.shallow) throw new SuspectsInputError(`'${from}' is not in the history of '${to}' that this clone holds: ${deepen}`);
    problems.push(`'${from}' is not an ancestor of '${to}': the range holds the commits of '${to}' that '${from}' lacks`);
  }
  const range = `${fromCommit}..${toCommit}`;

  const files = await repo.listFiles(toCommit!);
  const index = new RepoPathIndex(files);
  const ignoreFile = (await repo.readFiles(toCommit!, ['.git-blame-ignore-revs'])).get('.git-blame-ignore-revs');
  const ignoreCandidates = ignoreRevsOf(ignoreFile?.toString('utf8'));
  const ignoreResolved = await repo.resolveCommits(ignoreCandidates);
  const ignoreRevs = ignoreResolved.filter((s): s is string => !!s);
  ignoreCandidates.forEach((rev, i) => {
    if (!ignoreResolved[i]) problems.push(`.git-blame-ignore-revs: ${rev} is not a commit in this repository; not ignored`);
  });

  const sourceMapped = await lookUpSourceMaps(repo, toCommit!, parsed.frames, index, mappings, buildDirs);
  const frames = mapFrames(parsed.frames, index, mappings, sourceMapped);

  // Read every mapped file once at TO: binary files and lines past the end are named, not blamed.
  const paths = [...new Set(frames.filter((f) => f.mapped && f.path).map((f) => f.path!))];
  const contents = await repo.readFiles(toCommit!, paths);
  const lineCounts = new Map<string, number>();
  for (const p of paths) {
    const buf = contents.get(p);
    if (!buf) continue;
    if (buf.subarray(0, 8000).includes(0)) {
      for (const f of frames) if (f.path === p && f.mapped) Object.assign(f, { mapped: false, inApp: false, unmappedReason: `${p} is a binary file` });
      problems.push(`${p} is a binary file at ${to}: its frames cannot be blamed`);
      continue;
    }
    lineCounts.set(p, countLines(buf));
  }
  for (const f of frames) {
    const n = f.path ? lineCounts.get(f.path) : undefined;
    if (f.mapped && f.line !== undefined && n !== undefined && (f.line > n || f.line < 1)) {
      Object.assign(f, { mapped: false, inApp: false, unmappedReason: `line ${f.line} is past the end of ${f.path} (${n} lines at ${to}): the trace is from other code` });
      problems.push(`frame #${f.index}: line ${f.line} is past the end of ${f.path} (${n} lines at ${to})`);
    }
  }

  // One line-restricted blame per file over FROM..TO, in parallel.
  const windows = new Map<string, Array<[number, number]>>();
  for (const f of frames) {
    if (!f.mapped || !f.path || f.line === undefined) continue;
    const n = lineCounts.get(f.path) ?? f.line;
    const list = windows.get(f.path) ?? [];
    list.push([Math.max(1, f.line - NEARBY_LINES), Math.min(n, f.line + NEARBY_LINES)]);
    windows.set(f.path, list);
  }
  const blame = new Map<string, Map<number, BlamedLine>>();
  const commits = new Map<string, CommitInfo>();
  await pool([...windows.entries()], BLAME_CONCURRENCY, async ([path, spans]) => {
    try {
      const res = await repo.blameWithCommits(path, mergeSpans(spans), range, { ignoreRevs, signal: input.signal });
      blame.set(path, new Map(res.lines.map((l) => [l.line, l])));
      for (const [sha, info] of res.commits) commits.set(sha, info);
    } catch (e) {
      problems.push(`could not blame ${path} over ${from}..${to}: ${e instanceof GitError ? e.message : String(e)}`);
    }
  });

  const segmentOf = (f: SuspectFrame) => {
    const pf = parsed.frames[f.index];
    return { key: `${pf.trace}/${pf.segment}`, weight: pf.segmentWeight };
  };
  const weights = frameWeights(frames, segmentOf);
  const { suspects, frameCommits } = rankSuspects(frames, weights, blame, commits, new Set(ignoreRevs));
  frames.forEach((f, i) => (f.commit = frameCommits[i]));
  if (state.shallow) problems.push(`the repository is a shallow clone: history before its shallow boundary is not seen`);

  return {
    range: { from, to, fromCommit: fromCommit!, toCommit: toCommit! },
    frames,
    suspects,
    problems,
    conclusion: conclude(frames, suspects, from, to),
    errors: parsed.errors,
  };
}

function conclude(frames: readonly SuspectFrame[], suspects: readonly Suspect[], from: string, to: string): string {
  const mapped = frames.filter((f) => f.mapped);
  if (mapped.length === 0) return `No frame of the trace maps to a file in the repository at ${to}, so no commit can be checked (see each frame's unmappedReason).`;
  const filesN = new Set(mapped.map((f) => f.path)).size;
  if (suspects.length === 0) {
    return `No commit in ${from}..${to} changed the lines of the trace or lines near them (${mapped.length} frame${mapped.length === 1 ? '' : 's'} in ${filesN} file${filesN === 1 ? '' : 's'}): the code in the trace did not change in this deploy.`;
  }
  const top = suspects[0];
  const direct = top.hits.some((h) => h.kind === 'direct');
  return `${top.commit.slice(0, 12)}${top.summary ? ` ("${top.summary}")` : ''} is the most likely suspect: ${direct ? 'it changed a line of the trace' : 'it changed lines next to the trace'}; ${suspects.length} commit${suspects.length === 1 ? '' : 's'} in ${from}..${to} touched the trace.`;
}

function countLines(buf: Buffer): number {
  if (buf.length === 0) return 0;
  let n = 0;
  for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) n++;
  return buf[buf.length - 1] === 10 ? n : n + 1;
}

function mergeSpans(spans: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1] + 1) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

const GENERATED_JS = /\.(m?js|cjs)$/;

/**
 * Bundled/compiled JavaScript frames: find the generated file (in the repo at TO, else in a build folder), its source
 * map (`//# sourceMappingURL=`, inline or a file, else `<file>.map`), and the original position.
 */
async function lookUpSourceMaps(
  repo: GitRepo,
  toCommit: string,
  frames: readonly StackFrame[],
  index: RepoPathIndex,
  mappings: readonly PathMapping[],
  buildDirs: readonly string[],
): Promise<Map<number, SourceMapped>> {
  const result = new Map<number, SourceMapped>();
  const wanted = frames
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.language === 'javascript' && f.origin === 'app' && f.line !== undefined && GENERATED_JS.test(f.file.replace(/[?#].*$/, '')));
  if (wanted.length === 0) return result;

  const buildIndex = buildDirs.length ? new RepoPathIndex(await listBuildFiles(repo.root(), buildDirs)) : undefined;
  type Source = { where: 'repo' | 'build'; path: string };
  const located = new Map<number, Source>();
  for (const { f, i } of wanted) {
    const inRepo = index.resolve(f.file, mappings);
    if (inRepo.path !== undefined && inRepo.match !== 'basename') located.set(i, { where: 'repo', path: inRepo.path });
    else if (buildIndex) {
      const inBuild = buildIndex.resolve(f.file, mappings);
      if (inBuild.path !== undefined) located.set(i, { where: 'build', path: inBuild.path });
    }
  }
  const read = async (srcs: Source[]): Promise<Map<string, string | undefined>> => {
    const out = new Map<string, string | undefined>();
    const repoPaths = [...new Set(srcs.filter((s) => s.where === 'repo').map((s) => s.path))];
    const blobs = repoPaths.length ? await repo.readFiles(toCommit, repoPaths) : new Map<string, Buffer | undefined>();
    for (const p of repoPaths) out.set(`repo:${p}`, blobs.get(p)?.toString('utf8'));
    for (const s of srcs.filter((x) => x.where === 'build')) out.set(`build:${s.path}`, await readBuildFile(repo.root(), s.path));
    return out;
  };
  const generated = await read([...located.values()]);

  // Where each frame's map is: inline JSON, or a file next to the generated one.
  const mapOf = new Map<number, { inline?: string; src?: Source }>();
  for (const [i, src] of located) {
    const text = generated.get(`${src.where}:${src.path}`);
    if (text === undefined) continue;
    const url = sourceMappingUrlOf(text);
    const inline = url ? inlineSourceMap(url) : undefined;
    if (inline) mapOf.set(i, { inline });
    else {
      const dir = src.path.includes('/') ? src.path.slice(0, src.path.lastIndexOf('/') + 1) : '';
      const mapPath = url && !/^[a-z][\w+.-]*:/i.test(url) ? resolveDots(url.startsWith('/') ? url.slice(1) : dir + decodeURIComponentSafe(url)) : `${src.path}.map`;
      mapOf.set(i, { src: { where: src.where, path: mapPath } });
    }
  }
  const maps = await read([...mapOf.values()].flatMap((m) => (m.src ? [m.src] : [])));
  for (const [i, m] of mapOf) {
    const f = frames[i];
    const json = m.inline ?? (m.src ? maps.get(`${m.src.where}:${m.src.path}`) : undefined);
    const mapPath = m.src?.path ?? located.get(i)!.path;
    if (json === undefined) {
      if (!index.has(located.get(i)!.path)) result.set(i, { reason: `no source map found for ${located.get(i)!.path} (looked for ${mapPath})` });
      continue;
    }
    result.set(i, originalPosition(json, mapPath, f.line!, f.column));
  }
  for (const { f, i } of wanted) {
    if (!located.has(i) && !index.resolve(f.file, mappings).path) {
      result.set(i, { reason: buildDirs.length ? `not found in the build folders ${buildDirs.join(', ')} either` : 'if it is a bundle, pass its build folder (--build-dir) to map it through its source map' });
    }
  }
  return result;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
