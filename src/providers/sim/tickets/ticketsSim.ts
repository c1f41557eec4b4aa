// Jira Cloud (REST v3 search) and ServiceNow (Table API) answers for a snapshot's tickets of those sources.
import type { IncomingMessage } from 'node:http';
import type { Snapshot, Ticket } from '../../../core/model/snapshot';
import { FaultInjector, type FaultPlan } from '../faults';
import type { SimResponse } from '../types';

const json = (status: number, data: unknown, headers: Record<string, string> = {}): SimResponse => ({
  status, headers: { 'content-type': 'application/json;charset=UTF-8', ...headers }, body: JSON.stringify(data),
});
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Jira's timestamp form: 2026-01-14T03:15:00.000+0000. */
export function jiraTime(iso: string | undefined): string | null {
  return iso ? new Date(iso).toISOString().replace('Z', '+0000') : null;
}

/** ServiceNow's stored (UTC) form: 2026-01-14 03:15:00. */
export function serviceNowTime(iso: string | undefined): string {
  return iso ? new Date(iso).toISOString().slice(0, 19).replace('T', ' ') : '';
}

/** Plain text → Atlassian Document Format, one paragraph per line. */
export function toAdf(text: string | undefined): unknown {
  if (text === undefined) return null;
  return { type: 'doc', version: 1, content: text.split('\n').map((line) => ({ type: 'paragraph', content: line ? [{ type: 'text', text: line }] : [] })) };
}

function jiraIssue(t: Ticket, i: number) {
  return {
    id: String(10000 + i), key: t.id, self: `https://jira.invalid/rest/api/3/issue/${10000 + i}`,
    fields: {
      summary: t.title, description: toAdf(t.body), created: jiraTime(t.openedAt), resolutiondate: jiraTime(t.resolvedAt),
      resolution: t.resolution ? { name: t.resolution } : null, labels: t.labels ?? [], status: { name: t.resolvedAt ? 'Done' : 'Open' },
      components: t.service ? [{ name: t.service }] : [],
    },
  };
}

function snowRecord(t: Ticket) {
  const f = (value: string, display = value) => ({ value, display_value: display });
  return {
    number: f(t.id), short_description: f(t.title), description: f(t.body ?? ''), opened_at: f(serviceNowTime(t.openedAt)),
    resolved_at: f(serviceNowTime(t.resolvedAt)), close_notes: f(t.resolution ?? ''), sys_tags: f('', (t.labels ?? []).join(', ')),
    business_service: f(t.service ? 'b1f4c3e2d1a0' : '', t.service ?? ''), state: f(t.resolvedAt ? '6' : '2', t.resolvedAt ? 'Resolved' : 'In Progress'),
  };
}

export type TicketsSimHandler = ((req: IncomingMessage, body: Buffer) => Promise<SimResponse | undefined>) & { calls(op: string): number };

export function createTicketsSimHandler(snapshot: Snapshot, faults: FaultPlan = { rules: [] }): TicketsSimHandler {
  const tickets = [...(snapshot.tickets ?? [])].sort((a, b) => Date.parse(b.openedAt ?? '') - Date.parse(a.openedAt ?? ''));
  const jira = tickets.filter((t) => t.source === 'jira');
  const snow = tickets.filter((t) => t.source === 'servicenow');
  const injector = new FaultInjector(faults);
  const counts = new Map<string, number>();

  const handler = async (req: IncomingMessage, raw: Buffer): Promise<SimResponse | undefined> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let op: string | undefined;
    if (url.pathname === '/rest/api/3/search/jql') op = 'jira.searchJql';
    else if (url.pathname === '/api/now/table/incident') op = 'servicenow.incident';
    if (!op) return undefined;
    counts.set(op, (counts.get(op) ?? 0) + 1);
    const d = injector.decide(op);
    if (d.delayMs) await sleep(d.delayMs);
    if (d.kind === 'throttle') return json(429, op.startsWith('jira') ? { errorMessages: ['Rate limit exceeded'] } : { error: { message: 'Rate limit exceeded' }, status: 'failure' }, { 'retry-after': '1' });
    if (d.kind === 'server-error') return json(d.status, { error: 'server error' });
    if (d.kind === 'deny') {
      return op.startsWith('jira') ? json(403, { errorMessages: ['You do not have permission to browse issues in this project (Browse Projects).'] })
        : json(403, { error: { message: 'Insufficient rights to query records', detail: 'ACL Exception: read on incident requires role itil' }, status: 'failure' });
    }
    if (op === 'jira.searchJql') {
      let params: Record<string, unknown> = Object.fromEntries(url.searchParams);
      if (req.method === 'POST' && raw.length) params = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      if (typeof params.jql !== 'string' || !params.jql.trim()) return json(400, { errorMessages: ['JQL query is required'] });
      const max = Math.min(100, Number(params.maxResults ?? 50) || 50);
      const start = Number(params.nextPageToken ?? 0) || 0;
      const slice = jira.slice(start, start + max).map((t) => jiraIssue(t, jira.indexOf(t)));
      const next = start + max < jira.length ? String(start + max) : undefined;
      return json(200, { issues: slice, ...(next ? { nextPageToken: next } : {}), isLast: !next });
    }
    const limit = Math.min(10000, Number(url.searchParams.get('sysparm_limit') ?? 10000) || 10000);
    const offset = Number(url.searchParams.get('sysparm_offset') ?? 0) || 0;
    return json(200, { result: snow.slice(offset, offset + limit).map(snowRecord) }, { 'x-total-count': String(snow.length) });
  };
  return Object.assign(handler, { calls: (op: string) => counts.get(op) ?? 0 });
}
