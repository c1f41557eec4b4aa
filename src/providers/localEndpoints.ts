// Which sources a gather sends to a local server (the simulator on 127.0.0.1). Such a server accepts any signature
// and any token, so the CLI and the extension spare the user from credentials for it; shared so both decide alike.
import type { Config } from '../core/config/config';
import type { AwsCredentials } from './aws/awsClients';

const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/;

export function isLoopbackUrl(url: string | undefined): boolean {
  return !!url && LOOPBACK.test(url);
}

export interface LocalSources {
  /** CloudWatch (and Logs) go to a loopback endpoint. */
  aws: boolean;
  /** The GitHub API goes to a loopback endpoint. */
  github: boolean;
}

/** Endpoints in effect: overrides (e.g. --endpoint-url) win over the config's `endpoints`. */
export function localSources(config: Config, overrides?: Config['endpoints']): LocalSources {
  const e = { ...config.endpoints, ...overrides };
  const awsUrls = [e.cloudwatch, e.logs].filter((u): u is string => !!u);
  return {
    aws: awsUrls.length > 0 && awsUrls.every(isLoopbackUrl),
    github: isLoopbackUrl(e.github ?? config.github?.apiUrl),
  };
}

/** Placeholder keys for a loopback AWS endpoint, unless the user chose credentials (keys or a profile) explicitly. */
export function simulatorAwsCredentials(config: Config, overrides: Config['endpoints'] | undefined, explicit: { accessKeyId?: string; profile?: string }): AwsCredentials | undefined {
  if (!localSources(config, overrides).aws || explicit.accessKeyId || explicit.profile) return undefined;
  return { accessKeyId: 'simulator', secretAccessKey: 'simulator' };
}
