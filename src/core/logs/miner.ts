// Streaming facade over the Drain miner: one call per message (or per input line, with stack-trace continuation),
// per-message cluster ids kept compactly in a Uint32Array, and final templates with stable ids.
import { DrainMiner, type MinerOptions } from './drain';
import { headerEnd } from './header';
import { ContinuationDetector } from './multiline';

export interface Template {
  /** Stable for a given template text: derived from it. */
  id: string;
  template: string;
  count: number;
  /** A stack trace or other continuation lines follow at least one of its messages. */
  hasStackTrace: boolean;
}

export interface LogMinerOptions extends MinerOptions {
  /** Skip recognised headers (timestamps, severity) before mining. Default true. */
  stripHeaders?: boolean;
  /** Keep every message's cluster (needed for `assignments`). Default true; off, memory depends on templates only. */
  recordAssignments?: boolean;
}

export interface MiningResult {
  /** Most frequent first. */
  templates: Template[];
  /** Per message (or per line): the index into `templates`. */
  assignments: Uint32Array;
}

export class LogMiner {
  private readonly drain: DrainMiner;
  private readonly strip: boolean;
  private readonly continuation = new ContinuationDetector();
  private assigned = new Uint32Array(1024);
  private n = 0;
  private readonly stack: Uint8Array[] = [];
  private lastCluster = -1;
  private readonly keep: boolean;
  private readonly counts: number[] = [];

  constructor(opts: LogMinerOptions = {}) {
    this.drain = new DrainMiner(opts);
    this.strip = opts.stripHeaders ?? true;
    this.keep = opts.recordAssignments ?? true;
  }

  /** Number of messages (or lines) added. */
  get size(): number {
    return this.n;
  }

  /** Adds one single-line message (text[from, to)); returns its cluster id (an internal id, see `finish`). */
  addMessage(text: string, hasStackTrace = false, from = 0, to = text.length): number {
    const start = this.strip ? headerEnd(text, from, to) : from;
    const id = this.drain.add(text, start, to);
    if (hasStackTrace) this.markStack(id);
    this.record(id);
    return id;
  }

  /** Adds one input line (text[from, to)): a continuation line (stack frame...) joins the event before it. */
  addLine(text: string, from = 0, to = text.length): number {
    const cont = this.continuation.isContinuation(text, from, to);
    if (cont && this.lastCluster >= 0) {
      this.markStack(this.lastCluster);
      this.record(this.lastCluster);
      return this.lastCluster;
    }
    const id = this.addMessage(text, false, from, to);
    this.lastCluster = id;
    return id;
  }

  /** Final templates, most frequent first, and every message's index into them (templates that converged merge). */
  finish(): MiningResult {
    const clusters = this.drain.clusters;
    const byText = new Map<string, number>();
    const target = new Uint32Array(clusters.length);
    const merged: Template[] = [];
    for (const c of clusters) {
      const text = c.tokens.join(' ');
      let t = byText.get(text);
      if (t === undefined) {
        t = merged.length;
        byText.set(text, t);
        merged.push({ id: templateId(text), template: text, count: 0, hasStackTrace: false });
      }
      if (this.hasStack(c.id)) merged[t].hasStackTrace = true;
      target[c.id] = t;
    }
    // Counts include continuation lines in line mode: every line is accounted for.
    for (const m of merged) m.count = 0;
    for (const c of clusters) merged[target[c.id]].count += this.counts[c.id] ?? 0;
    const used = new Set<string>();
    for (const m of merged) {
      let id = m.id;
      for (let k = 2; used.has(id); k++) id = `${m.id}-${k}`;
      used.add(id);
      m.id = id;
    }
    const assignments = this.keep ? this.assigned.slice(0, this.n) : new Uint32Array(0);
    for (let i = 0; i < assignments.length; i++) assignments[i] = target[assignments[i]];
    const order = merged.map((_, i) => i).sort((a, b) => merged[b].count - merged[a].count || (merged[a].template < merged[b].template ? -1 : 1));
    const rank = new Uint32Array(merged.length);
    order.forEach((t, r) => (rank[t] = r));
    for (let i = 0; i < assignments.length; i++) assignments[i] = rank[assignments[i]];
    return { templates: order.map((t) => merged[t]).filter((t) => t.count > 0), assignments };
  }

  private record(id: number): void {
    this.counts[id] = (this.counts[id] ?? 0) + 1;
    if (!this.keep) {
      this.n++;
      return;
    }
    if (this.n === this.assigned.length) {
      const bigger = new Uint32Array(this.assigned.length * 2);
      bigger.set(this.assigned);
      this.assigned = bigger;
    }
    this.assigned[this.n++] = id;
  }

  private markStack(id: number): void {
    const page = this.stack[id >>> 16] ??= new Uint8Array(65536);
    page[id & 0xffff] = 1;
  }

  private hasStack(id: number): boolean {
    const page = this.stack[id >>> 16];
    return page !== undefined && page[id & 0xffff] === 1;
  }
}

/** "t" + 10 hex digits of a 40-bit FNV-1a hash of the template text. */
export function templateId(text: string): string {
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x01000193 | 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return `t${(h1 >>> 0).toString(16).padStart(8, '0')}${((h2 >>> 0) & 0xff).toString(16).padStart(2, '0')}`;
}
