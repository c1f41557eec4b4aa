// Incident history from Jira Cloud: REST v3 enhanced search (/rest/api/3/search/jql) with JQL, paged by nextPageToken.
import type { Ticket } from '../../core/model/snapshot';
import type { Partial, ReadOptions, TicketsPort, TimeWindow } from '../../ports';
import { getJson, type HttpJsonOptions } from './httpJson';

export interface JiraOptions {
  baseUrl: string;
  /** Authorization header value: "Basic base64(email:api-token)" or "Bearer <token>". */
  authorization?: string;
  /** Extra JQL, e.g. "project = OPS AND labels = incident". */
  jql?: string;
  project?: string;
  service?: string;
  historyMs?: number;
  maxTickets?: number;
  timeoutMs?: number;
  http?: Pick<HttpJsonOptions, 'retry' | 'sleep' | 'random' | 'log'>;
}

interface AdfNode {
  type?: string;
  text?: string;
  content?: AdfNode[];
}

interface JiraIssue {
  key: string;
  fields: {
    summary?: string;
    description?: AdfNode | string | null;
    created?: string;
    resolutiondate?: string | null;
    resolution?: { name?: string } | null;
    labels?: string[];
    components?: Array<{ name?: string }>;
  };
}

interface JiraSearch {
  issues: JiraIssue[];
  nextPageToken?: string;
  isLast?: boolean;
}

/** Atlassian Document Format → plain text, one line per block. */
export function adfToText(node: AdfNode | string | null | undefined): string {
  if (!node) return '';
  if (typeof node === 'string') return node;
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const inner = (node.content ?? []).map(adfToText);
  return node.type === 'doc' || node.type === 'bulletList' || node.type === 'orderedList' ? inner.join('\n') : inner.join('');
}

/** Jira's "2026-01-14T03:15:00.000+0000" → ISO with Z. */
export function jiraDate(s: string | null | undefined): string | undefined {
  if (!s) return undefined;
  const t = Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(t) ? new Date(t).toISOString().replace('.000Z', 'Z') : undefined;
}

const jqlDate = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ').replace(/-/g, '/');

export class JiraTickets implements TicketsPort {
  constructor(private readonly o: JiraOptions) {}

  jqlFor(window: TimeWindow): string {
    const since = Date.parse(window.start) - (this.o.historyMs ?? 180 * 86_400_000);
    const scope = this.o.jql ?? (this.o.project ? `project = "${this.o.project}" AND labels = incident` : 'labels = incident');
    return `(${scope}) AND created >= "${jqlDate(since)}" AND created <= "${jqlDate(Date.parse(window.end))}" ORDER BY created DESC`;
  }

  async listTickets(window: TimeWindow, ro: ReadOptions = {}): Promise<Partial<Ticket[]>> {
    const base = this.o.baseUrl.replace(/\/+$/, '');
    const max = this.o.maxTickets ?? 200;
    const items: Ticket[] = [];
    const gaps: string[] = [];
    const jql = this.jqlFor(window);
    let token: string | undefined;
    try {
      do {
        const url = new URL(`${base}/rest/api/3/search/jql`);
        url.searchParams.set('jql', jql);
        url.searchParams.set('maxResults', '100');
        url.searchParams.set('fields', 'summary,description,created,resolutiondate,resolution,labels,components');
        if (token) url.searchParams.set('nextPageToken', token);
        const res = await getJson<JiraSearch>(url.toString(), {
          ...this.o.http, authorization: this.o.authorization, timeoutMs: this.o.timeoutMs, signal: ro.signal,
          what: `Jira ${base}`, credentialsHint: 'set JIRA_EMAIL and JIRA_API_TOKEN (an Atlassian API token)', permission: 'the Browse Projects permission on the project (and a valid API token)',
        });
        for (const i of res.data.issues ?? []) {
          items.push({
            id: i.key, source: 'jira', title: i.fields.summary ?? i.key,
            ...(i.fields.description ? { body: adfToText(i.fields.description) } : {}),
            ...(jiraDate(i.fields.created) ? { openedAt: jiraDate(i.fields.created) } : {}),
            ...(jiraDate(i.fields.resolutiondate) ? { resolvedAt: jiraDate(i.fields.resolutiondate) } : {}),
            ...(i.fields.resolution?.name ? { resolution: i.fields.resolution.name } : {}),
            labels: i.fields.labels ?? [],
            ...(i.fields.components?.[0]?.name ? { service: i.fields.components[0].name } : this.o.service ? { service: this.o.service } : {}),
          });
        }
        token = res.data.isLast === false || (res.data.nextPageToken && res.data.isLast !== true) ? res.data.nextPageToken : undefined;
        if (items.length >= max && token) {
          gaps.push(`tickets: only the newest ${items.length} Jira issues were read`);
          break;
        }
      } while (token);
    } catch (e) {
      if (ro.signal?.aborted) throw e;
      gaps.push(`tickets: ${(e as Error).message}`);
    }
    return { items, gaps };
  }
}
