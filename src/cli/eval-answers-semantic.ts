// `rapport eval answers` with EMBEDDINGS_URL set: the knowledge base is embedded and its confidence
// model refitted as the bot does it, then every query is embedded up front (in batches, vectors
// kept in memory only). Any failure means word matching for the whole run, reported as such.
import type { EmbeddingsConfig } from '../config.ts';
import type { AnswerIndex } from '../core/answers/search/answer-index.ts';
import { buildSemanticSearch, createMemoryVectorCache, EmbeddingError, embedTexts } from '../core/answers/embeddings/index.ts';
import { createEmbedProgress } from '../embeddings/embed-progress.ts';
import { createOpenAiEmbeddingsClient } from '../embeddings/openai-embeddings-client.ts';

export type SemanticEval = { ok: true; index: AnswerIndex } | { ok: false; why: string };

export async function semanticEvalIndex(words: AnswerIndex, queries: readonly string[], config: EmbeddingsConfig, stderr: NodeJS.WritableStream): Promise<SemanticEval> {
  const provider = createOpenAiEmbeddingsClient(config);
  const cache = createMemoryVectorCache();
  // Batches may wait longer than one question does: a local server may first load the model.
  const timeoutMs = Math.max(30_000, 10 * config.timeoutMs);
  const progress = (label: string) => {
    let bar: ReturnType<typeof createEmbedProgress>;
    return {
      onProgress: (done: number, total: number) => {
        bar ??= createEmbedProgress(stderr, label, total);
        bar?.update(done);
      },
      stop: () => bar?.stop(),
    };
  };
  const kbBar = progress('Knowledge base');
  const queryBar = progress('Queries');
  try {
    const built = await buildSemanticSearch(words, { provider, cache, timeoutMs, onProgress: kbBar.onProgress });
    kbBar.stop();
    // OpenAI rejects a request with an empty input; an empty query finds nothing by words either.
    const embedded = await embedTexts(provider, cache, queries.filter((q) => q.trim() !== ''), { timeoutMs, onProgress: queryBar.onProgress });
    queryBar.stop();
    if (embedded.vectors.size > 0 && embedded.dimension !== built.search.dimension) {
      throw new EmbeddingError('dimension', `query vectors have ${embedded.dimension} numbers, the knowledge base's ${built.search.dimension}`);
    }
    return { ok: true, index: built.search.asIndex((query) => embedded.vectors.get(query)) };
  } catch (error) {
    kbBar.stop();
    queryBar.stop();
    if (error instanceof EmbeddingError) return { ok: false, why: `${error.reason}: ${error.message}` };
    throw error;
  }
}
