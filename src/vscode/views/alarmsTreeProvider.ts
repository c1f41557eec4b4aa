import { NodeTreeProvider, type TreeNode } from './treeNode';
import type { IncidentStore } from '../incidentStore';

export class AlarmsTreeProvider extends NodeTreeProvider {
  constructor(private readonly store: IncidentStore) {
    super();
  }

  protected roots(): TreeNode[] {
    const alarms = this.store.active?.snapshot.alarms ?? [];
    return alarms.map((a) => ({
      id: `alarm:${a.id}`,
      label: a.name,
      description: `${a.state} since ${a.at}`,
      tooltip: [a.reason, a.threshold !== undefined ? `threshold ${a.comparison ?? ''} ${a.threshold}` : ''].filter(Boolean).join('\n'),
      icon: a.state === 'ALARM' ? 'error' : a.state === 'OK' ? 'pass' : 'question',
      contextValue: 'alarm',
    }));
  }
}
