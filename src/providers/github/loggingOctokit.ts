// The one wrapper around Octokit: lazy SDK, configurable API URL (GitHub Enterprise, the simulator), injected token,
// request log that never shows the token, retries on throttling / 5xx with backoff and jitter, per-request time-out,
// cancellation, and pagination as async generators.
import { defaultSleep } from '../../core/retry';
import type { ReadOptions } from '../../ports';
import { loadGithubSdk, type GithubSdk } from './loadGithubSdk';
import { DEFAULT_RETRY, retryDelayMs, retryKind, type RetryTuning } from './rateLimit';
import { DEFAULT_GITHUB_API } from '../../core/config/githubApiUrl';

export type Octokit = InstanceType<GithubSdk['Octokit']>;

export interface GithubClientOptions {
  /** Personal access token / installation token; sent as a header only, never logged. */
  token?: string;
  /** REST API root; GitHub Enterprise: https://HOST/api/v3. */
  baseUrl?: string;
  /** One line per request: method, path, status, time. */
  log?: (line: string) => void;
  retry?: Partial<RetryTuning>;
  /** Per-request time-out (default 30 s). */
  timeoutMs?: number;
  userAgent?: string;
  /** Injected for tests of the retry timing. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

export interface GithubResponse<T> {
  status: number;
  headers: Record<string, string | number | undefined>;
  data: T;
}

export type RequestParams = Record<string, unknown>;

interface HookOptions {
  method?: string;
  url?: string;
  baseUrl?: string;
  request?: { signal?: AbortSignal };
  [key: string]: unknown;
}

interface FailedRequest {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
}


/** Query parameters that carry secrets are masked in the log (tokens only ever travel in headers, but be safe). */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:access_token|token|client_secret|code|sig)=)[^&#]*/gi, '$1***');
}

export class LoggingOctokit {
  readonly octokit: Octokit;
  readonly baseUrl: string;
  private readonly tuning: RetryTuning;
  private readonly timeoutMs: number;

  constructor(private readonly opts: GithubClientOptions = {}, sdk: GithubSdk = loadGithubSdk()) {
    this.baseUrl = (opts.baseUrl ?? DEFAULT_GITHUB_API).replace(/\/+$/, '');
    this.tuning = { ...DEFAULT_RETRY, ...opts.retry };
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    const silent = () => undefined;
    this.octokit = new sdk.Octokit({
      auth: opts.token || undefined,
      baseUrl: this.baseUrl,
      userAgent: opts.userAgent ?? 'incident-lens',
      log: { debug: silent, info: silent, warn: silent, error: silent },
      request: { fetch: this.fetchWithTimeout },
    });
    this.octokit.hook.wrap('request', async (request, options) => {
      const label = `${options.method} ${redactUrl(this.octokit.request.endpoint.parse(options).url.replace(this.baseUrl, ''))}`;
      const send = async (o: HookOptions) => (await request(o as typeof options)) as unknown as GithubResponse<unknown>;
      const res = await this.withRetries(send, options as unknown as HookOptions, label);
      return res as unknown as Awaited<ReturnType<typeof request>>;
    });
  }

  /** One REST call, e.g. request('GET /repos/{owner}/{repo}/deployments', { owner, repo }). */
  async request<T>(route: string, params: RequestParams = {}, ro: ReadOptions = {}): Promise<GithubResponse<T>> {
    const res = await this.octokit.request(route, { ...params, request: this.requestOptions(ro) });
    return res as unknown as GithubResponse<T>;
  }

  /** Pages of a list endpoint, lazily: stop iterating to stop fetching. */
  async *pages<T>(route: string, params: RequestParams = {}, ro: ReadOptions = {}): AsyncGenerator<T[]> {
    const it = this.octokit.paginate.iterator(route, { per_page: 100, ...params, request: this.requestOptions(ro) });
    for await (const page of it) {
      // Most list endpoints answer an array; a few wrap it (e.g. { total_count, workflow_runs }), which paginate unwraps.
      yield (Array.isArray(page.data) ? page.data : []) as T[];
    }
  }

  // The per-request time-out lives in fetch: Octokit passes the caller's signal down, and an abort it sees as such
  // (name AbortError) is rethrown untouched, so a time-out is not mistaken for a 500.
  private readonly fetchWithTimeout = async (url: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await fetch(url, { ...init, signal });
    } catch (e) {
      if (timeout.aborted && !init.signal?.aborted) throw Object.assign(new Error(`timed out after ${this.timeoutMs} ms`), { name: 'AbortError', timedOut: true });
      throw e;
    }
  };

  private requestOptions(ro: ReadOptions): { signal?: AbortSignal } {
    return ro.signal ? { signal: ro.signal } : {};
  }

  private async withRetries(request: (o: HookOptions) => Promise<GithubResponse<unknown>>, options: HookOptions, label: string): Promise<GithubResponse<unknown>> {
    const log = this.opts.log;
    const sleep = this.opts.sleep ?? defaultSleep;
    const random = this.opts.random ?? Math.random;
    const now = this.opts.now ?? Date.now;
    const outer = options.request?.signal;
    for (let attempt = 0; ; attempt++) {
      const started = now();
      try {
        const res = await request(options);
        log?.(`github ${label} → ${res.status} in ${now() - started} ms`);
        return res;
      } catch (err) {
        const e = err as FailedRequest & { name?: string; timedOut?: boolean };
        if (outer?.aborted) throw err;
        if (e.timedOut) {
          log?.(`github ${label} → timed out after ${this.timeoutMs} ms`);
          const te = new Error(`timed out after ${this.timeoutMs} ms`);
          te.name = 'TimeoutError';
          throw te;
        }
        const status = e.status ?? 0;
        const headers = e.response?.headers ?? {};
        const kind = status ? retryKind({ status, headers, message: e.message }) : 'none';
        log?.(`github ${label} → ${status || e.message} in ${now() - started} ms`);
        if (kind === 'none' || attempt >= this.tuning.maxRetries) throw err;
        const delay = retryDelayMs({ status, headers, message: e.message }, attempt, this.tuning, now(), random);
        if (delay === undefined) throw err;
        log?.(`github ${label}: ${kind === 'rate-limit' ? 'throttled' : 'server error'}, retry ${attempt + 1}/${this.tuning.maxRetries} in ${delay} ms`);
        await sleep(delay, outer);
      }
    }
  }
}
