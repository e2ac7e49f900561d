/**
 * @module workers/tools/search/bm25
 * Okapi BM25 over any list of texts. The index is built once per list; scoring is plain arithmetic, no I/O.
 */
import { terms } from "../text/words";

export interface Bm25Options {
  k1?: number;
  b?: number;
}

export interface Bm25Hit {
  index: number;
  score: number;
}

export class Bm25Index {
  private readonly docs: Map<string, number>[];
  private readonly lengths: number[];
  private readonly avgLength: number;
  private readonly df = new Map<string, number>();
  private readonly k1: number;
  private readonly b: number;

  constructor(texts: readonly string[], opts: Bm25Options = {}) {
    this.k1 = opts.k1 ?? 1.2;
    this.b = opts.b ?? 0.75;
    this.docs = texts.map((t) => {
      const tf = new Map<string, number>();
      for (const term of terms(t)) tf.set(term, (tf.get(term) ?? 0) + 1);
      return tf;
    });
    this.lengths = this.docs.map((d) => [...d.values()].reduce((a, b) => a + b, 0));
    this.avgLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.lengths.length);
    for (const d of this.docs) for (const term of d.keys()) this.df.set(term, (this.df.get(term) ?? 0) + 1);
  }

  get size(): number {
    return this.docs.length;
  }

  /** BM25+-style idf that never goes negative, so very common terms add little instead of subtracting. */
  idf(term: string): number {
    const n = this.df.get(term) ?? 0;
    return Math.log(1 + (this.docs.length - n + 0.5) / (n + 0.5));
  }

  scoreDoc(queryTerms: readonly string[], i: number): number {
    const tf = this.docs[i]!;
    const norm = this.k1 * (1 - this.b + (this.b * this.lengths[i]!) / (this.avgLength || 1));
    let score = 0;
    for (const q of new Set(queryTerms)) {
      const f = tf.get(q) ?? 0;
      if (f > 0) score += this.idf(q) * ((f * (this.k1 + 1)) / (f + norm));
    }
    return score;
  }

  /** Documents with a positive score, best first; ties keep corpus order so results are stable. */
  search(query: string, limit = 10, filter?: (i: number) => boolean): Bm25Hit[] {
    const q = terms(query);
    const hits: Bm25Hit[] = [];
    for (let i = 0; i < this.docs.length; i++) {
      if (filter && !filter(i)) continue;
      const score = this.scoreDoc(q, i);
      if (score > 0) hits.push({ index: i, score });
    }
    hits.sort((a, b) => b.score - a.score || a.index - b.index);
    return hits.slice(0, limit);
  }
}
