// Collects evidence and hands out ids, so every claim in the report can point at an entry that exists.
import type { Evidence, EvidenceKind } from '../model/report';

export class EvidenceBook {
  private readonly items: Evidence[] = [];

  add(kind: EvidenceKind, summary: string, at?: string, ref?: Record<string, string>): string {
    const id = `e${this.items.length + 1}`;
    const ev: Evidence = { id, kind, summary };
    if (at) ev.at = at;
    if (ref) ev.ref = ref;
    this.items.push(ev);
    return id;
  }

  has(id: string): boolean {
    return this.items.some((e) => e.id === id);
  }

  all(): Evidence[] {
    return this.items;
  }
}
