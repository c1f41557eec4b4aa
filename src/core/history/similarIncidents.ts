// Similar past incidents: BM25F over ticket titles, bodies, labels, resolutions and any log templates the ticket
// carries; the same service counts as one more (discriminative) matching term. Returns what fixed them.
import type { Ticket } from '../model/snapshot';
import { Bm25Index, type FieldSpec } from './bm25';
import { terms, tokenize } from './textTerms';

export interface SimilarQuery {
  text: string;
  service?: string;
}

export interface SimilarIncident {
  ticket: Ticket;
  /** 0..1: share of the query's information (idf) the ticket matches; threshold around 0.2–0.3 for "similar". */
  score: number;
  /** Query words found in the ticket (as written in the query), plus `service:<name>` when the service matches. */
  matchedTerms: string[];
  /** What fixed it, when the ticket says. */
  resolution?: string;
}

const FIELDS: FieldSpec[] = [
  { name: 'title', weight: 2, b: 0.5 },
  { name: 'body', weight: 1, b: 0.75 },
  { name: 'labels', weight: 1.5, b: 0 },
  { name: 'resolution', weight: 0.7, b: 0.75 },
  { name: 'logs', weight: 0.8, b: 0.75 },
];

const SERVICE_TERM = '\u0000service';

/** Log templates a ticket may carry under a few common names (unknown fields are kept in snapshots). */
function logText(t: Ticket): string {
  const out: string[] = [];
  for (const key of ['logTemplates', 'templates', 'logs', 'logPatterns']) {
    const v = t[key];
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') out.push(x);
  }
  return out.join('\n');
}

function sameService(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function similarIncidents(tickets: Ticket[], query: SimilarQuery, k = 5): SimilarIncident[] {
  if (!tickets.length || k <= 0) return [];
  const cache = new Map<string, string[]>();
  const tok = (text: string) => tokenize(text, cache);
  const docs = tickets.map((t) => {
    const fields = [tok(t.title ?? ''), tok(t.body ?? ''), tok((t.labels ?? []).join(' ')), tok(t.resolution ?? ''), tok(logText(t))];
    // The service is indexed as a labels-field term so its idf reflects how many tickets share it.
    if (query.service && sameService(t.service, query.service)) fields[2].push(SERVICE_TERM);
    return fields;
  });
  const qTerms = terms(query.text);
  const surfaceOf = new Map<string, string>();
  for (const t of qTerms) if (!surfaceOf.has(t.term)) surfaceOf.set(t.term, t.surface);
  const q = [...surfaceOf.keys()];
  if (query.service) q.push(SERVICE_TERM);
  const index = new Bm25Index(FIELDS, docs, { only: new Set(q) });
  return index
    .search(q)
    // A shared service alone does not make an incident similar.
    .filter((h) => h.matched.some((m) => m !== SERVICE_TERM))
    .slice(0, k)
    .map((h) => {
      const ticket = tickets[h.index];
      const matchedTerms = h.matched.map((m) => (m === SERVICE_TERM ? `service:${ticket.service}` : surfaceOf.get(m) ?? m));
      return { ticket, score: round(h.score), matchedTerms, ...(ticket.resolution ? { resolution: ticket.resolution } : {}) };
    });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
