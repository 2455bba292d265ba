// Semantic search for one knowledge base: every question, phrasing and answer embedded (cached
// texts are not sent again), the vectors indexed, and the confidence model refitted on the
// knowledge base's own self-queries. Throws an EmbeddingError when the server fails; the caller
// then keeps answering with word matching.
import type { AnswerIndex } from '../search/answer-index.ts';
import type { EmbeddingProvider } from './embedding-provider.ts';
import { embedTexts, type EmbedTextsOptions } from './embed-texts.ts';
import { createEntryVectors, docTextsOf } from './entry-vectors.ts';
import { fitSemanticModel, type SemanticFit } from './fit-semantic-model.ts';
import { createSemanticSearch, type SemanticSearch } from './semantic-search.ts';
import type { VectorCache } from './vector-cache.ts';

export interface BuildSemanticDeps {
  provider: EmbeddingProvider;
  cache: VectorCache;
  /** Per request of a batch. */
  timeoutMs: number;
  batchSize?: number;
  onProgress?: EmbedTextsOptions['onProgress'];
  pause?(): Promise<void>;
}

export interface BuiltSemanticSearch {
  search: SemanticSearch;
  fit: SemanticFit;
  /** Texts sent to the server in this build (0: all came from the cache). */
  requested: number;
}

/** `words` is the index the search ranks words with (the live one); it is read, never changed. */
export async function buildSemanticSearch(words: AnswerIndex, deps: BuildSemanticDeps): Promise<BuiltSemanticSearch> {
  const entries = words.entries();
  const texts = entries.flatMap((e) => docTextsOf(e).map((d) => d.text));
  const embedded = await embedTexts(deps.provider, deps.cache, texts, {
    timeoutMs: deps.timeoutMs,
    ...(deps.batchSize ? { batchSize: deps.batchSize } : {}),
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
  });
  const vectors = createEntryVectors(entries, embedded.vectors, embedded.dimension);
  const fit = await fitSemanticModel(entries, vectors, embedded.vectors, { model: deps.provider.model, ...(deps.pause ? { pause: deps.pause } : {}) });
  const search = createSemanticSearch({ words, vectors, model: deps.provider.model, confidence: fit });
  return { search, fit, requested: embedded.requested };
}
