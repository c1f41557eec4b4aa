// BM25F over documents with weighted fields (Robertson & Zaragoza, "The Probabilistic Relevance Framework").
// Scores are also given normalised to 0..1 against the query's own information (sum of its terms' idf), so callers
// can threshold: 1 means every query term appears about as often as in an average-length document.

export interface FieldSpec {
  name: string;
  weight: number;
  /** Length normalisation strength (b), 0..1. */
  b: number;
}

export interface Bm25Options {
  k1?: number;
}

export interface Bm25Hit {
  index: number;
  raw: number;
  score: number;
  /** Stemmed query terms found in the document. */
  matched: string[];
}

interface Doc {
  /** term → frequency, per field. */
  tf: Array<Map<string, number>>;
  len: number[];
}

export class Bm25Index {
  private readonly docs: Doc[] = [];
  private readonly df = new Map<string, number>();
  private readonly avgLen: number[];
  private readonly k1: number;

  constructor(private readonly fields: FieldSpec[], docs: string[][][], opts: Bm25Options = {}) {
    this.k1 = opts.k1 ?? 1.2;
    const totals = fields.map(() => 0);
    for (const fieldTerms of docs) {
      const doc: Doc = { tf: [], len: [] };
      const seen = new Set<string>();
      fields.forEach((_, f) => {
        const ts = fieldTerms[f] ?? [];
        const m = new Map<string, number>();
        for (const t of ts) {
          m.set(t, (m.get(t) ?? 0) + 1);
          seen.add(t);
        }
        doc.tf.push(m);
        doc.len.push(ts.length);
        totals[f] += ts.length;
      });
      for (const t of seen) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      this.docs.push(doc);
    }
    this.avgLen = totals.map((t) => (this.docs.length ? t / this.docs.length : 0));
  }

  get size(): number {
    return this.docs.length;
  }

  /** Lucene's idf, always positive: ln(1 + (N - n + 0.5) / (n + 0.5)). */
  idf(term: string): number {
    const n = this.df.get(term) ?? 0;
    const N = this.docs.length;
    return Math.log(1 + (N - n + 0.5) / (n + 0.5));
  }

  /** Every document with at least one query term, best first. */
  search(query: string[]): Bm25Hit[] {
    const q = [...new Set(query)];
    const norm = q.reduce((s, t) => s + this.idf(t), 0);
    const hits: Bm25Hit[] = [];
    this.docs.forEach((doc, index) => {
      let raw = 0;
      const matched: string[] = [];
      for (const t of q) {
        let tfw = 0;
        this.fields.forEach((field, f) => {
          const tf = doc.tf[f].get(t);
          if (!tf) return;
          const avg = this.avgLen[f] || 1;
          tfw += (field.weight * tf) / (1 - field.b + (field.b * doc.len[f]) / avg);
        });
        if (tfw === 0) continue;
        matched.push(t);
        raw += (this.idf(t) * tfw * (this.k1 + 1)) / (this.k1 + tfw);
      }
      if (raw > 0) hits.push({ index, raw, score: norm > 0 ? Math.min(1, raw / norm) : 0, matched });
    });
    return hits.sort((a, b) => b.raw - a.raw || a.index - b.index);
  }
}
