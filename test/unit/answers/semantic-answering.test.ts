// Proves the live answer path with semantic search on, through the real HTTP client and a fake embeddings server: vectors are built in the background and used once ready, a changed knowledge base re-embeds only what changed, and every server failure falls back to word matching with one warning per outage and a counted metric.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryVectorCache, SEMANTIC_FEATURE_NAMES, type VectorCache } from '../../../src/core/answers/embeddings/index.ts';
import { createAnswering, type Answering } from '../../../src/core/answers/feature/create-answering.ts';
import { createInMemoryAnswerLog, createInMemoryKnowledgeBase } from '../../../src/core/answers/storage/in-memory-stores.ts';
import { createSemanticAnswering } from '../../../src/core/answers/feature/semantic-answering.ts';
import { noopMetrics } from '../../../src/core/metrics.ts';
import type { Replier } from '../../../src/core/outgoing.ts';
import { createOpenAiEmbeddingsClient } from '../../../src/embeddings/openai-embeddings-client.ts';
import { createTranslator } from '../../../src/i18n/create-translator.ts';
import { startFakeEmbeddingsServer, type FakeEmbeddingsServer, type FakeMode } from '../../fakes/embeddings/fake-embeddings-server.ts';
import { recordingLogger } from '../../fakes/discord/recording-logger.ts';
import { COMMUNITY, ENTRIES, message } from './answering-fixture.ts';

const QUESTION = 'My parcel still has not arrived, how long does shipping take?';

let server: FakeEmbeddingsServer;
beforeAll(async () => {
  server = await startFakeEmbeddingsServer({ dimension: 32 });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.mode = 'ok';
  server.requests.length = 0;
});

async function setup(options: { retryAfterMs?: number; queryTimeoutMs?: number; cache?: VectorCache } = {}) {
  const kb = createInMemoryKnowledgeBase();
  await kb.importAll(COMMUNITY, ENTRIES, { replace: false });
  const logger = recordingLogger();
  const failures: string[] = [];
  const vectors = createMemoryVectorCache();
  const posts: string[] = [];
  const replier: Replier = {
    async post(_target, m) {
      posts.push(m.footer ?? m.text);
      return { messageId: `b${posts.length}`, channelId: 'x' };
    },
    async dm() {
      throw new Error('no DMs here');
    },
  };
  const clock = { ms: 0 };
  const semantic = createSemanticAnswering({
    provider: createOpenAiEmbeddingsClient({ url: server.url, model: 'fake-bge', apiKey: 'k' }),
    vectors: options.cache ?? vectors,
    logger,
    metrics: { embeddingsFailed: (reason) => failures.push(reason) },
    now: () => clock.ms,
    queryTimeoutMs: options.queryTimeoutMs ?? 5000,
    buildTimeoutMs: 5000,
    retryAfterMs: options.retryAfterMs ?? 0,
  });
  const answering: Answering = createAnswering({
    kb,
    answerLogs: createInMemoryAnswerLog(),
    channels: { get: async (id) => ({ id, communityId: COMMUNITY, name: id, watched: true }) },
    repliers: { forId: () => replier },
    translator: await createTranslator(),
    logger,
    metrics: noopMetrics,
    now: () => clock.ms,
    readFile: async () => '',
    checkEveryMs: 0,
    watchedTtlMs: 0,
    semantic,
  });
  const ask = (text = QUESTION) => answering.onMessage(message(text), 'en');
  const warnings = () => logger.entries.filter((e) => e.level === 'warn');
  /** Asks once to start the build and waits for it. */
  const ready = async () => {
    await ask();
    await semantic.idle();
    expect(semantic.state(COMMUNITY)).toBe('ready');
  };
  return { answering, semantic, vectors, logger, failures, posts, clock, ask, warnings, ready };
}

describe('semantic search in the answer path', () => {
  it('GIVEN embeddings on WHEN the first question arrives THEN words answer it while the vectors are built; once built, questions are embedded and ranked with vector features', async () => {
    const s = await setup();
    expect((await s.ask()).kind).toBe('answered');
    expect(s.semantic.state(COMMUNITY)).toBe('building');
    await s.semantic.idle();
    expect(s.semantic.state(COMMUNITY)).toBe('ready');
    const built = server.inputs();
    expect(built).toContain(ENTRIES[0]!.question);
    expect(built).toContain(ENTRIES[0]!.answer);
    expect(server.requests.every((r) => r.model === 'fake-bge' && r.authorization === 'Bearer k' && r.path === '/v1/embeddings')).toBe(true);
    server.requests.length = 0;
    expect((await s.ask()).kind).toBe('answered');
    expect(server.inputs()).toEqual([QUESTION]);
    const knowledge = await s.answering.cache.get(COMMUNITY);
    const index = await s.semantic.indexFor(COMMUNITY, knowledge, QUESTION);
    expect(index).not.toBe(knowledge.index);
    const [top] = index.search(QUESTION, { limit: 2 });
    expect(top?.entry.id).toBe('shipping-time');
    expect(top?.features).toHaveLength(SEMANTIC_FEATURE_NAMES.length);
    expect(s.posts.every((p) => p.includes('shipping-time'))).toBe(true);
    expect(s.warnings()).toEqual([]);
  });

  it('GIVEN communities to warm at start THEN their vectors are built before any question', async () => {
    const s = await setup();
    s.semantic.warm([COMMUNITY], (id) => s.answering.cache.get(id));
    await s.semantic.idle();
    expect(s.semantic.state(COMMUNITY)).toBe('ready');
    expect(server.inputs()).toContain(ENTRIES[0]!.question);
    server.requests.length = 0;
    expect((await s.ask()).kind).toBe('answered');
    expect(server.inputs()).toEqual([QUESTION]);
  });

  it('GIVEN ready vectors WHEN a moderator adds an entry THEN words answer until the new version is built, and only the new entry\'s texts are sent', async () => {
    const s = await setup();
    await s.ready();
    server.requests.length = 0;
    await s.answering.admin.add(COMMUNITY, { question: 'Do you ship to Bulgaria?', answer: 'Yes, to every town in Bulgaria.', phrasings: [], tags: [] });
    const knowledge = await s.answering.cache.get(COMMUNITY);
    expect(await s.semantic.indexFor(COMMUNITY, knowledge, QUESTION)).toBe(knowledge.index);
    await s.semantic.idle();
    expect(s.semantic.state(COMMUNITY)).toBe('ready');
    expect(server.inputs().sort()).toEqual(['Do you ship to Bulgaria?', 'Yes, to every town in Bulgaria.']);
  });

  const modes: Array<[FakeMode, string]> = [
    ['http-error', 'http'],
    ['garbage', 'garbage'],
    ['not-embeddings', 'garbage'],
    ['empty', 'empty'],
    ['too-many', 'count'],
    ['mixed-dimension', 'dimension'],
    ['other-dimension', 'dimension'],
    ['hang', 'timeout'],
  ];
  for (const [mode, reason] of modes) {
    it(`GIVEN ready vectors WHEN the server goes "${mode}" THEN two questions are answered with words, one warning is logged and both failures are counted`, async () => {
      const s = await setup({ queryTimeoutMs: 400 });
      await s.ready();
      server.mode = mode;
      expect((await s.ask()).kind).toBe('answered');
      expect((await s.ask()).kind).toBe('answered');
      expect(s.posts.slice(-2).every((p) => p.includes('shipping-time'))).toBe(true);
      expect(s.warnings()).toHaveLength(1);
      expect(s.warnings()[0]).toMatchObject({ message: expect.stringMatching(/word matching/), data: { reason, during: 'question', model: 'fake-bge' } });
      expect(s.failures).toEqual([reason, reason]);
    });
  }

  it('GIVEN a server that fails while the index is built THEN words answer, nothing is cached, one warning; WHEN it answers again THEN vectors are built and its return is logged', async () => {
    const s = await setup();
    server.mode = 'garbage';
    expect((await s.ask()).kind).toBe('answered');
    await s.semantic.idle();
    expect(s.semantic.state(COMMUNITY)).toBe('failed');
    expect(s.vectors.size()).toBe(0);
    expect((await s.ask()).kind).toBe('answered');
    await s.semantic.idle();
    expect(s.warnings()).toHaveLength(1);
    expect(s.warnings()[0]?.data).toMatchObject({ reason: 'garbage', during: 'build' });
    expect(s.failures).toEqual(['garbage', 'garbage']);
    server.mode = 'ok';
    await s.ask();
    await s.semantic.idle();
    expect(s.semantic.state(COMMUNITY)).toBe('ready');
    expect(s.logger.entries.some((e) => e.level === 'info' && /semantic search is back on/.test(e.message))).toBe(true);
    expect(s.vectors.size()).toBeGreaterThan(0);
  });

  it('GIVEN a vector cache whose database fails THEN words answer, the build is marked failed and counted as "other" with the error logged once', async () => {
    const broken: VectorCache = { get: async () => { throw new Error('connection refused'); }, put: async () => undefined };
    const s = await setup({ cache: broken });
    expect((await s.ask()).kind).toBe('answered');
    await s.semantic.idle();
    expect(s.semantic.state(COMMUNITY)).toBe('failed');
    expect(s.failures).toEqual(['other']);
    expect(s.warnings()).toHaveLength(1);
    expect((s.warnings()[0]?.data.err as Error).message).toBe('connection refused');
  });

  it('GIVEN a build running WHEN the bot stops THEN the build ends without a warning and no new one starts', async () => {
    const s = await setup();
    await s.ask();
    expect(s.semantic.state(COMMUNITY)).toBe('building');
    await s.semantic.close();
    expect(s.semantic.state(COMMUNITY)).toBe('failed');
    expect(s.warnings()).toEqual([]);
    expect(s.failures).toEqual([]);
    await s.ask();
    expect(s.semantic.state(COMMUNITY)).toBe('failed');
  });

  it('GIVEN a failure WHEN more questions come within the rest period THEN they do not call the server at all', async () => {
    const s = await setup({ retryAfterMs: 60_000 });
    await s.ready();
    server.mode = 'http-error';
    await s.ask();
    server.requests.length = 0;
    s.clock.ms += 1_000;
    expect((await s.ask()).kind).toBe('answered');
    expect(server.requests).toEqual([]);
    s.clock.ms += 60_000;
    server.mode = 'ok';
    await s.ask();
    expect(server.inputs()).toEqual([QUESTION]);
    expect(s.failures).toEqual(['http']);
  });
});
