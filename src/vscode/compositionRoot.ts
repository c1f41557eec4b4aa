import * as vscode from 'vscode';
import { IncidentStore } from './incidentStore';
import { IncidentCommands } from './commands/incidentCommands';
import { AlarmsTreeProvider } from './views/alarmsTreeProvider';
import { EvidenceTreeProvider } from './views/evidenceTreeProvider';
import { IncidentsTreeProvider } from './views/incidentsTreeProvider';
import { SuspectsTreeProvider } from './views/suspectsTreeProvider';
import type { NodeTreeProvider } from './views/treeNode';

/** The one place that builds everything and passes dependencies through constructors. */
export class CompositionRoot {
  constructor(private readonly context: vscode.ExtensionContext) {}

  register(): void {
    const store = new IncidentStore();
    const trees: Array<[string, NodeTreeProvider]> = [
      ['incidentLens.incidents', new IncidentsTreeProvider(store)],
      ['incidentLens.alarms', new AlarmsTreeProvider(store)],
      ['incidentLens.suspects', new SuspectsTreeProvider(store)],
      ['incidentLens.evidence', new EvidenceTreeProvider(store)],
    ];
    const subs = this.context.subscriptions;
    subs.push(store);
    for (const [id, provider] of trees) {
      subs.push(provider, vscode.window.registerTreeDataProvider(id, provider));
    }
    subs.push(store.onDidChange(() => trees.forEach(([, p]) => p.refresh())));

    const incidents = new IncidentCommands(store);
    subs.push(
      vscode.commands.registerCommand('incidentLens.openDemo', () => incidents.openDemo()),
      vscode.commands.registerCommand('incidentLens.openSnapshot', (uri?: vscode.Uri) => incidents.openSnapshot(uri)),
      vscode.commands.registerCommand('incidentLens.refresh', () => incidents.refresh()),
    );
  }
}
