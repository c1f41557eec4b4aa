export { AbortError, defaultSleep, maxDelay, retryDelays, withRetry } from './retryPolicy';
export type { RetryOptions } from './retryPolicy';
