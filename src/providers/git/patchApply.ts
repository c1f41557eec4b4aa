// Applies a reviewed patch with the real git CLI: `git apply --check` first, then `git apply`, which is all-or-nothing
// and works on top of uncommitted changes only where the patch still applies cleanly. A 3-way merge (against the
// committed version of each file) is used only when the caller asks for it; if it conflicts, the files are put back.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatPatch, parsePatch, type FilePatch, type ParsedPatch } from '../../core/llm/patchDiff';
import { GitError, type GitRunner } from './gitCli';

export interface PatchConflict {
  file: string;
  /** 1-based hunk of that file, when git names the line it failed at. */
  hunk?: number;
  message: string;
}

export class PatchConflictError extends Error {
  constructor(readonly conflicts: PatchConflict[]) {
    super(`the patch does not apply: ${conflicts.map(describeConflict).join('; ')}. Nothing was changed`);
    this.name = 'PatchConflictError';
  }
}

export function describeConflict(c: PatchConflict): string {
  return `${c.file}${c.hunk ? ` hunk ${c.hunk}` : ''}: ${c.message}`;
}

export interface ApplyOptions {
  /** Merge against the committed version of each file (stages the result); only when the user chose it. */
  threeWay?: boolean;
}

export interface ApplyResult {
  files: string[];
  threeWay: boolean;
}

const ZEROS = '0'.repeat(40);

export class PatchApplier {
  /** `run` must be bound to the repository's top-level directory (patch paths are relative to it). */
  constructor(private readonly run: GitRunner, private readonly root: string) {}

  /** Conflicts git reports for `diff` against the working tree; empty when it applies cleanly. Changes nothing. */
  async check(diff: string, opts: ApplyOptions = {}): Promise<PatchConflict[]> {
    return (await this.dryRun(parsePatch(diff), opts)).conflicts;
  }

  /** The check, and the text that passed it: apply() feeds git the very same text (one parse, one blob lookup). */
  private async dryRun(patch: ParsedPatch, opts: ApplyOptions): Promise<{ conflicts: PatchConflict[]; text: string }> {
    await this.assertTopLevel();
    const unmerged = await this.unmerged(patch);
    if (unmerged.length) return { conflicts: unmerged, text: '' };
    const text = opts.threeWay ? await this.withBaseBlobs(patch) : formatPatch(patch);
    try {
      // With --3way, --check exits 0 even when the merge would conflict: apply() then finds out and puts files back.
      await this.run(['apply', '--check', ...(opts.threeWay ? ['--3way'] : []), '-'], { input: text });
      return { conflicts: [], text };
    } catch (e) {
      if (!(e instanceof GitError)) throw e;
      return { conflicts: parseApplyErrors(e.stderr, patch), text };
    }
  }

  /** Checks, then applies; throws PatchConflictError (tree unchanged) when it does not apply cleanly. */
  async apply(diff: string, opts: ApplyOptions = {}): Promise<ApplyResult> {
    const patch = parsePatch(diff);
    const { conflicts, text } = await this.dryRun(patch, opts);
    if (conflicts.length) throw new PatchConflictError(conflicts);
    const files = patch.files.map((f) => f.path);
    if (!opts.threeWay) {
      try {
        await this.run(['apply', '-'], { input: text });
      } catch (e) {
        if (e instanceof GitError) throw new PatchConflictError(parseApplyErrors(e.stderr, patch));
        throw e;
      }
      return { files, threeWay: false };
    }
    const backup = await this.backup(patch);
    try {
      await this.run(['apply', '--3way', '-'], { input: text });
    } catch (e) {
      await this.restore(backup);
      if (e instanceof GitError) throw new PatchConflictError(parseApplyErrors(e.stderr, patch));
      throw e;
    }
    return { files, threeWay: true };
  }

  private async assertTopLevel(): Promise<void> {
    const prefix = (await this.run(['rev-parse', '--show-prefix'])).toString('utf8').trim();
    // git apply silently skips paths outside the current subdirectory: refuse rather than half-apply.
    if (prefix) throw new GitError(`patches apply from the repository root, not from ${prefix}`, ['rev-parse'], '', 1);
  }

  private async unmerged(patch: ParsedPatch): Promise<PatchConflict[]> {
    const out = (await this.run(['diff', '--name-only', '--diff-filter=U', '-z'])).toString('utf8').split('\0').filter(Boolean);
    return patch.files.filter((f) => out.includes(f.path)).map((f) => ({ file: f.path, message: 'has unresolved merge conflicts' }));
  }

  /** The patch with "index <HEAD blob>.." lines, so git can merge against the committed version. */
  private async withBaseBlobs(patch: ParsedPatch): Promise<string> {
    const parts: string[] = [];
    for (const f of patch.files) {
      let text = formatPatch({ files: [f] });
      if (f.kind !== 'create') {
        const blob = (await this.run(['rev-parse', '--verify', '--quiet', `HEAD:${f.path}`]).catch(() => Buffer.from(''))).toString('utf8').trim();
        if (blob) text = text.replace(/\n--- /, `\nindex ${blob}..${ZEROS}\n--- `);
      }
      parts.push(text);
    }
    return parts.join('');
  }

  private async backup(patch: ParsedPatch): Promise<Array<{ file: FilePatch; text?: Buffer; tracked: boolean }>> {
    return Promise.all(
      patch.files.map(async (file) => {
        const abs = path.join(this.root, file.path);
        const text = existsSync(abs) ? await readFile(abs) : undefined;
        const tracked = await this.run(['ls-files', '--error-unmatch', '--', file.path]).then(() => true, () => false);
        return { file, text, tracked };
      }),
    );
  }

  /** Puts files (and their index entries, which --3way requires to match the files) back as they were. */
  private async restore(backup: Array<{ file: FilePatch; text?: Buffer; tracked: boolean }>): Promise<void> {
    for (const b of backup) {
      const abs = path.join(this.root, b.file.path);
      if (b.text === undefined) await rm(abs, { force: true });
      else await writeFile(abs, b.text);
      if (b.tracked) await this.run(['add', '--', b.file.path]).catch(() => undefined);
      else await this.run(['rm', '--cached', '--quiet', '--ignore-unmatch', '--', b.file.path]).catch(() => undefined);
    }
  }
}

function hunkAt(patch: ParsedPatch, file: string, line: number): number | undefined {
  const f = patch.files.find((x) => x.path === file);
  const k = f?.hunks.findIndex((h) => h.oldStart === line || (h.oldLines === 0 && h.oldStart + 1 === line));
  return k === undefined || k < 0 ? undefined : k + 1;
}

/** git apply's error lines, by file and hunk. */
export function parseApplyErrors(stderr: string, patch: ParsedPatch): PatchConflict[] {
  const out: PatchConflict[] = [];
  const add = (c: PatchConflict) => {
    const same = out.find((o) => o.file === c.file);
    if (!same) out.push(c);
    else if (!same.hunk && c.hunk) Object.assign(same, { hunk: c.hunk });
  };
  for (const line of stderr.split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^error: patch failed: (.+):(\d+)$/.exec(line))) add({ file: m[1], hunk: hunkAt(patch, m[1], Number(m[2])), message: `does not match the current file at line ${m[2]}` });
    else if ((m = /^error: (.+): patch does not apply$/.exec(line))) add({ file: m[1], message: 'patch does not apply' });
    else if ((m = /^error: (.+): (does not exist in (?:working tree|index)|No such file or directory)$/.exec(line))) add({ file: m[1], message: 'does not exist in the working tree' });
    else if ((m = /^error: (.+): already exists in (working directory|index)$/.exec(line))) add({ file: m[1], message: 'already exists' });
    else if ((m = /^error: (.+): does not match index$/.exec(line))) add({ file: m[1], message: 'has unstaged changes (a 3-way merge needs the file staged or committed)' });
    else if ((m = /^Applied patch to '(.+)' with conflicts\.$/.exec(line))) add({ file: m[1], message: 'the 3-way merge conflicts' });
  }
  if (!out.length) {
    const first = stderr.split('\n').find((l) => /^(error|fatal):/.test(l)) ?? stderr.split('\n')[0] ?? '';
    out.push({ file: patch.files.map((f) => f.path).join(', '), message: first.replace(/^(error|fatal):\s*/, '') || 'git apply failed' });
  }
  return out;
}
