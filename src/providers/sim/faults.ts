// Fault injection for the wire-protocol simulator: which calls fail or slow down, so retries, time-outs and
// gaps can be tested against the real SDK clients.

/** One rule; `operation` is the wire operation name, e.g. "DescribeAlarms", "FilterLogEvents", or "*" for all. */
export interface FaultRule {
  operation: string;
  /** Throttle the first N calls of the operation (then answer normally). */
  throttleFirst?: number;
  /** Throttle every Nth call (N, 2N, ...). */
  throttleEvery?: number;
  /** Throttle every call (persistent throttling). */
  throttleAlways?: boolean;
  /** Answer the first N calls, then throttle every later one (a source that degrades mid-read: partial data). */
  throttleAfter?: number;
  /** Answer the first N calls with a 5xx (status: serverErrorStatus, default 500). */
  serverErrorFirst?: number;
  serverErrorStatus?: number;
  /** Delay every answer by this many ms (a slow source; combine with client time-outs). */
  delayMs?: number;
  /** Deny the operation: AccessDenied naming the action. */
  deny?: boolean;
  /** Reject the request's credentials: an expired session token, or keys the service does not know. */
  rejectCredentials?: 'expired' | 'unrecognized';
}

export interface FaultPlan {
  rules: FaultRule[];
}

export const NO_FAULTS: FaultPlan = { rules: [] };

export type FaultDecision =
  | { kind: 'none'; delayMs: number }
  | { kind: 'throttle'; delayMs: number }
  | { kind: 'server-error'; status: number; delayMs: number }
  | { kind: 'deny'; delayMs: number }
  | { kind: 'credentials'; reason: 'expired' | 'unrecognized'; delayMs: number };

/** Counts calls per operation and decides what each call gets. One instance per simulated server. */
export class FaultInjector {
  private readonly calls = new Map<string, number>();
  constructor(private readonly plan: FaultPlan = NO_FAULTS) {}

  /** Number of calls seen for an operation (for tests asserting retries happened). */
  count(operation: string): number {
    return this.calls.get(operation) ?? 0;
  }

  decide(operation: string): FaultDecision {
    const n = (this.calls.get(operation) ?? 0) + 1;
    this.calls.set(operation, n);
    let delayMs = 0;
    let decision: FaultDecision['kind'] = 'none';
    let status = 500;
    let credentials: 'expired' | 'unrecognized' = 'expired';
    for (const r of this.plan.rules) {
      if (r.operation !== '*' && r.operation !== operation) continue;
      delayMs = Math.max(delayMs, r.delayMs ?? 0);
      if (decision !== 'none') continue;
      if (r.rejectCredentials) {
        decision = 'credentials';
        credentials = r.rejectCredentials;
      } else if (r.deny) decision = 'deny';
      else if (r.throttleAlways || (r.throttleAfter !== undefined && n > r.throttleAfter) || (r.throttleFirst !== undefined && n <= r.throttleFirst) || (r.throttleEvery && n % r.throttleEvery === 0)) decision = 'throttle';
      else if (r.serverErrorFirst !== undefined && n <= r.serverErrorFirst) {
        decision = 'server-error';
        status = r.serverErrorStatus ?? 500;
      }
    }
    if (decision === 'server-error') return { kind: 'server-error', status, delayMs };
    if (decision === 'credentials') return { kind: 'credentials', reason: credentials, delayMs };
    return { kind: decision, delayMs } as FaultDecision;
  }
}
