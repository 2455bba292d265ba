// Proves semantic search through the real HTTP client and a fake server: batching, the vector cache (unchanged texts are not sent again, a model change re-embeds, a failure writes nothing), rank fusion, and the per-knowledge-base refit of the confidence model with vector features.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnswerIndex } from '../../../src/core/answers/search/answer-index.ts';
import { confidenceOf } from '../../../src/core/answers/decide/confidence.ts';
import { parseKbJson } from '../../../src/core/answers/knowledge-base/kb-parse-json.ts';
import type { KbEntry } from '../../../src/core/answers/knowledge-base/kb-entry.ts';
import {
  EmbeddingError, SEMANTIC_FEATURE_NAMES, WORD_ONLY_COEFFICIENTS, buildSemanticSearch, createEntryVectors, createMemoryVectorCache, createSemanticSearch, embedTexts, normalize, reciprocalRankFusion,
} from '../../../src/core/answers/embeddings/index.ts';
import { createOpenAiEmbeddingsClient } from '../../../src/embeddings/openai-embeddings-client.ts';
import { startFakeEmbeddingsServer, type FakeEmbeddingsServer } from '../../fakes/embeddings/fake-embeddings-server.ts';

let server: FakeEmbeddingsServer;
beforeAll(async () => {
  server = await startFakeEmbeddingsServer({ dimension: 64 });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.mode = 'ok';
  server.requests.length = 0;
});

const client = (model = 'fake-model') => createOpenAiEmbeddingsClient({ url: server.url, model });
const texts = (n: number, tag = 'text') => Array.from({ length: n }, (_, i) => `${tag} number ${i}`);
const banking = parseKbJson(readFileSync(new URL('../../../eval/datasets/faq/banking77.kb.json', import.meta.url), 'utf8'));

describe('embedTexts', () => {
  it('GIVEN 130 new texts THEN they go in batches of 64, 64 and 2, and come back unit-length', async () => {
    const cache = createMemoryVectorCache();
    const progress: number[] = [];
    const got = await embedTexts(client(), cache, texts(130), { timeoutMs: 5000, onProgress: (done) => progress.push(done) });
    expect(server.requests.map((r) => r.input.length)).toEqual([64, 64, 2]);
    expect(progress).toEqual([64, 128, 130]);
    expect(got.requested).toBe(130);
    expect(got.dimension).toBe(64);
    const v = got.vectors.get('text number 7') as Float32Array;
    expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    expect(cache.size()).toBe(130);
  });

  it('GIVEN a second build with two changed texts THEN only those are sent; GIVEN another model THEN everything is sent again', async () => {
    const cache = createMemoryVectorCache();
    await embedTexts(client(), cache, texts(10), { timeoutMs: 5000 });
    server.requests.length = 0;
    const changed = [...texts(8), 'a new phrasing', 'another new one'];
    const second = await embedTexts(client(), cache, changed, { timeoutMs: 5000 });
    expect(server.inputs()).toEqual(['a new phrasing', 'another new one']);
    expect(second.requested).toBe(2);
    server.requests.length = 0;
    const other = await embedTexts(client('other-model'), cache, changed, { timeoutMs: 5000 });
    expect(other.requested).toBe(10);
    expect(server.requests.every((r) => r.model === 'other-model')).toBe(true);
    expect(cache.size()).toBe(12 + 10);
  });

  it('GIVEN the second batch fails THEN the error says why and the cache holds none of the first batch', async () => {
    const cache = createMemoryVectorCache();
    let calls = 0;
    const flaky = client();
    const failing = { model: flaky.model, embed: async (batch: readonly string[], o: { timeoutMs: number }) => { calls += 1; if (calls === 2) server.mode = 'http-error'; return flaky.embed(batch, o); } };
    const error = await embedTexts(failing, cache, texts(100), { timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddingError);
    expect((error as EmbeddingError).reason).toBe('http');
    expect(cache.size()).toBe(0);
  });

  it('GIVEN cached vectors of 64 numbers WHEN the server now answers 72 for the same model THEN it fails with "dimension" and writes nothing', async () => {
    const cache = createMemoryVectorCache();
    await embedTexts(client(), cache, texts(3), { timeoutMs: 5000 });
    server.mode = 'other-dimension';
    const error = await embedTexts(client(), cache, [...texts(3), 'something new'], { timeoutMs: 5000 }).catch((e: unknown) => e);
    expect((error as EmbeddingError).reason).toBe('dimension');
    expect(cache.size()).toBe(3);
  });
});

describe('reciprocalRankFusion', () => {
  it('GIVEN two rankings THEN an entry high in both beats one first in only one', () => {
    const fused = reciprocalRankFusion([['a', 'b', 'c'], ['b', 'd', 'a']], 60);
    expect(fused.get('b')).toBeCloseTo(1 / 62 + 1 / 61);
    expect([...fused.entries()].sort((x, y) => y[1] - x[1]).map(([id]) => id)).toEqual(['b', 'a', 'd', 'c']);
  });
});

describe('createSemanticSearch', () => {
  const entries: KbEntry[] = [
    { id: 'card', question: 'My card does not work', answer: 'Check that the card is activated.', phrasings: [], tags: [], language: 'en' },
    { id: 'age', question: 'Can my children get an account?', answer: 'Accounts are for people over 18.', phrasings: [], tags: [], language: 'en' },
  ];
  it('GIVEN a question whose words point to one entry and whose vector points to another THEN both are candidates, fused, with vector features', () => {
    const words = createAnswerIndex(entries);
    // Hand-made vectors: the question's vector is the "age" question's own.
    const axis = (i: number) => normalize(Array.from({ length: 4 }, (_, j) => (j === i ? 1 : 0.01)));
    const vectorOf = new Map<string, Float32Array>([
      [entries[0]!.question, axis(0)], [entries[0]!.answer, axis(1)], [entries[1]!.question, axis(2)], [entries[1]!.answer, axis(3)],
    ]);
    const search = createSemanticSearch({ words, vectors: createEntryVectors(entries, vectorOf, 4), model: 'm', confidence: { coefficients: WORD_ONLY_COEFFICIENTS, fitted: false } });
    const found = search.search('how old for a card', axis(2), { limit: 5 });
    expect(found.map((c) => c.entry.id).sort()).toEqual(['age', 'card']);
    for (const c of found) expect(c.features).toHaveLength(SEMANTIC_FEATURE_NAMES.length);
    const age = found.find((c) => c.entry.id === 'age')!;
    expect(age.features.at(-3)).toBeCloseTo(1, 5); // vectorSimilarity
    expect(age.matchedText).toBe(entries[1]!.question);
    // Without a vector the same index answers with words alone.
    expect(search.asIndex(() => undefined).search('how old for a card').map((c) => c.entry.id)).toEqual(['card']);
  });
});

describe('buildSemanticSearch', () => {
  it('GIVEN Banking77 and the fake server THEN the confidence model is refitted with vector features and used for every candidate', async () => {
    const words = createAnswerIndex(banking);
    const built = await buildSemanticSearch(words, { provider: client(), cache: createMemoryVectorCache(), timeoutMs: 10_000 });
    expect(built.requested).toBe(new Set(banking.flatMap((e) => [e.question, ...e.phrasings, e.answer])).size);
    expect(built.fit.fitted).toBe(true);
    expect(built.fit.right).toBeGreaterThanOrEqual(10);
    expect(built.fit.wrong).toBeGreaterThanOrEqual(10);
    expect(built.fit.coefficients).toHaveLength(SEMANTIC_FEATURE_NAMES.length);
    expect(built.fit.coefficients).not.toEqual(WORD_ONLY_COEFFICIENTS);
    const query = 'I still have not received my refund';
    const [vector] = await client().embed([query], { timeoutMs: 5000 });
    const [top] = built.search.search(query, normalize(vector!), { limit: 2 });
    expect(top).toBeDefined();
    expect(top!.confidence).toBeCloseTo(confidenceOf(top!.features, built.fit.coefficients), 10);
    // The words index it searches is the live one, untouched by the refit's leave-outs.
    expect(words.size).toBe(banking.length);
    expect(words.entries().map((e) => e.id)).toEqual(banking.map((e) => e.id));
  });

  it('GIVEN a knowledge base of two entries THEN it is too small to refit and keeps the word model', async () => {
    const small = banking.slice(0, 2);
    const built = await buildSemanticSearch(createAnswerIndex(small), { provider: client(), cache: createMemoryVectorCache(), timeoutMs: 5000 });
    expect(built.fit.fitted).toBe(false);
    expect(built.fit.coefficients).toEqual(WORD_ONLY_COEFFICIENTS);
  });
});
