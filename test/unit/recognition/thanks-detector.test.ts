// Proves thank-you messages and reactions are recognised in English and Bulgarian, and look-alikes are not.
import { describe, expect, it } from 'vitest';
import { classifyReaction, detectThanks } from '../../../src/core/recognition/thanks-detector.ts';

describe('detectThanks', () => {
  it.each([
    'thanks @bob',
    'ty bob',
    'thx',
    'thank you so much!',
    'Thanks a lot, that worked',
    'cheers',
    '10x',
    'tyvm :)',
    '<@U123> thanks!',
    'ok that fixed it, thank you',
    '🙏',
  ])('GIVEN the English message %j THEN it is thanks', (text) => {
    expect(detectThanks(text)).not.toBeNull();
  });

  it.each(['благодаря @иван', 'мерси', 'благодаря ти', 'Благодаря много!', 'мерси много, стана', 'благодарско', '10х'])(
    'GIVEN the Bulgarian message %j THEN it is thanks',
    (text) => {
      expect(detectThanks(text)).not.toBeNull();
    },
  );

  it.each([
    'thanks in advance, how do I mount a usb drive?',
    'no thanks',
    'thank god it booted',
    'it works thanks to the wiki',
    'предварително благодаря, как да монтирам диск?',
    'не, благодаря',
    'thanksgiving dinner',
    'the typo was in line 3',
    'how do I install it?',
  ])('GIVEN %j THEN it is not thanks', (text) => {
    expect(detectThanks(text)).toBeNull();
  });

  it('GIVEN thanks in passing in a long message THEN it is weaker than a plain thank-you', () => {
    const passing = detectThanks('so I tried the first command and then the second one and it still fails, thanks anyway for looking');
    expect(passing?.strength).toBeLessThan(detectThanks('thanks!')?.strength ?? 0);
  });
});

describe('classifyReaction', () => {
  it.each(['pray', '🙏', 'heart', '❤️', 'pray::skin-tone-3'])('GIVEN the reaction %j THEN it is thanks', (emoji) => {
    expect(classifyReaction(emoji)).toBe('thanks');
  });

  it.each(['+1', 'thumbsup', '👍', '+1::skin-tone-2', 'white_check_mark'])('GIVEN the reaction %j THEN it is approval', (emoji) => {
    expect(classifyReaction(emoji)).toBe('approval');
  });

  it('GIVEN an unrelated reaction THEN it is other', () => {
    expect(classifyReaction('eyes')).toBe('other');
  });
});
