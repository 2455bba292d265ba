// Proves the answer index ranks paraphrases to the right entry, supports live add/remove/update and filters by language.
import { describe, expect, it } from 'vitest';
import { createAnswerIndex } from '../../../src/core/answers/search/answer-index.ts';
import { decideAnswer } from '../../../src/core/answers/decide/decide-answer.ts';
import type { KbEntry } from '../../../src/core/answers/knowledge-base/kb-entry.ts';

const entry = (id: string, question: string, answer: string, phrasings: string[] = [], language: 'en' | 'bg' = 'en'): KbEntry =>
  ({ id, question, answer, phrasings, tags: [], language });

const kb: KbEntry[] = [
  entry('delete-account', 'How do I delete my Facebook account?', 'Go to Settings, then Delete account.', ['close my facebook profile']),
  entry('strike', 'Strikethrough with GitHub Markdown', 'Use ~~tildes~~.'),
  entry('refund', 'When will I get my money back?', 'Refunds take 5 days.', ['refund status']),
  entry('bg-delivery', 'Колко струва доставката?', 'Доставката е безплатна над 50 лв.', [], 'bg'),
  entry('bg-returns', 'Как да върна продукт?', 'До 14 дни чрез формата за връщане.', [], 'bg'),
];

describe('createAnswerIndex', () => {
  it('GIVEN a paraphrase with other word forms THEN the matching entry ranks first', () => {
    const index = createAnswerIndex(kb);
    expect(index.search('Deleting my facebook account.')[0]?.entry.id).toBe('delete-account');
    expect(index.search('strike through text on github')[0]?.entry.id).toBe('strike');
    expect(index.search('Може ли да върна стоката?')[0]?.entry.id).toBe('bg-returns');
    expect(index.search('Колко ще ми струва доставка до Варна?')[0]?.entry.id).toBe('bg-delivery');
  });

  it('GIVEN a typo in a rare word THEN fuzzy matching still finds the entry', () => {
    expect(createAnswerIndex(kb).search('strikethrouhg markdown')[0]?.entry.id).toBe('strike');
  });

  it('GIVEN a moderator adds, edits and removes entries THEN search follows at once', () => {
    const index = createAnswerIndex(kb);
    index.add(entry('wifi', 'Why does my wifi keep dropping?', 'Update the driver.'));
    expect(index.size).toBe(6);
    expect(index.search('wifi dropping all the time')[0]?.entry.id).toBe('wifi');
    index.update(entry('wifi', 'How do I pair bluetooth headphones?', 'Open Bluetooth settings.'));
    expect(index.search('wifi dropping all the time')[0]?.entry.id).not.toBe('wifi');
    expect(index.search('pair my bluetooth headphones')[0]?.entry.id).toBe('wifi');
    expect(index.remove('wifi')).toBe(true);
    expect(index.remove('wifi')).toBe(false);
    expect(index.search('pair my bluetooth headphones').map((c) => c.entry.id)).not.toContain('wifi');
    expect(index.get('strike')?.question).toBe('Strikethrough with GitHub Markdown');
  });

  it('GIVEN an id already in the index THEN add refuses it', () => {
    expect(() => createAnswerIndex(kb).add(kb[0] as KbEntry)).toThrow(/already/);
  });

  it('GIVEN a language option THEN only entries in that language are returned', () => {
    const index = createAnswerIndex(kb);
    const results = index.search('доставка account', { language: 'bg' });
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((c) => c.entry.language === 'bg')).toBe(true);
  });

  it('GIVEN a query THEN candidates say which question or phrasing matched and have confidences in [0, 1]', () => {
    const [best] = createAnswerIndex(kb).search('refund status please');
    expect(best).toMatchObject({ matchedText: 'refund status', matchedKind: 'phrasing' });
    for (const c of createAnswerIndex(kb).search('facebook github refund')) {
      expect(c.confidence).toBeGreaterThanOrEqual(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('GIVEN a long paste around a question THEN the rarest known words still find the entry', () => {
    const paste = `strikethrough github markdown ${'lorem ipsum dolor sit amet '.repeat(200)}`;
    expect(createAnswerIndex(kb).search(paste)[0]?.entry.id).toBe('strike');
  });

  it('GIVEN an empty or stop-word-only query THEN search returns no candidates rather than failing', () => {
    const index = createAnswerIndex(kb);
    expect(index.search('')).toEqual([]);
    expect(index.search('?!')).toEqual([]);
  });
});

describe('decideAnswer', () => {
  const index = createAnswerIndex(kb);

  it('GIVEN small talk THEN Rapport stays silent without searching', () => {
    expect(decideAnswer(index, 'how are you?')).toMatchObject({ kind: 'silent', reason: 'not-a-question' });
  });

  it('GIVEN the exact question THEN Rapport answers with that entry', () => {
    const decision = decideAnswer(index, 'How do I delete my Facebook account?');
    expect(decision.kind).toBe('answer');
    if (decision.kind === 'answer') expect(decision.candidate.entry.id).toBe('delete-account');
  });

  it('GIVEN an off-topic question THEN Rapport stays silent because it is unsure', () => {
    expect(decideAnswer(index, 'who won the football match last night?')).toMatchObject({ kind: 'silent', reason: 'unsure' });
  });

  it('GIVEN a threshold of 0 or above 1 THEN it answers any match or never', () => {
    expect(decideAnswer(index, 'github refund', { threshold: 0, assumeQuestion: true }).kind).toBe('answer');
    expect(decideAnswer(index, 'How do I delete my Facebook account?', { threshold: 1.01 }).kind).toBe('silent');
  });
});
