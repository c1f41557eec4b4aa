// Streaming facade over the Drain miner: one call per message (or per input line, with stack-trace continuation),
// per-message cluster ids kept compactly in a Uint32Array, and final templates with stable ids.
import { DrainMiner, type MinerOptions } from './drain';
import { headerEnd } from './header';
import { ContinuationDetector } from './multiline';
import { ShapeCache } from './shape';

/** Line bytes to text on the slow path; keeps a byte-order mark as text, as a streaming decoder would. */
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
/** Shape-cache lookups judged together, and messages mined without the cache after a window with few hits. */
const CACHE_WINDOW = 4096;
const CACHE_REST = 65536;

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
  /**
   * Reuse the cluster of the last message of the same shape (shape.ts) while its tree leaf is unchanged, instead of
   * mining the message again. Gives the same clusters as mining every message; off only to check that. Default true.
   */
  shapeCache?: boolean;
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
  private readonly shapes: ShapeCache | undefined;
  // When few lines repeat a shape (every line has its own hex id, say), the cache only costs: after a window of
  // lookups with under a quarter hits, the next CACHE_REST messages skip it. Skipping never changes a result.
  private cacheRest = 0;
  private lookups = 0;
  private hits = 0;
  private shapeKnown = false;

  constructor(opts: LogMinerOptions = {}) {
    this.drain = new DrainMiner(opts);
    this.strip = opts.stripHeaders ?? true;
    this.keep = opts.recordAssignments ?? true;
    this.shapes = opts.shapeCache === false ? undefined : new ShapeCache();
  }

  /** Number of messages (or lines) added. */
  get size(): number {
    return this.n;
  }

  /**
   * Whether the last addMessage computed its line's shape (not while the cache rests), and that 64-bit shape: lines
   * of one shape differ only in digit values and the lengths of space runs.
   */
  get lastShapeKnown(): boolean {
    return this.shapeKnown;
  }

  get lastShapeHi(): number {
    return this.shapes!.hi;
  }

  get lastShapeLo(): number {
    return this.shapes!.lo;
  }

  /** Adds one single-line message (text[from, to)); returns its cluster id (an internal id, see `finish`). */
  addMessage(text: string, hasStackTrace = false, from = 0, to = text.length): number {
    let shapes = this.shapes;
    if (this.cacheRest > 0) {
      this.cacheRest--;
      shapes = undefined;
    }
    let id: number;
    this.shapeKnown = shapes !== undefined;
    if (shapes) {
      shapes.shapeText(text, from, to);
      id = this.reuse(shapes);
      this.tally(id >= 0);
      if (id < 0) {
        id = this.mine(text, from, to);
        shapes.set(id, this.drain.versionOf(id));
      }
    } else id = this.mine(text, from, to);
    if (hasStackTrace) this.markStack(id);
    this.record(id);
    return id;
  }

  /**
   * addLine for one line given as UTF-8 bytes buf[from, to) (without its line break): lines of a known shape are
   * counted without being decoded.
   */
  addLineBytes(buf: Uint8Array, from = 0, to = buf.length): number {
    const shapes = this.shapes;
    if (!shapes || this.cacheRest > 0 || !this.continuation.plainStart(to > from ? buf[from] : -1)) {
      const text = UTF8.decode(buf.subarray(from, to));
      return this.addLine(text, 0, text.length);
    }
    shapes.shapeBytes(buf, from, to);
    let id = this.reuse(shapes);
    this.tally(id >= 0);
    if (id < 0) {
      const text = UTF8.decode(buf.subarray(from, to));
      id = this.mine(text, 0, text.length);
      shapes.set(id, this.drain.versionOf(id));
    }
    this.record(id);
    this.lastCluster = id;
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

  /**
   * addLineBytes for every line of the UTF-8 bytes buf[from, to), read as a file: each "\n" (or "\r\n") ends a line,
   * and bytes after the last one make a last line.
   */
  addLinesBytes(buf: Uint8Array, from = 0, to = buf.length): void {
    for (let s = this.addKnownLines(buf, from, to); s < to; s = this.addKnownLines(buf, s, to)) {
      let e = buf.indexOf(10, s);
      if (e < 0 || e > to) e = to;
      this.addLineBytes(buf, s, e > s && buf[e - 1] === 13 ? e - 1 : e);
      s = e + 1;
    }
  }

  /**
   * The hot loop of addLinesBytes: adds lines from buf[s] on while the cache knows their shape; returns where the
   * first other line starts (or `to`). Kept apart from the full path so that it compiles small and fast.
   */
  private addKnownLines(buf: Uint8Array, s: number, to: number): number {
    const shapes = this.shapes;
    if (!shapes || this.cacheRest > 0) return s;
    const drain = this.drain;
    while (s < to) {
      let e = buf.indexOf(10, s);
      if (e < 0 || e > to) e = to;
      const end = e > s && buf[e - 1] === 13 ? e - 1 : e;
      if (end === s || !this.continuation.plainStart(buf[s])) return s;
      shapes.shapeBytes(buf, s, end);
      const slot = shapes.find();
      if (slot < 0) return s;
      const id = shapes.clusterAt(slot);
      if (!drain.reuse(id, shapes.versionAt(slot))) return s;
      this.lookups++;
      this.hits++;
      this.record(id);
      this.lastCluster = id;
      s = e + 1;
    }
    return s;
  }

  /** Final templates, most frequent first, and every message's index into them (templates that converged merge). */
  finish(): MiningResult {
    const clusters = this.drain.clusters;
    const byText = new Map<string, number>();
    const target = new Uint32Array(clusters.length);
    const merged: Template[] = [];
    // Clusters kept apart only because a word had been stable join the sibling that turned it into a wildcard.
    const { root, tokens } = this.drain.groups();
    for (const c of clusters) {
      const text = (tokens.get(root[c.id]) ?? c.tokens).join(' ');
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

  /** Header strip and the full Drain search. */
  private mine(text: string, from: number, to: number): number {
    const start = this.strip ? headerEnd(text, from, to) : from;
    return this.drain.add(text, start, to);
  }

  /** The cluster of the last computed shape when the cache still holds it, else -1. */
  private reuse(shapes: ShapeCache): number {
    const slot = shapes.find();
    if (slot < 0) return -1;
    const id = shapes.clusterAt(slot);
    return this.drain.reuse(id, shapes.versionAt(slot)) ? id : -1;
  }

  /** Counts a cache lookup; at the end of a window with few hits, rests the cache. */
  private tally(hit: boolean): void {
    this.lookups++;
    if (hit) this.hits++;
    else if (this.lookups >= CACHE_WINDOW) {
      if (this.hits * 4 < this.lookups) this.cacheRest = CACHE_REST;
      this.lookups = 0;
      this.hits = 0;
    }
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
