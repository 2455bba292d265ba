// The searchable knowledge base. Every question and phrasing is its own document (a short
// phrasing is not drowned by a long answer), answers are indexed too at a lower weight, and
// results are aggregated per entry. Two views of the text are searched with MiniSearch (BM25):
// stemmed content words (with fuzzy matching for typos) and character 4-grams (Bulgarian
// morphology, compounds, spelling variants). Each candidate then gets a calibrated confidence.
import MiniSearch from 'minisearch';
import type { KbEntry, Language } from './kb-entry.ts';
import { analyzeTerms, charNgrams } from './analyze.ts';
import { expandSynonyms } from './synonyms.ts';
import { TermStats, type DocKind } from './term-stats.ts';
import { confidenceOf, candidateFeatures } from './confidence.ts';

export interface RetrievalSettings {
  /** Weight of answer documents relative to questions and phrasings. */
  answerWeight: number;
  /** Weight of the character n-gram score relative to the word score (both normalised). */
  gramWeight: number;
  /** Share of an entry's second-best document score added to its best one. */
  secondDocShare: number;
  /** Fuzzy edit distance as a share of term length (0 turns fuzzy matching off). */
  fuzzy: number;
  synonyms: boolean;
  /** BM25 parameters passed to MiniSearch. */
  bm25: { k: number; b: number; d: number };
  /** How many of an entry's best documents count (best + share * the rest). */
  docsPerEntry: number;
}

export const DEFAULT_RETRIEVAL: RetrievalSettings = {
  answerWeight: 0.35,
  gramWeight: 0.5,
  secondDocShare: 0.3,
  fuzzy: 0.2,
  synonyms: true,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  docsPerEntry: 2,
};

export interface AnswerIndexOptions {
  retrieval?: Partial<RetrievalSettings>;
}

export interface AnswerCandidate {
  entry: KbEntry;
  /** Fused retrieval score, only comparable inside one search. */
  score: number;
  /** Estimated probability that this entry answers the query, in [0, 1]. */
  confidence: number;
  /** The question or phrasing (or answer) that matched best. */
  matchedText: string;
  matchedKind: DocKind;
  /** Inputs of the confidence model (see FEATURE_NAMES), kept for calibration and debugging. */
  features: number[];
}

export interface SearchOptions {
  /** Only entries in this language; all entries when omitted. */
  language?: Language;
  /** How many candidates to return (default 5). */
  limit?: number;
}

export interface AnswerIndex {
  readonly size: number;
  add(entry: KbEntry): void;
  /** Returns false when no entry has this id. */
  remove(id: string): boolean;
  /** Replaces the entry with the same id (adds it when missing). */
  update(entry: KbEntry): void;
  get(id: string): KbEntry | undefined;
  entries(): KbEntry[];
  search(query: string, options?: SearchOptions): AnswerCandidate[];
}

interface IndexedDoc {
  id: string;
  entryId: string;
  kind: DocKind;
  text: string;
  words: string;
  grams: string;
}

const CANDIDATE_DOCS = 60;

function docsOf(entry: KbEntry): IndexedDoc[] {
  const texts: Array<[DocKind, string]> = [
    ['question', entry.question],
    ...entry.phrasings.map((p): [DocKind, string] => ['phrasing', p]),
    ['answer', entry.answer],
  ];
  return texts.map(([kind, text], i) => ({
    id: `${entry.id}\u0000${i}`, entryId: entry.id, kind, text,
    words: analyzeTerms(text).join(' '), grams: charNgrams(text).join(' '),
  }));
}

export function createAnswerIndex(initial: readonly KbEntry[], options: AnswerIndexOptions = {}): AnswerIndex {
  const settings: RetrievalSettings = { ...DEFAULT_RETRIEVAL, ...options.retrieval };
  const entries = new Map<string, KbEntry>();
  const docs = new Map<string, IndexedDoc[]>();
  const stats = new TermStats();
  const mini = new MiniSearch<IndexedDoc>({
    fields: ['words', 'grams'],
    storeFields: ['entryId', 'kind'],
    tokenize: (text) => (text === '' ? [] : text.split(' ')),
    processTerm: (term) => term,
    autoVacuum: false,
  });

  function add(entry: KbEntry): void {
    if (entries.has(entry.id)) throw new Error(`An entry with id "${entry.id}" is already in the index.`);
    const entryDocs = docsOf(entry);
    entries.set(entry.id, entry);
    docs.set(entry.id, entryDocs);
    mini.addAll(entryDocs);
    for (const doc of entryDocs) stats.add(doc.id, doc.kind, doc.words.split(' '), doc.grams.split(' '));
  }

  function remove(id: string): boolean {
    const entryDocs = docs.get(id);
    if (!entryDocs) return false;
    for (const doc of entryDocs) {
      mini.remove(doc);
      stats.remove(doc.id);
    }
    docs.delete(id);
    entries.delete(id);
    return true;
  }

  function searchField(field: 'words' | 'grams', terms: string[], language: Language | undefined) {
    if (terms.length === 0) return [];
    const fuzzy = field === 'words' && settings.fuzzy > 0
      ? (term: string) => (term.length >= 5 ? settings.fuzzy : false)
      : false;
    return mini.search(terms.join(' '), {
      fields: [field],
      fuzzy,
      weights: { fuzzy: 0.5, prefix: 0.5 },
      bm25: settings.bm25,
      boostDocument: (_id, _term, stored) => (stored?.kind === 'answer' ? settings.answerWeight : 1),
      filter: language ? (r) => entries.get(r.entryId as string)?.language === language : undefined,
    }).slice(0, CANDIDATE_DOCS);
  }

  function search(query: string, searchOptions: SearchOptions = {}): AnswerCandidate[] {
    const limit = searchOptions.limit ?? 5;
    let words = [...new Set(analyzeTerms(query))];
    if (settings.synonyms) words = expandSynonyms(words);
    const grams = [...new Set(charNgrams(query))];
    const wordHits = searchField('words', words, searchOptions.language);
    const gramHits = searchField('grams', grams, searchOptions.language);
    const wordTop = wordHits[0]?.score ?? 1;
    const gramTop = gramHits[0]?.score ?? 1;
    const docScore = new Map<string, number>();
    for (const hit of wordHits) docScore.set(hit.id as string, hit.score / wordTop);
    for (const hit of gramHits) {
      const id = hit.id as string;
      docScore.set(id, (docScore.get(id) ?? 0) + settings.gramWeight * (hit.score / gramTop));
    }
    // Aggregate documents per entry: best document plus a share of the next best ones.
    const perEntry = new Map<string, Array<[string, number]>>();
    for (const [docId, score] of docScore) {
      const entryId = docId.slice(0, docId.indexOf('\u0000'));
      const list = perEntry.get(entryId);
      if (list) list.push([docId, score]);
      else perEntry.set(entryId, [[docId, score]]);
    }
    const ranked = [...perEntry.entries()]
      .map(([entryId, list]) => {
        list.sort((a, b) => b[1] - a[1]);
        let score = 0;
        for (let i = 0; i < Math.min(list.length, settings.docsPerEntry); i += 1) score += (i === 0 ? 1 : settings.secondDocShare) * (list[i]?.[1] ?? 0);
        return { entryId, bestDoc: list[0]?.[0] ?? '', score };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
    const queryGrams = new Set(grams);
    return ranked.map((r, i) => {
      const entry = entries.get(r.entryId) as KbEntry;
      const doc = (docs.get(r.entryId) ?? []).find((d) => d.id === r.bestDoc) as IndexedDoc;
      const other = i === 0 ? ranked[1]?.score ?? 0 : ranked[0]?.score ?? 0;
      const features = candidateFeatures({ stats, queryWords: words, queryGrams, entryDocIds: (docs.get(r.entryId) ?? []).map((d) => d.id), bestDocId: doc.id, score: r.score, otherScore: other, rank: i });
      return { entry, score: r.score, confidence: confidenceOf(features), matchedText: doc.text, matchedKind: doc.kind, features };
    });
  }

  for (const entry of initial) add(entry);
  return {
    get size() { return entries.size; },
    add,
    remove,
    update(entry) { remove(entry.id); add(entry); },
    get: (id) => entries.get(id),
    entries: () => [...entries.values()],
    search,
  };
}
