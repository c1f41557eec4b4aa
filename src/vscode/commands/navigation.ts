import * as vscode from 'vscode';
import type { EventRef } from '../../../webview-ui/shared/protocol';
import { diffUri } from '../diff/diffContentProvider';
import type { IncidentStore } from '../incidentStore';
import type { NodeTreeProvider, TreeNode } from '../views/treeNode';
import type { OpenDiffArgs } from '../views/suspectsTreeProvider';

export interface Views {
  incidents: { view: vscode.TreeView<TreeNode>; provider: NodeTreeProvider };
  alarms: { view: vscode.TreeView<TreeNode>; provider: NodeTreeProvider };
  suspects: { view: vscode.TreeView<TreeNode>; provider: NodeTreeProvider };
  evidence: { view: vscode.TreeView<TreeNode>; provider: NodeTreeProvider };
}

/** Opening diffs and revealing things in the trees, for the lenses, hovers, timeline and quick picks. */
export class Navigation {
  constructor(private readonly store: IncidentStore, private readonly views: Views, private readonly log: vscode.LogOutputChannel) {}

  /** A commit's change to one file (its parent on the left), or every file a deploy changed. */
  async openDiff(args: Partial<OpenDiffArgs> | undefined): Promise<void> {
    const snapshot = this.store.active?.snapshot;
    const deploy = snapshot?.deploys?.find((d) => d.id === args?.deployId);
    if (!deploy) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Deploy {0} is not in the active incident.', args?.deployId ?? '?'));
      return;
    }
    const commits = deploy.commits ?? [];
    if (!args?.commit) {
      // A whole deploy: one multi-file diff of every commit's files.
      const entries = commits.flatMap((c) => (c.files ?? []).map((f) => [
        vscode.Uri.file(`/${f.path}`),
        diffUri({ ref: `${c.sha}^`, path: f.previousPath ?? f.path, side: 'before', deployId: deploy.id, commit: c.sha, filePath: f.path }),
        diffUri({ ref: c.sha, path: f.path, side: 'after', deployId: deploy.id, commit: c.sha, filePath: f.path }),
      ] as const));
      if (entries.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('The snapshot lists no changed files for {0}.', deploy.id));
        return;
      }
      await vscode.commands.executeCommand('vscode.changes', vscode.l10n.t('Changes in {0}', deploy.id), entries);
      return;
    }
    const commit = commits.find((c) => c.sha === args.commit || c.sha.startsWith(args.commit!) || args.commit!.startsWith(c.sha));
    const file = commit?.files?.find((f) => !args.path || f.path === args.path) ;
    if (!commit || !file) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Commit {0} has no change to {1} in the snapshot.', args.commit.slice(0, 8), args.path ?? '?'));
      return;
    }
    const repo = args.repo;
    const left = diffUri({ ref: `${commit.sha}^`, path: file.previousPath ?? file.path, side: 'before', deployId: deploy.id, commit: commit.sha, filePath: file.path, repo });
    const right = diffUri({ ref: commit.sha, path: file.path, side: 'after', deployId: deploy.id, commit: commit.sha, filePath: file.path, repo });
    const title = `${file.path} (${commit.sha.slice(0, 8)}, ${deploy.id})`;
    const line = Math.max(0, (args.line ?? 1) - 1);
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { selection: new vscode.Range(line, 0, line, 0), preview: true });
  }

  /** Reveals evidence ids in the Evidence view (the first one selected). */
  async showEvidence(ids: string[] | undefined): Promise<void> {
    if (!ids?.length) {
      await vscode.commands.executeCommand('incidentLens.evidence.focus');
      return;
    }
    await this.reveal(this.views.evidence, `evidence:${ids[0]}`);
  }

  /** A timeline click: the matching node in its tree. */
  async revealRef(ref: EventRef): Promise<unknown> {
    switch (ref.kind) {
      case 'alarm': return this.reveal(this.views.alarms, `alarm:${ref.id}`);
      case 'deploy': return (await this.reveal(this.views.suspects, `deploy:${ref.id}`, false)) ? undefined : this.reveal(this.views.suspects, `other-deploy:${ref.id}`);
      case 'commit': return this.reveal(this.views.suspects, `commit:${ref.deployId}:${ref.sha}`);
      case 'ticket': {
        const e = this.store.active?.report?.evidence.find((x) => x.kind === 'ticket' && (x.ref?.ticketId === ref.id || x.summary.includes(ref.id)));
        if (e) return this.reveal(this.views.evidence, `evidence:${e.id}`);
        return;
      }
      default: return;
    }
  }

  private async reveal(v: { view: vscode.TreeView<TreeNode>; provider: NodeTreeProvider }, id: string, warn = true): Promise<boolean> {
    await v.provider.load();
    const node = v.provider.find(id);
    if (!node) {
      if (warn) this.log.info(`reveal: ${id} is not in the view`);
      return false;
    }
    try {
      await v.view.reveal(node, { select: true, focus: true, expand: true });
    } catch (e) {
      this.log.warn(`reveal ${id}: ${(e as Error).message}`);
      return false;
    }
    return true;
  }
}
