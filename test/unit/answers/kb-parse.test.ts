// Proves the knowledge-base parsers (JSON, Markdown, CSV) return clean entries and reject bad files naming the line or entry.
import { describe, expect, it } from 'vitest';
import { parseKbJson } from '../../../src/core/answers/knowledge-base/kb-parse-json.ts';
import { parseKbMarkdown } from '../../../src/core/answers/knowledge-base/kb-parse-markdown.ts';
import { parseKbCsv } from '../../../src/core/answers/knowledge-base/kb-parse-csv.ts';
import { kbFormatOf, parseKb } from '../../../src/core/answers/knowledge-base/kb-parse.ts';
import { KbImportError } from '../../../src/core/answers/knowledge-base/kb-import-error.ts';

function failure(parse: () => unknown): KbImportError {
  try {
    parse();
  } catch (error) {
    if (error instanceof KbImportError) return error;
    throw error;
  }
  throw new Error('expected the parser to throw');
}

describe('JSON knowledge base', () => {
  it('GIVEN the shared-data format THEN entries get the file language, empty tags and their phrasings', () => {
    const entries = parseKbJson(JSON.stringify({ name: 'x', language: 'bg', entries: [
      { id: 'bg-a', question: 'Колко струва доставката?', answer: 'Безплатна.', phrasings: ['Цена на доставка'] },
      { id: 'b', question: 'Q?', answer: 'A', tags: ['t'], language: 'en' },
    ] }));
    expect(entries).toEqual([
      { id: 'bg-a', question: 'Колко струва доставката?', answer: 'Безплатна.', phrasings: ['Цена на доставка'], tags: [], language: 'bg' },
      { id: 'b', question: 'Q?', answer: 'A', phrasings: [], tags: ['t'], language: 'en' },
    ]);
  });

  it('GIVEN broken JSON THEN the error says it is not valid JSON', () => {
    expect(failure(() => parseKbJson('{"entries": [')).problem.code).toBe('bad_json');
  });

  it('GIVEN an entry without an answer THEN the error names the entry and the field', () => {
    const error = failure(() => parseKbJson('{"entries":[{"id":"a","question":"Q","answer":"A"},{"id":"b","question":"Q2"}]}'));
    expect(error.where.entry).toBe('#2 "b"');
    expect(error.problem).toEqual({ code: 'missing_field', field: 'answer' });
    expect(error.message).toContain('entry #2 "b"');
    expect(error.describe('bg')).toContain('запис #2 "b"');
  });

  it('GIVEN two entries with the same id THEN the import fails naming the duplicate', () => {
    const error = failure(() => parseKbJson('{"entries":[{"id":"a","question":"Q","answer":"A"},{"id":"a","question":"Q2","answer":"B"}]}'));
    expect(error.problem).toEqual({ code: 'duplicate_id', id: 'a' });
  });

  it('GIVEN phrasings that are not a list of texts THEN the error says what type is expected', () => {
    const error = failure(() => parseKbJson('{"entries":[{"id":"a","question":"Q","answer":"A","phrasings":"x"}]}'));
    expect(error.problem).toEqual({ code: 'bad_type', field: 'phrasings', expected: 'list of texts' });
  });

  it('GIVEN an unsupported language THEN the import fails', () => {
    expect(failure(() => parseKbJson('{"entries":[{"id":"a","question":"Q","answer":"A","language":"de"}]}')).problem.code).toBe('bad_language');
  });

  it('GIVEN no entries THEN the import fails', () => {
    expect(failure(() => parseKbJson('{"entries":[]}')).problem.code).toBe('no_entries');
  });
});

describe('Markdown knowledge base', () => {
  const good = [
    '# Shop FAQ',
    '',
    '## How do I reset my password?',
    '- I forgot my password',
    "- Can't log in",
    'tags: account, login',
    'id: password-reset',
    '',
    'Click **Forgot password** on the sign-in page.',
    '',
    '- It sends a link.',
    '',
    '## Колко струва доставката?',
    '',
    'Безплатна над 50 лв.',
  ].join('\n');

  it('GIVEN one entry per heading THEN phrasings, tags, id and a multi-paragraph answer are read', () => {
    const [first, second] = parseKbMarkdown(good);
    expect(first).toEqual({
      id: 'password-reset', question: 'How do I reset my password?', phrasings: ['I forgot my password', "Can't log in"],
      tags: ['account', 'login'], language: 'en', answer: 'Click **Forgot password** on the sign-in page.\n\n- It sends a link.',
    });
    expect(second).toMatchObject({ id: 'колко-струва-доставката', language: 'bg', answer: 'Безплатна над 50 лв.', phrasings: [] });
  });

  it('GIVEN text before the first heading THEN the error names line 1', () => {
    const error = failure(() => parseKbMarkdown('Some intro\n## Q\n\nA'));
    expect(error.where.line).toBe(1);
    expect(error.problem.code).toBe('text_before_heading');
  });

  it('GIVEN a heading without an answer THEN the error names its line and question', () => {
    const error = failure(() => parseKbMarkdown('## Q1\n\nA1\n\n## Q2\n- other\n'));
    expect(error.where).toEqual({ line: 5, entry: 'Q2' });
    expect(error.problem).toEqual({ code: 'missing_field', field: 'answer' });
  });

  it('GIVEN a "## " line inside a code block THEN it stays part of the answer', () => {
    const [entry] = parseKbMarkdown('## Q\n\n```\n## not a heading\n```\n');
    expect(entry?.answer).toBe('```\n## not a heading\n```');
  });
});

describe('CSV knowledge base', () => {
  it('GIVEN a header row and quoted values THEN phrasings and tags split on "|" and multi-line answers survive', () => {
    const entries = parseKbCsv('question,answer,phrasings,tags,id\n"How, really?","Line 1\nLine ""2""",a|b,x|y,q1\nQ2,A2,,,\n');
    expect(entries).toEqual([
      { id: 'q1', question: 'How, really?', answer: 'Line 1\nLine "2"', phrasings: ['a', 'b'], tags: ['x', 'y'], language: 'en' },
      { id: 'q2', question: 'Q2', answer: 'A2', phrasings: [], tags: [], language: 'en' },
    ]);
  });

  it('GIVEN semicolons as separators THEN the file is read the same way', () => {
    expect(parseKbCsv('question;answer\nКак да платя?;С карта\n')[0]).toMatchObject({ question: 'Как да платя?', answer: 'С карта', language: 'bg' });
  });

  it('GIVEN a row with an extra column THEN the error names its line', () => {
    const error = failure(() => parseKbCsv('question,answer\nQ1,A1\n\nQ2,A2,extra\n'));
    expect(error.where.line).toBe(4);
    expect(error.problem).toEqual({ code: 'column_count', expected: 2, found: 3 });
  });

  it('GIVEN a header without an answer column THEN the error says which column is missing', () => {
    expect(failure(() => parseKbCsv('question,phrasings\nQ,a\n')).problem).toEqual({ code: 'bad_header', missing: 'answer' });
  });

  it('GIVEN an unknown column THEN the import fails naming it', () => {
    expect(failure(() => parseKbCsv('question,answer,colour\nQ,A,red\n')).problem).toEqual({ code: 'unknown_column', column: 'colour' });
  });

  it('GIVEN a quote that is never closed THEN the error names the line the row starts on', () => {
    const error = failure(() => parseKbCsv('question,answer\nQ1,A1\nQ2,"open\nmore\n'));
    expect(error).toMatchObject({ where: { line: 3 }, problem: { code: 'unclosed_quote' } });
  });

  it('GIVEN an empty answer cell THEN the error names the line and field', () => {
    expect(failure(() => parseKbCsv('question,answer\nQ1,\n'))).toMatchObject({ where: { line: 2 }, problem: { code: 'missing_field', field: 'answer' } });
  });
});

describe('format choice', () => {
  it('GIVEN file names THEN the format follows the extension', () => {
    expect(kbFormatOf('faq.JSON')).toBe('json');
    expect(kbFormatOf('faq.md')).toBe('markdown');
    expect(kbFormatOf('faq.csv')).toBe('csv');
    expect(kbFormatOf('faq.txt')).toBeNull();
    expect(parseKb('question,answer\nQ,A\n', 'csv')).toHaveLength(1);
  });
});
