// Builds the CloudWatch and CloudWatch Logs clients for one region. The SDK is loaded here, lazily, on first use;
// adapters receive the built client through their constructor.
import { loadAwsSdk, type AwsSdk } from './loadAwsSdk';

export type CloudWatchClient = InstanceType<AwsSdk['cloudwatch']['CloudWatchClient']>;
export type CloudWatchLogsClient = InstanceType<AwsSdk['logs']['CloudWatchLogsClient']>;
type ClientConfig = NonNullable<ConstructorParameters<AwsSdk['cloudwatch']['CloudWatchClient']>[0]>;
export type AwsCredentials = ClientConfig['credentials'];

export interface AwsClientConfig {
  region: string;
  /** e.g. http://127.0.0.1:4510 for the simulator; default: the public regional endpoint. */
  endpoint?: string;
  /** CloudWatch Logs endpoint when it differs from `endpoint` (config `endpoints.logs`). */
  logsEndpoint?: string;
  /** Shared-config / SSO profile for the default provider chain; ignored when `credentials` is given. */
  profile?: string;
  /** Explicit credentials or provider (tests, the VS Code secret store). Default: fromNodeProviderChain({ profile }). */
  credentials?: AwsCredentials;
  /**
   * SDK-level attempts. Default 1: retries with backoff and jitter happen in awsCall, so every throttle is
   * counted once and a source that stays throttled becomes a gap instead of a silent multi-minute stall.
   */
  maxAttempts?: number;
}

export interface AwsClients {
  region: string;
  profile?: string;
  cloudwatch: CloudWatchClient;
  logs: CloudWatchLogsClient;
}

export function createAwsClients(cfg: AwsClientConfig, sdk: AwsSdk = loadAwsSdk()): AwsClients {
  // The SDK prints a multi-line Node 22 notice on stderr; it would break the CLI's one-line error contract and the
  // package's engines field already states the Node requirement. The user's own setting wins.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const credentials = cfg.credentials ?? sdk.fromNodeProviderChain(cfg.profile ? { profile: cfg.profile } : {});
  const common = { region: cfg.region, endpoint: cfg.endpoint, credentials, maxAttempts: cfg.maxAttempts ?? 1 };
  return {
    region: cfg.region,
    profile: cfg.profile,
    cloudwatch: new sdk.cloudwatch.CloudWatchClient(common),
    logs: new sdk.logs.CloudWatchLogsClient({ ...common, endpoint: cfg.logsEndpoint ?? cfg.endpoint }),
  };
}

/** Closes the clients' keep-alive sockets (the CLI exits promptly afterwards). */
export function destroyAwsClients(c: AwsClients): void {
  c.cloudwatch.destroy();
  c.logs.destroy();
}
