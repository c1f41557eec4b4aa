import { NodeTreeProvider, type TreeNode } from './treeNode';
import type { IncidentStore } from '../incidentStore';

export class SuspectsTreeProvider extends NodeTreeProvider {
  constructor(private readonly store: IncidentStore) {
    super();
  }

  protected roots(): TreeNode[] {
    const deploys = this.store.active?.snapshot.deploys ?? [];
    return deploys.map((d) => ({
      id: `deploy:${d.id}`,
      label: d.id,
      description: d.at,
      icon: 'rocket',
      contextValue: 'deploy',
      children: (d.commits ?? []).map((c) => ({
        id: `commit:${d.id}:${c.sha}`,
        label: c.message?.split('\n')[0] ?? c.sha,
        description: c.sha.slice(0, 8),
        icon: 'git-commit',
        contextValue: 'commit',
      })),
    }));
  }
}
