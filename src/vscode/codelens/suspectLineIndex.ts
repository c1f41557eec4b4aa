import * as path from 'node:path';
import * as vscode from 'vscode';
import { applyEdits, mapRange, parseHunks, type Hunk, type TextEdit, type TrackedLines } from '../../core/diff';
import type { GitRunner } from '../git/gitRunner';
import type { IncidentStore } from '../incidentStore';
import { changesForPath, suspectChanges, type SuspectFileChange } from './suspectChanges';

/** One changed range of a suspect hunk, where it is now in the open document (0-based lines). */
export interface SuspectLines {
  change: SuspectFileChange;
  hunkIndex: number;
  /** First range of its hunk: the code lens goes above it. */
  first: boolean;
  /** Root of the repository the document is in. */
  repo: string;
  lines: TrackedLines;
}

interface Entry {
  version: number;
  lines: SuspectLines[];
  /** How the deployed lines were mapped onto this document, for the log and the hover. */
  basis: string;
}

/**
 * Where the suspect deploys' changed lines are in each open document: the commit's hunks mapped through
 * `git diff <commit> -- file` (working tree at another commit, or edited and saved), then through the editor's
 * content changes as the user types.
 */
export class SuspectLineIndex implements vscode.Disposable {
  private readonly entries = new Map<string, Promise<Entry>>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri | undefined>();
  readonly onDidChange = this.emitter.event;
  private readonly subs: vscode.Disposable[] = [];
  private changes: SuspectFileChange[] | undefined;

  constructor(private readonly store: IncidentStore, private readonly git: GitRunner, private readonly log: vscode.LogOutputChannel) {
    this.subs.push(
      store.onDidChange(() => {
        this.changes = undefined;
        this.entries.clear();
        this.emitter.fire(undefined);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.entries.delete(d.uri.toString())),
    );
  }

  private allChanges(): SuspectFileChange[] {
    const active = this.store.active;
    this.changes ??= active ? suspectChanges(active.snapshot, active.report) : [];
    return this.changes;
  }

  /** Whether any suspect change could apply to this document (cheap: no git). */
  mayHave(doc: vscode.TextDocument): boolean {
    if (doc.uri.scheme !== 'file') return false;
    const base = path.basename(doc.uri.fsPath);
    return this.allChanges().some((c) => path.posix.basename(c.file.path) === base);
  }

  async get(doc: vscode.TextDocument): Promise<SuspectLines[]> {
    if (!this.mayHave(doc)) return [];
    const key = doc.uri.toString();
    let p = this.entries.get(key);
    if (!p) {
      p = this.compute(doc);
      this.entries.set(key, p);
    }
    return (await p).lines;
  }

  async basis(doc: vscode.TextDocument): Promise<string | undefined> {
    return (await this.entries.get(doc.uri.toString()))?.basis;
  }

  private async compute(doc: vscode.TextDocument): Promise<Entry> {
    const version = doc.version;
    const dir = path.dirname(doc.uri.fsPath);
    const top = await this.git.run(dir, ['rev-parse', '--show-toplevel']);
    const root = top.ok ? top.stdout.trim() : this.git.root(doc.uri);
    if (!root) return { version, lines: [], basis: 'no workspace' };
    const rel = path.relative(root, doc.uri.fsPath).split(path.sep).join('/');
    const mine = changesForPath(this.allChanges(), rel);
    const out: SuspectLines[] = [];
    const bases: string[] = [];
    for (const change of mine) {
      const { hunks: through, basis } = await this.diffToWorkingTree(root, rel, change, doc.isDirty);
      bases.push(basis);
      change.hunks.forEach((h, hunkIndex) => {
        h.ranges.forEach((r, k) => {
          const mapped = through ? mapRange(r, through) : r;
          if (!mapped) return;
          const end = Math.min(mapped.end, doc.lineCount);
          const start = Math.min(mapped.start, end);
          out.push({ change, hunkIndex, first: k === 0, repo: root, lines: { start: start - 1, end: end - 1 } });
        });
      });
    }
    // Lenses go above the first range that survived in each hunk.
    const seen = new Set<string>();
    for (const l of out) {
      const id = `${l.change.commit.sha}:${l.hunkIndex}`;
      l.first = !seen.has(id);
      seen.add(id);
    }
    const basis = [...new Set(bases)].join('; ');
    this.log.debug(`suspect lines in ${rel}: ${out.length} range(s) (${basis})`);
    const entry: Entry = { version, lines: out, basis };
    return entry;
  }

  /** The diff from the commit's version of the file to what is on disk now (the document itself when unsaved edits exist). */
  private async diffToWorkingTree(root: string, rel: string, change: SuspectFileChange, dirty: boolean): Promise<{ hunks?: Hunk[]; basis: string }> {
    for (const ref of [change.commit.sha, change.deploy.ref].filter((r): r is string => !!r)) {
      if (!(await this.git.hasCommit(root, ref))) continue;
      const r = await this.git.run(root, ['diff', '--no-color', '--no-ext-diff', '-U0', ref, '--', rel]);
      if (!r.ok) continue;
      const note = dirty ? ' (unsaved edits tracked live)' : '';
      return { hunks: parseHunks(r.stdout), basis: `mapped through git diff ${ref.slice(0, 8)}${note}` };
    }
    return { basis: 'commit not in the workspace repository: lines as in the snapshot patch' };
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const p = this.entries.get(key);
    if (!p || e.contentChanges.length === 0) return;
    const edits: TextEdit[] = e.contentChanges.map((c) => ({
      startLine: c.range.start.line, startCharacter: c.range.start.character,
      endLine: c.range.end.line, endCharacter: c.range.end.character, text: c.text,
    }));
    const next = p.then((entry) => ({
      ...entry,
      version: e.document.version,
      lines: entry.lines.flatMap((l) => {
        const lines = applyEdits(l.lines, edits);
        return lines ? [{ ...l, lines }] : [];
      }),
    }));
    this.entries.set(key, next);
    void next.then(() => this.emitter.fire(e.document.uri));
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.emitter.dispose();
  }
}
