import * as vscode from 'vscode';
import type { MinedLogs } from '../../core/logs';
import type { Engine } from '../../providers/engine/loadEngine';
import type { IncidentStore } from '../incidentStore';

const MAX_EXAMPLES = 200;

/** Opens the log lines that share a pattern with one event (from the timeline) or one log-pattern evidence. */
export class LogExamples {
  private mined: { key: object; result: MinedLogs } | undefined;

  constructor(private readonly store: IncidentStore, private readonly engine: () => Engine) {}

  private mine(): MinedLogs | undefined {
    const logs = this.store.active?.snapshot.logs;
    if (!logs?.length) return undefined;
    if (this.mined?.key !== logs) this.mined = { key: logs, result: this.engine().mineLogs(logs) };
    return this.mined.result;
  }

  /** The template index an evidence id names, or -1. */
  private templateOf(evidenceId: string, mined: MinedLogs): number {
    const e = this.store.active?.report?.evidence.find((x) => x.id === evidenceId);
    if (!e) return -1;
    const ref = e.ref ?? {};
    const wanted = ref.templateId ?? ref.template ?? ref.patternId ?? ref.pattern ?? (typeof e.template === 'string' ? e.template : undefined);
    let i = mined.templates.findIndex((t) => t.id === wanted || t.template === wanted);
    if (i < 0) i = mined.templates.findIndex((t) => e.summary.includes(t.template));
    return i;
  }

  /** One log message of the pattern an evidence names, preferring one that carries a stack trace. */
  exampleFor(evidenceId: string): { message: string; stack?: string } | undefined {
    const mined = this.mine();
    const logs = this.store.active?.snapshot.logs ?? [];
    if (!mined) return undefined;
    const k = this.templateOf(evidenceId, mined);
    if (k < 0) return undefined;
    let first: string | undefined;
    for (let i = 0; i < logs.length; i++) {
      if (mined.assignments[i] !== k) continue;
      const m = logs[i].message;
      first ??= m;
      if (m.includes('\n')) return { message: m.split('\n')[0], stack: m };
    }
    return first === undefined ? undefined : { message: first.split('\n')[0] };
  }

  /** `target`: a log index (timeline) or an evidence id (Evidence view). */
  async open(target: number | string): Promise<void> {
    const active = this.store.active;
    const logs = active?.snapshot.logs ?? [];
    const mined = this.mine();
    if (!active || !mined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The active incident has no log events.'));
      return;
    }
    let templateIndex: number | undefined;
    if (typeof target === 'number') templateIndex = mined.assignments[target];
    else {
      templateIndex = this.templateOf(target, mined);
      if (templateIndex < 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Evidence {0} names no log pattern found in the snapshot logs.', target));
        return;
      }
    }
    const template = templateIndex !== undefined ? mined.templates[templateIndex] : undefined;
    if (!template) return;
    const lines: string[] = [];
    let total = 0;
    for (let i = 0; i < logs.length; i++) {
      if (mined.assignments[i] !== templateIndex) continue;
      total++;
      if (lines.length < MAX_EXAMPLES) lines.push(`${logs[i].at} ${logs[i].group} ${logs[i].message}`);
    }
    const header = vscode.l10n.t('# Pattern: {0}\n# {1} matching log events in {2}; showing {3}.', template.template, total, active.snapshot.incident.id, lines.length);
    const doc = await vscode.workspace.openTextDocument({ language: 'log', content: `${header}\n\n${lines.join('\n')}\n` });
    await vscode.window.showTextDocument(doc, { preview: true });
  }
}
