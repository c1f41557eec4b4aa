// Reads the columnar payload: one event is an index; strings and refs are built only when asked for (hover, click).
import { LANES, LEVELS, REF_KINDS, type EventRef, type Lane, type Level, type StringColumn, type TimelinePayload } from '../shared/protocol';

export const str = (c: StringColumn, i: number): string => c.text.slice(c.offsets[i], c.offsets[i + 1]);

export class TimelineModel {
  constructor(readonly data: TimelinePayload) {}

  get count(): number { return this.data.events.count; }
  at(i: number): number { return this.data.events.at[i]; }
  /** Span end, or undefined for a point. */
  end(i: number): number | undefined {
    const e = this.data.events.end[i];
    return Number.isNaN(e) ? undefined : e;
  }
  lane(i: number): Lane { return LANES[this.data.events.lane[i]]; }
  level(i: number): Level { return LEVELS[this.data.events.level[i]]; }
  source(i: number): string { return this.data.events.sources[this.data.events.source[i]]; }
  label(i: number): string { return str(this.data.events.label, i); }
  detail(i: number): string { return str(this.data.events.detail, i); }

  ref(i: number): EventRef {
    const e = this.data.events;
    const kind = REF_KINDS[e.refKind[i]];
    switch (kind) {
      case 'log': return { kind, index: e.refIndex[i] };
      case 'commit': return { kind, deployId: str(e.refId, i), sha: str(e.refSha, i) };
      default: return { kind, id: str(e.refId, i) };
    }
  }

  /** The event a ref points at, or -1. */
  indexOf(ref: EventRef): number {
    const e = this.data.events;
    const k = REF_KINDS.indexOf(ref.kind);
    for (let i = 0; i < e.count; i++) {
      if (e.refKind[i] !== k) continue;
      const r = this.ref(i);
      if (JSON.stringify(r) === JSON.stringify(ref)) return i;
    }
    return -1;
  }

  /** Every filterable source, sorted. */
  sources(): string[] {
    return [...new Set([...this.data.events.sources, ...this.data.metrics.map((m) => m.source)])].sort();
  }
}
