// Request/response details shared by the CloudWatch (awsJson1_0, query-compatible) and CloudWatch Logs (awsJson1_1)
// simulators: region from the SigV4 credential scope, JSON bodies, error bodies in the shapes the SDK parses.
import type { IncomingMessage } from 'node:http';
import type { SimResponse } from '../types';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };
export type JsonObject = { [key: string]: JsonValue | undefined };

/** Thrown by operation handlers; becomes the service's error response. */
export class SimServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** "AWS4-HMAC-SHA256 Credential=AKID/20260114/eu-west-1/monitoring/aws4_request, ..." → eu-west-1. */
export function regionOf(req: IncomingMessage): string {
  const auth = String(req.headers.authorization ?? '');
  const m = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
  return m ? m[1] : 'us-east-1';
}

/** Access key id from the credential scope (the simulator names the caller after it in AccessDenied). */
export function accessKeyOf(req: IncomingMessage): string {
  const m = /Credential=([^/]+)\//.exec(String(req.headers.authorization ?? ''));
  return m ? m[1] : 'anonymous';
}

export function parseJsonBody(body: Buffer): JsonObject {
  if (body.length === 0) return {};
  let v: unknown;
  try {
    v = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SimServiceError('SerializationException', 'request body is not valid JSON');
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new SimServiceError('SerializationException', 'request body must be a JSON object');
  return v as JsonObject;
}

export function jsonResponse(version: '1.0' | '1.1', payload: unknown, status = 200, extra: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amzn-requestid': requestId(), ...extra },
    body: JSON.stringify(payload),
  };
}

let seq = 0;
function requestId(): string {
  seq = (seq + 1) % 1e12;
  return `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`;
}

/** Reads typed parameters with a clear ValidationError naming the field. */
export function str(p: JsonObject, key: string, required = false): string | undefined {
  const v = p[key];
  if (v === undefined || v === null) {
    if (required) throw new SimServiceError('ValidationException', `1 validation error detected: Value null at '${key}' failed to satisfy constraint: Member must not be null`);
    return undefined;
  }
  if (typeof v !== 'string') throw new SimServiceError('ValidationException', `'${key}' must be a string`);
  return v;
}

export function num(p: JsonObject, key: string, required = false): number | undefined {
  const v = p[key];
  if (v === undefined || v === null) {
    if (required) throw new SimServiceError('ValidationException', `1 validation error detected: Value null at '${key}' failed to satisfy constraint: Member must not be null`);
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new SimServiceError('ValidationException', `'${key}' must be a number`);
  return v;
}

export function strList(p: JsonObject, key: string): string[] | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new SimServiceError('ValidationException', `'${key}' must be a list of strings`);
  return v as string[];
}

/** Opaque pagination tokens: base64 of a small JSON object. */
export function encodeToken(o: Record<string, number | string>): string {
  return Buffer.from(JSON.stringify(o)).toString('base64');
}

export function decodeToken(token: string | undefined, field: string): Record<string, number | string> | undefined {
  if (!token) return undefined;
  try {
    const v = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (v && typeof v === 'object') return v;
  } catch {
    /* fall through */
  }
  throw new SimServiceError('InvalidNextToken', `The service returned an invalid ${field}.`);
}

/** Epoch seconds (awsJson timestamp) or ISO string → ms. */
export function timeMs(p: JsonObject, key: string, unit: 's' | 'ms', required = false): number | undefined {
  const v = p[key];
  if (v === undefined || v === null) {
    if (required) throw new SimServiceError('ValidationException', `1 validation error detected: Value null at '${key}' failed to satisfy constraint: Member must not be null`);
    return undefined;
  }
  if (typeof v === 'number') return unit === 's' ? v * 1000 : v;
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return Date.parse(v);
  throw new SimServiceError('ValidationException', `'${key}' must be a timestamp`);
}
