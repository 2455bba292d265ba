// Proves community synonym groups are read strictly (bad groups and files are refused whole) and widen a search only once a group is added, in English and Bulgarian, through the index's own stemming.
import { describe, expect, it } from 'vitest';
import { analyzeTerms } from '../../../src/core/answers/text/analyze.ts';
import { createAnswerIndex } from '../../../src/core/answers/search/answer-index.ts';
import type { KbEntry } from '../../../src/core/answers/knowledge-base/kb-entry.ts';
import { parseSynonymFile, parseSynonymGroup, SYNONYM_LIMITS, synonymGroupKey } from '../../../src/core/answers/knowledge-base/synonym-parse.ts';
import { createSynonymTable } from '../../../src/core/answers/knowledge-base/synonyms.ts';
import { UserError } from '../../../src/core/errors.ts';

const entry = (id: string, question: string, answer: string, language: 'en' | 'bg' = 'en'): KbEntry => ({ id, question, answer, phrasings: [], tags: [], language });

const kb: KbEntry[] = [
  entry('refund', 'How long does a refund take?', 'Refunds reach your card within 5 working days.'),
  entry('shipping', 'Which carriers do you ship with?', 'We ship with DHL and the national post.'),
  entry('warranty', 'How long is the warranty?', 'Two years on every device.'),
  entry('bg-refund', 'Кога ще получа възстановяване на сумата?', 'Сумата се връща по картата до 5 работни дни.', 'bg'),
  entry('bg-hours', 'Какво е работното време на магазина?', 'От 9 до 18 часа в делнични дни.', 'bg'),
];

function errorKey(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error.key;
    throw error;
  }
  return 'no error';
}

describe('parseSynonymGroup', () => {
  it('GIVEN words separated by commas THEN they are trimmed, lower-cased and kept once', () => {
    expect(parseSynonymGroup(' Refund,  money   back ,възстановяване, refund')).toEqual(['refund', 'money back', 'възстановяване']);
  });

  it('GIVEN bad groups THEN each is refused with its own message key', () => {
    expect(errorKey(() => parseSynonymGroup(' , ,'))).toBe('synonyms.bad.empty');
    expect(errorKey(() => parseSynonymGroup('refund'))).toBe('synonyms.bad.oneWord');
    // The same word in two forms is one word to the index (the same stem).
    expect(errorKey(() => parseSynonymGroup('delete, deleting'))).toBe('synonyms.bad.oneWord');
    expect(errorKey(() => parseSynonymGroup(Array.from({ length: SYNONYM_LIMITS.maxMembers + 1 }, (_, i) => `word${i}`).join(',')))).toBe('synonyms.bad.tooMany');
    expect(errorKey(() => parseSynonymGroup(`refund, ${'x'.repeat(SYNONYM_LIMITS.maxMemberChars + 1)}`))).toBe('synonyms.bad.tooLong');
    expect(errorKey(() => parseSynonymGroup('refund, ???'))).toBe('synonyms.bad.noLetters');
    expect(errorKey(() => parseSynonymGroup('refund, please give me all of my money back'))).toBe('synonyms.bad.tooManyWords');
  });

  it('GIVEN two spellings of one group THEN they share a key', () => {
    expect(synonymGroupKey(['Refund', 'money back'])).toBe(synonymGroupKey(['money back', 'refund']));
  });
});

describe('parseSynonymFile', () => {
  it('GIVEN one group per line with comments and blank lines THEN every group is read', () => {
    expect(parseSynonymFile('# our words\nrefund, money back\n\nдоставка; пратка\r\n')).toEqual([['refund', 'money back'], ['доставка', 'пратка']]);
  });

  it('GIVEN a file with one bad line THEN the whole file is refused and the error names the line', () => {
    let caught: unknown;
    try {
      parseSynonymFile('refund, money back\nwarranty\nshop, store');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).key).toBe('synonyms.badLine.oneWord');
    expect((caught as UserError).vars).toMatchObject({ line: 2 });
  });

  it('GIVEN an empty or binary file THEN it is refused', () => {
    expect(errorKey(() => parseSynonymFile('# nothing\n\n'))).toBe('synonyms.file.empty');
    expect(errorKey(() => parseSynonymFile('a\u0000b'))).toBe('synonyms.file.binary');
  });
});

describe('synonyms in the answer index', () => {
  it('GIVEN an English query in words the knowledge base lacks WHEN the group is added THEN the entry is found, and only then', () => {
    const query = 'when do I get my money back?';
    const without = createAnswerIndex(kb).search(query)[0];
    expect(without?.entry.id).not.toBe('refund');
    const groups = [parseSynonymGroup('refund, money back')];
    const withGroup = createAnswerIndex(kb, { synonyms: groups }).search(query)[0];
    expect(withGroup?.entry.id).toBe('refund');
  });

  it('GIVEN a Bulgarian query in another inflection WHEN the group is added THEN the entry is found, and only then', () => {
    // "парите" is not in the knowledge base; the group's "възстановяване" is stemmed like the index.
    const query = 'Кога ще видя парите си?';
    expect(createAnswerIndex(kb).search(query, { language: 'bg' })[0]?.entry.id).not.toBe('bg-refund');
    const index = createAnswerIndex(kb, { synonyms: [parseSynonymGroup('пари, възстановяване')] });
    expect(index.search(query, { language: 'bg' })[0]?.entry.id).toBe('bg-refund');
  });

  it('GIVEN a phrase member THEN it expands only when all its words are in the query', () => {
    const table = createSynonymTable([['refund', 'money back']]);
    expect([...table.expand(analyzeTerms('money back')).added]).toEqual(analyzeTerms('refund'));
    expect([...table.expand(analyzeTerms('money')).added]).toEqual([]);
    expect([...table.expand(analyzeTerms('refund')).added]).toEqual(analyzeTerms('money back'));
  });
});
