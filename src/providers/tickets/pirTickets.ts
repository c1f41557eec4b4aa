// The repository's own post-incident reviews (docs/incidents/*.md) as incident history.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Ticket } from '../../core/model/snapshot';
import type { Partial, ReadOptions, TicketsPort, TimeWindow } from '../../ports';

/** Reads "key: value" front matter, the first heading, and date / resolution lines of a PIR document. */
export function pirToTicket(id: string, text: string, service?: string): Ticket {
  const front: Record<string, string> = {};
  let body = text;
  const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (fm) {
    for (const line of fm[1].split(/\r?\n/)) {
      const m = /^([A-Za-z_]+):\s*(.*?)\s*$/.exec(line);
      if (m) front[m[1].toLowerCase()] = m[2].replace(/^["']|["']$/g, '');
    }
    body = text.slice(fm[0].length);
  }
  const field = (...names: string[]) => {
    for (const n of names) {
      if (front[n]) return front[n];
      const m = new RegExp(`^\\s*(?:[-*]\\s*)?\\**${n}\\**\\s*:\\s*\\**\\s*(.+?)\\s*$`, 'im').exec(body);
      if (m) return m[1];
    }
    return undefined;
  };
  const iso = (s: string | undefined) => {
    const t = s ? Date.parse(s) : NaN;
    return Number.isFinite(t) ? new Date(t).toISOString().replace('.000Z', 'Z') : undefined;
  };
  const title = front.title ?? /^#\s+(.+)$/m.exec(body)?.[1]?.trim() ?? id;
  const labels = (front.labels ?? front.tags ?? '').replace(/^\[|\]$/g, '').split(',').map((s) => s.trim()).filter(Boolean);
  const openedAt = iso(field('started', 'startedat', 'date', 'opened'));
  const resolvedAt = iso(field('resolved', 'resolvedat'));
  const resolution = field('resolution', 'fix');
  const svc = field('service') ?? service;
  return { id, source: 'pir', title, body: body.trim(), ...(openedAt ? { openedAt } : {}), ...(resolvedAt ? { resolvedAt } : {}), ...(resolution ? { resolution } : {}), labels, ...(svc ? { service: svc } : {}) };
}

export class PirTickets implements TicketsPort {
  constructor(private readonly dir: string, private readonly service?: string) {}

  async listTickets(window: TimeWindow, ro: ReadOptions = {}): Promise<Partial<Ticket[]>> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.toLowerCase().endsWith('.md') && n.toLowerCase() !== 'readme.md').sort();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return { items: [], gaps: code === 'ENOENT' ? [] : [`tickets: cannot read post-incident reviews in ${this.dir}: ${code ?? (e as Error).message}`] };
    }
    const items: Ticket[] = [];
    const gaps: string[] = [];
    for (const n of names) {
      if (ro.signal?.aborted) throw ro.signal.reason ?? new Error('cancelled');
      try {
        const t = pirToTicket(`PIR-${path.basename(n, path.extname(n))}`, await readFile(path.join(this.dir, n), 'utf8'), this.service);
        if (!t.openedAt || Date.parse(t.openedAt) <= Date.parse(window.end)) items.push(t);
      } catch (e) {
        gaps.push(`tickets: ${path.join(this.dir, n)}: ${(e as Error).message}`);
      }
    }
    return { items, gaps };
  }
}
