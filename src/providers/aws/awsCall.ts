// One AWS request with a per-attempt time-out, retries with backoff and full jitter on throttling/5xx/time-outs,
// and the caller's cancellation. Failures come out as AwsCallError carrying the one-line description.
import { withRetry } from '../../core/retry';
import { AwsCredentialsError, AwsTimeoutError, classifyAwsError, describeAwsFailure, isRetryableAwsError, type AwsErrorContext, type AwsFailureKind } from './awsErrors';

export interface CallPolicy {
  /** Retries after the first attempt. */
  retries: number;
  baseMs: number;
  maxMs: number;
  /** Per-attempt time-out. */
  timeoutMs: number;
  /** Injected for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_CALL_POLICY: CallPolicy = { retries: 5, baseMs: 250, maxMs: 8_000, timeoutMs: 30_000 };

export class AwsCallError extends Error {
  override name = 'AwsCallError';
  constructor(
    message: string,
    readonly kind: AwsFailureKind,
    readonly action: string,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

export interface CallContext extends AwsErrorContext {
  policy: CallPolicy;
  signal?: AbortSignal;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? Object.assign(new Error('aborted'), { name: 'AbortError' });
}

/**
 * Runs `send` (given an AbortSignal that fires on time-out or cancellation) under the retry policy.
 * Throws: the caller's abort reason when cancelled; AwsCredentialsError when credentials are missing or expired;
 * AwsCallError (with kind and a clear message) for everything else.
 */
export async function awsCall<T>(action: string, send: (signal: AbortSignal) => Promise<T>, ctx: CallContext): Promise<T> {
  const { policy, signal } = ctx;
  try {
    return await withRetry(
      async () => {
        const timeout = new AbortController();
        const timer = setTimeout(() => timeout.abort(), policy.timeoutMs);
        const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
        try {
          return await send(combined);
        } catch (e) {
          if (signal?.aborted) throw abortError(signal);
          if (timeout.signal.aborted) throw new AwsTimeoutError(action, policy.timeoutMs);
          throw e;
        } finally {
          clearTimeout(timer);
        }
      },
      { retries: policy.retries, baseMs: policy.baseMs, maxMs: policy.maxMs, isRetryable: isRetryableAwsError, signal, sleep: policy.sleep, random: policy.random },
    );
  } catch (e) {
    if (signal?.aborted) throw abortError(signal);
    const kind = classifyAwsError(e);
    const message = describeAwsFailure(e, action, ctx);
    if (kind === 'credentials') throw new AwsCredentialsError(message, e);
    throw new AwsCallError(message, kind, action, e);
  }
}

/** Whether an error must stop the whole read (cancellation, no usable credentials) rather than become a gap. */
export function isFatal(e: unknown, signal?: AbortSignal): boolean {
  return e instanceof AwsCredentialsError || !!signal?.aborted;
}

export function gapMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
