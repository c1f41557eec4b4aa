// Stack trace → suspect commits of a deploy range: parse, map frames to files at TO, blame the frame lines over
// FROM..TO (one line-restricted blame per file, in parallel), rank. The editor command and the CLI both call this.
import { SuspectsInputError } from '../../core/stack/errors';
import type { StackFrame } from '../../core/stack/frame';
import { mapFrames, type SourceMapped } from '../../core/stack/mapFrames';
import { parseStack } from '../../core/stack/parseStack';
import { RepoPathIndex, type PathMapping } from '../../core/stack/pathIndex';
import { inlineSourceMap, originalPosition, sourceMappingUrlOf } from '../../core/stack/sourceMap';
import { resolveDots } from '../../core/stack/framePath';
import { NEARBY_LINES, frameWeights, rankSuspects, type BlamedLine, type CommitInfo, type Suspect, type SuspectFrame, type SuspectHit } from '../../core/stack/suspects';
import { listBuildFiles, readBuildFile } from './buildFiles';
import { hunkNear } from './diffHunks';
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
    const why = e instanceof GitError ? e.message : String(e);
    throw new SuspectsInputError(/not a git repository/i.test(why) ? `${repo.root()}: not a git repository` : `${repo.root()}: cannot read it as a git repository: ${why}`);
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
  if (parsed.frames.length === 0) throw new SuspectsInputError('no stack frames found in the trace (expected Node/JS, Python, Java/Kotlin/Scala, Go, .NET, Ruby, PHP, Rust, Elixir/Erlang or Swift frames)');
  const problems: string[] = [];
  // Round 1: the repository, both commits and the file list at TO, in parallel.
  const plainRefs = /^[^-\n\r]/.test(to) && /^[^-\n\r]/.test(from);
  const [{ state, fromCommit, toCommit }, listed, ancestorByRef] = await Promise.all([
    resolveRange(repo, from, to),
    plainRefs ? repo.listFiles(`${to}^{commit}`).catch(() => undefined) : undefined,
    plainRefs ? repo.isAncestor(`${from}^{commit}`, `${to}^{commit}`).catch(() => undefined) : undefined,
  ]);
  const deepen = 'the repository is a shallow clone: fetch more history with `git fetch --deepen=N` (or `git fetch --unshallow`) and retry';
  const range = `${fromCommit}..${toCommit}`;
  const index = new RepoPathIndex(listed ?? (await repo.listFiles(toCommit)));

  // Round 2: ancestry, every mapped file and .git-blame-ignore-revs at TO, and what the range changed in those files.
  let frames = mapFrames(parsed.frames, index, mappings);
  const [ancestor, contents, spans] = await Promise.all([
    ancestorByRef ?? repo.isAncestor(fromCommit, toCommit),
    repo.readFiles(toCommit, [IGNORE_REVS, ...mappedPaths(frames)]),
    repo.changedSpans(fromCommit, toCommit, mappedPaths(frames)),
  ]);
  if (!ancestor) {
    if (state.shallow) throw new SuspectsInputError(`'${from}' is not in the history of '${to}' that this clone holds: ${deepen}`);
    problems.push(`'${from}' is not an ancestor of '${to}': the range holds the commits of '${to}' that '${from}' lacks`);
  }
  // Source maps add a round only when a bundle is in the trace.
  const sourceMapped = await lookUpSourceMaps(repo, toCommit, parsed.frames, frames, contents, mappings, buildDirs);
  if (sourceMapped.size) {
    frames = mapFrames(parsed.frames, index, mappings, sourceMapped);
    const missing = mappedPaths(frames).filter((p) => !contents.has(p));
    const [more, moreSpans] = await Promise.all([repo.readFiles(toCommit, missing), repo.changedSpans(fromCommit, toCommit, missing)]);
    for (const [p, b] of more) contents.set(p, b);
    for (const [p, h] of moreSpans) spans.set(p, h);
  }
  const ignoreRevs = await readIgnoreRevs(repo, contents.get(IGNORE_REVS), problems);

  // Binary files and lines past the end are named, not blamed.
  const lineCounts = new Map<string, number>();
  for (const p of mappedPaths(frames)) {
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
  // A file whose lines near the frames did not change between FROM and TO has no suspect line: no blame needed.
  for (const f of frames) {
    if (!f.mapped || !f.path || f.line === undefined) continue;
    if (!hunkNear(spans.get(f.path) ?? [], f.line, NEARBY_LINES + 1)) continue;
    const n = lineCounts.get(f.path) ?? f.line;
    const list = windows.get(f.path) ?? [];
    list.push([Math.max(1, f.line - NEARBY_LINES), Math.min(n, f.line + NEARBY_LINES)]);
    windows.set(f.path, list);
  }
  // Lines removed next to a frame's line leave nothing to blame: `git log -L` over the two lines around the gap finds who.
  const gaps = new Map<string, { path: string; after: number; removed: number; frames: SuspectFrame[] }>();
  for (const f of frames) {
    if (!f.mapped || !f.path || f.line === undefined) continue;
    for (const h of spans.get(f.path) ?? []) {
      if (h.count !== 0 || h.start < f.line - NEARBY_LINES - 1 || h.start > f.line + NEARBY_LINES - 1) continue;
      const key = `${f.path}:${h.start}`;
      const gap = gaps.get(key) ?? { path: f.path, after: h.start, removed: h.oldCount, frames: [] };
      gap.frames.push(f);
      gaps.set(key, gap);
    }
  }
  const blame = new Map<string, Map<number, BlamedLine>>();
  const commits = new Map<string, CommitInfo>();
  const removals: Array<{ commit: string; hit: SuspectHit }> = [];
  type Job = { kind: 'blame'; path: string; spans: Array<[number, number]> } | { kind: 'gap'; gap: typeof gaps extends Map<string, infer G> ? G : never };
  const jobs: Job[] = [...[...windows].map(([path, sp]): Job => ({ kind: 'blame', path, spans: sp })), ...[...gaps.values()].map((gap): Job => ({ kind: 'gap', gap }))];
  await pool(jobs, BLAME_CONCURRENCY, async (job) => {
    const path = job.kind === 'blame' ? job.path : job.gap.path;
    try {
      if (job.kind === 'blame') {
        const res = await repo.blameWithCommits(path, mergeSpans(job.spans), range, { ignoreRevs, signal: input.signal });
        blame.set(path, new Map(res.lines.map((l) => [l.line, l])));
        for (const [sha, info] of res.commits) if (!commits.has(sha)) commits.set(sha, info);
        return;
      }
      const { gap } = job;
      const n = lineCounts.get(path) ?? 0;
      if (n === 0) return;
      const a = Math.min(n, Math.max(1, gap.after));
      const b = Math.min(n, gap.after + 1);
      // The commits whose change there removed lines; the others only edited the neighbours (blame sees those).
      const touched = await repo.lineLog(path, a, Math.max(a, b), range, input.signal);
      for (const culprit of touched.filter((c) => c.removed > 0)) {
        if (!commits.has(culprit.sha)) commits.set(culprit.sha, { sha: culprit.sha, author: culprit.author, at: culprit.at, summary: culprit.summary });
        for (const f of gap.frames) {
          const distance = f.line! <= gap.after ? gap.after - f.line! + 1 : f.line! - gap.after;
          removals.push({ commit: culprit.sha, hit: { frame: f.index, path, line: gap.after, distance, kind: 'removed', removedLines: culprit.removed } });
        }
      }
    } catch (e) {
      problems.push(`could not ${job.kind === 'blame' ? 'blame' : 'trace removed lines of'} ${path} over ${from}..${to}: ${e instanceof GitError ? e.message : String(e)}`);
    }
  });

  const segmentOf = (f: SuspectFrame) => {
    const pf = parsed.frames[f.index];
    return { key: `${pf.trace}/${pf.segment}`, weight: pf.segmentWeight };
  };
  const weights = frameWeights(frames, segmentOf);
  const { suspects, frameCommits } = rankSuspects(frames, weights, blame, commits, new Set(ignoreRevs), removals);
  frames.forEach((f, i) => (f.commit = frameCommits[i]));
  if (state.shallow) problems.push('the repository is a shallow clone: history before its shallow boundary is not seen');

  return {
    range: { from, to, fromCommit, toCommit },
    frames,
    suspects,
    problems,
    conclusion: conclude(frames, suspects, from, to),
    errors: parsed.errors,
  };
}

const IGNORE_REVS = '.git-blame-ignore-revs';

function mappedPaths(frames: readonly SuspectFrame[]): string[] {
  return [...new Set(frames.filter((f) => f.mapped && f.path).map((f) => f.path!))];
}

/** Repository state and both commits: one git process when all is well, a precise error when not. */
async function resolveRange(repo: GitRepo, from: string, to: string) {
  const fast = await repo.stateAndCommits([from, to]);
  if (fast) return { state: fast.state, fromCommit: fast.commits[0], toCommit: fast.commits[1] };
  const state = await openRepo(repo);
  const deepen = 'the repository is a shallow clone: fetch more history with `git fetch --deepen=N` (or `git fetch --unshallow`) and retry';
  const [fromCommit, toCommit] = await repo.resolveCommits([from, to]);
  for (const [ref, sha] of [[from, fromCommit], [to, toCommit]] as const) {
    if (!sha) throw new SuspectsInputError(state.shallow ? `unknown revision '${ref}' in ${repo.root()}: ${deepen}` : `unknown revision '${ref}' in ${repo.root()} (not a commit, branch or tag here; fetch it first?)`);
  }
  return { state, fromCommit: fromCommit!, toCommit: toCommit! };
}

async function readIgnoreRevs(repo: GitRepo, file: Buffer | undefined, problems: string[]): Promise<string[]> {
  const candidates = ignoreRevsOf(file?.toString('utf8'));
  if (candidates.length === 0) return [];
  const resolved = await repo.resolveCommits(candidates);
  candidates.forEach((rev, i) => {
    if (!resolved[i]) problems.push(`${IGNORE_REVS}: ${rev} is not a commit in this repository; not ignored`);
  });
  return resolved.filter((s): s is string => !!s);
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
 * Bundled/compiled JavaScript frames: the generated file (in the repo at TO, already read, else in a build folder),
 * its source map (`//# sourceMappingURL=`, inline or a file, else `<file>.map`) and the original position.
 */
async function lookUpSourceMaps(
  repo: GitRepo,
  toCommit: string,
  frames: readonly StackFrame[],
  mapped: readonly SuspectFrame[],
  contents: ReadonlyMap<string, Buffer | undefined>,
  mappings: readonly PathMapping[],
  buildDirs: readonly string[],
): Promise<Map<number, SourceMapped>> {
  const result = new Map<number, SourceMapped>();
  const wanted = frames
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.language === 'javascript' && f.origin === 'app' && f.line !== undefined && GENERATED_JS.test(f.file.replace(/[?#].*$/, '')));
  if (wanted.length === 0) return result;
  type Source = { where: 'repo' | 'build'; path: string };
  const located = new Map<number, Source>();
  const text = new Map<string, string | undefined>();
  for (const { i } of wanted) {
    const m = mapped[i];
    if (m.mapped && m.path && m.match !== 'basename') {
      located.set(i, { where: 'repo', path: m.path });
      text.set(`repo:${m.path}`, contents.get(m.path)?.toString('utf8'));
    }
  }
  const notInRepo = wanted.filter(({ i }) => !located.has(i));
  if (notInRepo.length && buildDirs.length) {
    const buildIndex = new RepoPathIndex(await listBuildFiles(repo.root(), buildDirs));
    for (const { f, i } of notInRepo) {
      const inBuild = buildIndex.resolve(f.file, mappings);
      if (inBuild.path === undefined) continue;
      located.set(i, { where: 'build', path: inBuild.path });
      if (!text.has(`build:${inBuild.path}`)) text.set(`build:${inBuild.path}`, await readBuildFile(repo.root(), inBuild.path));
    }
  }
  for (const { i } of notInRepo) {
    if (!located.has(i)) result.set(i, { reason: buildDirs.length ? `not found in the build folders ${buildDirs.join(', ')} either` : 'if it is a bundle, pass its build folder (--build-dir) to map it through its source map' });
  }

  // Where each frame's map is: inline JSON, or a file named by the comment. Repo files without the comment keep their lines.
  const mapOf = new Map<number, { inline?: string; src?: Source }>();
  for (const [i, src] of located) {
    const body = text.get(`${src.where}:${src.path}`);
    if (body === undefined) continue;
    const url = sourceMappingUrlOf(body);
    if (!url && src.where === 'repo') continue;
    const inline = url ? inlineSourceMap(url) : undefined;
    if (inline) mapOf.set(i, { inline });
    else {
      const dir = src.path.includes('/') ? src.path.slice(0, src.path.lastIndexOf('/') + 1) : '';
      const mapPath = url && !/^[a-z][\w+.-]*:/i.test(url) ? resolveDots(url.startsWith('/') ? url.slice(1) : dir + decodeURIComponentSafe(url)) : `${src.path}.map`;
      mapOf.set(i, { src: { where: src.where, path: mapPath } });
    }
  }
  const repoMaps = [...new Set([...mapOf.values()].flatMap((m) => (m.src?.where === 'repo' ? [m.src.path] : [])))];
  const blobs = repoMaps.length ? await repo.readFiles(toCommit, repoMaps) : new Map<string, Buffer | undefined>();
  for (const [i, m] of mapOf) {
    let json = m.inline;
    if (m.src?.where === 'repo') json = blobs.get(m.src.path)?.toString('utf8');
    else if (m.src) json = await readBuildFile(repo.root(), m.src.path);
    const mapPath = m.src?.path ?? located.get(i)!.path;
    if (json === undefined) {
      if (located.get(i)!.where === 'build') result.set(i, { reason: `no source map found for ${located.get(i)!.path} (looked for ${mapPath})` });
      continue;
    }
    result.set(i, originalPosition(json, mapPath, frames[i].line!, frames[i].column));
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
