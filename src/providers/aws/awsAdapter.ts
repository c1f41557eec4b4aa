// What every CloudWatch adapter shares: the injected client, the lazily loaded SDK and the call context (retry
// policy, region, profile) that awsCall needs for its retries and its messages.
import { DEFAULT_CALL_POLICY, type CallPolicy } from './awsCall';
import { loadAwsSdk, type AwsSdk } from './loadAwsSdk';

export interface AwsAdapterOptions {
  region: string;
  profile?: string;
  policy?: CallPolicy;
}

export abstract class AwsAdapter<Client, Options extends AwsAdapterOptions> {
  protected readonly policy: CallPolicy;

  constructor(
    protected readonly client: Client,
    protected readonly opts: Options,
    protected readonly sdk: () => AwsSdk = loadAwsSdk,
  ) {
    this.policy = opts.policy ?? DEFAULT_CALL_POLICY;
  }

  protected ctx(signal?: AbortSignal) {
    return { policy: this.policy, signal, region: this.opts.region, profile: this.opts.profile };
  }
}
