// Per-document term sets and document frequencies kept beside the MiniSearch index, so that the
// confidence features (idf-weighted coverage) can be computed for the few top candidates.
export type DocKind = 'question' | 'phrasing' | 'answer';

interface DocTerms {
  kind: DocKind;
  words: ReadonlySet<string>;
  grams: ReadonlySet<string>;
}

export class TermStats {
  private readonly docs = new Map<string, DocTerms>();
  private readonly df = new Map<string, number>();

  get documentCount(): number {
    return this.docs.size;
  }

  add(docId: string, kind: DocKind, words: string[], grams: string[]): void {
    const entry: DocTerms = { kind, words: new Set(words.filter(Boolean)), grams: new Set(grams.filter(Boolean)) };
    this.docs.set(docId, entry);
    for (const w of entry.words) this.df.set(w, (this.df.get(w) ?? 0) + 1);
  }

  remove(docId: string): void {
    const entry = this.docs.get(docId);
    if (!entry) return;
    for (const w of entry.words) {
      const n = (this.df.get(w) ?? 1) - 1;
      if (n <= 0) this.df.delete(w);
      else this.df.set(w, n);
    }
    this.docs.delete(docId);
  }

  doc(docId: string): DocTerms | undefined {
    return this.docs.get(docId);
  }

  /** BM25-style inverse document frequency; a term no document has gets the highest value. */
  idf(word: string): number {
    const n = this.docs.size;
    const df = this.df.get(word) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}
