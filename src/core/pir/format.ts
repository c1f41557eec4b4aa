// Markdown and time formatting for the PIR. Text from the report is scrubbed of e-mail addresses (blameless:
// the review is about systems, not people) and escaped for tables.
import type { Evidence } from '../model/report';

export const NO_DATA = 'unknown (no data)';

export function scrub(text: string): string {
  return text.replace(/<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?/g, '(author)');
}

/** One table cell: no pipes or newlines. */
export function cell(text: string | number | undefined): string {
  if (text === undefined || text === '') return '—';
  return scrub(String(text)).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim();
}

/** Ends a sentence unless it already ends with punctuation. */
export function sentence(text: string): string {
  const t = line(text);
  return /[.!?:…]$/.test(t) ? t : `${t}.`;
}

/** One line of prose. */
export function line(text: string): string {
  return scrub(text).replace(/\s*\n\s*/g, ' ').trim();
}

export function utc(iso: string | undefined): string {
  if (!iso) return NO_DATA;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return `${iso} (unreadable time)`;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function duration(ms: number): string {
  const neg = ms < 0;
  let s = Math.round(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts = [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : '', !d && !h && s ? `${s} s` : ''].filter(Boolean);
  return `${neg ? '-' : ''}${parts.join(' ') || '0 min'}`;
}

export function between(from: string | undefined, to: string | undefined): number | undefined {
  if (!from || !to) return undefined;
  const a = Date.parse(from);
  const b = Date.parse(to);
  return Number.isFinite(a) && Number.isFinite(b) ? b - a : undefined;
}

/** 0.1276 → "12.8 %", 0.0046 → "0.46 %", with `decimals` places from 10 % up. */
export function percent(fraction: number, decimals = 1): string {
  const p = fraction * 100;
  const text = p >= 10 || p === 0 ? p.toFixed(decimals) : p.toPrecision(2);
  return `${text.includes('.') ? text.replace(/\.?0+$/, '') : text} %`;
}

export function anchor(id: string): string {
  return `evidence-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** Citations of evidence ids that exist in the report; ids the report does not hold are dropped, never shown. */
export class Citer {
  private readonly byId: Map<string, Evidence>;

  constructor(evidence: Evidence[]) {
    this.byId = new Map(evidence.map((e) => [e.id, e]));
  }

  has(id: string | undefined): id is string {
    return !!id && this.byId.has(id);
  }

  get(id: string): Evidence | undefined {
    return this.byId.get(id);
  }

  cite(ids: Array<string | undefined> | undefined): string {
    const known = [...new Set((ids ?? []).filter((id): id is string => this.has(id)))];
    return known.length ? known.map((id) => `[${id.replace(/([[\]])/g, '\\$1')}](#${anchor(id)})`).join(', ') : '—';
  }

  /** Evidence of a kind whose ref or summary names the given id (alarm id, metric id, deploy id, ticket id...). */
  find(kind: string, ...ids: Array<string | undefined>): Evidence[] {
    const want = ids.filter((x): x is string => !!x);
    if (!want.length) return [];
    return [...this.byId.values()].filter((e) => e.kind === kind && Object.values(e.ref ?? {}).some((v) => String(v).split(',').some((x) => want.includes(x.trim()))));
  }
}
