// Everything gather needs for one region: the clients and one adapter per port, sharing the call policy.
import type { AlarmsPort, LogsInsightsPort, LogsPort, MetricsPort } from '../../ports';
import type { CallPolicy } from './awsCall';
import { createAwsClients, destroyAwsClients, type AwsClientConfig } from './awsClients';
import { CloudWatchAlarms } from './cloudWatchAlarms';
import { CloudWatchLogs } from './cloudWatchLogs';
import { CloudWatchMetrics } from './cloudWatchMetrics';
import { LogsInsights, type LogsInsightsOptions } from './logsInsights';

export interface AwsProviderConfig extends AwsClientConfig {
  alarmNames?: string[];
  alarmPrefixes?: string[];
  policy?: CallPolicy;
  /** Clock for the metric retention rules; default Date.now. */
  now?: () => number;
  /** Logs Insights polling and time-out. */
  insights?: Pick<LogsInsightsOptions, 'queryTimeoutMs' | 'pollBaseMs' | 'pollMaxMs'>;
}

export interface AwsProviders {
  region: string;
  alarms: AlarmsPort;
  metrics: MetricsPort;
  logs: LogsPort;
  insights: LogsInsightsPort;
  /** Closes keep-alive sockets. */
  close(): void;
}

export function createAwsProviders(cfg: AwsProviderConfig): AwsProviders {
  const clients = createAwsClients(cfg);
  const policy = cfg.policy;
  return {
    region: cfg.region,
    alarms: CloudWatchAlarms.fromClients(clients, { alarmNames: cfg.alarmNames, alarmPrefixes: cfg.alarmPrefixes, policy }),
    metrics: CloudWatchMetrics.fromClients(clients, { policy, ...(cfg.now ? { now: cfg.now } : {}) }),
    logs: CloudWatchLogs.fromClients(clients, { policy }),
    insights: LogsInsights.fromClients(clients, { policy, ...cfg.insights }),
    close: () => destroyAwsClients(clients),
  };
}
