import { NodeTreeProvider, type TreeNode } from './treeNode';
import type { IncidentStore } from '../incidentStore';

export class IncidentsTreeProvider extends NodeTreeProvider {
  constructor(private readonly store: IncidentStore) {
    super();
  }

  protected roots(): TreeNode[] {
    const active = this.store.active;
    if (!active) return [];
    const { incident } = active.snapshot;
    return [{
      id: `incident:${incident.id}`,
      label: `${incident.id} ${incident.title}`,
      description: [incident.severity, incident.service].filter(Boolean).join(' · '),
      tooltip: `Started ${incident.startedAt}\nFrom ${active.origin}`,
      icon: 'flame',
      contextValue: 'incident',
    }];
  }
}
