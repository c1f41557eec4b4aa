// The demo workspace's .incident-lens.yaml, derived from the demo snapshot so gather against the simulator reads it all.
import { stringify } from 'yaml';
import type { Config } from '../config/config';
import type { Snapshot } from '../model/snapshot';

export function demoConfig(snapshot: Snapshot, simulatorUrl?: string): Config {
  return {
    version: 1,
    service: 'checkout-api',
    mode: 'advise',
    aws: {
      regions: ['us-east-1'],
      alarms: { prefixes: ['api-'] },
      logGroups: [...new Set((snapshot.logs ?? []).map((l) => l.group))],
      metrics: (snapshot.metrics ?? []).map((m) => ({ id: m.id, namespace: m.namespace, name: m.name, ...(m.stat ? { stat: m.stat } : {}), ...(m.dimensions ? { dimensions: m.dimensions } : {}) })),
    },
    ...(snapshot.slos?.length ? { slos: snapshot.slos } : {}),
    github: { owner: 'acme', repo: 'checkout-api' },
    deploys: { from: 'github-deployments', environment: 'production' },
    tickets: [{ type: 'github', labels: ['incident'] }, { type: 'servicenow', url: 'https://acme.service-now.com' }, { type: 'pir', path: 'docs/incidents' }],
    pathMappings: [{ from: '/var/task/', to: '' }],
    ...(simulatorUrl ? { endpoints: { cloudwatch: simulatorUrl, logs: simulatorUrl, github: simulatorUrl, jira: simulatorUrl, servicenow: simulatorUrl } } : {}),
  };
}

export function demoConfigYaml(snapshot: Snapshot, simulatorUrl?: string): string {
  return `# Incident Lens configuration for checkout-api: shared by the team, reviewed like code.\n${stringify(demoConfig(snapshot, simulatorUrl), { lineWidth: 0 })}`;
}
