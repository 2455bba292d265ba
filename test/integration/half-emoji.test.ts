// Half an emoji (a lone UTF-16 surrogate, from a client that cut a text short) in a message and in
// a member's name, handed to the pipeline as it came (as history imports and tests do, past the
// adapters' cleaning): JSON.stringify writes it as "\ud83d", which PostgreSQL's jsonb refuses, so it
// once failed the whole batch's activity insert and every score flush after it. Now the message is
// stored with U+FFFD in its place, the member's scores are written, and the batch's other events too.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanText } from '../../src/core/clean-input.ts';
import type { MessagePosted } from '../../src/core/events.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

const HALF = '\ud83d';

function message(id: string, author: string, text: string, at: string, displayName = author): MessagePosted {
  return {
    type: 'message.posted', platform: 'console', eventId: `console:${id}`, communityId: 'console:local', occurredAt: new Date(at),
    channelId: 'console:local:general', messageId: id, author: { memberId: `console:local:${author}`, displayName, isBot: false, isModerator: false },
    text, mentions: [], mentionsBot: false,
  };
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe.each(['postgres', 'pglite'] as const)('half an emoji on %s', (database) => {
  it('GIVEN a batch whose message and author name hold a lone surrogate THEN every event is stored and the scores are written', async () => {
    app = await createTestApp({ adapters: [], database });
    const cut = message('h1', 'ana', `how do I mount a drive? ${HALF}`, '2026-11-23T09:00:00Z', `ana${HALF}`);
    const after = message('h2', 'bob', 'thanks ana, that worked 😀', '2026-11-23T09:01:00Z');
    expect(await app.rapport.pipeline.handleBatch([cut, after])).toEqual([true, true]);
    await app.rapport.ports.recognition.flush();
    const rows = await app.db.prisma.activityEvent.findMany({ orderBy: { id: 'asc' }, select: { platformEventId: true, payload: true } });
    expect(rows.map((r) => r.platformEventId)).toEqual(['console:h1', 'console:h2']);
    expect((rows[0]!.payload as { text: string }).text).toBe('how do I mount a drive? \ufffd');
    expect((rows[1]!.payload as { text: string }).text).toBe('thanks ana, that worked 😀');
    const scores = await app.db.prisma.memberScore.findMany({ select: { memberId: true, displayName: true } });
    expect(scores.find((s) => s.memberId === 'console:local:ana')?.displayName).toBe('ana\ufffd');
  });
});

describe('cleanText', () => {
  it('GIVEN lone surrogates THEN each becomes U+FFFD and whole emoji stay', () => {
    expect(cleanText(`a${HALF}b`)).toBe('a\ufffdb');
    expect(cleanText('x \ude00')).toBe('x \ufffd');
    expect(cleanText(`😀${HALF}\u0000`)).toBe('😀\ufffd');
    expect(cleanText('Здравейте 👋')).toBe('Здравейте 👋');
  });
});
