// GET JSON over HTTPS with a time-out, cancellation, and retries on 429/503 honouring Retry-After (backoff + jitter).
import { defaultSleep } from '../../core/retry';
import { DEFAULT_RETRY, retryDelayMs, retryKind, type RetryTuning } from '../github/rateLimit';

export class HttpSourceError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'HttpSourceError';
  }
}

export interface HttpJsonOptions {
  /** Full Authorization header value; never logged. */
  authorization?: string;
  timeoutMs?: number;
  retry?: Partial<RetryTuning>;
  signal?: AbortSignal;
  /** Names the source in errors, e.g. "Jira https://acme.atlassian.net". */
  what: string;
  /** What to grant when the server refuses (403), e.g. "the Browse Projects permission". */
  permission: string;
  /** Where the credentials come from, e.g. "set JIRA_EMAIL and JIRA_API_TOKEN". */
  credentialsHint?: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  log?: (line: string) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export interface HttpJsonResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

function serverMessage(text: string): string {
  try {
    const j = JSON.parse(text) as { errorMessages?: string[]; message?: string; error?: { message?: string; detail?: string } };
    return j.errorMessages?.join('; ') || j.error?.detail || j.error?.message || j.message || '';
  } catch {
    return text.slice(0, 200);
  }
}

export async function getJson<T>(url: string, o: HttpJsonOptions): Promise<HttpJsonResponse<T>> {
  const tuning = { ...DEFAULT_RETRY, ...o.retry };
  const sleep = o.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    const timeout = AbortSignal.timeout(o.timeoutMs ?? 30_000);
    const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
    let res: Response;
    const started = Date.now();
    try {
      res = await fetch(url, {
        method: o.method ?? 'GET', signal,
        headers: { accept: 'application/json', ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(o.authorization ? { authorization: o.authorization } : {}) },
        ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
      });
    } catch (e) {
      if (o.signal?.aborted) throw e;
      if (timeout.aborted) throw new HttpSourceError(`${o.what}: timed out after ${o.timeoutMs ?? 30_000} ms`);
      const cause = (e as { cause?: { code?: string } }).cause;
      throw new HttpSourceError(`${o.what}: cannot connect (${cause?.code ?? (e as Error).message})`);
    }
    const text = await res.text();
    o.log?.(`${o.what}: ${o.method ?? 'GET'} ${new URL(url).pathname} → ${res.status} in ${Date.now() - started} ms`);
    if (res.ok) {
      try {
        return { status: res.status, headers: res.headers, data: JSON.parse(text) as T };
      } catch {
        throw new HttpSourceError(`${o.what}: answer is not JSON (${text.slice(0, 80)})`, res.status);
      }
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      headers[k] = v;
    });
    const kind = res.status === 429 || res.status === 503 ? 'rate-limit' : retryKind({ status: res.status, headers });
    if (kind !== 'none' && attempt < tuning.maxRetries) {
      const delay = retryDelayMs({ status: res.status, headers }, attempt, tuning, Date.now(), o.random ?? Math.random);
      if (delay !== undefined) {
        o.log?.(`${o.what}: ${res.status}, retry ${attempt + 1}/${tuning.maxRetries} in ${delay} ms`);
        await sleep(delay, o.signal);
        continue;
      }
    }
    const detail = serverMessage(text);
    if (res.status === 401) throw new HttpSourceError(`${o.what}: credentials missing or expired (401)${o.credentialsHint ? `; ${o.credentialsHint}` : ''}${detail ? `: ${detail}` : ''}`, 401);
    if (res.status === 403) throw new HttpSourceError(`${o.what}: permission denied: needs ${o.permission}${detail ? ` (${detail})` : ''}`, 403);
    if (res.status === 429) throw new HttpSourceError(`${o.what}: rate limited (429), gave up after ${attempt + 1} attempts`, 429);
    throw new HttpSourceError(`${o.what}: HTTP ${res.status}${detail ? `: ${detail}` : ''}`, res.status);
  }
}
