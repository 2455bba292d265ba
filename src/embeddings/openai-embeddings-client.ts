// The EmbeddingProvider of any OpenAI-compatible embeddings API (OpenAI, Ollama, Text Embeddings
// Inference, vLLM, LM Studio): POST <url>/embeddings with {model, input: [...]} and read
// {data: [{embedding: [...], index}]} (https://platform.openai.com/docs/api-reference/embeddings/create).
// Node's fetch; every way the call can go wrong becomes an EmbeddingError with its reason, so the
// caller can fall back to word matching and count it.
import { z } from 'zod';
import { EmbeddingError, type EmbeddingProvider } from '../core/answers/embeddings/index.ts';

export interface OpenAiEmbeddingsOptions {
  /** Base URL as OpenAI clients take it, e.g. http://localhost:11434/v1 (no trailing slash needed). */
  url: string;
  model: string;
  /** Sent as "Authorization: Bearer <key>". */
  apiKey?: string;
  fetch?: typeof fetch;
}

const responseSchema = z.object({
  data: z.array(z.object({ embedding: z.array(z.number().finite()), index: z.number().int().min(0).optional() })),
});

const snippet = (text: string) => text.replace(/\s+/g, ' ').slice(0, 200);

export function createOpenAiEmbeddingsClient(options: OpenAiEmbeddingsOptions): EmbeddingProvider {
  const endpoint = `${options.url.replace(/\/+$/, '')}/embeddings`;
  const send = options.fetch ?? fetch;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;

  return {
    model: options.model,
    async embed(texts, { timeoutMs }) {
      if (texts.length === 0) return [];
      // One signal for the whole exchange: a server that sends headers and then stalls times out too.
      const signal = AbortSignal.timeout(timeoutMs);
      let body: string;
      let status: number;
      const request = { method: 'POST', headers, body: JSON.stringify({ model: options.model, input: texts }), signal };
      try {
        let response: Response;
        try {
          response = await send(endpoint, request);
        } catch (error) {
          // A kept-alive connection the server closed while idle fails at once (ECONNRESET): one
          // more try on a fresh connection, inside the same timeout.
          if (signal.aborted) throw error;
          response = await send(endpoint, request);
        }
        status = response.status;
        body = await response.text();
      } catch (error) {
        if (signal.aborted) throw new EmbeddingError('timeout', `no answer from ${endpoint} within ${timeoutMs} ms`, { cause: error });
        throw new EmbeddingError('network', `cannot reach ${endpoint}: ${(error as Error).message}`, { cause: error });
      }
      if (status < 200 || status >= 300) throw new EmbeddingError('http', `${endpoint} answered HTTP ${status}: ${snippet(body)}`);
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch (error) {
        throw new EmbeddingError('garbage', `${endpoint} did not answer JSON: ${snippet(body)}`, { cause: error });
      }
      const parsed = responseSchema.safeParse(json);
      if (!parsed.success) throw new EmbeddingError('garbage', `${endpoint} answered JSON without {data: [{embedding: [numbers]}]}: ${snippet(body)}`);
      const data = parsed.data.data;
      if (data.length === 0) throw new EmbeddingError('empty', `${endpoint} answered no vectors for ${texts.length} texts`);
      if (data.length !== texts.length) throw new EmbeddingError('count', `${endpoint} answered ${data.length} vectors for ${texts.length} texts`);
      // OpenAI numbers each vector with the position of its input; servers that omit it keep the order.
      const ordered = data.every((d) => d.index !== undefined) ? [...data].sort((a, b) => (a.index as number) - (b.index as number)) : data;
      if (ordered.some((d, i) => d.index !== undefined && d.index !== i)) throw new EmbeddingError('count', `${endpoint} answered vectors numbered other than 0..${texts.length - 1}`);
      const dimension = ordered[0]?.embedding.length ?? 0;
      if (dimension === 0 || ordered.some((d) => d.embedding.length !== dimension)) {
        throw new EmbeddingError('dimension', `${endpoint} answered vectors of different lengths (${[...new Set(ordered.map((d) => d.embedding.length))].join(', ')})`);
      }
      return ordered.map((d) => Float32Array.from(d.embedding));
    },
  };
}
