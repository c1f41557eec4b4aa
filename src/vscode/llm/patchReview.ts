// "Review and Apply Model Patch": the model's diff is shown in a diff editor, then applied with git only after an
// explicit confirmation — never silently, never in observe mode. The questions go through the injected PatchUi.
import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { WriteMode } from '../actions/writeMode';
import type { LlmSection } from '../../core/llm/llmAnalysis';
import type { PatchChoice } from '../../core/llm/patchProposals';
import type { AuditEntry } from '../../providers/audit/auditLog';
import { loadLlmSdk, type LlmSdk } from '../../providers/llm/loadLlmSdk';
import type { IncidentStore } from '../incidentStore';
import type { PatchDocuments } from './patchDocuments';
import type { PatchUi } from './patchUi';

export interface PatchReviewDeps {
  store: IncidentStore;
  documents: PatchDocuments;
  log: vscode.LogOutputChannel;
  audit: (entry: AuditEntry) => void;
  mode: WriteMode;
}

export type ReviewOutcome = 'applied' | 'declined' | 'refused' | 'nothing' | 'failed';

export class PatchReview {
  constructor(
    private readonly deps: PatchReviewDeps,
    private readonly ui: PatchUi,
  ) {}

  async run(): Promise<ReviewOutcome> {
    const what = vscode.l10n.t('Applying a model patch');
    if (await this.deps.mode.refusal(what, 'llm-patch', this.deps.audit)) return 'refused';
    // The parser, preview and git apply live in the lazily loaded LLM bundle, with one copy of their error classes.
    const sdk = loadLlmSdk();
    const llm = (this.deps.store.active?.report as { llm?: LlmSection } | undefined)?.llm;
    const choices = llm ? sdk.patchChoices(llm) : [];
    const reviewable = choices.filter((c) => c.patch && c.diff);
    if (!reviewable.length) {
      const broken = choices.filter((c) => c.problem).map((c) => `${c.label}: ${c.problem}`);
      void vscode.window.showInformationMessage(
        broken.length
          ? vscode.l10n.t('The model proposed no patch that can be reviewed: {0}', broken.join('; '))
          : vscode.l10n.t('No patch from the model for this incident. Run "Analyse with LLM" first; patches it proposes appear here.'),
      );
      return 'nothing';
    }
    const choice = reviewable.length === 1 ? reviewable[0] : await this.ui.pick(reviewable);
    if (!choice?.patch || !choice.diff) return 'declined';
    const root = await this.repoRoot(sdk);
    if (!root) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Open the repository folder first: the patch applies to its files.'));
      return 'failed';
    }
    const applier = new sdk.PatchApplier(sdk.gitRunner(root), root);
    const audit = (outcome: string, extra: Record<string, unknown> = {}) =>
      this.deps.audit({ kind: 'write', action: 'llm-patch', outcome, model: llm?.model, files: choice.patch!.files.map((f) => f.path), evidence: choice.evidence, rationale: choice.rationale, diff: choice.diff, ...extra });

    try {
      const conflicts = await applier.check(choice.diff);
      let threeWay = false;
      if (conflicts.length) {
        const list = conflicts.map(sdk.describeConflict).join('\n');
        this.deps.log.warn(`model patch does not apply cleanly:\n${list}`);
        threeWay = await this.ui.confirm({
          message: vscode.l10n.t('The patch does not apply cleanly to your working tree. Nothing has been changed.'),
          detail: `${list}\n\n${vscode.l10n.t('A 3-way merge against the committed version of each file may still apply it; the result is staged, and if it conflicts every file is put back.')}`,
          action: vscode.l10n.t('Try a 3-way merge'),
        });
        if (!threeWay) {
          audit('not applied: conflicts', { conflicts });
          return 'declined';
        }
        await this.showPatchText(choice);
      } else {
        await this.showDiff(sdk, root, choice);
      }
      const files = choice.patch.files.map((f) => f.path);
      const yes = await this.ui.confirm({
        message: vscode.l10n.t('Apply the model’s patch to {0}?', files.join(', ')),
        detail: [
          choice.rationale,
          vscode.l10n.t('Evidence: {0}', choice.evidence.join(', ')),
          threeWay ? vscode.l10n.t('With a 3-way merge; the result is staged.') : vscode.l10n.t('git apply, working tree only: nothing is staged or committed.'),
        ].filter(Boolean).join('\n\n'),
        action: vscode.l10n.t('Apply'),
      });
      if (!yes) {
        audit('declined');
        return 'declined';
      }
      const res = await applier.apply(choice.diff, { threeWay });
      audit(res.threeWay ? 'applied (3-way)' : 'applied');
      void vscode.window.showInformationMessage(vscode.l10n.t('Applied the model’s patch to {0}. Review it with git diff; nothing was committed.', res.files.join(', ')));
      return 'applied';
    } catch (e) {
      const message = e instanceof sdk.PatchConflictError ? e.conflicts.map(sdk.describeConflict).join('; ') : (e as Error).message;
      this.deps.log.error(`model patch: ${message}`);
      audit(`failed: ${message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('The model’s patch was not applied: {0}. Your files are unchanged.', message));
      return 'failed';
    }
  }

  /** The repository holding the first workspace folder (patch paths are relative to its top level). */
  private async repoRoot(sdk: LlmSdk): Promise<string | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!folder) return undefined;
    const top = await sdk.gitRunner(folder)(['rev-parse', '--show-toplevel']).then((b) => b.toString('utf8').trim(), () => '');
    return top || undefined;
  }

  /** One diff editor per file: the file as it is now on the left, as the patch would leave it on the right. */
  private async showDiff(sdk: LlmSdk, root: string, choice: PatchChoice): Promise<void> {
    const sides: Array<{ left: vscode.Uri; right: vscode.Uri; path: string }> = [];
    for (const f of choice.patch!.files) {
      const abs = path.join(root, f.path);
      const current = await readFile(abs, 'utf8').catch(() => undefined);
      let after: string | undefined;
      try {
        after = sdk.applyToText(current, f);
      } catch (e) {
        // git said it applies (with an offset or whitespace rule we do not model): show the patch itself instead.
        if (!(e instanceof sdk.PatchError)) throw e;
        await this.showPatchText(choice);
        return;
      }
      const left = current === undefined ? this.deps.documents.put(`${f.path}.before`, '') : vscode.Uri.file(abs);
      sides.push({ left, right: this.deps.documents.put(f.path, after ?? ''), path: f.path });
    }
    for (const s of sides) {
      await vscode.commands.executeCommand('vscode.diff', s.left, s.right, vscode.l10n.t('{0} ↔ model patch (review before applying)', s.path), { preview: false });
    }
  }

  private async showPatchText(choice: PatchChoice): Promise<void> {
    const doc = await vscode.workspace.openTextDocument({ language: 'diff', content: choice.diff });
    await vscode.window.showTextDocument(doc, { preview: false });
  }
}
