// A small inverted index with the BM25 scoring of MiniSearch 7 (same formula, same fuzzy weights,
// same "score x number of query words matched"), built for the answer path's speed. MiniSearch
// creates a result object with match details for every document a query word touches and keeps
// postings in nested Maps; with 10,000 entries a common word touches thousands of documents, and
// that was ~70% of the time per question. Here postings are plain arrays, scores accumulate in a
// typed array indexed by document number, and only the scores come back. The vocabulary is
// MiniSearch's own radix tree (SearchableMap), so fuzzy lookup is unchanged.
import SearchableMap from 'minisearch/SearchableMap';

export interface Bm25Params {
  k: number;
  b: number;
  d: number;
}

interface Posting {
  docs: number[];
  tfs: number[];
}

export interface Bm25Query {
  terms: readonly string[];
  /** Weight of each field (in the order given to the constructor); 0 leaves the field out
   * (MiniSearch reads a boost of 0 as 1). */
  fieldBoosts: readonly number[];
  /** Edit distance allowed for a term (0: exact only). */
  fuzzy: (term: string) => number;
  fuzzyWeight: number;
  termBoost: (term: string) => number;
  bm25: Bm25Params;
  /** Only documents it accepts are returned. */
  filter?: (id: string) => boolean;
}

export interface Bm25Hit {
  id: string;
  score: number;
}

function bm25(tf: number, matching: number, total: number, length: number, avgLength: number, p: Bm25Params): number {
  const idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
  return idf * (p.d + (tf * (p.k + 1)) / (tf + p.k * (1 - p.b + (p.b * length) / avgLength)));
}

export class Bm25Index {
  /** term -> one posting list per field. */
  private readonly vocabulary = new SearchableMap<Array<Posting | undefined>>();
  private readonly ids: Array<string | undefined> = [];
  private readonly numbers = new Map<string, number>();
  /** Per field, unique terms of each document (MiniSearch's field length), and their total. */
  private readonly lengths: number[][];
  private readonly totalLength: number[];
  /** The terms of each document per field, to take it out of the postings again. */
  private readonly docTerms: Array<string[][] | undefined> = [];
  private readonly free: number[] = [];
  private count = 0;
  private scores = new Float64Array(1024);
  private matched = new Uint16Array(1024);
  private lastTerm = new Int32Array(1024);

  constructor(private readonly fieldCount: number) {
    this.lastTerm.fill(-1);
    this.lengths = Array.from({ length: fieldCount }, () => []);
    this.totalLength = new Array<number>(fieldCount).fill(0);
  }

  get documentCount(): number {
    return this.count;
  }

  /** `fields[f]` holds the terms of field f (repeats count as term frequency). */
  add(id: string, fields: ReadonlyArray<readonly string[]>): void {
    if (this.numbers.has(id)) throw new Error(`Document ${id} is already indexed.`);
    const n = this.free.pop() ?? this.ids.length;
    this.ids[n] = id;
    this.numbers.set(id, n);
    this.count += 1;
    if (n >= this.scores.length) this.grow(n + 1);
    const kept: string[][] = [];
    for (let f = 0; f < this.fieldCount; f += 1) {
      const terms = fields[f] ?? [];
      const tfs = new Map<string, number>();
      for (const t of terms) tfs.set(t, (tfs.get(t) ?? 0) + 1);
      (this.lengths[f] as number[])[n] = tfs.size;
      this.totalLength[f] = (this.totalLength[f] ?? 0) + tfs.size;
      for (const [t, tf] of tfs) {
        let lists = this.vocabulary.get(t);
        if (!lists) this.vocabulary.set(t, (lists = []));
        let posting = lists[f];
        if (!posting) lists[f] = posting = { docs: [], tfs: [] };
        posting.docs.push(n);
        posting.tfs.push(tf);
      }
      kept.push([...tfs.keys()]);
    }
    this.docTerms[n] = kept;
  }

  remove(id: string): boolean {
    const n = this.numbers.get(id);
    if (n === undefined) return false;
    const kept = this.docTerms[n] ?? [];
    kept.forEach((terms, f) => {
      this.totalLength[f] = (this.totalLength[f] ?? 0) - ((this.lengths[f] as number[])[n] ?? 0);
      for (const t of terms) {
        const lists = this.vocabulary.get(t);
        const posting = lists?.[f];
        if (!lists || !posting) continue;
        const at = posting.docs.indexOf(n);
        // splice, not swap: postings keep insertion order, so ties rank as they did in MiniSearch.
        posting.docs.splice(at, 1);
        posting.tfs.splice(at, 1);
        if (posting.docs.length === 0) lists[f] = undefined;
        if (lists.every((l) => l === undefined)) this.vocabulary.delete(t);
      }
    });
    this.numbers.delete(id);
    this.ids[n] = undefined;
    this.docTerms[n] = undefined;
    this.free.push(n);
    this.count -= 1;
    return true;
  }

  private grow(size: number): void {
    const capacity = Math.max(size, this.scores.length * 2);
    const scores = new Float64Array(capacity);
    const matched = new Uint16Array(capacity);
    const lastTerm = new Int32Array(capacity);
    lastTerm.fill(-1);
    scores.set(this.scores);
    matched.set(this.matched);
    lastTerm.set(this.lastTerm);
    [this.scores, this.matched, this.lastTerm] = [scores, matched, lastTerm];
  }

  /** Documents matching any query term, best first: sum of weighted BM25 over the terms and
   * fields, times the number of query terms matched (as MiniSearch scores an OR query). */
  search(query: Bm25Query): Bm25Hit[] {
    const touched: number[] = [];
    const { scores, matched, lastTerm } = this;
    const total = this.count;
    const avg = this.totalLength.map((t) => (total > 0 ? t / total : 0));
    const score = (qi: number, lists: Array<Posting | undefined>, weight: number) => {
      for (let f = 0; f < this.fieldCount; f += 1) {
        const posting = lists[f];
        const boost = query.fieldBoosts[f] ?? 1;
        if (!posting || boost === 0) continue;
        const matching = posting.docs.length;
        const lengths = this.lengths[f] as number[];
        const avgLength = avg[f] as number;
        for (let i = 0; i < matching; i += 1) {
          const n = posting.docs[i] as number;
          const s = weight * boost * bm25(posting.tfs[i] as number, matching, total, lengths[n] as number, avgLength, query.bm25);
          if (lastTerm[n] !== qi) {
            if (matched[n] === 0) touched.push(n);
            lastTerm[n] = qi;
            matched[n] = (matched[n] as number) + 1;
          }
          scores[n] = (scores[n] as number) + s;
        }
      }
    };
    query.terms.forEach((term, qi) => {
      const boost = query.termBoost(term);
      const exact = this.vocabulary.get(term);
      if (exact) score(qi, exact, boost);
      const distance = query.fuzzy(term);
      if (distance > 0) {
        for (const [derived, [lists, d]] of this.vocabulary.fuzzyGet(term, distance)) {
          if (d === 0) continue;
          score(qi, lists, boost * ((query.fuzzyWeight * derived.length) / (derived.length + d)));
        }
      }
    });
    const hits: Bm25Hit[] = [];
    for (const n of touched) {
      const id = this.ids[n] as string;
      if (!query.filter || query.filter(id)) hits.push({ id, score: (scores[n] as number) * (matched[n] as number) });
      scores[n] = 0;
      matched[n] = 0;
      lastTerm[n] = -1;
    }
    return hits.sort((a, b) => b.score - a.score);
  }
}
