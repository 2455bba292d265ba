// Proves the small pure rules of answering: the "Didn't help" penalty, learned phrasings, grouping of the unanswered list, the best member reply and the searched text.
import { describe, expect, it } from 'vitest';
import { LEARNING, buildFeedbackMemory, penaltyFor, withPhrasing, withoutPhrasing } from '../../../src/core/answers/learn/learning.ts';
import { normalizeQuestion, searchTextOf, uniqueKey } from '../../../src/core/answers/text/question-text.ts';
import { bestReply, groupOpenQuestions } from '../../../src/core/answers/admin/unanswered-list.ts';
import type { AnswerReplyRecord, OpenQuestionRow } from '../../../src/core/answers/storage/ports.ts';
import { ENTRIES } from './answering-fixture.ts';

const refund = ENTRIES[2]!;

describe('learning', () => {
  it('GIVEN askers said an entry did not help for a question THEN similar questions lose PENALTY_PER_VOTE per vote up to the cap, other questions nothing', () => {
    const memory = buildFeedbackMemory(Array.from({ length: 5 }, () => ({ entryKey: 'refund', question: 'Can I get my money back for a gift card?' })));
    expect(penaltyFor(memory, 'refund', 'can I get money back for my gift card')).toBeCloseTo(LEARNING.MAX_PENALTY_VOTES * LEARNING.PENALTY_PER_VOTE);
    expect(penaltyFor(memory, 'refund', 'Can I get a refund for shoes that do not fit?')).toBe(0);
    expect(penaltyFor(memory, 'shipping-time', 'Can I get my money back for a gift card?')).toBe(0);
  });

  it('GIVEN a question already among the phrasings (any case or punctuation) THEN nothing is added; otherwise it is appended, and can be taken back', () => {
    expect(withPhrasing(refund, 'Money back for a purchase?')).toBeNull();
    expect(withPhrasing(refund, 'can i get a refund for my order')).toBeNull();
    const learned = withPhrasing(refund, 'Return an order for cash');
    expect(learned?.phrasings).toEqual(['money back for a purchase', 'Return an order for cash']);
    expect(withoutPhrasing(learned!, 'return an order for cash!')?.phrasings).toEqual(['money back for a purchase']);
    expect(withoutPhrasing(refund, 'something else')).toBeNull();
  });

  it('GIVEN an entry with MAX_PHRASINGS phrasings or a question longer than MAX_PHRASING_CHARS THEN nothing is learned', () => {
    const full = { ...refund, phrasings: Array.from({ length: LEARNING.MAX_PHRASINGS }, (_, i) => `phrasing ${i}`) };
    expect(withPhrasing(full, 'a new wording')).toBeNull();
    expect(withPhrasing(refund, `refund please ${'and more context '.repeat(30)}`)).toBeNull();
  });
});

describe('question text', () => {
  it('GIVEN mentions THEN they are not searched; plain @names only go when the bot was mentioned', () => {
    expect(searchTextOf('<@U123> how do I reset my password?', false)).toBe('how do I reset my password?');
    expect(searchTextOf('@rapport how do I reset my password?', true)).toBe('how do I reset my password?');
    expect(searchTextOf('is @bob the admin?', false)).toBe('is @bob the admin?');
    expect(normalizeQuestion('How do I  reset my PASSWORD??')).toBe('how do i reset my password');
  });

  it('GIVEN a question THEN a new entry gets a readable key, numbered when taken', async () => {
    const taken = new Set(['how-do-i-reset-my-password']);
    expect(await uniqueKey('How do I reset my password?', async (k) => taken.has(k))).toBe('how-do-i-reset-my-password-2');
    expect(await uniqueKey('Как да сменя имейла си?', async () => false)).toBe('как-да-сменя-имейла-си');
    expect(await uniqueKey('???', async () => false)).toBe('faq');
  });
});

describe('unanswered list', () => {
  const row = (id: number, question: string, at: number, unhelpfulVotes = 0): OpenQuestionRow => ({
    id, communityId: 'c', channelId: 'ch', messageId: `m${id}`, askerMemberId: `a${id}`, question, normalized: normalizeQuestion(question), entryKey: null, confidence: 0, answered: false, replyMessageId: null, status: 'open', createdAt: new Date(at), unhelpfulVotes, replies: 0,
  });

  it('GIVEN the same question asked in different case and punctuation THEN one group, most asked first, newest id and wording', () => {
    const groups = groupOpenQuestions([row(3, 'How do I pay by card?', 3000), row(2, 'Is there a dark mode?', 2000, 1), row(1, 'how do i pay by card', 1000)]);
    expect(groups.map((g) => [g.id, g.asked, g.question])).toEqual([[3, 2, 'How do I pay by card?'], [2, 1, 'Is there a dark mode?']]);
    expect(groups[1]?.unhelpful).toBe(1);
  });

  it('GIVEN replies THEN other members come before the asker, then most reactions, then the latest', () => {
    const reply = (id: number, authorId: string, reactions: number, at: number): AnswerReplyRecord => ({ id, answerLogId: 1, authorId, messageId: `r${id}`, text: `reply ${id}`, reactions, createdAt: new Date(at) });
    const asker = new Set(['ann']);
    expect(bestReply([reply(1, 'ann', 9, 1), reply(2, 'bob', 0, 2)], asker)?.id).toBe(2);
    expect(bestReply([reply(1, 'bob', 2, 1), reply(2, 'cy', 1, 2)], asker)?.id).toBe(1);
    expect(bestReply([reply(1, 'bob', 1, 1), reply(2, 'cy', 1, 2)], asker)?.id).toBe(2);
    expect(bestReply([], asker)).toBeNull();
  });
});
