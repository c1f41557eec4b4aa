import * as vscode from 'vscode';
import { demoSnapshot } from '../../core/demo/demoSnapshot';
import type { Snapshot } from '../../core/model/snapshot';
import type { IncidentStore } from '../incidentStore';

/** Loading an incident into the store: the demo, a snapshot file, or a refresh of the current one. */
export class IncidentCommands {
  constructor(private readonly store: IncidentStore) {}

  openDemo(): void {
    this.store.set({ snapshot: demoSnapshot(), origin: 'built-in demo' });
  }

  async openSnapshot(uri?: vscode.Uri): Promise<void> {
    const target = uri ?? (await vscode.window.showOpenDialog({
      canSelectMany: false,
      filters: { 'Incident snapshot': ['json'] },
      openLabel: vscode.l10n.t('Open Incident Snapshot'),
    }))?.[0];
    if (!target) return;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    let snapshot: Snapshot;
    try {
      snapshot = JSON.parse(text) as Snapshot;
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} is not valid JSON: {1}', target.fsPath, (e as Error).message));
      return;
    }
    this.store.set({ snapshot, origin: target.fsPath });
  }

  refresh(): void {
    const active = this.store.active;
    this.store.set(active ? { ...active } : undefined);
  }
}
