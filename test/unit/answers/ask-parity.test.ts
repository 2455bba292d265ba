// Proves /faq ask and a question posted in a channel reach the same decision (detector, entry, confidence after "Didn't help" penalties, threshold) on a mixed set of questions, non-questions and paraphrases in English and Bulgarian.
import { describe, expect, it } from 'vitest';
import { UNHELPFUL_ACTION } from '../../../src/core/answers/feature/answer-question.ts';
import { COMMUNITY, ENTRIES, createFixture } from './answering-fixture.ts';

const TEXTS = [
  'How do I reset my password?',
  'I forgot my password, what now?',
  'My parcel still has not arrived, how long does shipping take?',
  'can I get my money back for a purchase?',
  'how can I remove my profile',
  'password',
  'thanks everyone, see you tomorrow',
  'lol',
  'Does anyone know a good pizza place nearby?',
  'how long is delivery to Bulgaria?',
  'Как да сменя паролата си?',
  'refund?',
];

describe('/faq ask and the channel decide alike', () => {
  it('GIVEN the same texts THEN ask says answer exactly when the channel gets an answer, with the same entry and confidence', async () => {
    const f = await createFixture([...ENTRIES, { id: 'bg-password', question: 'Как да сменя паролата си?', answer: 'От Настройки, Профил.', phrasings: [], tags: [], language: 'bg' }]);
    let answeredSomewhere = 0;
    let silentSomewhere = 0;
    for (const text of TEXTS) {
      const asked = await f.answering.ask(COMMUNITY, text);
      const posted = await f.ask(text);
      const liveAnswered = posted.kind === 'answered';
      expect(asked.answered, text).toBe(liveAnswered);
      expect(asked.isQuestion, text).toBe(!(posted.kind === 'ignored' && posted.reason === 'not-a-question'));
      if (posted.kind === 'answered') {
        expect(asked.candidates[0]?.key, text).toBe(posted.entry.id);
        expect(asked.candidates[0]?.confidence, text).toBeCloseTo(posted.confidence, 10);
        answeredSomewhere += 1;
      } else silentSomewhere += 1;
    }
    // The set exercises both outcomes.
    expect(answeredSomewhere).toBeGreaterThan(2);
    expect(silentSomewhere).toBeGreaterThan(2);
  });

  it('GIVEN the asker pressed "Didn\'t help" THEN both paths apply the same penalty', async () => {
    const f = await createFixture();
    const first = await f.ask('How do I reset my password?');
    expect(first.kind).toBe('answered');
    if (first.kind !== 'answered') return;
    await f.press(UNHELPFUL_ACTION, String(first.log.id), 'console:t:ann');
    const asked = await f.answering.ask(COMMUNITY, 'How do I reset my password?');
    const posted = await f.ask('How do I reset my password?');
    expect(asked.answered).toBe(posted.kind === 'answered');
    expect(asked.candidates[0]?.confidence).toBeCloseTo(posted.kind === 'unanswered' || posted.kind === 'answered' ? posted.confidence : -1, 10);
    expect(asked.candidates[0]?.confidence).toBeLessThan(first.confidence);
  });

  it('GIVEN a text that is not a question THEN ask shows the matches but says Rapport stays silent, like the channel', async () => {
    const f = await createFixture();
    const asked = await f.answering.ask(COMMUNITY, 'reset password done, thanks');
    const posted = await f.ask('reset password done, thanks');
    expect(posted).toMatchObject({ kind: 'ignored', reason: 'not-a-question' });
    expect(asked.isQuestion).toBe(false);
    expect(asked.answered).toBe(false);
  });
});
