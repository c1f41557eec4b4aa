// Query-optimisation findings on the lines they concern: a DiagnosticCollection plus code actions that show the
// suggested rewrite or copy the CREATE INDEX statement.
import * as vscode from 'vscode';
import type { QueryFinding } from '../../core/actions/queryOptimiser';
import { loadActionsSdk } from '../../providers/actions/loadActionsSdk';

export const SHOW_REWRITE = 'incidentLens.actions.showRewrite';
export const COPY_INDEX = 'incidentLens.actions.copyCreateIndex';

export class QueryDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('incident-lens-queries');
  private readonly byDiagnostic = new WeakMap<vscode.Diagnostic, QueryFinding>();

  show(root: vscode.Uri, findings: QueryFinding[]): void {
    this.collection.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const f of findings) {
      const line = Math.max(0, f.line - 1);
      const d = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), `${loadActionsSdk().findingTitle(f.kind)}: ${f.message}. ${f.suggestion}`,
        f.kind === 'n-plus-one' || f.kind === 'long-transaction' || f.kind === 'scan' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
      d.source = 'Incident Lens';
      d.code = f.kind;
      this.byDiagnostic.set(d, f);
      const list = byFile.get(f.path) ?? [];
      list.push(d);
      byFile.set(f.path, list);
    }
    for (const [p, ds] of byFile) this.collection.set(vscode.Uri.joinPath(root, p), ds);
  }

  provideCodeActions(_doc: vscode.TextDocument, _range: vscode.Range, ctx: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    for (const d of ctx.diagnostics) {
      const f = this.byDiagnostic.get(d);
      if (!f) continue;
      if (f.rewrite) {
        const a = new vscode.CodeAction(f.kind === 'n-plus-one' ? vscode.l10n.t('Show suggested batch rewrite') : vscode.l10n.t('Show suggested rewrite'), vscode.CodeActionKind.QuickFix);
        a.command = { command: SHOW_REWRITE, title: a.title, arguments: [f] };
        a.diagnostics = [d];
        out.push(a);
      }
      if (f.createIndex) {
        const a = new vscode.CodeAction(vscode.l10n.t('Copy CREATE INDEX'), vscode.CodeActionKind.QuickFix);
        a.command = { command: COPY_INDEX, title: a.title, arguments: [f] };
        a.diagnostics = [d];
        out.push(a);
      }
    }
    return out;
  }

  dispose(): void {
    this.collection.dispose();
  }
}
