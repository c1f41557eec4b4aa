// The two questions the patch review asks: which patch, and "Apply?". The real answers come from a quick pick and a
// modal dialog; extension-host tests install their own answers through the activate() API (a modal would wait forever).
import * as vscode from 'vscode';
import { AnswerHook } from '../answerHook';
import type { PatchChoice } from '../../core/llm/patchProposals';

export interface ConfirmRequest {
  message: string;
  detail: string;
  /** The label of the button that says yes. */
  action: string;
}

export interface PatchUi {
  /** True only when the user explicitly chose `request.action`. */
  confirm(request: ConfirmRequest): Promise<boolean>;
  pick(choices: PatchChoice[]): Promise<PatchChoice | undefined>;
}

export class VscodePatchUi implements PatchUi {
  async confirm(r: ConfirmRequest): Promise<boolean> {
    return (await vscode.window.showWarningMessage(r.message, { modal: true, detail: r.detail }, r.action)) === r.action;
  }

  async pick(choices: PatchChoice[]): Promise<PatchChoice | undefined> {
    const items = choices.map((c) => ({ label: c.label, detail: c.rationale, description: c.evidence.join(' '), choice: c }));
    return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Patches proposed by the model'), placeHolder: vscode.l10n.t('Choose a patch to review') }))?.choice;
  }
}

/** The real dialogs, or a test's answers (see AnswerHook). */
export class PatchUiHook extends AnswerHook<PatchUi> implements PatchUi {
  confirm(request: ConfirmRequest): Promise<boolean> {
    return this.to.confirm(request);
  }

  pick(choices: PatchChoice[]): Promise<PatchChoice | undefined> {
    return this.to.pick(choices);
  }
}
