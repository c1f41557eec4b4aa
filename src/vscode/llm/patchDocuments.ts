// Read-only virtual documents holding a file as the model's patch would leave it: the right side of the review diff.
import * as vscode from 'vscode';

export const PATCH_SCHEME = 'incident-lens-patch';

export class PatchDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private next = 0;

  /** A new URI (so an earlier review's tab never shows stale text) whose content is `text`. */
  put(relPath: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PATCH_SCHEME, path: `/${relPath}`, query: `v${++this.next}` });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.texts.clear();
    this.changed.dispose();
  }
}
