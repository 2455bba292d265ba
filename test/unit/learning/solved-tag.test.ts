// Proves which forum tag names mark a post solved: the default English and Bulgarian words whatever the emoji or case, not words that merely contain them, and the extra names of SOLVED_TAGS.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { isSolvedTag } from '../../../src/core/learning/suggestion-queue.ts';

describe('solved tags', () => {
  it('GIVEN default tag names THEN "Solved", "✅ Resolved", "Решено" and "отговорено" mark a post solved; "Unsolved", "Bug" and "Question" do not', () => {
    for (const name of ['Solved', '✅ Resolved', 'ANSWERED', 'Решено', 'отговорено', 'Решен ✔']) expect(isSolvedTag(name), name).toBe(true);
    for (const name of ['Unsolved', 'Bug', 'Question', 'Нерешено', '']) expect(isSolvedTag(name), name).toBe(false);
  });

  it('GIVEN SOLVED_TAGS=Done, Готово THEN those exact names mark a post solved too', () => {
    const { solvedTags } = loadConfig({ SOLVED_TAGS: 'Done, Готово' });
    expect(solvedTags).toEqual(['Done', 'Готово']);
    expect(isSolvedTag('done', solvedTags)).toBe(true);
    expect(isSolvedTag('Готово', solvedTags)).toBe(true);
    expect(isSolvedTag('Done soon', solvedTags)).toBe(false);
    expect(loadConfig({}).solvedTags).toEqual([]);
  });
});
