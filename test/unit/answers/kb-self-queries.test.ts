// Proves the knowledge base's own questions become labelled calibration questions: each phrasing asked with it left out, each entry asked with the whole entry left out, other knowledge bases' questions as off-topic.
import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES } from '../../../src/core/answers/decide/confidence.ts';
import type { KbEntry } from '../../../src/core/answers/knowledge-base/kb-entry.ts';
import { leaveOneEntryOut, leaveOnePhrasingOut, otherKbQuestions } from '../../../src/core/answers/eval/kb-self-queries.ts';

const entry = (id: string, question: string, answer: string, phrasings: string[] = []): KbEntry =>
  ({ id, question, answer, phrasings, tags: [], language: 'en' });

const kb: KbEntry[] = [
  entry('refund', 'When will I get my refund?', 'Refunds take 5 days.', ['Where is my refund money?', 'refund still not arrived']),
  entry('card', 'My card was stolen', 'Freeze the card in the app.', ['someone took my card']),
  entry('strike', 'Strikethrough with GitHub Markdown', 'GitHub Markdown draws a strikethrough for ~~tildes~~ around words.'),
];

describe('self-queries', () => {
  it('GIVEN entries with phrasings THEN every question and phrasing is asked once, labelled with its entry, and the held-out phrasing is not in the index', () => {
    const out = leaveOnePhrasingOut(kb);
    expect(out).toHaveLength(3 + 2 + 1);
    expect(out.every((o) => o.kind === 'phrasing-out')).toBe(true);
    expect(out.filter((o) => o.expected === 'refund')).toHaveLength(3);
    // "refund still not arrived" is found through the other refund phrasings, not through itself.
    expect(out.filter((o) => o.expected === 'refund').every((o) => o.top === 'refund')).toBe(true);
  });

  it('GIVEN an entry asked in one way only THEN it is asked with only its answer left', () => {
    const strike = leaveOnePhrasingOut(kb).filter((o) => o.expected === 'strike');
    expect(strike).toHaveLength(1);
    expect(strike[0]?.top).toBe('strike');
    expect(strike[0]?.features[FEATURE_NAMES.indexOf('answerOnly')]).toBe(1);
  });

  it('GIVEN a whole entry left out THEN its question is labelled out of scope and never answered by itself', () => {
    const out = leaveOneEntryOut(kb);
    expect(out.map((o) => o.expected)).toEqual([null, null, null]);
    expect(out.every((o) => o.kind === 'entry-out')).toBe(true);
  });

  it('GIVEN another knowledge base THEN its questions and phrasings are asked here as out of scope', () => {
    const out = otherKbQuestions(kb, [entry('x', 'How do I reset my router?', 'Hold the button.', ['router reset'])]);
    expect(out).toEqual([expect.objectContaining({ kind: 'other-kb', expected: null }), expect.objectContaining({ kind: 'other-kb', expected: null })]);
  });
});
