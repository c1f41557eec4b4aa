import * as vscode from 'vscode';
import type { IncidentStore } from '../incidentStore';

const SEVERITY_ICON: Record<string, string> = { critical: '$(flame)', high: '$(warning)', medium: '$(info)', low: '$(circle-outline)' };

/** The active incident and its severity; click opens the timeline. */
export class IncidentStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('incidentLens.status', vscode.StatusBarAlignment.Left, 50);
  private readonly sub: vscode.Disposable;

  constructor(private readonly store: IncidentStore) {
    this.item.name = vscode.l10n.t('Incident Lens');
    this.item.command = 'incidentLens.openTimeline';
    this.sub = store.onDidChange(() => this.update());
    this.update();
  }

  update(): void {
    const active = this.store.active;
    if (!active) {
      this.item.hide();
      return;
    }
    const { incident } = active.snapshot;
    const sev = incident.severity ?? '';
    this.item.text = `${SEVERITY_ICON[sev] ?? '$(flame)'} ${incident.id}${sev ? ` · ${sev}` : ''}`;
    this.item.tooltip = vscode.l10n.t('{0}: {1} ({2}). Click to open the timeline.', incident.id, incident.title, sev || vscode.l10n.t('severity unknown'));
    this.item.backgroundColor = sev === 'critical' || sev === 'high'
      ? new vscode.ThemeColor(sev === 'critical' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground')
      : undefined;
    this.item.accessibilityInformation = { label: vscode.l10n.t('Active incident {0}, severity {1}', incident.id, sev || vscode.l10n.t('unknown')) };
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.sub.dispose();
    this.item.dispose();
  }
}
