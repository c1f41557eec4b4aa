import * as vscode from 'vscode';
import { parseHunks } from '../../core/diff';
import type { GitRunner } from '../git/gitRunner';
import type { IncidentStore } from '../incidentStore';

export const DIFF_SCHEME = 'incident-lens-diff';

export interface DiffSide {
  /** Commit-ish to read the file at (e.g. "<sha>^" or "<sha>"). */
  ref: string;
  path: string;
  side: 'before' | 'after';
  /** Where the patch text lives in the snapshot, for the fallback. */
  deployId: string;
  commit: string;
  filePath: string;
  /** The repository root, when the caller knows it (a lens in a nested repository); else the workspace folder. */
  repo?: string;
}

export function diffUri(side: DiffSide): vscode.Uri {
  return vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/${side.path}`, query: JSON.stringify(side) });
}

function parseSide(uri: vscode.Uri): DiffSide | undefined {
  try {
    const v = JSON.parse(uri.query) as Partial<DiffSide>;
    if (typeof v.ref === 'string' && typeof v.path === 'string' && (v.side === 'before' || v.side === 'after')
      && typeof v.deployId === 'string' && typeof v.commit === 'string' && typeof v.filePath === 'string') return v as DiffSide;
  } catch {
    // fall through: reported below
  }
  return undefined;
}

/** `git show ref:path` in the workspace repository; without the commit there, the hunks of the snapshot's patch. */
export class DiffContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly git: GitRunner, private readonly store: IncidentStore, private readonly log: vscode.LogOutputChannel) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const side = parseSide(uri);
    if (!side) return vscode.l10n.t('Incident Lens: this diff link is malformed ({0}).', uri.toString());
    const root = side.repo ?? this.git.root();
    if (root) {
      const r = await this.git.run(root, ['show', `${side.ref}:${side.path}`], token);
      if (r.ok) return r.stdout;
      // A file added by the commit has no "before" version: an empty left side is the truth.
      if (side.side === 'before' && (await this.git.hasCommit(root, side.ref))) return '';
    }
    this.log.info(`diff: ${side.ref}:${side.path} not in the workspace repository; showing the snapshot's patch`);
    return this.fromPatch(side);
  }

  private fromPatch(side: DiffSide): string {
    const deploy = this.store.active?.snapshot.deploys?.find((d) => d.id === side.deployId);
    const file = deploy?.commits?.find((c) => c.sha === side.commit)?.files?.find((f) => f.path === side.filePath);
    if (!file?.patch) return vscode.l10n.t('Incident Lens: {0} is not in the workspace repository and the snapshot has no patch for it.', `${side.ref}:${side.path}`);
    const lines: string[] = [];
    for (const h of parseHunks(file.patch)) {
      const start = side.side === 'before' ? h.oldStart : h.newStart;
      lines.push(vscode.l10n.t('… (from the snapshot patch; lines before {0} are not available)', start));
      for (const l of h.lines) {
        if (l[0] === ' ' || (side.side === 'before' ? l[0] === '-' : l[0] === '+')) lines.push(l.slice(1));
      }
    }
    return `${lines.join('\n')}\n`;
  }
}
