import * as vscode from 'vscode';
import { parseStack } from '../../core/stack/parseStack';
import type { IncidentStore } from '../incidentStore';
import type { GitRunner } from '../git/gitRunner';
import { openFrame } from './stackLinkProviders';
import type { FindSuspects } from './suspectFinder';
import type { WorkspaceFiles } from './workspaceFiles';

/**
 * "Find suspect commit for stack trace": the trace comes from the argument (a log event in the Evidence view),
 * the selection, or the clipboard. Opens the innermost application frame, then ranks the deploy's commits.
 */
export class FindSuspectCommand {
  constructor(
    private readonly store: IncidentStore,
    private readonly files: WorkspaceFiles,
    private readonly git: GitRunner,
    private readonly findSuspects: FindSuspects | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async run(arg?: unknown): Promise<void> {
    const text = await this.stackText(arg);
    const parsed = parseStack(text ?? '');
    if (!text || parsed.frames.length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('No stack trace found in the selection or the clipboard. Select a stack trace (or copy one) and run the command again.'));
      return;
    }
    // Open the innermost frame that maps onto the workspace, preferring application code.
    const ordered = [...parsed.frames].sort((a, b) => (a.origin === 'app' ? 0 : 1) - (b.origin === 'app' ? 0 : 1) || a.trace - b.trace || a.depth - b.depth);
    let opened = false;
    for (const f of ordered) {
      const { uri } = await this.files.resolve(f);
      if (!uri) continue;
      await openFrame(uri, f);
      opened = true;
      break;
    }
    if (!opened) {
      const first = parsed.frames[0];
      const { resolution } = await this.files.resolve(first);
      void vscode.window.showWarningMessage(vscode.l10n.t('No frame of the trace maps onto this workspace ({0}: {1}).', first.file,
        resolution && resolution.path === undefined ? resolution.reason : vscode.l10n.t('no workspace folder')));
    }
    await this.rank(text);
  }

  private async stackText(arg: unknown): Promise<string | undefined> {
    if (typeof arg === 'string' && arg.trim()) return arg;
    const ed = vscode.window.activeTextEditor;
    if (ed && !ed.selection.isEmpty) return ed.document.getText(ed.selection);
    const clip = await vscode.env.clipboard.readText();
    return clip.trim() ? clip : undefined;
  }

  private async rank(stackText: string): Promise<void> {
    const active = this.store.active;
    if (!this.findSuspects) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Opened the frame. Ranking commits against a stack trace is not available in this build.'));
      return;
    }
    // The deploy range: the report's first suspect deploy with both refs, else the latest deploy with both.
    const deploys = active?.snapshot.deploys ?? [];
    const suspectIds = active?.report?.suspects.map((s) => s.deployId) ?? [];
    const deploy = [...suspectIds.map((id) => deploys.find((d) => d.id === id)), ...[...deploys].reverse()]
      .find((d) => d?.ref && d.previousRef);
    const repo = this.git.root();
    if (!deploy || !repo) {
      void vscode.window.showWarningMessage(deploy
        ? vscode.l10n.t('Open a folder holding the service repository to rank commits.')
        : vscode.l10n.t('The active incident has no deploy with a previous and a deployed ref: no commit range to rank.'));
      return;
    }
    const range = `${deploy.previousRef}..${deploy.ref}`;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Ranking the commits of {0} against the stack trace…', deploy.id), cancellable: true },
      async (_p, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        try {
          return await this.findSuspects!({ repo, range, stackText, mappings: await this.files.mappings(), signal: ac.signal });
        } catch (e) {
          if (token.isCancellationRequested) return undefined;
          this.log.error(`findSuspects ${range}: ${(e as Error).message}`);
          void vscode.window.showErrorMessage(vscode.l10n.t('Could not rank commits in {0}: {1}', range, (e as Error).message));
          return undefined;
        }
      },
    );
    if (!result) return;
    if (result.problems.length) this.log.warn(`findSuspects ${range}: ${result.problems.join('; ')}`);
    if (result.suspects.length === 0) {
      void vscode.window.showInformationMessage(result.conclusion ?? vscode.l10n.t('No commit in {0} touched the frames of this trace.', deploy.id));
      return;
    }
    const commits = new Map((deploy.commits ?? []).map((c) => [c.sha, c]));
    const pick = await vscode.window.showQuickPick(result.suspects.map((s, i) => {
      const c = commits.get(s.commit) ?? [...commits.values()].find((x) => x.sha.startsWith(s.commit) || s.commit.startsWith(x.sha));
      return {
        label: `#${i + 1} ${s.commit.slice(0, 8)} ${c?.message?.split('\n')[0] ?? ''}`.trim(),
        description: vscode.l10n.t('score {0}', s.score.toFixed(2)),
        detail: s.reason,
        suspect: s,
        file: s.frames.map((k) => result.frames[k]?.path).find((p): p is string => !!p),
        repo,
      };
    }), { title: vscode.l10n.t('Suspect commits for this stack trace ({0})', range), matchOnDetail: true });
    if (pick?.file) {
      await vscode.commands.executeCommand('incidentLens.openDiff', { deployId: deploy.id, commit: pick.suspect.commit, path: pick.file, repo: pick.repo });
    }
  }
}
