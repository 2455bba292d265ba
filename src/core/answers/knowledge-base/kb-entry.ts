// The knowledge-base entry every part of answering shares: what the parsers return, what the
// index holds and what moderators edit with /faq.
import type { Language } from '../../language.ts';

export type { Language };

export interface KbEntry {
  /** Stable id, unique inside one knowledge base (for example "bg-delivery-time"). */
  id: string;
  question: string;
  answer: string;
  /** Other ways people ask the same thing; each one is indexed as its own document. */
  phrasings: string[];
  tags: string[];
  language: Language;
}

/** A query line of the evaluation files: `expected` is null when no entry answers it. */
export interface LabelledQuery {
  query: string;
  expected: string | null;
}
