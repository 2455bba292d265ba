// Proves question detection in English and Bulgarian: "?" is neither necessary nor sufficient, mentions of the bot always ask;
// one score answers both "does this ask for help?" (asksForHelp) and "should the bot consider answering?" (isQuestion).
import { describe, expect, it } from 'vitest';
import { defaultQuestionDetector, detectQuestion, questionScore, scoreQuestion } from '../../../src/core/answers/detect/question-detector.ts';

const members = { memberNames: ['bob', 'Ивана', 'Иване'] };

describe('detectQuestion', () => {
  it.each([
    'Deleting my old workspace.',
    'how do i install x',
    'anyone know how to fix the wifi driver',
    "I can't log in to my account",
    'help with docker compose',
    'wifi keeps dropping, any ideas?',
    'Is there a way to export my data',
    'my printer is not working',
    'Trying to install docker on ubuntu',
    "I didn't get the confirmation email",
    'hi all, is there a way to mount an ISO?',
  ])('GIVEN the English help request "%s" THEN it is a question', (text) => {
    expect(detectQuestion(text, members).isQuestion).toBe(true);
  });

  it.each([
    'как да сменя паролата',
    'някой знае ли как се прави бекъп',
    'Мога ли да сменя адреса за доставка?',
    'Не мога да отворя настройките на приложението.',
    'Трябва ми копие от договора.',
    'Има ли версия за таблет',
    'Някой да знае защо не ми тръгва лаптопа',
    'Изтривам си профила.',
    'Не получих имейл за потвърждение',
  ])('GIVEN the Bulgarian help request "%s" THEN it is a question', (text) => {
    expect(detectQuestion(text, members).isQuestion).toBe(true);
  });

  it.each([
    'why did the chicken cross the road?',
    '@bob did you eat?',
    'bob: you coming tonight?',
    'how are you?',
    "what's up?",
    'who cares?',
    'really?',
    'what a great day!',
    'I fixed it, restarting worked',
    'Good morning everyone',
    'Is it just me or is slack slow today?',
  ])('GIVEN the English message "%s" THEN it is not a question for the bot', (text) => {
    expect(detectQuestion(text, members).isQuestion).toBe(false);
  });

  it.each([
    'как си?',
    'какво правиш?',
    'на кого му пука?',
    'Ивана: идваш ли довечера?',
    'Добро утро на всички',
    'знаеш ли защо пилето пресече пътя?',
    'Какъв хубав ден!',
    'Иване, идваш ли?',
    'Ей, Иване, идваш ли?',
  ])('GIVEN the Bulgarian message "%s" THEN it is not a question for the bot', (text) => {
    expect(detectQuestion(text, members).isQuestion).toBe(false);
  });

  it.each(['За колко време се обработва заявката?', 'В кой магазин мога да го взема?', 'For how long is the warranty valid?', 'In which menu is the export?'])(
    'GIVEN a question word after a preposition (%s) THEN it is a question',
    (text) => {
      const verdict = detectQuestion(text, {});
      expect(verdict.isQuestion).toBe(true);
      expect(verdict.reasons).toContain('starts-with-question-word');
    },
  );

  it('GIVEN small talk that mentions the bot THEN it is a question with the reason mentions-bot', () => {
    const verdict = detectQuestion('how are you?', { mentionsBot: true });
    expect(verdict).toMatchObject({ isQuestion: true, score: 1, reasons: ['mentions-bot'] });
  });

  it('GIVEN the adapter says the message addresses another member THEN a help question is not taken', () => {
    expect(detectQuestion('how do I reset my password?', { addressesOther: true }).isQuestion).toBe(false);
    expect(detectQuestion('how do I reset my password?').isQuestion).toBe(true);
  });

  it('GIVEN a Slack mention of another member at the start THEN it is addressed to that member', () => {
    expect(detectQuestion('<@U123> did you get the invite?').reasons).toContain('addressed-to-member');
  });

  it('GIVEN a message THEN the verdict names its language and keeps the score in [0, 1]', () => {
    const bg = detectQuestion('Как да върна продукт?');
    expect(bg.language).toBe('bg');
    const en = detectQuestion('How do I get a refund? Anyone know? I cannot find it and it is not working');
    expect(en.language).toBe('en');
    expect(en.score).toBeLessThanOrEqual(1);
    expect(en.score).toBeGreaterThanOrEqual(0.5);
  });
});

describe('one score, two answers', () => {
  it.each(['@bob how do I reset my password?', '<@U123> how do I reset my password?', 'bob: how do I reset my password?'])(
    'GIVEN a help question addressed to a member (%s) THEN it asks for help, but is not a question for the bot',
    (text) => {
      const verdict = detectQuestion(text, members);
      expect(verdict.asksForHelp).toBeGreaterThanOrEqual(0.5);
      expect(verdict.isQuestion).toBe(false);
      expect(verdict.reasons).toContain('addressed-to-member');
      // Recognition, the routing model and the thread miner read the same score from the text alone.
      expect(questionScore(defaultQuestionDetector, text)).toBe(verdict.asksForHelp);
      expect(scoreQuestion(text).asksForHelp).toBe(verdict.asksForHelp);
    },
  );

  it('GIVEN a help question in a thread THEN it still asks for help and the thread lowers only the verdict', () => {
    const verdict = detectQuestion('is the mirror down again?', { isThreadReply: true });
    expect(verdict.asksForHelp).toBe(scoreQuestion('is the mirror down again?').asksForHelp);
    expect(verdict.score).toBeCloseTo(verdict.asksForHelp - 0.15, 6);
    expect(verdict.reasons).toContain('thread-reply');
  });

  it('GIVEN a two-word question THEN it asks, but is too short for the bot', () => {
    const verdict = detectQuestion('so?');
    expect(verdict.asksForHelp).toBeGreaterThanOrEqual(0.5);
    expect(verdict.isQuestion).toBe(false);
    expect(verdict.reasons).toContain('too-short');
  });

  it.each(['?', '??', 'reloading the driver module after resume usually fixes that', 'how are you?', 'who cares?'])(
    'GIVEN "%s" (no words, advice, small talk, rhetoric) THEN it does not ask for help either',
    (text) => {
      expect(scoreQuestion(text).asksForHelp).toBeLessThan(0.5);
      expect(detectQuestion(text).isQuestion).toBe(false);
    },
  );

  it('GIVEN the bot is mentioned THEN the verdict is a question and asksForHelp still reads the text alone', () => {
    const verdict = detectQuestion('good morning', { mentionsBot: true });
    expect(verdict.isQuestion).toBe(true);
    expect(verdict.asksForHelp).toBeLessThan(0.5);
  });
});
