// When GitHub says "slow down" (429, 403 secondary/primary rate limit) and how long to wait before retrying.

export interface RetryTuning {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server asking us to wait longer than this is not waited for: the read becomes a gap. */
  maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryTuning = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 20_000, maxWaitMs: 60_000 };

export interface ResponseLike {
  status: number;
  headers: Record<string, string | number | undefined>;
  message?: string;
}

export type RetryKind = 'rate-limit' | 'server' | 'none';

/** Classifies a failed response: throttled, transient server error, or final. */
export function retryKind(r: ResponseLike): RetryKind {
  if (r.status === 429) return 'rate-limit';
  if (r.status === 403) {
    const h = r.headers;
    if (h['retry-after'] !== undefined) return 'rate-limit';
    if (String(h['x-ratelimit-remaining'] ?? '') === '0') return 'rate-limit';
    if (/rate limit/i.test(r.message ?? '')) return 'rate-limit';
    return 'none';
  }
  if (r.status === 500 || r.status === 502 || r.status === 503 || r.status === 504) return 'server';
  return 'none';
}

/**
 * Delay before retry number `attempt` (0-based): the server's retry-after or rate-limit reset when it gives one,
 * else exponential backoff with full jitter. Returns undefined when the server wants us to wait beyond maxWaitMs.
 */
export function retryDelayMs(r: ResponseLike, attempt: number, tuning: RetryTuning, now: number, random: () => number): number | undefined {
  const ra = r.headers['retry-after'];
  if (ra !== undefined && ra !== '') {
    const secs = Number(ra);
    const ms = Number.isFinite(secs) ? secs * 1000 : Date.parse(String(ra)) - now;
    if (Number.isFinite(ms)) return ms > tuning.maxWaitMs ? undefined : Math.max(0, ms) + Math.floor(random() * tuning.baseDelayMs / 4);
  }
  const reset = Number(r.headers['x-ratelimit-reset']);
  if (String(r.headers['x-ratelimit-remaining'] ?? '') === '0' && Number.isFinite(reset) && reset > 0) {
    const ms = reset * 1000 - now;
    if (ms > tuning.maxWaitMs) return undefined;
    return Math.max(0, ms) + Math.floor(random() * tuning.baseDelayMs);
  }
  const cap = Math.min(tuning.maxDelayMs, tuning.baseDelayMs * 2 ** attempt);
  return Math.floor(cap / 2 + random() * (cap / 2));
}
