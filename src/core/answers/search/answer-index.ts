// The searchable knowledge base. Every question and phrasing is its own document (a short
// phrasing is not drowned by a long answer); answers are indexed in their own field at a lower
// weight. MiniSearch (BM25) searches stemmed words, with fuzzy matching for unknown words; the best entries are
// then re-ranked with character 4-gram overlap (Bulgarian morphology, compounds, spelling), and
// each candidate gets a calibrated confidence.
import MiniSearch from 'minisearch';
import type { KbEntry, Language } from '../knowledge-base/kb-entry.ts';
import { analyzeTerms, charNgrams } from '../text/analyze.ts';
import { createSynonymTable, NO_SYNONYMS, SYNONYM_WEIGHT, type SynonymGroup } from '../knowledge-base/synonyms.ts';
import { TermStats, type DocKind } from './term-stats.ts';
import { confidenceOf, candidateFeatures } from '../decide/confidence.ts';
import { aggregateByEntry, gramSimilarity } from './rank-entries.ts';

export interface RetrievalSettings {
  /** Field weight of answers relative to questions and phrasings. */
  answerWeight: number;
  /** Weight of character 4-gram similarity in re-ranking, relative to the normalised BM25 score. */
  gramWeight: number;
  /** Share of an entry's second-best document score added to its best one. */
  secondDocShare: number;
  /** How many of the best entries by BM25 are re-ranked with character 4-gram similarity. */
  rerank: number;
  /** Fuzzy matching (edit distance 1) for query words the index does not contain. */
  fuzzy: boolean;
  /** Apply the community's synonym groups (AnswerIndexOptions.synonyms) to queries. */
  synonyms: boolean;
  /** BM25 parameters passed to MiniSearch. */
  bm25: { k: number; b: number; d: number };
  /** At most this many content words of an answer are indexed (answers can be long). */
  answerTerms: number;
  /** Query words found in more than max(pruneMinDf, pruneShare x documents) documents are dropped (see prune). */
  pruneMinDf: number;
  pruneShare: number;
  /** At most this many query words (the rarest) are searched; long questions cost no more than short ones. */
  maxQueryWords: number;
}

export const DEFAULT_RETRIEVAL: RetrievalSettings = {
  answerWeight: 1.5,
  gramWeight: 1.5,
  secondDocShare: 0.3,
  rerank: 30,
  fuzzy: true,
  synonyms: true,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  answerTerms: 60,
  pruneMinDf: 1000,
  pruneShare: 0.04,
  maxQueryWords: 32,
};

export interface AnswerIndexOptions {
  retrieval?: Partial<RetrievalSettings>;
  /** The community's synonym groups (/faq synonyms); none by default. */
  synonyms?: readonly SynonymGroup[];
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

export interface IndexedDoc {
  id: string;
  entryId: string;
  kind: DocKind;
  text: string;
  ask: string;
  answer: string;
}

const MAX_QUERY_CHARS = 1000;
const MAX_HITS = 400;

function docsOf(entry: KbEntry, settings: RetrievalSettings): IndexedDoc[] {
  const asks: Array<[DocKind, string]> = [['question', entry.question], ...entry.phrasings.map((p): [DocKind, string] => ['phrasing', p])];
  const docs: IndexedDoc[] = asks.map(([kind, text], i) => ({
    id: `${entry.id}\u0000${i}`, entryId: entry.id, kind, text,
    ask: analyzeTerms(text).join(' '), answer: '',
  }));
  const answerTerms = analyzeTerms(entry.answer).slice(0, settings.answerTerms);
  docs.push({ id: `${entry.id}\u0000a`, entryId: entry.id, kind: 'answer', text: entry.answer, ask: '', answer: answerTerms.join(' ') });
  return docs;
}

export function createAnswerIndex(initial: readonly KbEntry[], options: AnswerIndexOptions = {}): AnswerIndex {
  const settings: RetrievalSettings = { ...DEFAULT_RETRIEVAL, ...options.retrieval };
  const synonyms = settings.synonyms && options.synonyms && options.synonyms.length > 0 ? createSynonymTable(options.synonyms) : NO_SYNONYMS;
  const entries = new Map<string, KbEntry>();
  const docs = new Map<string, IndexedDoc[]>();
  const stats = new TermStats();
  const mini = new MiniSearch<IndexedDoc>({
    fields: ['ask', 'answer'],
    storeFields: [],
    tokenize: (text) => (text === '' ? [] : text.split(' ')),
    processTerm: (term) => term,
    autoVacuum: false,
  });

  function add(entry: KbEntry): void {
    if (entries.has(entry.id)) throw new Error(`An entry with id "${entry.id}" is already in the index.`);
    const entryDocs = docsOf(entry, settings);
    entries.set(entry.id, entry);
    docs.set(entry.id, entryDocs);
    mini.addAll(entryDocs);
    for (const doc of entryDocs) {
      const words = (doc.kind === 'answer' ? doc.answer : doc.ask).split(' ');
      stats.add(doc.id, doc.kind, words, doc.kind === 'answer' ? [] : charNgrams(doc.text));
    }
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

  // In a large knowledge base a word found in thousands of documents is close to a stop word: it
  // barely moves BM25 (low idf) but costs a walk over its whole posting list. Such words are left
  // out of the query when the query has other words. Small knowledge bases are never affected.
  function prune(terms: string[]): string[] {
    const limit = Math.max(settings.pruneMinDf, settings.pruneShare * stats.documentCount);
    const kept = terms.filter((t) => stats.df(t) <= limit);
    return kept.length >= 2 ? kept : terms;
  }

  function rarest(words: string[]): string[] {
    if (words.length <= settings.maxQueryWords) return words;
    // Rarest known words first; words the index has never seen come last (only fuzzy can match them).
    const rank = (w: string) => stats.df(w) || Number.MAX_SAFE_INTEGER;
    const keep = new Set([...words].sort((a, b) => rank(a) - rank(b)).slice(0, settings.maxQueryWords));
    return words.filter((w) => keep.has(w));
  }

  function search(fullQuery: string, searchOptions: SearchOptions = {}): AnswerCandidate[] {
    const query = fullQuery.slice(0, MAX_QUERY_CHARS); // a question, not a pasted log
    const limit = searchOptions.limit ?? 5;
    const words = rarest([...new Set(analyzeTerms(query))]);
    const expanded = synonyms.expand(words);
    const terms = prune(expanded.terms);
    if (terms.length === 0) return [];
    const language = searchOptions.language;
    const hits = mini.search(terms.join(' '), {
      boost: { ask: 1, answer: settings.answerWeight },
      fuzzy: settings.fuzzy ? (term) => (term.length >= 5 && !stats.hasWord(term) ? 1 : false) : false,
      weights: { fuzzy: 0.5, prefix: 0.5 },
      boostTerm: (term) => (expanded.added.has(term) ? SYNONYM_WEIGHT : 1),
      bm25: settings.bm25,
      filter: language ? (r) => entries.get(r.id.slice(0, r.id.indexOf('\u0000')))?.language === language : undefined,
    });
    const queryGrams = new Set(charNgrams(query));
    const byBm25 = aggregateByEntry(hits.slice(0, MAX_HITS), settings.secondDocShare).slice(0, settings.rerank);
    const top = byBm25[0]?.score ?? 1;
    const bm25Second = (byBm25[1]?.score ?? 0) / top;
    const ranked = byBm25.map((r, bm25Rank) => {
      const askDocs = (docs.get(r.entryId) ?? []).filter((d) => d.kind !== 'answer').map((d) => d.id);
      const gram = gramSimilarity(stats, queryGrams, askDocs);
      const bm25 = r.score / top;
      return { ...r, bm25, bm25Rank, gram, score: bm25 + settings.gramWeight * gram };
    });
    ranked.sort((a, b) => b.score - a.score);
    const shown = ranked.slice(0, limit);
    return shown.map((r, i) => {
      const entry = entries.get(r.entryId) as KbEntry;
      const entryDocs = docs.get(r.entryId) ?? [];
      const doc = entryDocs.find((d) => d.id === r.bestDoc) ?? (entryDocs[0] as IndexedDoc);
      const other = i === 0 ? ranked[1]?.score ?? 0 : ranked[0]?.score ?? 0;
      const features = candidateFeatures({
        stats, queryWords: words, synonyms: expanded.added, alternativesOf: synonyms.alternativesOf, entryDocIds: entryDocs.map((d) => d.id), bestDocId: doc.id,
        score: r.score, otherScore: other, rank: i, bm25: r.bm25, bm25Other: r.bm25Rank === 0 ? bm25Second : 1, gram: r.gram,
        rivalDocIds: (docs.get((i === 0 ? ranked[1] : ranked[0])?.entryId ?? '') ?? []).map((d) => d.id),
      });
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
