// Proves semantic search wired through buildRapport on real PostgreSQL: the first question is answered with words while the knowledge base is embedded into the EmbeddingVector table, later questions are embedded, and a failing embeddings server still gets every question answered and is counted on /metrics.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../src/core/adapter.ts';
import type { KbEntry } from '../../src/core/answers/index.ts';
import type { MessagePosted } from '../../src/core/events.ts';
import type { OutgoingMessage } from '../../src/core/outgoing.ts';
import { createEmbeddingVectorRepository } from '../../src/db/embedding-vector-repository.ts';
import { createOpenAiEmbeddingsClient } from '../../src/embeddings/openai-embeddings-client.ts';
import { createPrometheusMetrics } from '../../src/web/prometheus-metrics.ts';
import { startFakeEmbeddingsServer, type FakeEmbeddingsServer } from '../fakes/embeddings/fake-embeddings-server.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

const COMMUNITY = 'console:local';
const ENTRIES: KbEntry[] = [
  { id: 'refund', question: 'Can I get a refund for my order?', answer: 'Yes, within 14 days.', phrasings: ['money back for a purchase'], tags: [], language: 'en' },
  { id: 'shipping-time', question: 'How long does delivery take?', answer: 'Delivery takes 3-5 days.', phrasings: ['When will my parcel arrive?'], tags: [], language: 'en' },
];
const QUESTION = 'How long does delivery take for my parcel?';

let server: FakeEmbeddingsServer;
let app: TestApp | undefined;
beforeAll(async () => {
  server = await startFakeEmbeddingsServer({ dimension: 32 });
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

let n = 0;
function ask(text: string): MessagePosted {
  n += 1;
  return { type: 'message.posted', platform: 'console', eventId: `console:s${n}-${Date.now()}`, communityId: COMMUNITY, occurredAt: new Date(), channelId: `${COMMUNITY}:general`, channelName: 'general', messageId: `sm${n}-${Date.now()}`, author: { memberId: `${COMMUNITY}:ann`, displayName: 'ann', isBot: false, isModerator: false }, text, mentions: [], mentionsBot: false };
}

describe('semantic search through buildRapport', () => {
  it('GIVEN EMBEDDINGS parts WHEN members ask THEN answers never wait for vectors, the vectors land in the database, and failures are counted on /metrics', async () => {
    const posts: OutgoingMessage[] = [];
    const adapter: ChatAdapter = {
      platform: 'console',
      replier: {
        async post(target, message) {
          posts.push(message);
          return { messageId: `b${posts.length}`, channelId: target.channelId };
        },
        async dm() {
          throw new Error('no DMs here');
        },
      },
      async start() {},
      async stop() {},
    };
    const metrics = createPrometheusMetrics();
    app = await createTestApp({
      adapters: [adapter],
      metrics,
      semantic: (db) => ({ provider: createOpenAiEmbeddingsClient({ url: server.url, model: 'fake-bge' }), vectors: createEmbeddingVectorRepository(db.prisma), queryTimeoutMs: 2000, retryAfterMs: 0 }),
    });
    await app.repos.communities.ensure({ id: COMMUNITY, platform: 'console', name: 'console' });
    await app.repos.knowledgeBase.importAll(COMMUNITY, ENTRIES, { replace: false });
    const semantic = app.rapport.ports.answering.semantic;
    expect(semantic?.model).toBe('fake-bge');

    await app.rapport.pipeline.handle(ask(QUESTION));
    expect(posts).toHaveLength(1);
    await semantic!.idle();
    expect(semantic!.state(COMMUNITY)).toBe('ready');
    expect(await app.db.prisma.embeddingVector.count({ where: { model: 'fake-bge' } })).toBe(6);

    server.requests.length = 0;
    await app.rapport.pipeline.handle(ask(QUESTION));
    expect(posts).toHaveLength(2);
    expect(server.inputs()).toEqual([QUESTION]);

    server.mode = 'http-error';
    await app.rapport.pipeline.handle(ask(QUESTION));
    expect(posts).toHaveLength(3);
    expect(posts.every((p) => p.footer?.includes('shipping-time'))).toBe(true);
    expect(await metrics.render()).toMatch(/rapport_embeddings_failures_total\{reason="http"\} 1/);
    server.mode = 'ok';
  });
});
