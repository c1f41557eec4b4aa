// BM25F over documents with weighted fields (Robertson & Zaragoza, "The Probabilistic Relevance Framework").
// Scores are also given normalised to 0..1 against the query's own information (sum of its terms' idf), so callers
// can threshold: 1 means every query term appears about as often as in an average-length document.
// Stored as an inverted index (term → postings), so a query touches only the documents holding its terms.

export interface FieldSpec {
  name: string;
  weight: number;
  /** Length normalisation strength (b), 0..1. */
  b: number;
}

export interface Bm25Options {
  k1?: number;
  /** Index only these terms (the query's): enough to score that query, and much cheaper on a large corpus. */
  only?: Set<string>;
}

export interface Bm25Hit {
  index: number;
  raw: number;
  score: number;
  /** Stemmed query terms found in the document. */
  matched: string[];
}

export class Bm25Index {
  /** term → flat [doc, field, tf, doc, field, tf, ...], docs ascending. */
  private readonly postings = new Map<string, number[]>();
  private readonly df = new Map<string, number>();
  /** Field lengths, doc-major: len[doc * fields + field]. */
  private readonly len: number[] = [];
  private readonly avgLen: number[];
  private readonly k1: number;
  private readonly n: number;

  constructor(private readonly fields: FieldSpec[], docs: string[][][], opts: Bm25Options = {}) {
    this.k1 = opts.k1 ?? 1.2;
    this.n = docs.length;
    const totals = fields.map(() => 0);
    const counts = new Map<string, number>();
    const only = opts.only;
    docs.forEach((fieldTerms, d) => {
      const seen = new Set<string>();
      fields.forEach((_, f) => {
        const ts = fieldTerms[f] ?? [];
        counts.clear();
        for (const t of ts) if (!only || only.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
        for (const [t, tf] of counts) {
          let p = this.postings.get(t);
          if (!p) this.postings.set(t, (p = []));
          p.push(d, f, tf);
          seen.add(t);
        }
        this.len.push(ts.length);
        totals[f] += ts.length;
      });
      for (const t of seen) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    });
    this.avgLen = totals.map((t) => (this.n ? t / this.n : 0));
  }

  get size(): number {
    return this.n;
  }

  /** Lucene's idf, always positive: ln(1 + (N - n + 0.5) / (n + 0.5)). */
  idf(term: string): number {
    const n = this.df.get(term) ?? 0;
    return Math.log(1 + (this.n - n + 0.5) / (n + 0.5));
  }

  /** Every document with at least one query term, best first. */
  search(query: string[]): Bm25Hit[] {
    const q = [...new Set(query)];
    const norm = q.reduce((s, t) => s + this.idf(t), 0);
    const nf = this.fields.length;
    const byDoc = new Map<number, { raw: number; matched: string[] }>();
    for (const t of q) {
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = this.idf(t);
      // Weighted, length-normalised term frequency summed over the fields of each document.
      const tfw = new Map<number, number>();
      for (let i = 0; i < p.length; i += 3) {
        const d = p[i];
        const f = p[i + 1];
        const field = this.fields[f];
        const avg = this.avgLen[f] || 1;
        const w = (field.weight * p[i + 2]) / (1 - field.b + (field.b * this.len[d * nf + f]) / avg);
        tfw.set(d, (tfw.get(d) ?? 0) + w);
      }
      for (const [d, w] of tfw) {
        let hit = byDoc.get(d);
        if (!hit) byDoc.set(d, (hit = { raw: 0, matched: [] }));
        hit.raw += (idf * w * (this.k1 + 1)) / (this.k1 + w);
        hit.matched.push(t);
      }
    }
    const hits: Bm25Hit[] = [];
    for (const [index, h] of byDoc) {
      if (h.raw > 0) hits.push({ index, raw: h.raw, score: norm > 0 ? Math.min(1, h.raw / norm) : 0, matched: h.matched });
    }
    return hits.sort((a, b) => b.raw - a.raw || a.index - b.index);
  }
}
