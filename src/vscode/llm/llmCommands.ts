// The optional LLM pass in the editor: off by default; the key lives in SecretStorage; the preview shows exactly what
// would be sent; the answer is attached to the report as `llm`, marked as the model's, and never replaces a field.
import * as vscode from 'vscode';
import type { LlmSection } from '../../core/llm/llmAnalysis';
import type { Report } from '../../core/model/report';
import { loadLlmSdk } from '../../providers/llm/loadLlmSdk';
import { createOpenAiChat } from '../../providers/llm/openAiChat';
import type { AuditEntry } from '../../providers/audit/auditLog';
import type { IncidentStore } from '../incidentStore';
import { readCodeContext } from './codeContext';
import { API_KEY_SECRET, readLlmSettings } from './llmSettings';


export class LlmCommands {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly store: IncidentStore,
    private readonly log: vscode.LogOutputChannel,
    /** Appends one JSON line per LLM call; the actions' audit log fills this in the composition root. */
    private readonly audit: (entry: AuditEntry) => void = () => undefined,
  ) {}

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('incidentLens.llm.setApiKey', () => this.setApiKey()),
      vscode.commands.registerCommand('incidentLens.llm.preview', () => this.preview()),
      vscode.commands.registerCommand('incidentLens.llm.analyse', () => this.analyse()),
    ];
  }

  async setApiKey(): Promise<void> {
    const key = await vscode.window.showInputBox({
      title: vscode.l10n.t('Incident Lens: LLM API key'),
      prompt: vscode.l10n.t('Stored in VS Code SecretStorage, never in settings or logs. Leave empty to remove it.'),
      password: true,
      ignoreFocusOut: true,
    });
    if (key === undefined) return;
    if (key) await this.secrets.store(API_KEY_SECRET, key);
    else await this.secrets.delete(API_KEY_SECRET);
    void vscode.window.showInformationMessage(key ? vscode.l10n.t('LLM API key saved.') : vscode.l10n.t('LLM API key removed.'));
  }

  private activeOrWarn() {
    const active = this.store.active;
    if (!active?.report) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open an incident first: the LLM works on its analysis report.'));
      return undefined;
    }
    return { snapshot: active.snapshot, report: active.report };
  }

  async preview(): Promise<void> {
    const a = this.activeOrWarn();
    if (!a) return;
    const s = readLlmSettings();
    let text: string;
    try {
      const codeContext = await readCodeContext(a.snapshot, a.report);
      const req = loadLlmSdk().buildLlmRequest(a.snapshot, a.report, { contextTokens: s.contextTokens, redact: s.redact, codeContext });
      const redacted = Object.entries(req.redactions).map(([k, n]) => `${n} ${k}`).join(', ') || vscode.l10n.t('nothing');
      text = [
        `<!-- ${vscode.l10n.t('Exactly what would be sent to {0} (model {1}). Nothing has been sent.', s.baseURL, s.model || '?')} -->`,
        `<!-- ${vscode.l10n.t('About {0} tokens. Redacted: {1}.', req.promptTokens, redacted)} -->`,
        ...(req.truncated.length ? [`<!-- ${vscode.l10n.t('Cut to fit the context: {0}', req.truncated.join('; '))} -->`] : []),
        ...req.messages.map((m) => `\n# ${m.role}\n\n${m.content}`),
      ].join('\n');
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot build the LLM request: {0}', (e as Error).message));
      return;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  async analyse(): Promise<void> {
    const s = readLlmSettings();
    if (!s.enabled) {
      const enable = vscode.l10n.t('Open Settings');
      // Not awaited: the command is done once it has said why; the button works whenever it is clicked.
      void vscode.window.showInformationMessage(vscode.l10n.t('The LLM pass is off. Turn on incidentLens.llm.enabled and set the endpoint and model first.'), enable).then((pick) => {
        if (pick === enable) void vscode.commands.executeCommand('workbench.action.openSettings', 'incidentLens.llm');
      });
      return;
    }
    if (!s.model) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Set incidentLens.llm.model to the model name your endpoint serves.'));
      return;
    }
    const a = this.activeOrWarn();
    if (!a) return;
    const apiKey = (await this.secrets.get(API_KEY_SECRET)) ?? '';
    const chat = createOpenAiChat({ baseURL: s.baseURL, apiKey, model: s.model, timeoutMs: s.timeoutMs });
    const codeContext = await readCodeContext(a.snapshot, a.report);
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Asking {0} for a narrative…', s.model), cancellable: true },
      async (progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        let received = 0;
        try {
          const out = await loadLlmSdk().runLlmAnalysis(a.snapshot, a.report, async (req, o) => {
            this.audit({ kind: 'llm-call', endpoint: s.baseURL, model: s.model, request: req.messages, outcome: 'sent' });
            return chat.complete(req, o);
          }, {
            model: s.model,
            contextTokens: s.contextTokens,
            redact: s.redact,
            codeContext,
            signal: ac.signal,
            onDelta: (d) => {
              received += d.length;
              progress.report({ message: vscode.l10n.t('{0} characters received', received) });
            },
          });
          this.audit({ kind: 'llm-call', endpoint: s.baseURL, model: s.model, request: null, outcome: `answered; kept ${out.llm.narrative.length + out.llm.hypotheses.length + out.llm.fixes.length + (out.llm.patches?.length ?? 0)}, dropped ${out.llm.dropped.length}` });
          const active = this.store.active;
          if (active) this.store.set({ ...active, report: out });
          await this.show(out);
        } catch (e) {
          const message = (e as Error).message;
          this.log.error(`LLM pass failed: ${message}`);
          this.audit({ kind: 'llm-call', endpoint: s.baseURL, model: s.model, request: null, outcome: `failed: ${message}` });
          void vscode.window.showErrorMessage(vscode.l10n.t('LLM pass failed: {0}. The deterministic analysis is unchanged.', message));
        }
      },
    );
  }

  private async show(report: Report & { llm: LlmSection }): Promise<void> {
    const l = report.llm;
    const cite = (ids: string[]) => ids.map((id) => `\`${id}\``).join(' ');
    const lines = [
      `# ${vscode.l10n.t('Model narrative (from {0}, not the deterministic analysis)', l.model)}`,
      '',
      ...l.narrative.map((c) => `- ${c.text} ${cite(c.evidence)}`),
      '',
      `## ${vscode.l10n.t('Hypotheses (model)')}`,
      ...l.hypotheses.map((h) => `- **${h.category}** ${h.verdict} (${h.confidence.toFixed(2)}): ${h.statement} ${cite(h.evidence)}`),
      '',
      `## ${vscode.l10n.t('Proposed fixes (model) — review before applying')}`,
      ...l.fixes.flatMap((f) => [`### ${f.title} ${cite(f.evidence)}`, f.detail, ...(f.patch ? ['```diff', f.patch, '```'] : [])]),
      ...(l.patches?.length
        ? [
            '',
            `## ${vscode.l10n.t('Proposed patches (model) — not applied')}`,
            `_${vscode.l10n.t('Run "Incident Lens: Review and Apply Model Patch" to see each as a diff and apply it after confirming.')}_`,
            ...l.patches.flatMap((p) => [`### ${p.files.join(', ')} ${cite(p.evidence)}`, p.rationale, '```diff', p.diff.trimEnd(), '```']),
          ]
        : []),
      '',
      `_${vscode.l10n.t('{0} claim(s) dropped for missing or unknown evidence.', l.dropped.length)}_`,
    ];
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: lines.join('\n') });
    await vscode.window.showTextDocument(doc, { preview: false });
  }
}
