// Proves console and Slack command text becomes the same validated options, with clear errors.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeOptions, option } from '../../src/core/commands/options.ts';
import { assignOptions, tokenize, usageOf } from '../../src/core/commands/parse-text.ts';
import { UserError } from '../../src/core/errors.ts';

const d = { en: 'x', bg: 'х' };
const schema = z.object({
  period: option.choice(['week', 'month', 'all'], d),
  member: option.member(d),
  title: option.string(d, { rest: true }),
});
const declared = describeOptions(schema);

describe('tokenize', () => {
  it('GIVEN quoted values THEN they stay whole, straight or typographic', () => {
    expect(tokenize('title:"Beta access" 5 „две думи“')).toEqual(['title:Beta access', '5', 'две думи']);
  });
  it('GIVEN an unclosed quote THEN a UserError tells how to fix it', () => {
    expect(() => tokenize('title:"oops')).toThrow(UserError);
  });
});

describe('assignOptions', () => {
  it('GIVEN named and positional values THEN they fill options in declaration order', () => {
    expect(assignOptions(tokenize('@alice period:month'), declared, 'x')).toEqual({ period: 'month', member: '@alice' });
  });
  it('GIVEN free text for a rest option THEN it takes the remaining words', () => {
    expect(assignOptions(tokenize('week @bob early access: for you'), declared, 'x')).toEqual({ period: 'week', member: '@bob', title: 'early access: for you' });
  });
  it('GIVEN a free-text option by name THEN it takes the words after it until the next option', () => {
    expect(assignOptions(tokenize('title:early access for you period:week @bob'), declared, 'x')).toEqual({ title: 'early access for you', period: 'week', member: '@bob' });
  });
  it('GIVEN an unknown name:value with no free-text option THEN it is refused', () => {
    const strict = describeOptions(z.object({ period: option.choice(['week'], d) }));
    expect(() => assignOptions(['colour:red'], strict, 'x')).toThrow(/unknownOption/);
    expect(() => assignOptions(['week', 'extra'], strict, 'x')).toThrow(/tooManyArguments/);
  });
  it('GIVEN "name value" typed for "name:value" in a command without free text THEN it sets that option; with free text the words stay text', () => {
    const settings = describeOptions(z.object({ language: option.choice(['en', 'bg'], d), timezone: option.string(d) }));
    expect(assignOptions(tokenize('language bg'), settings, 'x')).toEqual({ language: 'bg' });
    expect(assignOptions(tokenize('timezone Europe/Sofia language bg'), settings, 'x')).toEqual({ language: 'bg', timezone: 'Europe/Sofia' });
    expect(assignOptions(tokenize('bg UTC'), settings, 'x')).toEqual({ language: 'bg', timezone: 'UTC' });
    expect(assignOptions(tokenize('week @bob title of the offer'), declared, 'x')).toEqual({ period: 'week', member: '@bob', title: 'title of the offer' });
  });
  it('GIVEN the declarations THEN usage shows required and optional options', () => {
    const withRequired = describeOptions(z.object({ who: option.requiredMember(d), period: option.choice(['week', 'all'], d) }));
    expect(usageOf('rank', withRequired)).toBe('rank who:who [period:week|all]');
  });
});

describe('option schemas', () => {
  it('GIVEN an integer option THEN text is coerced and bounds are checked', () => {
    const s = z.object({ places: option.integer(d, { min: 1, max: 100 }) });
    expect(s.parse({ places: '5' })).toEqual({ places: 5 });
    expect(s.safeParse({ places: '0' }).success).toBe(false);
    expect(s.safeParse({ places: 'many' }).success).toBe(false);
  });
  it('GIVEN a field not declared with option.* THEN describeOptions says so', () => {
    expect(() => describeOptions(z.object({ raw: z.string() }))).toThrow(/option\.\*/);
  });
});
