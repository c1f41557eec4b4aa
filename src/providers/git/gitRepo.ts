// The RepoPort over the real git CLI. Every read names the revision it reads: traces refer to the deployed ref.
import type { Commit } from '../../core/model/snapshot';
import type { BlameLine, RepoPort } from '../../ports';
import type { CommitInfo } from '../../core/stack/suspects';
import { parseBlamePorcelain } from './blamePorcelain';
import { parseNewSideHunks, type NewSideHunk } from './diffHunks';
import { GitError, gitRunner, type GitRunner } from './gitCli';

export interface RepoState {
  bare: boolean;
  shallow: boolean;
}

export interface BlameOptions {
  ignoreRevs?: readonly string[];
  signal?: AbortSignal;
}

export class GitRepo implements RepoPort {
  private readonly git: GitRunner;

  constructor(
    private readonly dir: string,
    git?: GitRunner,
  ) {
    this.git = git ?? gitRunner(dir);
  }

  root(): string {
    return this.dir;
  }

  /** Throws GitError when `dir` is not a git repository. */
  async state(): Promise<RepoState> {
    const out = (await this.git(['rev-parse', '--is-bare-repository', '--is-shallow-repository'])).toString('utf8').trim().split('\n');
    return { bare: out[0] === 'true', shallow: out[1] === 'true' };
  }

  /** Full commit ids of `revs` (refs, short shas), null for each that does not name a commit here. One git process. */
  async resolveCommits(revs: readonly string[]): Promise<Array<string | null>> {
    if (revs.length === 0) return [];
    // cat-file reads one object name per line: a name with a newline or a leading dash cannot be valid.
    const safe = revs.map((r) => (/[\n\r]/.test(r) || r.startsWith('-') || r === '' ? '0'.repeat(40) + 'x' : r));
    const out = (await this.git(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: safe.map((r) => `${r}^{commit}\n`).join('') })).toString('utf8');
    const lines = out.split('\n');
    return revs.map((_, i) => {
      const m = /^([0-9a-f]{40,64}) commit$/.exec(lines[i] ?? '');
      return m ? m[1] : null;
    });
  }

  /** State and the commits of `revs` in one git process; undefined when any rev does not resolve (or no repository). */
  async stateAndCommits(revs: readonly string[]): Promise<{ state: RepoState; commits: string[] } | undefined> {
    if (revs.some((r) => r === '' || r.startsWith('-') || /[\n\r]/.test(r))) return undefined;
    try {
      const out = (await this.git(['rev-parse', '--is-bare-repository', '--is-shallow-repository', ...revs.map((r) => `${r}^{commit}`), '--'])).toString('utf8').trim().split('\n');
      return { state: { bare: out[0] === 'true', shallow: out[1] === 'true' }, commits: out.slice(2, 2 + revs.length) };
    } catch {
      return undefined;
    }
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    try {
      await this.git(['merge-base', '--is-ancestor', ancestor, descendant]);
      return true;
    } catch (e) {
      if (e instanceof GitError && e.exitCode === 1) return false;
      throw e;
    }
  }

  /** Files tracked at `ref` (default: the index). */
  async listFiles(ref?: string): Promise<string[]> {
    const args = ref ? ['ls-tree', '-r', '-z', '--name-only', '--full-tree', ref] : ['ls-files', '-z'];
    return (await this.git(args)).toString('utf8').split('\0').filter(Boolean);
  }

  /** Contents of `paths` at `ref`, undefined for each missing; one `git cat-file --batch` for all. */
  async readFiles(ref: string, paths: readonly string[]): Promise<Map<string, Buffer | undefined>> {
    const result = new Map<string, Buffer | undefined>();
    const wanted = paths.filter((p) => !/[\n\r]/.test(p));
    for (const p of paths) result.set(p, undefined);
    if (wanted.length === 0) return result;
    const out = await this.git(['cat-file', '--batch'], { input: wanted.map((p) => `${ref}:${p}\n`).join('') });
    let pos = 0;
    for (const p of wanted) {
      const nl = out.indexOf(10, pos);
      if (nl < 0) break;
      const header = out.subarray(pos, nl).toString('utf8');
      pos = nl + 1;
      const m = /^[0-9a-f]{40,64} (\w+) (\d+)$/.exec(header);
      if (!m) continue; // "<name> missing" / "ambiguous"
      const size = Number(m[2]);
      if (m[1] === 'blob') result.set(p, out.subarray(pos, pos + size));
      pos += size + 1;
    }
    return result;
  }

  /** `git diff -U0 FROM...TO -- paths` (renames followed): the changed spans at TO, per TO path. */
  async changedSpans(from: string, to: string, paths: readonly string[]): Promise<Map<string, NewSideHunk[]>> {
    if (paths.length === 0) return new Map();
    const out = await this.git(['--literal-pathspecs', '-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--no-textconv', '-M', '-U0', `${from}...${to}`, '--', ...paths]);
    return parseNewSideHunks(out.toString('utf8'));
  }

  async blame(path: string, lines: Array<[number, number]>, range: string, opts: BlameOptions = {}): Promise<BlameLine[]> {
    return (await this.blameWithCommits(path, lines, range, opts)).lines;
  }

  /** `git blame --porcelain -L a,b ... RANGE -- path`: lines older than the range come back with boundary: true. */
  async blameWithCommits(path: string, lines: Array<[number, number]>, range: string, opts: BlameOptions = {}) {
    const args = ['--literal-pathspecs', 'blame', '--porcelain'];
    for (const [a, b] of lines) args.push('-L', `${a},${b}`);
    for (const rev of opts.ignoreRevs ?? []) args.push('--ignore-rev', rev);
    args.push(range, '--', path);
    const parsed = parseBlamePorcelain((await this.git(args, { signal: opts.signal })).toString('utf8'));
    return parsed;
  }

  /** Commits of `range` that changed lines a..b of `path` (at the range's tip), each with how many more lines it removed there than it added. */
  async lineLog(path: string, a: number, b: number, range: string, signal?: AbortSignal): Promise<Array<CommitInfo & { removed: number }>> {
    const out = (await this.git(['log', '--no-color', '--format=%x1e%H%x1f%an%x1f%aI%x1f%s', '-L', `${a},${b}:${path}`, range], { signal })).toString('utf8');
    return out
      .split('\x1e')
      .filter((r) => r.includes('\x1f'))
      .map((r) => {
        const nl = r.indexOf('\n');
        const [sha, author, at, summary] = (nl >= 0 ? r.slice(0, nl) : r).split('\x1f');
        const body = nl >= 0 ? r.slice(nl + 1).split('\n') : [];
        const removed = body.filter((l) => l.startsWith('-') && !l.startsWith('---')).length;
        const added = body.filter((l) => l.startsWith('+') && !l.startsWith('+++')).length;
        return { sha, author, at, summary, removed: Math.max(0, removed - added) };
      });
  }

  async log(range: string): Promise<Commit[]> {
    const out = (await this.git(['log', '--no-color', '--format=%H%x1f%an%x1f%aI%x1f%s%x1e', range, '--'])).toString('utf8');
    return out
      .split('\x1e')
      .map((r) => r.trim())
      .filter(Boolean)
      .map((r) => {
        const [sha, author, at, message] = r.split('\x1f');
        return { sha, author, at, message };
      });
  }
}
