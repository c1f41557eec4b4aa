// The questions a write action asks before it acts. The real answers come from modal dialogs and quick picks; the
// extension-host tests answer through the hook in the activate() API, because a modal would wait for a click forever.
import * as vscode from 'vscode';
import { AnswerHook } from '../answerHook';
import type { WritePlan } from '../../core/actions/writePlan';

export interface CommitChoice {
  sha: string;
  summary: string;
}

export interface Confirm {
  /** The plan is open beside the editor; true to go ahead. */
  plan(plan: WritePlan): Promise<boolean>;
  /** The working tree has uncommitted work before switching branches: stash it, or stop. */
  dirtyTree(incidentId: string): Promise<'stash' | 'stop'>;
  /** One of several PR template paths; undefined for none. */
  template(paths: string[]): Promise<string | undefined>;
  /** Which of the deploy's commits to revert; undefined or empty to cancel. */
  commits(deployId: string, commits: CommitChoice[]): Promise<string[] | undefined>;
}

export class VscodeConfirm implements Confirm {
  async plan(plan: WritePlan): Promise<boolean> {
    const go = vscode.l10n.t('Proceed');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Incident Lens will {0} — see the preview for every step. Proceed?', plan.kind.replace(/-/g, ' ')), { modal: true }, go);
    return answer === go;
  }

  async dirtyTree(incidentId: string): Promise<'stash' | 'stop'> {
    const stash = vscode.l10n.t('Stash and continue');
    const pick = await vscode.window.showWarningMessage(vscode.l10n.t('The working tree has uncommitted work. Stash it (git stash, message naming {0}) and continue, or stop?', incidentId), { modal: true }, stash);
    return pick === stash ? 'stash' : 'stop';
  }

  async template(paths: string[]): Promise<string | undefined> {
    return (await vscode.window.showQuickPick(paths, { title: vscode.l10n.t('Pull request template') })) ?? undefined;
  }

  async commits(deployId: string, commits: CommitChoice[]): Promise<string[] | undefined> {
    const items = commits.map((c) => ({ label: c.sha.slice(0, 12), description: c.summary, picked: true, sha: c.sha }));
    const chosen = await vscode.window.showQuickPick(items, { canPickMany: true, title: vscode.l10n.t('Commits of {0} to revert', deployId) });
    return chosen?.map((c) => c.sha);
  }
}

/** The real dialogs, or a test's answers (see AnswerHook). */
export class ConfirmHook extends AnswerHook<Confirm> implements Confirm {
  plan(plan: WritePlan): Promise<boolean> {
    return this.to.plan(plan);
  }

  dirtyTree(incidentId: string): Promise<'stash' | 'stop'> {
    return this.to.dirtyTree(incidentId);
  }

  template(paths: string[]): Promise<string | undefined> {
    return this.to.template(paths);
  }

  commits(deployId: string, commits: CommitChoice[]): Promise<string[] | undefined> {
    return this.to.commits(deployId, commits);
  }
}
