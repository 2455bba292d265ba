// Where vectors are kept between builds: keyed by the model and a hash of the text, so an unchanged
// text is never sent twice and a vector of one model is never read for another. src/db implements
// it on the database; the in-memory one serves tests and `rapport eval answers`.
import { createHash } from 'node:crypto';

export interface VectorCache {
  /** The cached vectors of these hashes for this model (missing hashes are absent from the map). */
  get(model: string, hashes: readonly string[]): Promise<Map<string, Float32Array>>;
  /** Stores complete vectors, all or nothing (an existing key is left as it is). */
  put(model: string, rows: ReadonlyArray<{ hash: string; vector: Float32Array }>): Promise<void>;
}

/** The cache key of a text: SHA-256 of its UTF-8 bytes, hex. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function createMemoryVectorCache(): VectorCache & { size(): number } {
  const rows = new Map<string, Float32Array>();
  const key = (model: string, hash: string) => `${model}\u0000${hash}`;
  return {
    async get(model, hashes) {
      const found = new Map<string, Float32Array>();
      for (const hash of hashes) {
        const vector = rows.get(key(model, hash));
        if (vector) found.set(hash, vector);
      }
      return found;
    },
    async put(model, list) {
      for (const { hash, vector } of list) if (!rows.has(key(model, hash))) rows.set(key(model, hash), vector);
    },
    size: () => rows.size,
  };
}
