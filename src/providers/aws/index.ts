// The AWS providers: build clients for a region, then one adapter per port.
export { createAwsClients, destroyAwsClients, type AwsClientConfig, type AwsClients } from './awsClients';
export { awsCall, AwsCallError, DEFAULT_CALL_POLICY, type CallPolicy } from './awsCall';
export { AwsCredentialsError, classifyAwsError, describeAwsFailure, isRetryableAwsError } from './awsErrors';
export { CloudWatchAlarms } from './cloudWatchAlarms';
export { CloudWatchMetrics } from './cloudWatchMetrics';
export { CloudWatchLogs } from './cloudWatchLogs';
export { LogsInsights } from './logsInsights';
export { metricKey } from './metricKey';
export { choosePeriod } from './metricPeriod';
export { createAwsProviders, type AwsProviderConfig, type AwsProviders } from './awsProviders';
