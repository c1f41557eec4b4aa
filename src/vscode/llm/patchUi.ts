// The two questions the patch review asks: which patch, and "Apply?". The real answers come from a quick pick and a
// modal dialog; extension-host tests install their own answers through the activate() API (a modal would wait forever).
import * as vscode from 'vscode';
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

/** Asks the real UI unless answers are installed; installing returns a Disposable that removes them. */
export class PatchUiHook implements PatchUi {
  private answers: PatchUi | undefined;
  constructor(private readonly real: PatchUi) {}

  use(answers: PatchUi): vscode.Disposable {
    this.answers = answers;
    return new vscode.Disposable(() => {
      if (this.answers === answers) this.answers = undefined;
    });
  }

  confirm(request: ConfirmRequest): Promise<boolean> {
    return (this.answers ?? this.real).confirm(request);
  }

  pick(choices: PatchChoice[]): Promise<PatchChoice | undefined> {
    return (this.answers ?? this.real).pick(choices);
  }
}
