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

// A call for help anywhere in the message.
const HELP_RE = new RegExp(
  [
    "\\b(?:help|problem|issue|error|fails?|failing|broken|doesn'?t\\s+work|does\\s+not\\s+work|won'?t|can'?t|cannot|unable\\s+to|trying\\s+to|how\\s+(?:do|can|to)|is\\s+there\\s+(?:a|any)|any\\s*one\\s+know)\\b",
    '(?<![\\p{L}])(?:помощ|проблем|грешка|не\\s+работи|не\\s+мога|как\\s+да|има\\s+ли\\s+начин)(?![\\p{L}])',
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
  if (HELP_RE.test(lower)) score += 0.4;
  return Math.min(1, score);
};

/** Normalises a detector's answer to 0..1. */
export function questionScore(detector: QuestionDetector, text: string): number {
  const result = detector(text);
  if (typeof result === 'boolean') return result ? 1 : 0;
  return Number.isFinite(result) ? Math.max(0, Math.min(1, result)) : 0;
}
