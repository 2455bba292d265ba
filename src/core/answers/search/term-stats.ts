// Per-document term sets and document frequencies kept beside the MiniSearch index, so that the
// confidence features (idf-weighted coverage) can be computed for the few top candidates.
export type DocKind = 'question' | 'phrasing' | 'answer';

interface DocTerms {
  kind: DocKind;
  words: ReadonlySet<string>;
  grams: ReadonlySet<string>;
  /** First letters of each word (see prefixOf), for loose matching of inflected forms. */
  prefixes: ReadonlySet<string>;
}

const PREFIX = 5;

/** The loose form of a stem used by soft coverage: its first five letters. */
export function prefixOf(stem: string): string {
  return stem.slice(0, PREFIX);
}

export class TermStats {
  private readonly docs = new Map<string, DocTerms>();
  private readonly dfs = new Map<string, number>();
  private readonly prefixDf = new Map<string, number>();

  get documentCount(): number {
    return this.docs.size;
  }

  add(docId: string, kind: DocKind, words: string[], grams: string[]): void {
    const entry: DocTerms = { kind, words: new Set(words.filter(Boolean)), grams: new Set(grams.filter(Boolean)), prefixes: new Set(words.filter((w) => w.length >= PREFIX).map(prefixOf)) };
    this.docs.set(docId, entry);
    for (const w of entry.words) this.dfs.set(w, (this.dfs.get(w) ?? 0) + 1);
    for (const p of entry.prefixes) this.prefixDf.set(p, (this.prefixDf.get(p) ?? 0) + 1);
  }

  remove(docId: string): void {
    const entry = this.docs.get(docId);
    if (!entry) return;
    for (const w of entry.words) {
      const n = (this.dfs.get(w) ?? 1) - 1;
      if (n <= 0) this.dfs.delete(w);
      else this.dfs.set(w, n);
    }
    for (const p of entry.prefixes) {
      const n = (this.prefixDf.get(p) ?? 1) - 1;
      if (n <= 0) this.prefixDf.delete(p);
      else this.prefixDf.set(p, n);
    }
    this.docs.delete(docId);
  }

  hasWord(word: string): boolean {
    return this.dfs.has(word);
  }

  /** Some document holds the word or, for long words, a word with the same first letters. */
  knowsWord(word: string): boolean {
    if (this.dfs.has(word)) return true;
    return word.length >= PREFIX && this.prefixDf.has(prefixOf(word));
  }

  /** Number of documents containing `term`. */
  df(term: string): number {
    return this.dfs.get(term) ?? 0;
  }

  doc(docId: string): DocTerms | undefined {
    return this.docs.get(docId);
  }

  /** BM25-style inverse document frequency; a term no document has gets the highest value. */
  idf(word: string): number {
    const n = this.docs.size;
    const df = this.dfs.get(word) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}
