import * as vscode from 'vscode';
import { NodeTreeProvider, type TreeNode } from './treeNode';
import type { IncidentStore } from '../incidentStore';
import { formatDuration, formatTime } from '../format';
import type { Snapshot } from '../../core/model/snapshot';

const SEVERITY_ICON: Record<string, vscode.ThemeIcon> = {
  critical: new vscode.ThemeIcon('flame', new vscode.ThemeColor('errorForeground')),
  high: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  medium: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  low: new vscode.ThemeIcon('circle-outline'),
};

/** The active incident (its firing alarms with their related tickets), then the other snapshots in the workspace. */
export class IncidentsTreeProvider extends NodeTreeProvider {
  constructor(private readonly store: IncidentStore, private readonly now: () => number = Date.now) {
    super();
  }

  protected async roots(): Promise<TreeNode[]> {
    const active = this.store.active;
    const nodes: TreeNode[] = [];
    if (active) nodes.push(this.incidentNode(active.snapshot, active.origin, true, active.uri));
    const files = vscode.workspace.workspaceFolders?.length
      ? await vscode.workspace.findFiles('**/*.incident.json', '**/node_modules/**', 50)
      : [];
    for (const uri of files.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
      if (active?.uri?.toString() === uri.toString()) continue;
      nodes.push({
        id: `incident-file:${uri.toString()}`,
        label: vscode.workspace.asRelativePath(uri),
        description: vscode.l10n.t('snapshot'),
        tooltip: vscode.l10n.t('Open this incident snapshot'),
        icon: 'file',
        contextValue: 'incidentFile',
        command: { command: 'incidentLens.openSnapshot', title: vscode.l10n.t('Open Incident Snapshot'), arguments: [uri] },
      });
    }
    return nodes;
  }

  private incidentNode(snapshot: Snapshot, origin: string, active: boolean, uri?: vscode.Uri): TreeNode {
    const { incident } = snapshot;
    const started = Date.parse(incident.startedAt);
    const ended = incident.resolvedAt ? Date.parse(incident.resolvedAt) : undefined;
    const age = ended !== undefined
      ? vscode.l10n.t('resolved after {0}', formatDuration(ended - started))
      : vscode.l10n.t('open for {0}', formatDuration(this.now() - started));
    const alarms = (snapshot.alarms ?? []).filter((a) => a.state === 'ALARM');
    const tickets = snapshot.tickets ?? [];
    const children: TreeNode[] = alarms.map((a) => {
      // A ticket belongs with an alarm when it names the alarm or the alarm's service.
      const related = tickets.filter((t) => `${t.title} ${t.body ?? ''}`.includes(a.name)
        || (!!incident.service && t.service === incident.service));
      return {
        id: `incident-alarm:${incident.id}:${a.id}`,
        label: a.name,
        description: formatTime(a.at),
        icon: new vscode.ThemeIcon('bell-dot', new vscode.ThemeColor('errorForeground')),
        contextValue: 'alarm',
        data: a,
        command: { command: 'incidentLens.openTimeline', title: vscode.l10n.t('Open Timeline'), arguments: [{ kind: 'alarm', id: a.id }] },
        children: related.map((t) => ({
          id: `incident-ticket:${incident.id}:${a.id}:${t.id}`,
          label: `${t.id} ${t.title}`,
          description: t.resolution ? vscode.l10n.t('fixed: {0}', t.resolution) : t.source,
          tooltip: [t.body, t.resolution ? vscode.l10n.t('Resolution: {0}', t.resolution) : ''].filter(Boolean).join('\n\n'),
          icon: 'issues',
          contextValue: 'ticket',
        })),
      };
    });
    return {
      id: `incident:${incident.id}`,
      label: `${incident.id} ${incident.title}`,
      description: [incident.severity, age].filter(Boolean).join(' · '),
      tooltip: new vscode.MarkdownString([
        `**${incident.id}** ${incident.title}`,
        vscode.l10n.t('Started {0}', formatTime(incident.startedAt)),
        incident.severity ? vscode.l10n.t('Severity: {0}', incident.severity) : '',
        vscode.l10n.t('From {0}', origin),
      ].filter(Boolean).join('\n\n')),
      icon: SEVERITY_ICON[incident.severity ?? ''] ?? 'flame',
      contextValue: active ? 'incidentActive' : 'incident',
      expanded: active,
      data: uri,
      children,
    };
  }
}
