// Turns SDK failures into one clear line: which permission is missing for whom, or that credentials are missing or
// expired, and whether retrying can help (throttling, 5xx, time-outs).

export type AwsFailureKind = 'throttled' | 'server' | 'timeout' | 'network' | 'denied' | 'credentials' | 'not-found' | 'invalid' | 'aborted' | 'other';

const THROTTLE = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'PriorRequestNotComplete',
  // CloudWatch Logs: too many concurrent Insights queries; clears as queries finish.
  'LimitExceededException',
]);
const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'UnauthorizedAccess', 'AuthorizationError']);
const CREDENTIALS = new Set([
  'CredentialsProviderError',
  'ExpiredTokenException',
  'ExpiredToken',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'TokenProviderError',
  'RequestExpired',
]);
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

interface SdkErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
}

export class AwsTimeoutError extends Error {
  override name = 'TimeoutError';
  constructor(readonly action: string, readonly timeoutMs: number) {
    super(`${action} timed out after ${timeoutMs} ms`);
  }
}

export function classifyAwsError(err: unknown): AwsFailureKind {
  const e = (err ?? {}) as SdkErrorLike;
  const name = e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  if (name === 'AbortError') return 'aborted';
  if (err instanceof AwsTimeoutError || name === 'TimeoutError' || name === 'RequestTimeout' || name === 'RequestTimeoutException') return 'timeout';
  if (THROTTLE.has(name) || status === 429) return 'throttled';
  if (DENIED.has(name) || /is not authorized to perform/.test(e.message ?? '')) return 'denied';
  if (CREDENTIALS.has(name) || /Could not load credentials|SSO session .*expired|token .*expired/i.test(e.message ?? '')) return 'credentials';
  if (name === 'ResourceNotFoundException') return 'not-found';
  if ((status !== undefined && status >= 500) || e.$fault === 'server' || /ServiceUnavailable|InternalServiceError|InternalFailure|InternalServiceFault/.test(name)) return 'server';
  if (NETWORK.has(e.code ?? '') || NETWORK.has(name)) return 'network';
  if (status !== undefined && status >= 400) return 'invalid';
  return 'other';
}

/** Throttling, 5xx, time-outs and dropped connections are worth another attempt; the rest is not. */
export function isRetryableAwsError(err: unknown): boolean {
  const k = classifyAwsError(err);
  return k === 'throttled' || k === 'server' || k === 'timeout' || k === 'network';
}

export interface AwsErrorContext {
  region?: string;
  profile?: string;
}

/** One line saying what failed and what to do. `action` is the IAM action, e.g. "cloudwatch:DescribeAlarms". */
export function describeAwsFailure(err: unknown, action: string, ctx: AwsErrorContext = {}): string {
  const e = (err ?? {}) as SdkErrorLike;
  const msg = (e.message ?? String(err)).split('\n')[0];
  const where = ctx.region ? ` in ${ctx.region}` : '';
  switch (classifyAwsError(err)) {
    case 'denied': {
      const m = /User: (\S+) is not authorized to perform: (\S+)(?: on resource: (\S+))?/.exec(msg);
      const principal = m?.[1] ?? 'the current credentials';
      const denied = m?.[2] ?? action;
      const resource = m?.[3] && m[3] !== '*' ? ` on ${m[3]}` : '';
      return `${denied} denied for ${principal}${resource} — add it to the role's policy; see docs/permissions.md`;
    }
    case 'credentials': {
      const profile = ctx.profile ? ` (profile ${ctx.profile})` : '';
      const expired = /expired/i.test(`${e.name} ${msg}`);
      const fix = ctx.profile ? `run "aws sso login --profile ${ctx.profile}" or refresh the profile's keys` : 'set AWS_PROFILE or AWS credentials (or run "aws sso login")';
      return `AWS credentials ${expired ? 'expired' : 'missing or invalid'}${profile} calling ${action}${where}: ${msg} — ${fix}; see docs/permissions.md`;
    }
    case 'throttled':
      return `${action}${where} throttled (${e.name}) after retries`;
    case 'timeout':
      return `${action}${where} timed out${err instanceof AwsTimeoutError ? ` after ${err.timeoutMs} ms` : ''}`;
    case 'server':
      return `${action}${where} failed with a service error (${e.name ?? 'HTTP ' + e.$metadata?.httpStatusCode}): ${msg}`;
    case 'network':
      return `${action}${where} could not reach the endpoint (${e.code ?? e.name}): ${msg}`;
    case 'not-found':
      return `${action}${where}: not found: ${msg}`;
    default:
      return `${action}${where} failed (${e.name ?? 'error'}): ${msg}`;
  }
}

/**
 * Credentials are missing or expired: no AWS call can succeed, so adapters throw this instead of filling every
 * source with the same gap. `message` is the one line to show.
 */
export class AwsCredentialsError extends Error {
  override name = 'AwsCredentialsError';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
  }
}
