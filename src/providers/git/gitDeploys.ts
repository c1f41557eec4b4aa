// Deploys from the local git repository when there is no GitHub: release tags matching a pattern, or merges to a
// branch; each deploy's commits with their patches come from `git log -p previous..this`.
import type { DeploysConfig } from '../../core/config/config';
import { parseGitRemote } from '../../core/config/gitRemote';
import type { ChangedFile, Commit, Deploy, FileStatus } from '../../core/model/snapshot';
import type { DeploysPort, Partial, ReadOptions, TimeWindow } from '../../ports';
import { gitRunner, type GitRunner } from './gitCli';

const RS = '\x1e';
const US = '\x1f';
const isoZ = (t: string) => new Date(t).toISOString().replace('.000Z', 'Z');

/** Splits `git show/log -p` output of one commit into files with their hunks. */
export function parsePatchFiles(diff: string): ChangedFile[] {
  const files: ChangedFile[] = [];
  const parts = diff.split(/^diff --git /m).slice(1);
  for (const part of parts) {
    const lines = part.split('\n');
    const head = /^a\/(.+?) b\/(.+)$/.exec(lines[0]);
    let path = head?.[2] ?? lines[0];
    let previousPath: string | undefined;
    let status: FileStatus = 'modified';
    let i = 1;
    for (; i < lines.length && !lines[i].startsWith('@@'); i++) {
      const l = lines[i];
      if (l.startsWith('new file mode')) status = 'added';
      else if (l.startsWith('deleted file mode')) status = 'deleted';
      else if (l.startsWith('rename from ')) {
        status = 'renamed';
        previousPath = l.slice('rename from '.length);
      } else if (l.startsWith('rename to ')) path = l.slice('rename to '.length);
      else if (l.startsWith('+++ b/')) path = l.slice(6);
    }
    const hunks = lines.slice(i);
    while (hunks.length && hunks[hunks.length - 1] === '') hunks.pop();
    files.push({ path, status, ...(previousPath ? { previousPath } : {}), ...(hunks.length ? { patch: `${hunks.join('\n')}\n` } : {}) });
  }
  return files;
}

/** Commits of a range, oldest first, each with its changed files and patches. */
export async function commitsInRange(git: GitRunner, range: string, signal?: AbortSignal): Promise<Commit[]> {
  const out = (await git(['log', '--reverse', '--no-color', '--no-ext-diff', '-M', '-p', `--format=${RS}%H${US}%an <%ae>${US}%aI${US}%B${US}`, range], { signal })).toString('utf8');
  return out.split(RS).slice(1).map((chunk) => {
    const [sha, author, at, message, diff] = chunk.split(US);
    return { sha, author, at: isoZ(at), message: message.trim(), files: parsePatchFiles(diff ?? '') };
  });
}

/** owner/repo of the `origin` remote, when it is a GitHub-like URL. */
export async function originRepo(dir: string): Promise<{ owner: string; repo: string; host: string } | undefined> {
  try {
    const url = (await gitRunner(dir)(['remote', 'get-url', 'origin'])).toString('utf8').trim();
    return parseGitRemote(url);
  } catch {
    return undefined;
  }
}

function globToRefPattern(glob: string): string {
  return `refs/tags/${glob}`;
}

export class GitDeploys implements DeploysPort {
  private readonly git: GitRunner;

  constructor(dir: string, private readonly source: DeploysConfig, private readonly opts: { service?: string; maxDeploys?: number; git?: GitRunner } = {}) {
    this.git = opts.git ?? gitRunner(dir);
  }

  async listDeploys(window: TimeWindow, ro: ReadOptions = {}): Promise<Partial<Deploy[]>> {
    const gaps: string[] = [];
    let found: Deploy[];
    try {
      found = this.source.from === 'merges' ? await this.merges(window, ro) : await this.tags(ro);
    } catch (e) {
      if (ro.signal?.aborted) throw e;
      return { items: [], gaps: [`deploys: local git ${this.source.from === 'merges' ? 'merges' : 'tags'} not read: ${(e as Error).message}`] };
    }
    found.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    for (let i = 1; i < found.length; i++) found[i].previousRef ??= found[i - 1].ref;
    const start = Date.parse(window.start);
    const firstIn = found.findIndex((d) => Date.parse(d.at) >= start);
    const from = firstIn < 0 ? Math.max(0, found.length - 1) : Math.max(0, firstIn - 1);
    const kept = found.slice(from).filter((d) => Date.parse(d.at) <= Date.parse(window.end));
    for (const d of kept) {
      if (!d.previousRef || !d.ref) continue;
      try {
        d.commits = await commitsInRange(this.git, `${d.previousRef}..${d.ref}`, ro.signal);
      } catch (e) {
        if (ro.signal?.aborted) throw e;
        gaps.push(`deploy ${d.id}: commits not read from git: ${(e as Error).message}`);
      }
    }
    return { items: kept, gaps };
  }

  private async tags(ro: ReadOptions): Promise<Deploy[]> {
    // creatordate: the tag's own date for annotated tags, the commit's for lightweight ones.
    const out = (await this.git(['for-each-ref', '--sort=creatordate', `--format=%(refname:short)${US}%(objectname)${US}%(*objectname)${US}%(creatordate:iso-strict)`, globToRefPattern(this.source.tagPattern ?? '*')], { signal: ro.signal })).toString('utf8');
    return out.split('\n').filter(Boolean).map((line) => {
      const [name, obj, peeled, at] = line.split(US);
      return { id: name, at: isoZ(at), ref: peeled || obj, ...(this.opts.service ? { service: this.opts.service } : {}) };
    });
  }

  private async merges(window: TimeWindow, ro: ReadOptions): Promise<Deploy[]> {
    let branch = this.source.branch;
    if (!branch) {
      const head = (await this.git(['symbolic-ref', '--short', '-q', 'refs/remotes/origin/HEAD'], { signal: ro.signal }).catch(() => Buffer.from(''))).toString('utf8').trim();
      branch = head ? head.replace(/^origin\//, '') : (await this.git(['rev-parse', '--abbrev-ref', 'HEAD'], { signal: ro.signal })).toString('utf8').trim();
    }
    const since = new Date(Date.parse(window.start) - 14 * 86_400_000).toISOString();
    const out = (await this.git(['log', '--first-parent', `--since=${since}`, `--until=${window.end}`, `--format=%H${US}%P${US}%cI`, branch], { signal: ro.signal })).toString('utf8');
    const commits = out.split('\n').filter(Boolean).map((l) => {
      const [sha, parents, at] = l.split(US);
      return { sha, parents: parents.split(' ').filter(Boolean), at };
    });
    const merges = commits.some((c) => c.parents.length > 1) ? commits.filter((c) => c.parents.length > 1) : commits;
    return merges.slice(0, this.opts.maxDeploys ?? 50).map((c) => ({
      id: `${branch}@${c.sha.slice(0, 7)}`, at: isoZ(c.at), ref: c.sha, ...(c.parents[0] ? { previousRef: c.parents[0] } : {}),
      ...(this.opts.service ? { service: this.opts.service } : {}),
    }));
  }
}
