// Proves the OpenAI-compatible HTTP client posts what the API expects and turns every way a server can fail into an EmbeddingError with its reason.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddingError } from '../../../src/core/answers/embeddings/index.ts';
import { createOpenAiEmbeddingsClient } from '../../../src/embeddings/openai-embeddings-client.ts';
import { startFakeEmbeddingsServer, type FakeEmbeddingsServer, type FakeMode } from '../../fakes/embeddings/fake-embeddings-server.ts';
import { hashedBagOfWords } from '../../fakes/embeddings/hashed-bag-of-words.ts';

let server: FakeEmbeddingsServer;
beforeAll(async () => {
  server = await startFakeEmbeddingsServer({ dimension: 16 });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.mode = 'ok';
  server.requests.length = 0;
});

async function reasonOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(EmbeddingError);
  return (error as EmbeddingError).reason;
}

describe('createOpenAiEmbeddingsClient', () => {
  it('GIVEN a base URL with a trailing slash, a model and a key WHEN texts are embedded THEN it POSTs {model, input} to <url>/embeddings with a Bearer header and returns the vectors in input order', async () => {
    const client = createOpenAiEmbeddingsClient({ url: `${server.url}/`, model: 'bge-m3', apiKey: 'sk-test' });
    const vectors = await client.embed(['reset my password', 'delivery to Sofia'], { timeoutMs: 5000 });
    expect(server.requests).toEqual([{ method: 'POST', path: '/v1/embeddings', authorization: 'Bearer sk-test', model: 'bge-m3', input: ['reset my password', 'delivery to Sofia'] }]);
    // The fake lists vectors in reverse; `index` puts them back.
    expect(vectors[0]).toEqual(Float32Array.from(hashedBagOfWords('reset my password', 16)));
    expect(vectors[1]).toEqual(Float32Array.from(hashedBagOfWords('delivery to Sofia', 16)));
    expect(client.model).toBe('bge-m3');
  });

  it('GIVEN no key THEN no Authorization header is sent', async () => {
    await createOpenAiEmbeddingsClient({ url: server.url, model: 'm' }).embed(['x'], { timeoutMs: 5000 });
    expect(server.requests[0]?.authorization).toBeUndefined();
  });

  const cases: Array<[FakeMode, string]> = [
    ['http-error', 'http'],
    ['garbage', 'garbage'],
    ['not-embeddings', 'garbage'],
    ['empty', 'empty'],
    ['too-few', 'count'],
    ['too-many', 'count'],
    ['mixed-dimension', 'dimension'],
    ['hang', 'timeout'],
  ];
  for (const [mode, reason] of cases) {
    it(`GIVEN a server in mode "${mode}" WHEN texts are embedded THEN it fails with reason "${reason}"`, async () => {
      server.mode = mode;
      const client = createOpenAiEmbeddingsClient({ url: server.url, model: 'm' });
      expect(await reasonOf(client.embed(['one', 'two'], { timeoutMs: mode === 'hang' ? 300 : 5000 }))).toBe(reason);
    });
  }

  it('GIVEN nothing listening THEN it fails with reason "network"', async () => {
    const gone = await startFakeEmbeddingsServer();
    const url = gone.url;
    await gone.close();
    expect(await reasonOf(createOpenAiEmbeddingsClient({ url, model: 'm' }).embed(['x'], { timeoutMs: 5000 }))).toBe('network');
  });
});
