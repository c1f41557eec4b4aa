// A snapshot with tickets of every source, and the configuration that reads all of it from the simulator.
import type { Config } from '../../../src/core/config/config';
import { demoSnapshot } from '../../../src/core/demo/demoSnapshot';
import type { Snapshot } from '../../../src/core/model/snapshot';

export function richSnapshot(): Snapshot {
  const s = demoSnapshot();
  s.tickets!.push(
    { id: 'OPS-77', source: 'jira', title: 'Inventory table throttling during sale', body: 'Read throttles.\nRaised RCU.', openedAt: '2025-12-20T10:00:00Z',
      resolvedAt: '2025-12-20T12:30:00Z', resolution: 'Fixed', labels: ['incident', 'dynamodb'], service: 'checkout-api' },
    { id: 'GH-12', source: 'github', title: 'checkout 5xx after deploy', body: 'Rolled back v2.3.9', openedAt: '2025-12-01T08:00:00Z', resolvedAt: '2025-12-01T09:00:00Z', labels: ['incident'] },
  );
  return s;
}

export function configFor(s: Snapshot): Config {
  return {
    service: 'checkout-api',
    aws: {
      regions: ['us-east-1'],
      logGroups: [...new Set((s.logs ?? []).map((l) => l.group))],
      metrics: (s.metrics ?? []).map((m) => ({ id: m.id, namespace: m.namespace, name: m.name, stat: m.stat, dimensions: m.dimensions })),
    },
    github: { owner: 'acme', repo: 'checkout-api' },
    deploys: { from: 'github-deployments', environment: 'production' },
    tickets: [{ type: 'github', labels: ['incident'] }, { type: 'jira', url: 'https://acme.atlassian.net', project: 'OPS' }, { type: 'servicenow', url: 'https://acme.service-now.com' }],
  };
}
