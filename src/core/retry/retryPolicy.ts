// Exponential backoff with "full jitter" (AWS Architecture Blog): spreads retries of many clients over time so a
// throttled API is not hit again in lock-step. Pure: the clock and randomness are injected.

export interface RetryOptions {
  /** Retries after the first attempt (so at most retries + 1 calls). */
  retries: number;
  /** Delay cap of the first retry, in ms. */
  baseMs: number;
  /** Upper bound of any single delay, in ms. */
  maxMs: number;
  /** Whether an error is worth retrying (throttling, 5xx); others are thrown at once. */
  isRetryable?: (err: unknown) => boolean;
  /** Stops waiting and retrying: the current error (or the abort reason) is thrown. */
  signal?: AbortSignal;
  /** Injected for tests; defaults to a timer that honours `signal`. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Returns a number in [0, 1); defaults to Math.random. */
  random?: () => number;
  /** Called before each wait, e.g. to log "throttled, retry 2 in 340 ms". */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

/** The delays before retry 1..retries: uniform in [0, min(maxMs, baseMs * 2^i)] ("full jitter"). */
export function retryDelays(opts: Pick<RetryOptions, 'retries' | 'baseMs' | 'maxMs' | 'random'>): number[] {
  const random = opts.random ?? Math.random;
  const out: number[] = [];
  for (let i = 0; i < opts.retries; i++) {
    const cap = Math.min(opts.maxMs, opts.baseMs * 2 ** i);
    out.push(Math.floor(random() * cap));
  }
  return out;
}

/** The ceiling of delay i (0-based), without jitter: useful for documenting worst-case waits. */
export function maxDelay(i: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** i);
}

export class AbortError extends Error {
  override name = 'AbortError';
  constructor(message = 'aborted') {
    super(message);
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new AbortError();
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Calls fn until it succeeds, a non-retryable error occurs, retries run out, or the signal aborts. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const sleep = opts.sleep ?? defaultSleep;
  const isRetryable = opts.isRetryable ?? (() => true);
  const delays = retryDelays(opts);
  for (let attempt = 0; ; attempt++) {
    if (opts.signal?.aborted) throw abortReason(opts.signal);
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= delays.length || !isRetryable(err) || opts.signal?.aborted) throw err;
      opts.onRetry?.(err, attempt + 1, delays[attempt]);
      await sleep(delays[attempt], opts.signal);
    }
  }
}
