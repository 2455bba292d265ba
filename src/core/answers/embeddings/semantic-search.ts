// Search with words and vectors. The word index ranks entries as always (BM25, n-grams); the
// question's vector ranks them by their closest question, phrasing or answer; the two rankings are
// fused by reciprocal rank (rank-fusion.ts), and the fused top candidates get a confidence from
// the knowledge base's own model over word and vector features (semantic-features.ts).
import { analyzeTerms } from '../text/analyze.ts';
import type { AnswerCandidate, AnswerIndex, SearchOptions } from '../search/answer-index.ts';
import { confidenceOf } from '../decide/confidence.ts';
import type { EntryVectors, VectorDoc } from './entry-vectors.ts';
import { reciprocalRankFusion } from './rank-fusion.ts';
import { absentWordFeatures } from './semantic-features.ts';

/** How deep each ranking goes into the fusion (the word index re-ranks its best 30 too). */
const DEPTH = 30;

export interface SemanticSearchOptions extends SearchOptions {
  /** Documents left out of the vector ranking (self-queries leave the asked phrasing out). */
  skip?(doc: VectorDoc): boolean;
}

export interface SemanticConfidence {
  coefficients: readonly number[];
  /** True when refitted on this knowledge base's self-queries; false: word model, vectors at 0. */
  fitted: boolean;
}

export interface SemanticSearch {
  /** The embeddings model of every vector here. */
  readonly model: string;
  readonly dimension: number;
  readonly confidence: SemanticConfidence;
  search(query: string, vector: Float32Array, options?: SemanticSearchOptions): AnswerCandidate[];
  /** The word index whose search also uses `vectorOf(query)` when it has one (decideAnswer, runQueries). */
  asIndex(vectorOf: (query: string) => Float32Array | undefined): AnswerIndex;
}

export interface SemanticSearchDeps {
  words: AnswerIndex;
  vectors: EntryVectors;
  model: string;
  confidence: SemanticConfidence;
}

const queryLengthOf = (query: string) => Math.min(1, Math.log(1 + new Set(analyzeTerms(query)).size) / Math.log(16));

export function createSemanticSearch(deps: SemanticSearchDeps): SemanticSearch {
  const { words, vectors, confidence } = deps;

  function search(query: string, vector: Float32Array, options: SemanticSearchOptions = {}): AnswerCandidate[] {
    const limit = options.limit ?? 5;
    const language = options.language;
    const wordHits = words.search(query, { ...(language ? { language } : {}), limit: DEPTH });
    const matches = vectors.match(vector, {
      accept: (id) => {
        const entry = words.get(id);
        return entry !== undefined && (!language || entry.language === language);
      },
      ...(options.skip ? { skip: options.skip } : {}),
    });
    const byVector = [...matches.entries()].sort((a, b) => b[1].similarity - a[1].similarity).slice(0, DEPTH);
    const fused = reciprocalRankFusion([wordHits.map((c) => c.entry.id), byVector.map(([id]) => id)]);
    const similarity = (id: string) => matches.get(id)?.similarity ?? -1;
    // Equal fused scores (rank 1 in one list and 3 in the other, and the reverse) go to the closer vector.
    const order = [...fused.entries()].sort((a, b) => b[1] - a[1] || similarity(b[0]) - similarity(a[0])).slice(0, limit);
    const byWord = new Map(wordHits.map((c) => [c.entry.id, c]));
    const vectorTop = byVector[0];
    const queryLength = queryLengthOf(query);
    return order.flatMap(([id, score]) => {
      const entry = words.get(id);
      if (!entry) return [];
      const word = byWord.get(id);
      const match = matches.get(id);
      const own = match?.similarity ?? 0;
      const rival = vectorTop && vectorTop[0] !== id ? vectorTop[1].similarity : byVector[1]?.[1].similarity ?? 0;
      const features = [...(word ? word.features : absentWordFeatures(wordHits[0]?.features, queryLength)), own, own - rival, wordHits[0]?.entry.id === id ? 1 : 0];
      return [{
        entry,
        score,
        confidence: confidenceOf(features, confidence.coefficients),
        matchedText: word?.matchedText ?? match?.doc.text ?? entry.question,
        matchedKind: word?.matchedKind ?? match?.doc.kind ?? 'question',
        features,
      }];
    });
  }

  return {
    model: deps.model,
    dimension: vectors.dimension,
    confidence,
    search,
    asIndex(vectorOf) {
      return Object.assign(Object.create(words) as AnswerIndex, {
        search(query: string, options?: SearchOptions) {
          const vector = vectorOf(query);
          return vector ? search(query, vector, options) : words.search(query, options);
        },
      });
    },
  };
}
