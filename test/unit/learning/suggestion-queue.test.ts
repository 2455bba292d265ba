// Proves the suggestion queue's own rules with in-memory stores: a history replay flags suggestions as imported, a question the knowledge base already answers is not suggested, a middling match names the entry, an answer of only mentions is refused with a log line, and a check mark on a message Rapport never saw stores nothing.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock.ts';
import type { MessagePosted } from '../../../src/core/events.ts';
import { createInMemorySuggestions } from '../../../src/core/learning/in-memory-suggestions.ts';
import { createLearning } from '../../../src/core/learning/suggestion-queue.ts';
import { createTranslator } from '../../../src/i18n/create-translator.ts';
import { createLogger } from '../../../src/pino-logger.ts';

let n = 0;
function post(member: string, text: string, extra: Partial<MessagePosted> = {}): MessagePosted {
  n += 1;
  return { type: 'message.posted', platform: 'slack', eventId: `e${n}`, communityId: 'slack:T', occurredAt: new Date(Date.UTC(2026, 0, 1, 10, 0, n)), channelId: 'slack:T:C', messageId: `m${n}`, author: { memberId: member, displayName: member, isBot: false, isModerator: false }, text, mentions: [], mentionsBot: false, ...extra };
}

async function queue(confidence: number, options: { imported?: boolean; writeBehind?: boolean } = {}) {
  const repo = createInMemorySuggestions();
  const logs: string[] = [];
  const logger = createLogger({ level: 'silent', pretty: false });
  const spy = { ...logger, warn: (_: unknown, msg?: string) => void logs.push(msg ?? '') } as typeof logger;
  const learning = createLearning({
    repo,
    ask: async () => ({ threshold: 0.6, candidates: confidence > 0 ? [{ key: 'known', confidence }] : [] }),
    kb: { get: async () => null, add: async () => { throw new Error('not in this test'); }, edit: async () => { throw new Error('not in this test'); } },
    credit: async () => {},
    privacy: { mayProfile: async () => true, mayDm: async () => true },
    memberLanguage: async () => null,
    notices: { deliver: async () => {} },
    translator: await createTranslator(),
    logger: spy,
    clock: fixedClock(new Date()),
    ...(options.imported ? { imported: true } : {}),
    ...(options.writeBehind ? { writeBehind: true } : {}),
  });
  return { repo, learning, logs };
}

async function solve(learning: Awaited<ReturnType<typeof queue>>['learning'], answer: string) {
  const q = post('ann', 'How do I pin a message?');
  await learning.onMessage(q);
  await learning.onMessage(post('bob', answer, { threadId: q.messageId }));
  return learning.onMessage(post('ann', 'thanks!', { threadId: q.messageId }));
}

describe('suggestion queue', () => {
  it('GIVEN a history replay THEN its suggestions are flagged as imported', async () => {
    const { learning } = await queue(0, { imported: true });
    expect(await solve(learning, 'Hover it and choose Pin.')).toMatchObject({ imported: true, entryKey: null });
  });

  it('GIVEN write-behind (a history replay) THEN a suggestion is stored by flush, and a held one is still removed when its source is deleted', async () => {
    const { learning, repo } = await queue(0, { imported: true, writeBehind: true });
    await solve(learning, 'Hover it and choose Pin.');
    expect(repo.all()).toHaveLength(0);
    await learning.flush();
    expect(repo.all()).toMatchObject([{ imported: true, questionText: 'How do I pin a message?', answerText: 'Hover it and choose Pin.' }]);
    await learning.flush();
    expect(repo.all()).toHaveLength(1);

    const q = post('cat', 'How do I mute a channel?');
    await learning.onMessage(q);
    await learning.onMessage(post('dan', 'Right-click it and choose Mute.', { threadId: q.messageId }));
    await learning.onMessage(post('cat', 'thanks!', { threadId: q.messageId }));
    await learning.onDelete({ type: 'message.deleted', platform: 'slack', eventId: 'del', communityId: 'slack:T', occurredAt: new Date(), channelId: 'slack:T:C', messageId: q.messageId, author: { memberId: 'cat', displayName: 'cat', isBot: false, isModerator: false } });
    await learning.flush();
    expect(repo.all().map((s) => s.questionText)).toEqual(['How do I pin a message?']);
  });

  it('GIVEN the knowledge base answers the question already THEN nothing is suggested; a middling match names the entry', async () => {
    expect(await solve((await queue(0.8)).learning, 'Hover it and choose Pin.')).toBeNull();
    expect(await solve((await queue(0.45)).learning, 'Hover it and choose Pin.')).toMatchObject({ entryKey: 'known' });
    expect(await solve((await queue(0.1)).learning, 'Hover it and choose Pin.')).toMatchObject({ entryKey: null });
  });

  it('GIVEN an answer made only of mentions THEN no suggestion is stored and a warning is logged', async () => {
    const { learning, repo, logs } = await queue(0);
    expect(await solve(learning, '<@U1> <@U2>')).toBeNull();
    expect(repo.all()).toHaveLength(0);
    expect(logs.join('\n')).toMatch(/empty|no suggestion/);
  });

  it('GIVEN a huge answer THEN the stored answer is cut to the knowledge base limit', async () => {
    const { learning } = await queue(0);
    const stored = await solve(learning, 'word '.repeat(2000));
    expect(stored?.answerText.length ?? 0).toBeLessThanOrEqual(4000);
    expect(stored?.answerText.length ?? 0).toBeGreaterThan(1000);
  });

  it('GIVEN a check mark on a message never seen THEN nothing is stored', async () => {
    const { learning, repo } = await queue(0);
    expect(await learning.onReaction({ type: 'reaction.added', platform: 'slack', eventId: 'r1', communityId: 'slack:T', occurredAt: new Date(), channelId: 'slack:T:C', messageId: 'unknown', actor: { memberId: 'ann', displayName: 'ann', isBot: false, isModerator: false }, emoji: 'white_check_mark' })).toBeNull();
    expect(repo.all()).toHaveLength(0);
  });
});
