// Turns Octokit failures into one clear sentence: what could not be read and which token scope / permission is missing.

export type GithubErrorKind = 'auth' | 'permission' | 'not-found' | 'rate-limit' | 'timeout' | 'cancelled' | 'server' | 'network' | 'invalid';

export class GithubError extends Error {
  constructor(readonly kind: GithubErrorKind, message: string, readonly status?: number) {
    super(message);
    this.name = 'GithubError';
  }
}

interface OctokitErrorShape {
  name?: string;
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
  cause?: unknown;
}

function header(e: OctokitErrorShape, name: string): string | undefined {
  const v = e.response?.headers?.[name];
  return v === undefined || v === '' ? undefined : String(v);
}

/** What the token lacks, from the headers GitHub sends on a refusal (classic scopes and fine-grained permissions). */
export function missingPermission(e: OctokitErrorShape, fallback: string): string {
  const accepted = header(e, 'x-accepted-oauth-scopes');
  const has = header(e, 'x-oauth-scopes');
  const fine = header(e, 'x-accepted-github-permissions');
  if (fine) return `the token needs the fine-grained permission ${fine.split(/[;,]\s*/).join(' or ')}`;
  if (accepted) return `the token needs the scope ${accepted.split(/,\s*/).map((s) => `'${s}'`).join(' or ')}${has !== undefined ? ` (it has: ${has || 'none'})` : ''}`;
  return `the token needs ${fallback}`;
}

/**
 * One-line description of a failed GitHub call. `what` names the read ("deployments of acme/api"), `permission` the
 * scope it needs ("'repo' scope or Deployments: read") for when GitHub does not say.
 */
export function toGithubError(err: unknown, what: string, permission: string): GithubError {
  if (err instanceof GithubError) return err;
  const e = (err ?? {}) as OctokitErrorShape;
  const status = typeof e.status === 'number' ? e.status : undefined;
  if (e.name === 'AbortError' || /aborted/i.test(e.message ?? '')) {
    const timeout = e.name === 'TimeoutError' || /timeout|timed out/i.test(String((e.cause as { name?: string } | undefined)?.name ?? e.message ?? ''));
    return new GithubError(timeout ? 'timeout' : 'cancelled', `${what}: ${timeout ? 'timed out' : 'cancelled'}`);
  }
  if (e.name === 'TimeoutError') return new GithubError('timeout', `${what}: timed out`);
  switch (status) {
    case 401:
      return new GithubError('auth', `${what}: GitHub rejected the token (missing, expired or revoked); set GITHUB_TOKEN or sign in again`, 401);
    case 403:
      if (/rate limit/i.test(e.message ?? '') || header(e, 'x-ratelimit-remaining') === '0') {
        return new GithubError('rate-limit', `${what}: GitHub rate limit exceeded${header(e, 'x-ratelimit-reset') ? ` until ${new Date(Number(header(e, 'x-ratelimit-reset')) * 1000).toISOString()}` : ''}`, 403);
      }
      return new GithubError('permission', `${what}: permission denied: ${missingPermission(e, permission)}`, 403);
    case 404:
      return new GithubError('not-found', `${what}: not found (or the token cannot see it: ${missingPermission(e, permission)})`, 404);
    case 422:
      return new GithubError('invalid', `${what}: GitHub refused the request: ${e.message ?? 'unprocessable'}`, 422);
    case 429:
      return new GithubError('rate-limit', `${what}: GitHub rate limit exceeded (429)`, 429);
  }
  if (status !== undefined && status >= 500) return new GithubError('server', `${what}: GitHub server error ${status}`, status);
  const cause = e.cause as { code?: string; message?: string } | undefined;
  return new GithubError('network', `${what}: ${cause?.code ?? cause?.message ?? e.message ?? String(err)}`, status);
}
