// Calibrated confidence: a few features of the top candidate fused by a logistic model into the
// probability that the candidate answers the query. The coefficients come from
// confidence-model.ts, fitted by src/core/answers/decide/calibrate.ts (see docs/answers.md).
import { prefixOf, type TermStats } from '../search/term-stats.ts';
import { CONFIDENCE_MODEL } from './confidence-model.ts';

export const FEATURE_NAMES = ['bias', 'coverage', 'entryCoverage', 'docCoverage', 'gram', 'margin', 'bm25Margin', 'unknownWords', 'answerOnly', 'queryLength', 'rivalOverlap'] as const;
/** Direction each feature may move confidence: 1 evidence for the answer, -1 doubt, 0 either.
 * The fit keeps these signs (see fitLogistic), so more evidence never lowers confidence. */
export const FEATURE_SIGNS: readonly number[] = [0, 1, 1, 1, 1, 1, 1, -1, 0, 0, -1];
export type Features = number[];

export interface FeatureInput {
  stats: TermStats;
  /** The query's own stems (synonyms added by expansion are not counted). */
  queryWords: string[];
  synonyms: ReadonlySet<string>;
  /** The community's synonyms of a stem (see SynonymTable.alternativesOf). */
  alternativesOf(stem: string): ReadonlyArray<readonly string[]>;
  entryDocIds: string[];
  bestDocId: string;
  /** Fused score of this candidate and of the best other candidate. */
  score: number;
  otherScore: number;
  rank: number;
  /** BM25 score normalised by the best BM25 score, and the best other one (1 when another entry led). */
  bm25: number;
  bm25Other: number;
  /** Character n-gram Dice similarity with the entry's closest question or phrasing. */
  gram: number;
  /** Doc ids of the strongest rival entry (the runner-up for the top candidate). */
  rivalDocIds: string[];
}

interface DocView {
  words: ReadonlySet<string>;
  prefixes: ReadonlySet<string>;
}

function share(terms: Iterable<string>, has: (t: string) => boolean, weight: (t: string) => number): number {
  let total = 0;
  let hit = 0;
  for (const t of terms) {
    const w = weight(t);
    total += w;
    if (has(t)) hit += w;
  }
  return total > 0 ? hit / total : 0;
}

/** The model inputs, in the order of FEATURE_NAMES. All lie roughly in [0, 1]. */
export function candidateFeatures(input: FeatureInput): Features {
  const { stats } = input;
  const idf = (t: string) => stats.idf(t);
  const best = stats.doc(input.bestDocId);
  const bestWords = best?.words ?? new Set<string>();
  const askDocs = input.entryDocIds.map((id) => stats.doc(id)).filter((d) => d && d.kind !== 'answer');
  const query = new Set(input.queryWords.filter((w) => !input.synonyms.has(w)));
  // Soft matching: the word itself, a synonym, or (long words) the same first five letters.
  const matches = (doc: DocView | undefined, t: string) => !!doc && (doc.words.has(t)
    || (t.length >= 5 && doc.prefixes.has(prefixOf(t))) || input.alternativesOf(t).some((alt) => alt.every((s) => doc.words.has(s))));
  const coverage = share(query, (t) => matches(best, t), idf);
  const entryCoverage = share(query, (t) => askDocs.some((d) => matches(d, t)), idf);
  const queryView: DocView = { words: query, prefixes: new Set([...query].filter((t) => t.length >= 5).map(prefixOf)) };
  const docCoverage = best?.kind === 'answer' ? 0 : share(bestWords, (t) => matches(queryView, t), idf);
  const margin = input.rank === 0
    ? (input.score - input.otherScore) / Math.max(input.score, 1e-9)
    : (input.score - input.otherScore) / Math.max(input.otherScore, 1e-9);
  const bm25Margin = input.bm25 - input.bm25Other;
  const unknownWords = share(query, (t) => !stats.knowsWord(t), () => 1);
  const answerOnly = best?.kind === 'answer' ? 1 : 0;
  const queryLength = Math.min(1, Math.log(1 + query.size) / Math.log(16));
  // How much of what the query shares with this entry it also shares with the rival: when two
  // entries match the query through the same words, picking one is a coin toss.
  const rivalAsk = input.rivalDocIds.map((id) => stats.doc(id)).filter((d) => d && d.kind !== 'answer');
  const shared = [...query].filter((t) => askDocs.some((d) => matches(d, t)));
  const rivalOverlap = shared.length > 0 ? share(shared, (t) => rivalAsk.some((d) => matches(d, t)), idf) : 0;
  return [1, coverage, entryCoverage, docCoverage, input.gram, margin, bm25Margin, unknownWords, answerOnly, queryLength, rivalOverlap];
}

export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function confidenceOf(features: Features, coefficients: readonly number[] = CONFIDENCE_MODEL.coefficients): number {
  let z = 0;
  for (let i = 0; i < features.length; i += 1) z += (coefficients[i] ?? 0) * (features[i] ?? 0);
  return logistic(z);
}
