// Write operations with the real git CLI: hotfix branch from the deployed ref, push, revert in a temporary worktree.
// The user's working tree and current branch are never discarded: a dirty tree is stashed (on request) or we stop.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { assertPushable, RefusedWrite, type BranchFacts } from '../../core/actions/branchGuard';
import { stashMessage } from '../../core/actions/branchNames';
import { GitError, type GitRunner } from './gitCli';
import { parseStatus, type TreeStatus } from './gitWriterStatus';

export { RefusedWrite };
export type { TreeStatus };

export class DirtyTreeError extends Error {
  constructor(readonly status: TreeStatus) {
    super(`the working tree has uncommitted work (${describeDirty(status)}); stash it or commit it first — nothing was changed`);
    this.name = 'DirtyTreeError';
  }
}

export class RevertConflictError extends Error {
  constructor(readonly commit: string, readonly files: string[]) {
    super(`reverting ${commit.slice(0, 12)} conflicts in ${files.join(', ') || '(unknown files)'}; the revert was aborted and your repository is unchanged`);
    this.name = 'RevertConflictError';
  }
}

export function describeDirty(s: TreeStatus): string {
  const parts = [
    s.staged.length ? `${s.staged.length} staged` : '',
    s.modified.length ? `${s.modified.length} modified` : '',
    s.untracked.length ? `${s.untracked.length} untracked` : '',
    s.conflicted.length ? `${s.conflicted.length} conflicted` : '',
  ].filter(Boolean);
  return parts.join(', ') || 'clean';
}

export interface HotfixResult {
  branch: string;
  /** The commit the branch starts at. */
  base: string;
  /** Set when uncommitted work was stashed: where it is and how to get it back. */
  stash?: { ref: string; message: string; restore: string };
}

export interface RevertResult {
  branch: string;
  base: string;
  head: string;
  /** Commits reverted, newest first, with the revert commit made for each. */
  reverted: Array<{ commit: string; revert: string; merge: boolean }>;
}

const text = async (p: Promise<Buffer>) => (await p).toString('utf8').trim();

export class GitWriter {
  constructor(private readonly run: GitRunner, private readonly tmpRoot: string = os.tmpdir()) {}

  async status(): Promise<TreeStatus> {
    return parseStatus(await this.run(['status', '--porcelain=v1', '-z', '--untracked-files=all']));
  }

  async currentBranch(): Promise<string | undefined> {
    const b = await text(this.run(['symbolic-ref', '--quiet', '--short', 'HEAD'])).catch(() => '');
    return b || undefined;
  }

  /** Full sha of a commit-ish, fetching it from `remote` once when it is not here yet. */
  async resolveCommit(ref: string, remote = 'origin'): Promise<string> {
    const tryParse = () => text(this.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]));
    try {
      return await tryParse();
    } catch {
      try {
        await this.run(['fetch', '--quiet', remote, ref]);
        return await tryParse();
      } catch {
        throw new GitError(`commit ${ref} is not in this repository (and could not be fetched from ${remote}); fetch it first`, ['rev-parse', ref], '', 128);
      }
    }
  }

  async branchExists(branch: string): Promise<boolean> {
    return this.run(['show-ref', '--verify', '--quiet', `refs/heads/${branch}`]).then(() => true, () => false);
  }

  /**
   * Creates `branch` at `from` (the deployed ref) and switches to it. A dirty tree: 'stop' throws DirtyTreeError and
   * changes nothing; 'stash' stashes everything (untracked too) under a message naming the incident first.
   */
  async createHotfixBranch(opts: { branch: string; from: string; incidentId: string; dirty: 'stash' | 'stop' }): Promise<HotfixResult> {
    const base = await this.resolveCommit(opts.from);
    await this.run(['check-ref-format', '--branch', opts.branch]).catch(() => {
      throw new RefusedWrite(`'${opts.branch}' is not a valid branch name`);
    });
    if (await this.branchExists(opts.branch)) throw new RefusedWrite(`branch ${opts.branch} already exists; switch to it or delete it first`);
    const st = await this.status();
    if (st.conflicted.length) throw new DirtyTreeError(st);
    let stash: HotfixResult['stash'];
    if (st.dirty) {
      if (opts.dirty === 'stop') throw new DirtyTreeError(st);
      const message = stashMessage(opts.incidentId, opts.branch);
      await this.run(['stash', 'push', '--include-untracked', '-m', message]);
      const ref = await this.findStash(message);
      stash = { ref, message, restore: `git stash list   # find "${message}"\ngit stash pop ${ref}` };
    }
    try {
      await this.run(['switch', '--no-guess', '-c', opts.branch, base]);
    } catch (e) {
      // Put the work back where it was before reporting the failure.
      if (stash) await this.run(['stash', 'pop', '--index', stash.ref]).catch(() => undefined);
      throw e;
    }
    return { branch: opts.branch, base, stash };
  }

  private async findStash(message: string): Promise<string> {
    const list = await text(this.run(['stash', 'list', '--format=%gd%x00%gs']));
    for (const line of list.split('\n')) {
      const [ref, subject] = line.split('\0');
      if (subject?.endsWith(message)) return ref;
    }
    return 'stash@{0}';
  }

  /** Fetches `branch` from `remote`; returns the fetched commit (the remote-tracking ref when there is no remote). */
  async fetchBranch(remote: string, branch: string): Promise<string> {
    const remotes = (await text(this.run(['remote']))).split('\n').filter(Boolean);
    if (!remotes.includes(remote)) return this.resolveCommit(branch);
    await this.run(['fetch', '--quiet', remote, `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`]);
    return this.resolveCommit(`refs/remotes/${remote}/${branch}`);
  }

  /** The remote's default branch as git knows it (refs/remotes/<remote>/HEAD), if recorded. */
  async remoteDefaultBranch(remote = 'origin'): Promise<string | undefined> {
    const out = await text(this.run(['ls-remote', '--symref', remote, 'HEAD'])).catch(() => '');
    return /^ref: refs\/heads\/(\S+)\s+HEAD/m.exec(out)?.[1];
  }

  /**
   * Pushes local `branch` to the same name on `remote`. Refused in code for the default branch (as the caller knows it
   * and as the remote itself reports it) and for protected branches; never forces.
   */
  async push(branch: string, facts: Omit<BranchFacts, 'branch'>, remote = 'origin'): Promise<void> {
    assertPushable({ ...facts, branch });
    const remoteDefault = await this.remoteDefaultBranch(remote);
    if (remoteDefault) assertPushable({ ...facts, branch, defaultBranch: remoteDefault });
    await this.run(['push', '--quiet', '--porcelain', remote, `refs/heads/${branch}:refs/heads/${branch}`]);
  }

  /** Commits ordered newest first along history (more ancestors = newer), for reverting. */
  async newestFirst(commits: string[]): Promise<string[]> {
    const withDepth = await Promise.all(commits.map(async (c) => ({ c, n: Number(await text(this.run(['rev-list', '--count', c]))) })));
    return withDepth.sort((a, b) => b.n - a.n).map((x) => x.c);
  }

  /**
   * Makes `branch` at `base` with one revert commit per commit (newest first, `-m 1` for merges), in a temporary
   * worktree: the user's tree and current branch are untouched. On a conflict the revert is aborted, the worktree
   * and branch are removed, and RevertConflictError names the files.
   */
  async revertInWorktree(opts: { branch: string; base: string; commits: string[] }): Promise<RevertResult> {
    if (!opts.commits.length) throw new RefusedWrite('nothing to revert: no commits were chosen');
    const base = await this.resolveCommit(opts.base);
    if (await this.branchExists(opts.branch)) throw new RefusedWrite(`branch ${opts.branch} already exists; delete it or choose another name`);
    const shas = await Promise.all(opts.commits.map((c) => this.resolveCommit(c)));
    for (const sha of shas) {
      const inBase = await this.run(['merge-base', '--is-ancestor', sha, base]).then(() => true, () => false);
      if (!inBase) throw new RefusedWrite(`commit ${sha.slice(0, 12)} is not on ${opts.base}; there is nothing to revert there`);
    }
    const ordered = await this.newestFirst(shas);
    const dir = await mkdtemp(path.join(this.tmpRoot, 'incident-lens-revert-'));
    await this.run(['worktree', 'add', '--quiet', '-b', opts.branch, dir, base]);
    const wt = (args: string[]) => this.run(['-C', dir, ...args]);
    const reverted: RevertResult['reverted'] = [];
    let ok = false;
    try {
      for (const sha of ordered) {
        const parents = (await text(wt(['rev-list', '--parents', '-n', '1', sha]))).split(/\s+/).length - 1;
        const merge = parents > 1;
        try {
          await wt(['revert', '--no-edit', ...(merge ? ['-m', '1'] : []), sha]);
        } catch (e) {
          const files = (await text(wt(['diff', '--name-only', '--diff-filter=U'])).catch(() => '')).split('\n').filter(Boolean);
          await wt(['revert', '--abort']).catch(() => undefined);
          if (files.length || /conflict/i.test((e as GitError).stderr ?? '')) throw new RevertConflictError(sha, files);
          throw e;
        }
        reverted.push({ commit: sha, revert: await text(wt(['rev-parse', 'HEAD'])), merge });
      }
      ok = true;
      return { branch: opts.branch, base, head: reverted[reverted.length - 1].revert, reverted };
    } finally {
      await this.run(['worktree', 'remove', '--force', dir]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
      await this.run(['worktree', 'prune']).catch(() => undefined);
      if (!ok) await this.run(['branch', '-D', opts.branch]).catch(() => undefined);
    }
  }
}
