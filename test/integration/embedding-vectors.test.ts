// Proves the database cache of semantic search on real PostgreSQL: vectors round-trip, a second build sends no unchanged text, a model change embeds everything again under its own key, and a build that fails part-way writes no row.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnswerIndex } from '../../src/core/answers/search/answer-index.ts';
import { buildSemanticSearch, contentHash, EmbeddingError, normalize } from '../../src/core/answers/embeddings/index.ts';
import { createEmbeddingVectorRepository } from '../../src/db/embedding-vector-repository.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { createOpenAiEmbeddingsClient } from '../../src/embeddings/openai-embeddings-client.ts';
import { startFakeEmbeddingsServer, type FakeEmbeddingsServer } from '../fakes/embeddings/fake-embeddings-server.ts';
import { ENTRIES } from '../unit/answers/answering-fixture.ts';
import { POSTGRES_URL, dropSchema, uniqueName } from '../support/services.ts';

const schema = uniqueName('vectors');
let db: Database;
let server: FakeEmbeddingsServer;
beforeAll(async () => {
  db = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true });
  server = await startFakeEmbeddingsServer({ dimension: 24 });
});
afterAll(async () => {
  await server.close();
  await db.close();
  await dropSchema(schema);
});
beforeEach(async () => {
  server.mode = 'ok';
  server.requests.length = 0;
  await db.prisma.embeddingVector.deleteMany({});
});

const provider = (model: string) => createOpenAiEmbeddingsClient({ url: server.url, model });
const texts = new Set(ENTRIES.flatMap((e) => [e.question, ...e.phrasings, e.answer]));
const build = (model: string, batchSize = 64) => buildSemanticSearch(createAnswerIndex(ENTRIES), { provider: provider(model), cache: createEmbeddingVectorRepository(db.prisma), timeoutMs: 5000, batchSize });

describe('EmbeddingVector cache', () => {
  it('GIVEN stored vectors THEN they come back as the same float32 numbers, only for their model', async () => {
    const repo = createEmbeddingVectorRepository(db.prisma);
    const vector = normalize([0.1, -0.2, 0.3, 0.4]);
    await repo.put('m1', [{ hash: contentHash('hello'), vector }]);
    await repo.put('m1', [{ hash: contentHash('hello'), vector: normalize([1, 0, 0, 0]) }]); // an existing key is kept
    expect((await repo.get('m1', [contentHash('hello'), contentHash('other')])).get(contentHash('hello'))).toEqual(vector);
    expect((await repo.get('m2', [contentHash('hello')])).size).toBe(0);
  });

  it('GIVEN a built knowledge base WHEN it is built again THEN no text is sent; WHEN the model changes THEN every text is sent again and stored under the new model', async () => {
    const first = await build('model-a');
    expect(first.requested).toBe(texts.size);
    expect(await db.prisma.embeddingVector.count({ where: { model: 'model-a' } })).toBe(texts.size);
    server.requests.length = 0;
    const second = await build('model-a');
    expect(second.requested).toBe(0);
    expect(server.requests).toEqual([]);
    const other = await build('model-b');
    expect(other.requested).toBe(texts.size);
    expect(server.requests.every((r) => r.model === 'model-b')).toBe(true);
    expect(await db.prisma.embeddingVector.count()).toBe(2 * texts.size);
  });

  it('GIVEN a server that fails on the second batch THEN the build fails and no row is written', async () => {
    let calls = 0;
    const real = provider('model-c');
    const failing = { model: real.model, embed: async (batch: readonly string[], o: { timeoutMs: number }) => { calls += 1; if (calls === 2) server.mode = 'garbage'; return real.embed(batch, o); } };
    const error = await buildSemanticSearch(createAnswerIndex(ENTRIES), { provider: failing, cache: createEmbeddingVectorRepository(db.prisma), timeoutMs: 5000, batchSize: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddingError);
    expect(calls).toBe(2);
    expect(await db.prisma.embeddingVector.count()).toBe(0);
  });
});
