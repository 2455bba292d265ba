// Whether a message asks something. The answers feature provides the real detector; recognition
// takes any function of this shape, and this small heuristic (English and Bulgarian) is the
// default so recognition works on its own.

/** true/false, or a score in 0..1 compared with `questionThreshold`. */
export type QuestionDetector = (text: string) => boolean | number;

const MENTION_RE = /<[@#!][^>]*>/g;
const URL_RE = /https?:\/\/\S+/g;

// Openers that make a question even without "?" (IRC and chat people often drop it).
const OPENERS_RE = new RegExp(
  [
    '^(?:how|what|why|where|when|which|who|whom|whose|is|are|am|was|were|can|could|does|do|did|should|would|will|has|have|may|might|shall)\\b',
    '^(?:anyone|anybody|someone|somebody|any\\s+(?:one|idea|ideas|way|tips?|suggestions?))\\b',
    '^(?:как|какво|каква|какъв|какви|защо|къде|кога|кой|коя|кое|кои|колко|чий|дали|може\\s+ли|има\\s+ли|знае\\s+ли|някой|някоя)(?![\\p{L}])',
  ].join('|'),
  'iu',
);

// Asking for help anywhere in the message ("i just wanted to ask how can i delete X").
const ASKING_RE = new RegExp(
  [
    "\\b(?:help(?:\\s+me)?|how\\s+(?:do|can|could|should|would|to)|is\\s+there\\s+(?:a|an|any)|are\\s+there\\s+any|does\\s+any\\s*(?:one|body)|any\\s*(?:one|body)\\s+(?:know|knows|have|has|here|can|tried|use)|wanted\\s+to\\s+ask|i\\s+need\\s+(?:help|to\\s+know)|what\\s+(?:is|are|does|do|should)|why\\s+(?:is|does|do|can|won'?t|doesn'?t))\\b",
    '(?<![\\p{L}])(?:помощ|помогнете|как\\s+да|има\\s+ли\\s+начин|някой\\s+знае|знае\\s+ли\\s+някой|искам\\s+да\\s+попитам)(?![\\p{L}])',
  ].join('|'),
  'iu',
);

// Describing a problem: weaker, a report often is a request.
const PROBLEM_RE = new RegExp(
  [
    "\\b(?:problem|issue|error|fails?|failing|failed|broken|crash(?:es|ed)?|doesn'?t\\s+work|does\\s+not\\s+work|won'?t|can'?t|cannot|unable\\s+to|trying\\s+to|stuck)\\b",
    '(?<![\\p{L}])(?:проблем|грешка|не\\s+работи|не\\s+мога|не\\s+става|гърми|забива)(?![\\p{L}])',
  ].join('|'),
  'iu',
);

export const defaultQuestionDetector: QuestionDetector = (text) => {
  const clean = text.replace(MENTION_RE, ' ').replace(URL_RE, ' ').trim();
  if (clean.length < 3) return 0;
  const lower = clean.toLowerCase().replace(/^[\s,.:;!-]+/u, '');
  if (/\?\s*(?:[:;]-?[()D]|\))?\s*$/u.test(clean)) return 1;
  let score = 0;
  if (clean.includes('?')) score += 0.6;
  if (OPENERS_RE.test(lower)) score += 0.4;
  if (ASKING_RE.test(lower)) score += 0.5;
  else if (PROBLEM_RE.test(lower)) score += 0.3;
  return Math.min(1, score);
};

/** Normalises a detector's answer to 0..1. */
export function questionScore(detector: QuestionDetector, text: string): number {
  const result = detector(text);
  if (typeof result === 'boolean') return result ? 1 : 0;
  return Number.isFinite(result) ? Math.max(0, Math.min(1, result)) : 0;
}
