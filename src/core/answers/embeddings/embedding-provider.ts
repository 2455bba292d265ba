// The port semantic search needs: texts in, one vector per text out, in order. The HTTP client for
// OpenAI-compatible servers (src/embeddings/openai-embeddings-client.ts) implements it; tests and
// the evaluation command pass the same client pointed at a local server.
import { RapportError } from '../../errors.ts';

export interface EmbedOptions {
  /** Give up after this long (the caller then answers with word matching). */
  timeoutMs: number;
}

export interface EmbeddingProvider {
  /** The model every vector comes from: part of every cache key, so models are never mixed. */
  readonly model: string;
  /** One vector per text, in the order given, all of one dimension; otherwise an EmbeddingError. */
  embed(texts: readonly string[], options: EmbedOptions): Promise<Float32Array[]>;
}

/** Why vectors could not be had: each one means "answer with word matching" to the caller. */
export type EmbeddingFailure = 'timeout' | 'network' | 'http' | 'garbage' | 'empty' | 'count' | 'dimension';

export class EmbeddingError extends RapportError {
  readonly reason: EmbeddingFailure;
  constructor(reason: EmbeddingFailure, message: string, options?: { cause?: unknown }) {
    super(`embeddings.${reason}`, message, options);
    this.name = 'EmbeddingError';
    this.reason = reason;
  }
}

/** The failure behind an error of an embed call or a build; 'other' for anything but the server
 * (the vector cache's database, a provider that throws something else). */
export function failureOf(error: unknown): EmbeddingFailure | 'other' {
  return error instanceof EmbeddingError ? error.reason : 'other';
}
