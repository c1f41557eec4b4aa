import * as vscode from 'vscode';
import type { StackFrame } from '../../core/stack/frame';
import { frameLinks } from './frameLinks';
import type { WorkspaceFiles } from './workspaceFiles';

/** Where a frame points in the workspace, as a URI that opens it at the line. */
export function frameTarget(uri: vscode.Uri, frame: StackFrame): vscode.Uri {
  return frame.line ? uri.with({ fragment: `L${frame.line}${frame.column ? `,${frame.column}` : ''}` }) : uri;
}

const MAX_DOC = 4 * 1024 * 1024;

/** Stack frames in log files, output channels and plain text become links to the mapped workspace file and line. */
export class StackDocumentLinkProvider implements vscode.DocumentLinkProvider {
  constructor(private readonly files: WorkspaceFiles) {}

  async provideDocumentLinks(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentLink[]> {
    const text = doc.getText();
    if (text.length > MAX_DOC) return [];
    const links: vscode.DocumentLink[] = [];
    for (const l of frameLinks(text)) {
      if (token.isCancellationRequested) break;
      const { uri } = await this.files.resolve(l.frame);
      if (!uri) continue;
      const link = new vscode.DocumentLink(new vscode.Range(l.line, l.start, l.line, l.end), frameTarget(uri, l.frame));
      link.tooltip = vscode.l10n.t('Open {0}', vscode.workspace.asRelativePath(uri) + (l.frame.line ? `:${l.frame.line}` : ''));
      links.push(link);
    }
    return links;
  }
}

interface FrameTerminalLink extends vscode.TerminalLink {
  uri: vscode.Uri;
  frame: StackFrame;
}

export class StackTerminalLinkProvider implements vscode.TerminalLinkProvider<FrameTerminalLink> {
  constructor(private readonly files: WorkspaceFiles) {}

  async provideTerminalLinks(context: vscode.TerminalLinkContext): Promise<FrameTerminalLink[]> {
    const out: FrameTerminalLink[] = [];
    for (const l of frameLinks(context.line)) {
      const { uri } = await this.files.resolve(l.frame);
      if (!uri) continue;
      out.push({
        startIndex: l.start, length: l.end - l.start, uri, frame: l.frame,
        tooltip: vscode.l10n.t('Open {0}', vscode.workspace.asRelativePath(uri) + (l.frame.line ? `:${l.frame.line}` : '')),
      });
    }
    return out;
  }

  async handleTerminalLink(link: FrameTerminalLink): Promise<void> {
    await openFrame(link.uri, link.frame);
  }
}

export async function openFrame(uri: vscode.Uri, frame: StackFrame): Promise<vscode.TextEditor> {
  const line = Math.max(0, (frame.line ?? 1) - 1);
  const col = Math.max(0, (frame.column ?? 1) - 1);
  const pos = new vscode.Position(line, col);
  return vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), preview: false });
}
