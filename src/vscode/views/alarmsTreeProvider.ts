import * as vscode from 'vscode';
import { NodeTreeProvider, type TreeNode } from './treeNode';
import type { IncidentStore } from '../incidentStore';
import { formatTime } from '../format';

const STATE_ICON: Record<string, vscode.ThemeIcon> = {
  ALARM: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
  OK: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  INSUFFICIENT_DATA: new vscode.ThemeIcon('question'),
};

export class AlarmsTreeProvider extends NodeTreeProvider {
  constructor(private readonly store: IncidentStore) {
    super();
  }

  protected roots(): TreeNode[] {
    const snapshot = this.store.active?.snapshot;
    const metrics = new Map((snapshot?.metrics ?? []).map((m) => [m.id, m]));
    return (snapshot?.alarms ?? []).map((a) => {
      const m = a.metricId ? metrics.get(a.metricId) : undefined;
      const metric = m ? `${m.namespace} ${m.name}${m.stat ? ` ${m.stat}` : ''}` : a.metricId;
      const threshold = a.threshold !== undefined ? `${a.comparison ?? ''} ${a.threshold}${m?.unit ? ` ${m.unit}` : ''}`.trim() : undefined;
      return {
        id: `alarm:${a.id}`,
        label: a.name,
        description: vscode.l10n.t('{0} since {1}', a.state, formatTime(a.at)),
        tooltip: new vscode.MarkdownString([
          `**${a.name}** · ${a.state}`,
          metric ? vscode.l10n.t('Metric: {0}', metric) : '',
          threshold ? vscode.l10n.t('Threshold: {0}', threshold) : '',
          a.reason ?? '',
        ].filter(Boolean).join('\n\n')),
        icon: STATE_ICON[a.state] ?? 'question',
        contextValue: 'alarm',
        data: a,
        command: { command: 'incidentLens.openTimeline', title: vscode.l10n.t('Open Timeline'), arguments: [{ kind: a.metricId ? 'metric' : 'alarm', id: a.metricId ?? a.id }] },
        children: [
          ...(metric ? [{ id: `alarm:${a.id}:metric`, label: vscode.l10n.t('Metric'), description: metric, icon: 'graph-line' }] : []),
          ...(threshold ? [{ id: `alarm:${a.id}:threshold`, label: vscode.l10n.t('Threshold'), description: threshold, icon: 'dash' }] : []),
        ],
      };
    });
  }
}
