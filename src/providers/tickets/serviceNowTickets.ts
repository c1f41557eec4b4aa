// Incident history from ServiceNow: Table API /api/now/table/incident with sysparm_query, paged by limit/offset.
import type { Ticket } from '../../core/model/snapshot';
import type { Partial, ReadOptions, TicketsPort, TimeWindow } from '../../ports';
import { getJson, type HttpJsonOptions } from './httpJson';

export interface ServiceNowOptions {
  baseUrl: string;
  /** Authorization header value: "Basic base64(user:password)" or "Bearer <oauth token>". */
  authorization?: string;
  /** Encoded query narrowing the records, e.g. "cmdb_ci.name=checkout-api". */
  query?: string;
  table?: string;
  service?: string;
  historyMs?: number;
  maxTickets?: number;
  pageSize?: number;
  timeoutMs?: number;
  http?: Pick<HttpJsonOptions, 'retry' | 'sleep' | 'random' | 'log'>;
}

type Field = { value?: string; display_value?: string } | string | undefined;
type SnRecord = Record<string, Field>;

const val = (f: Field) => (typeof f === 'string' ? f : f?.value ?? '');
const shown = (f: Field) => (typeof f === 'string' ? f : f?.display_value ?? f?.value ?? '');

/** ServiceNow stores times in UTC as "2026-01-14 03:15:00". */
export function serviceNowDate(s: string): string | undefined {
  if (!s) return undefined;
  const t = Date.parse(`${s.replace(' ', 'T')}Z`);
  return Number.isFinite(t) ? new Date(t).toISOString().replace('.000Z', 'Z') : undefined;
}

const snDate = (t: number) => new Date(t).toISOString().slice(0, 19).replace('T', ' ');

export class ServiceNowTickets implements TicketsPort {
  constructor(private readonly o: ServiceNowOptions) {}

  queryFor(window: TimeWindow): string {
    const since = Date.parse(window.start) - (this.o.historyMs ?? 180 * 86_400_000);
    const range = `opened_at>=${snDate(since)}^opened_at<=${snDate(Date.parse(window.end))}`;
    return `${this.o.query ? `${this.o.query}^` : ''}${range}^ORDERBYDESCopened_at`;
  }

  async listTickets(window: TimeWindow, ro: ReadOptions = {}): Promise<Partial<Ticket[]>> {
    const base = this.o.baseUrl.replace(/\/+$/, '');
    const table = this.o.table ?? 'incident';
    const limit = this.o.pageSize ?? 100;
    const max = this.o.maxTickets ?? 200;
    const items: Ticket[] = [];
    const gaps: string[] = [];
    try {
      for (let offset = 0; ; offset += limit) {
        const url = new URL(`${base}/api/now/table/${table}`);
        url.searchParams.set('sysparm_query', this.queryFor(window));
        url.searchParams.set('sysparm_limit', String(limit));
        url.searchParams.set('sysparm_offset', String(offset));
        // "all": raw values (UTC times) and display values (service names) in one answer.
        url.searchParams.set('sysparm_display_value', 'all');
        url.searchParams.set('sysparm_fields', 'number,short_description,description,opened_at,resolved_at,close_notes,sys_tags,business_service,cmdb_ci');
        const res = await getJson<{ result: SnRecord[] }>(url.toString(), {
          ...this.o.http, authorization: this.o.authorization, timeoutMs: this.o.timeoutMs, signal: ro.signal,
          what: `ServiceNow ${base}`, credentialsHint: 'set SERVICENOW_USER and SERVICENOW_PASSWORD', permission: `read access to the ${table} table (role itil or snc_read_only)`,
        });
        for (const r of res.data.result ?? []) {
          const tags = shown(r.sys_tags).split(',').map((s) => s.trim()).filter(Boolean);
          const service = shown(r.business_service) || shown(r.cmdb_ci) || this.o.service;
          items.push({
            id: val(r.number), source: 'servicenow', title: val(r.short_description) || val(r.number),
            ...(val(r.description) ? { body: val(r.description) } : {}),
            ...(serviceNowDate(val(r.opened_at)) ? { openedAt: serviceNowDate(val(r.opened_at)) } : {}),
            ...(serviceNowDate(val(r.resolved_at)) ? { resolvedAt: serviceNowDate(val(r.resolved_at)) } : {}),
            ...(val(r.close_notes) ? { resolution: val(r.close_notes) } : {}),
            labels: tags, ...(service ? { service } : {}),
          });
        }
        const total = Number(res.headers.get('x-total-count') ?? NaN);
        const done = (res.data.result ?? []).length < limit || (Number.isFinite(total) && offset + limit >= total);
        if (done) break;
        if (items.length >= max) {
          gaps.push(`tickets: only the newest ${items.length} ServiceNow ${table} records were read${Number.isFinite(total) ? ` of ${total}` : ''}`);
          break;
        }
      }
    } catch (e) {
      if (ro.signal?.aborted) throw e;
      gaps.push(`tickets: ${(e as Error).message}`);
    }
    return { items, gaps };
  }
}
