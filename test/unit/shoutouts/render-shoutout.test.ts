// Proves a shout-out fills the community's template in English and Bulgarian with the top helpers' reasons and the most improved, and says so when nobody helped.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PeriodFigures } from '../../../src/core/recognition/member-score-state.ts';
import { missingPlaceholder, renderShoutout } from '../../../src/core/shoutouts/render-shoutout.ts';
import type { Translator } from '../../../src/core/translator.ts';
import { createTranslator } from '../../../src/i18n/create-translator.ts';

const figures = (helped: number, answers: number, thanks: number): PeriodFigures => ({ engagement: 1, helper: helped, helpedPeople: helped, messages: 10, replies: answers, answers, thanks, reactions: 0 });
const data = {
  period: 'week' as const,
  key: 100,
  topHelpers: [
    { rank: 1, memberId: 'a', displayName: 'alice', score: 9, figures: figures(4, 6, 2) },
    { rank: 2, memberId: 'b', displayName: 'bob', score: 3, figures: figures(1, 1, 0) },
  ],
  mostImproved: [{ rank: 1, memberId: 'c', displayName: 'carol', score: 2, figures: figures(0, 0, 0), gain: 2, previous: 0 }],
};

let translator: Translator;
beforeAll(async () => {
  translator = await createTranslator();
});

describe('renderShoutout', () => {
  it('GIVEN the default English template THEN it thanks the helpers with their reasons and names the most improved', () => {
    const message = renderShoutout({ data, which: 'previous', template: translator.t('en', 'recognition.shoutout.defaultTemplate'), language: 'en', t: (k, v) => translator.t('en', k, v) });
    expect(message.text).toBe(
      'Thank you to the people who helped others last week!\n1. alice: helped 4 people last week, answered 6 questions, thanked 2 times\n2. bob: helped 1 person last week, answered 1 question\nMost improved: carol',
    );
  });

  it('GIVEN a community template in Bulgarian THEN its own words are kept and the placeholders filled in Bulgarian', () => {
    const message = renderShoutout({ data, which: 'current', template: 'Браво, екип! {{helpers}} ({{period}})', language: 'bg', t: (k, v) => translator.t('bg', k, v) });
    expect(message.text).toBe('Браво, екип! 1. alice: помогна на 4 души тази седмица, отговори на 6 въпроса, получи 2 благодарности\n2. bob: помогна на 1 човек тази седмица, отговори на 1 въпрос (тази седмица)');
  });

  it('GIVEN nobody helped THEN the post says so instead of an empty list', () => {
    const message = renderShoutout({ data: { ...data, topHelpers: [], mostImproved: [] }, which: 'previous', template: '{{helpers}} / {{improved}}', language: 'en', t: (k, v) => translator.t('en', k, v) });
    expect(message.text).toBe('nobody yet: answer a question and you could be here next time / everyone held steady');
  });

  it('GIVEN a template without {{helpers}} THEN it is reported as missing', () => {
    expect(missingPlaceholder('Thanks {{period}}')).toBe('{{helpers}}');
    expect(missingPlaceholder('Thanks {{ helpers }}')).toBeNull();
  });
});
