// Entry of the AWS side of the simulator: routes CloudWatch and CloudWatch Logs wire requests (by X-Amz-Target) to
// the snapshot-backed services, injecting the FaultPlan's throttling, 5xx, slow answers and denials.
import type { IncomingMessage } from 'node:http';
import type { Snapshot } from '../../../core/model/snapshot';
import { FaultInjector, type FaultPlan } from '../faults';
import type { SimResponse } from '../types';
import { CloudWatchSim } from './cloudWatchSim';
import { LogsSim, type LogsSimOptions } from './logsSim';
import { accessKeyOf, jsonResponse, parseJsonBody, regionOf, SimServiceError } from './wire';

export const CLOUDWATCH_TARGET = 'GraniteServiceVersion20100801';
export const LOGS_TARGET = 'Logs_20140328';
const ACCOUNT = '123456789012';

export type AwsSimHandler = ((req: IncomingMessage, body: Buffer) => Promise<SimResponse | undefined>) & {
  /** Calls seen per "service:Operation" (e.g. "logs:FilterLogEvents"), for tests and the simulate command. */
  calls(key: string): number;
};

export type AwsSimOptions = LogsSimOptions;

type Service = 'cloudwatch' | 'logs';

function errorResponse(service: Service, code: string, message: string, status: number): SimResponse {
  if (service === 'logs') return jsonResponse('1.1', { __type: code, message }, status);
  // CloudWatch speaks awsJson1_0 in query-compatible mode: the SDK reads the error code from x-amzn-query-error.
  const fault = status >= 500 ? 'Receiver' : 'Sender';
  const ns = code === 'Throttling' ? 'com.amazon.coral.availability#ThrottlingException' : code === 'AccessDenied' ? 'com.amazon.coral.service#AccessDeniedException' : `com.amazonaws.cloudwatch#${code}`;
  return jsonResponse('1.0', { __type: ns, message }, status, { 'x-amzn-query-error': `${code};${fault}` });
}

function denyMessage(service: Service, op: string, region: string, accessKey: string, body: Buffer): string {
  // Only alarm and log-group actions have resource-level permissions; the others are denied on "*".
  let resource = service === 'logs' ? '*' : /Alarm/.test(op) ? `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:*` : '*';
  if (service === 'logs' && (op === 'FilterLogEvents' || op === 'StartQuery')) {
    resource = `arn:aws:logs:${region}:${ACCOUNT}:log-group:*`;
    try {
      const g = JSON.parse(body.toString('utf8')).logGroupName;
      if (typeof g === 'string') resource = `arn:aws:logs:${region}:${ACCOUNT}:log-group:${g}:log-stream:`;
    } catch {
      /* keep the wildcard resource */
    }
  }
  const action = `${service}:${op}`;
  return `User: arn:aws:iam::${ACCOUNT}:user/${accessKey} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function createAwsSimHandler(snapshot: Snapshot, faults: FaultPlan = { rules: [] }, opts: AwsSimOptions = {}): AwsSimHandler {
  const cloudwatch = new CloudWatchSim(snapshot);
  const logs = new LogsSim(snapshot, opts);
  const injector = new FaultInjector(faults);
  const counts = new Map<string, number>();

  const handler = async (req: IncomingMessage, body: Buffer): Promise<SimResponse | undefined> => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const dot = target.indexOf('.');
    const prefix = target.slice(0, dot);
    const service: Service | undefined = prefix === CLOUDWATCH_TARGET ? 'cloudwatch' : prefix === LOGS_TARGET ? 'logs' : undefined;
    if (!service || req.method !== 'POST') return undefined;
    const op = target.slice(dot + 1);
    const key = `${service}:${op}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const region = regionOf(req);
    const decision = injector.decide(op);
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.kind === 'throttle') return errorResponse(service, service === 'logs' ? 'ThrottlingException' : 'Throttling', 'Rate exceeded', 400);
    if (decision.kind === 'server-error') {
      const code = service === 'logs' ? 'ServiceUnavailableException' : decision.status === 503 ? 'ServiceUnavailable' : 'InternalServiceError';
      return errorResponse(service, code, 'The service is unavailable (simulated).', decision.status);
    }
    if (decision.kind === 'credentials') {
      const expired = decision.reason === 'expired';
      const code = service === 'logs' ? (expired ? 'ExpiredTokenException' : 'UnrecognizedClientException') : expired ? 'ExpiredToken' : 'InvalidClientTokenId';
      return errorResponse(service, code, expired ? 'The security token included in the request is expired' : 'The security token included in the request is invalid.', 400);
    }
    if (decision.kind === 'deny') {
      return errorResponse(service, service === 'logs' ? 'AccessDeniedException' : 'AccessDenied', denyMessage(service, op, region, accessKeyOf(req), body), 400);
    }
    try {
      const params = parseJsonBody(body);
      const ctx = { region };
      const out = service === 'logs' ? logs.handle(op, params, ctx) : cloudwatch.handle(op, params, ctx);
      return jsonResponse(service === 'logs' ? '1.1' : '1.0', out);
    } catch (e) {
      if (e instanceof SimServiceError) return errorResponse(service, e.code, e.message, e.status);
      return errorResponse(service, service === 'logs' ? 'ServiceUnavailableException' : 'InternalServiceError', `simulator failure: ${(e as Error).message}`, 500);
    }
  };
  return Object.assign(handler, { calls: (k: string) => counts.get(k) ?? 0 });
}

export type { FaultPlan } from '../faults';
export type { SimResponse } from '../types';
