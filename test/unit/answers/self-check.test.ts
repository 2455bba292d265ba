// Proves the self-check a community's imported knowledge base gets asks its own questions with each one (and each entry) left out, counts what the threshold would answer, and suggests a threshold by the shipped rule, with no labelled questions.
import { describe, expect, it } from 'vitest';
import type { KbEntry } from '../../../src/core/answers/knowledge-base/kb-entry.ts';
import { selfCheck } from '../../../src/core/answers/decide/self-check.ts';

const entry = (id: string, question: string, answer: string, phrasings: string[] = []): KbEntry => ({ id, question, answer, phrasings, tags: [], language: 'en' });

const kb: KbEntry[] = [
  entry('password', 'How do I reset my password?', 'Open Settings, then Security, then Reset password.', ['I forgot my password', 'password reset link does not arrive']),
  entry('invoice', 'Where can I download my invoices?', 'Billing > Invoices lists every invoice as a PDF.', ['get a copy of my invoice']),
  entry('delete', 'How do I delete my account?', 'Settings > Account > Delete account removes everything within 30 days.'),
];

describe('selfCheck', () => {
  it('GIVEN a knowledge base THEN every question and phrasing is asked with it left out, and every entry with itself taken out', () => {
    const check = selfCheck(kb, { threshold: 0.7 });
    expect(check).not.toBeNull();
    expect(check!.questions).toBe(6);
    expect(check!.leftOut).toBe(3);
    expect(check!.right).toBeLessThanOrEqual(check!.answered);
    expect(check!.answered).toBeLessThanOrEqual(check!.questions);
    expect([0.5, 0.6, 0.7, 0.8, 0.9]).toContain(check!.suggested);
  });

  it('GIVEN a threshold of 0 THEN every self-question with a candidate counts as answered; at 1 none does', () => {
    const all = selfCheck(kb, { threshold: 0 })!;
    const none = selfCheck(kb, { threshold: 1 })!;
    expect(all.answered).toBeGreaterThan(0);
    expect(all.leftOutAnswered).toBeGreaterThan(0);
    expect(none.answered).toBe(0);
    expect(none.leftOutAnswered).toBe(0);
  });

  it('GIVEN fewer than two entries THEN there is nothing to check', () => {
    expect(selfCheck(kb.slice(0, 1), { threshold: 0.7 })).toBeNull();
  });
});
