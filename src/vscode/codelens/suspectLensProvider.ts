import * as vscode from 'vscode';
import { formatDuration } from '../format';
import { authorName } from './suspectChanges';
import type { SuspectLineIndex, SuspectLines } from './suspectLineIndex';

/** "Changed in v2.4.1 by Dana Kim 12 min before api-latency-critical · suspect #1" */
export function lensTitle(l: SuspectLines): string {
  const c = l.change;
  const who = authorName(c.commit.author) || c.commit.sha.slice(0, 8);
  const when = c.alarm && c.minutesToAlarm !== undefined
    ? c.minutesToAlarm >= 0
      ? vscode.l10n.t('{0} before {1}', formatDuration(c.minutesToAlarm * 60_000), c.alarm.name)
      : vscode.l10n.t('{0} after {1}', formatDuration(c.minutesToAlarm * 60_000), c.alarm.name)
    : '';
  return vscode.l10n.t('Changed in {0} by {1} {2} · suspect #{3}', c.deploy.id, who, when, c.rank).replace(/\s+·/, ' ·');
}

/** A lens above each suspect hunk: the change and its rank (opens the diff), and its evidence (reveals it). */
export class SuspectLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private enabled: boolean;
  private readonly sub: vscode.Disposable;

  constructor(private readonly index: SuspectLineIndex, enabled: boolean) {
    this.enabled = enabled;
    this.sub = index.onDidChange(() => this.emitter.fire());
  }

  setEnabled(on: boolean): void {
    this.enabled = on;
    this.emitter.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!this.enabled) return [];
    const lines = await this.index.get(doc);
    return lines.filter((l) => l.first).flatMap((l) => {
      const range = new vscode.Range(l.lines.start, 0, l.lines.start, 0);
      const c = l.change;
      return [
        new vscode.CodeLens(range, {
          title: lensTitle(l),
          tooltip: c.reasons.join('\n') || undefined,
          command: 'incidentLens.openDiff',
          arguments: [{ deployId: c.deploy.id, commit: c.commit.sha, path: c.file.path, line: c.hunks[l.hunkIndex]?.ranges[0]?.start, repo: l.repo }],
        }),
        new vscode.CodeLens(range, {
          title: vscode.l10n.t('evidence'),
          tooltip: c.evidence.map((e) => e.summary).join('\n') || undefined,
          command: 'incidentLens.showEvidence',
          arguments: [c.evidence.map((e) => e.id)],
        }),
      ];
    });
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
