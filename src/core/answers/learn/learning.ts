// What Rapport learns from the askers' votes, and nothing more (only the asker knows whether their
// question was answered; other members' votes are stored for moderators but teach nothing):
// - "This helped" from the asker adds their question, as they worded it, to the entry's phrasings,
//   so the next person who asks that way matches it directly (at most MAX_PHRASINGS per entry, and
//   only questions up to MAX_PHRASING_CHARS long).
//   A moderator does the same for any question with /faq adopt id:N entry:KEY.
// - "Didn't help" from the asker lowers that entry's confidence for similar questions (content
//   words overlapping by at least SIMILARITY, Jaccard) by PENALTY_PER_VOTE per such vote, at most
//   MAX_PENALTY_VOTES votes: repeated misses silence the entry for that kind of question while
//   other questions it answers are untouched. Changing the vote undoes its effect.
import { analyzeTerms, type KbEntry } from '../index.ts';
import type { NegativeFeedback } from '../storage/ports.ts';
import { normalizeQuestion } from '../text/question-text.ts';

export const LEARNING = {
  PENALTY_PER_VOTE: 0.15,
  MAX_PENALTY_VOTES: 3,
  SIMILARITY: 0.5,
  MAX_PHRASINGS: 50,
  /** Longer questions carry their own story (logs, context) and would match too much. */
  MAX_PHRASING_CHARS: 300,
} as const;

/** Askers' "Didn't help" votes per entry, as content-term sets. */
export type FeedbackMemory = Map<string, Array<Set<string>>>;

export function buildFeedbackMemory(negatives: readonly NegativeFeedback[]): FeedbackMemory {
  const memory: FeedbackMemory = new Map();
  for (const { entryKey, question } of negatives) {
    const list = memory.get(entryKey) ?? [];
    list.push(new Set(analyzeTerms(question)));
    memory.set(entryKey, list);
  }
  return memory;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** How much to subtract from the entry's confidence for this question (0 when no similar miss). */
export function penaltyFor(memory: FeedbackMemory, entryKey: string, question: string): number {
  const misses = memory.get(entryKey);
  if (!misses || misses.length === 0) return 0;
  const terms = new Set(analyzeTerms(question));
  let similar = 0;
  for (const miss of misses) if (jaccard(terms, miss) >= LEARNING.SIMILARITY) similar += 1;
  return Math.min(similar, LEARNING.MAX_PENALTY_VOTES) * LEARNING.PENALTY_PER_VOTE;
}

const sameText = (a: string, b: string) => normalizeQuestion(a) === normalizeQuestion(b);

/** The entry with `question` added as a phrasing, or null when it is already there or full. */
export function withPhrasing(entry: KbEntry, question: string): KbEntry | null {
  const text = question.trim();
  if (text === '' || text.length > LEARNING.MAX_PHRASING_CHARS || sameText(entry.question, text) || entry.phrasings.some((p) => sameText(p, text))) return null;
  if (entry.phrasings.length >= LEARNING.MAX_PHRASINGS) return null;
  return { ...entry, phrasings: [...entry.phrasings, text] };
}

/** The entry without the phrasing equal to `question`, or null when it has none. */
export function withoutPhrasing(entry: KbEntry, question: string): KbEntry | null {
  const kept = entry.phrasings.filter((p) => !sameText(p, question));
  return kept.length === entry.phrasings.length ? null : { ...entry, phrasings: kept };
}
