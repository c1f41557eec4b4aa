import { NodeTreeProvider, type TreeNode } from './treeNode';
import type { IncidentStore } from '../incidentStore';

export class EvidenceTreeProvider extends NodeTreeProvider {
  constructor(private readonly store: IncidentStore) {
    super();
  }

  protected roots(): TreeNode[] {
    const report = this.store.active?.report;
    if (!report) return [];
    return report.evidence.map((e) => ({ id: `evidence:${e.id}`, label: e.summary, description: e.kind, icon: 'search' }));
  }
}
