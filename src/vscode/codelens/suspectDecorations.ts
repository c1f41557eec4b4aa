import * as vscode from 'vscode';
import { formatScore, md } from '../format';
import { lensTitle } from './suspectLensProvider';
import type { SuspectLineIndex } from './suspectLineIndex';

/** Gutter and overview-ruler marks on the suspect lines of visible editors, and a hover with the evidence. */
export class SuspectDecorations implements vscode.HoverProvider, vscode.Disposable {
  private readonly type: vscode.TextEditorDecorationType;
  private readonly subs: vscode.Disposable[] = [];
  private enabled: boolean;

  constructor(private readonly index: SuspectLineIndex, extensionUri: vscode.Uri, enabled: boolean) {
    this.enabled = enabled;
    this.type = vscode.window.createTextEditorDecorationType({
      gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', 'suspect-gutter.svg'),
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.errorForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      isWholeLine: true,
    });
    this.subs.push(
      this.type,
      vscode.window.onDidChangeVisibleTextEditors(() => void this.paintAll()),
      index.onDidChange(() => void this.paintAll()),
    );
    void this.paintAll();
  }

  setEnabled(on: boolean): void {
    this.enabled = on;
    void this.paintAll();
  }

  /** The ranges painted in an editor, for tests and the UI test. */
  async rangesFor(doc: vscode.TextDocument): Promise<vscode.Range[]> {
    if (!this.enabled) return [];
    return (await this.index.get(doc)).map((l) => new vscode.Range(l.lines.start, 0, l.lines.end, Number.MAX_SAFE_INTEGER));
  }

  private async paintAll(): Promise<void> {
    await Promise.all(vscode.window.visibleTextEditors.map(async (ed) => {
      ed.setDecorations(this.type, await this.rangesFor(ed.document));
    }));
  }

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!this.enabled) return undefined;
    const hits = (await this.index.get(doc)).filter((l) => pos.line >= l.lines.start && pos.line <= l.lines.end);
    if (hits.length === 0) return undefined;
    const hover = new vscode.MarkdownString(undefined, true);
    hover.isTrusted = { enabledCommands: ['incidentLens.openDiff', 'incidentLens.showEvidence', 'incidentLens.openTimeline'] };
    for (const l of hits) {
      const c = l.change;
      const diffArgs = encodeURIComponent(JSON.stringify([{ deployId: c.deploy.id, commit: c.commit.sha, path: c.file.path, line: c.hunks[l.hunkIndex]?.ranges[0]?.start, repo: l.repo }]));
      const evArgs = encodeURIComponent(JSON.stringify([c.evidence.map((e) => e.id)]));
      const tlArgs = encodeURIComponent(JSON.stringify([{ kind: 'deploy', id: c.deploy.id }]));
      hover.appendMarkdown(`$(flame) **${md(lensTitle(l))}** · ${md(vscode.l10n.t('score {0}', formatScore(c.score)))}\n\n`);
      hover.appendMarkdown(`${md(c.commit.message?.split('\n')[0] ?? '')} (\`${c.commit.sha.slice(0, 8)}\`)\n\n`);
      for (const r of c.reasons) hover.appendMarkdown(`- ${md(r)}\n`);
      for (const e of c.evidence) hover.appendMarkdown(`- _${md(e.kind)}_: ${md(e.summary)}\n`);
      hover.appendMarkdown(`\n[${md(vscode.l10n.t('Open diff'))}](command:incidentLens.openDiff?${diffArgs}) · `
        + `[${md(vscode.l10n.t('Show evidence'))}](command:incidentLens.showEvidence?${evArgs}) · `
        + `[${md(vscode.l10n.t('Timeline'))}](command:incidentLens.openTimeline?${tlArgs})\n\n`);
    }
    return new vscode.Hover(hover);
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
  }
}
