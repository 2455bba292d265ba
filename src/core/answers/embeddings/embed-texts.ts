// Vectors for many texts: what the cache holds for this model is read, the rest is sent to the
// provider in batches, and the new vectors are written to the cache only once every batch has
// come back whole and of one dimension, so a failure part-way leaves nothing half-written.
import { EmbeddingError, type EmbeddingProvider } from './embedding-provider.ts';
import { contentHash, type VectorCache } from './vector-cache.ts';
import { normalize } from './vector-math.ts';

/** Inputs per request: OpenAI takes up to 2,048, local servers are happier with fewer. */
export const EMBED_BATCH_SIZE = 64;

export interface EmbedTextsOptions {
  timeoutMs: number;
  batchSize?: number;
  /** Called with the texts embedded so far and how many needed the server (not the cached ones). */
  onProgress?(done: number, total: number): void;
}

export interface EmbeddedTexts {
  /** Unit-length vector of every text given. */
  vectors: Map<string, Float32Array>;
  dimension: number;
  /** Texts that were sent to the provider (0 when the cache held them all). */
  requested: number;
}

export async function embedTexts(provider: EmbeddingProvider, cache: VectorCache, texts: readonly string[], options: EmbedTextsOptions): Promise<EmbeddedTexts> {
  const unique = [...new Set(texts)];
  const hashes = new Map(unique.map((t) => [t, contentHash(t)]));
  const cached = await cache.get(provider.model, [...hashes.values()]);
  const vectors = new Map<string, Float32Array>();
  let dimension = 0;
  const accept = (text: string, vector: Float32Array, source: string) => {
    if (vector.length === 0) throw new EmbeddingError('dimension', `${source} gave an empty vector`);
    if (dimension === 0) dimension = vector.length;
    if (vector.length !== dimension) throw new EmbeddingError('dimension', `${source} gave a vector of ${vector.length} numbers where the others have ${dimension} (did the model behind "${provider.model}" change?)`);
    vectors.set(text, vector);
  };
  const missing: string[] = [];
  for (const text of unique) {
    const vector = cached.get(hashes.get(text) as string);
    if (vector) accept(text, vector, 'the cache');
    else missing.push(text);
  }
  const size = options.batchSize ?? EMBED_BATCH_SIZE;
  const fresh: Array<{ hash: string; vector: Float32Array }> = [];
  for (let start = 0; start < missing.length; start += size) {
    const batch = missing.slice(start, start + size);
    const got = await provider.embed(batch, { timeoutMs: options.timeoutMs });
    if (got.length !== batch.length) throw new EmbeddingError('count', `asked for ${batch.length} vectors, got ${got.length}`);
    batch.forEach((text, i) => {
      const vector = normalize(got[i] as Float32Array);
      accept(text, vector, 'the embeddings server');
      fresh.push({ hash: hashes.get(text) as string, vector });
    });
    options.onProgress?.(start + batch.length, missing.length);
  }
  if (fresh.length > 0) await cache.put(provider.model, fresh);
  return { vectors, dimension, requested: missing.length };
}
