// Semantic search (optional, issue 17): the pure parts. The HTTP client lives in src/embeddings.
export { EmbeddingError, failureOf, type EmbeddingProvider, type EmbeddingFailure, type EmbedOptions } from './embedding-provider.ts';
export { contentHash, createMemoryVectorCache, type VectorCache } from './vector-cache.ts';
export { embedTexts, EMBED_BATCH_SIZE, type EmbeddedTexts, type EmbedTextsOptions } from './embed-texts.ts';
export { createEntryVectors, docTextsOf, type EntryVectors, type VectorDoc } from './entry-vectors.ts';
export { reciprocalRankFusion, RRF_K } from './rank-fusion.ts';
export { SEMANTIC_FEATURE_NAMES, SEMANTIC_FEATURE_SIGNS, WORD_ONLY_COEFFICIENTS } from './semantic-features.ts';
export { createSemanticSearch, type SemanticSearch, type SemanticSearchOptions, type SemanticConfidence } from './semantic-search.ts';
export { fitSemanticModel, MIN_ROWS, type SemanticFit } from './fit-semantic-model.ts';
export { buildSemanticSearch, type BuildSemanticDeps, type BuiltSemanticSearch } from './build-semantic-search.ts';
export { normalize, dot } from './vector-math.ts';
