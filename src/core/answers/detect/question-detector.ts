// The one question detector: whether a message asks something, in English and Bulgarian.
// - detectQuestion(text, context): the full verdict with reasons, for a message in a watched
//   channel the knowledge base might answer (answering, routing's live check). A question mark is
//   neither necessary ("Deleting my old account.") nor sufficient (small talk, jokes, rhetoric,
//   questions addressed to a named member). A bot mention always asks.
// - defaultQuestionDetector(text): a quick score in 0..1 over openers, asking and problem cues,
//   read on every message by recognition (helpfulness), the routing model and the learning
//   thread miner; QuestionDetector is the shape recognition accepts in its place.
import type { Language } from '../knowledge-base/kb-entry.ts';
import { detectLanguage, tokenize } from '../text/analyze.ts';
import { NOT_HELP_RULES, QUESTION_RULES } from './question-rules.ts';

export interface QuestionContext {
  /** The message mentions the bot: always treated as a question. */
  mentionsBot?: boolean;
  /** The message starts by addressing another member (a mention or "name:"), as the adapter saw it. */
  addressesOther?: boolean;
  /** Display names of members of the conversation; "bob: you coming?" is then addressed to bob. */
  memberNames?: readonly string[];
  /** The message is a reply inside a thread (usually conversation with a helper). */
  isThreadReply?: boolean;
  language?: Language;
}

export interface QuestionVerdict {
  isQuestion: boolean;
  /** In [0, 1]; at least QUESTION_THRESHOLD means a question. */
  score: number;
  reasons: string[];
  language: Language;
}

export const QUESTION_THRESHOLD = 0.5;
const HEAD_CHARS = 600;

const MENTION_AT_START = /^\s*(<@[^>]+>|@[\p{L}\p{N}_.-]+)/u;
const QUESTION_MARK = /[?？;]\s*$|\?\s/u;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function addressesNamedMember(text: string, names: readonly string[]): boolean {
  // "bob: ...", "@bob, ...", "hey bob, ...", "Ей, Иване, ..."
  return names.some((name) => name.trim() !== '' && new RegExp(`^\\s*(?:(?:hey|hi|hello|yo|ей|хей|здравей|здрасти)[\\s,!]+)?@?${escapeRegExp(name.trim())}\\s*[:,!]`, 'iu').test(text));
}

export function detectQuestion(text: string, context: QuestionContext = {}): QuestionVerdict {
  const language = context.language ?? detectLanguage(text.slice(0, HEAD_CHARS));
  if (context.mentionsBot) return { isQuestion: true, score: 1, reasons: ['mentions-bot'], language };
  const reasons: string[] = [];
  let score = 0;
  const trimmed = text.trim();
  const words = tokenize(trimmed).length;
  if (QUESTION_MARK.test(trimmed)) {
    // A long sentence ending in "?" is rarely small talk; a short one often is ("really?").
    score += words >= 6 ? 0.55 : 0.45;
    reasons.push('question-mark');
  }
  // Cues are read in the first 600 characters: a question states itself early, and long pastes
  // (logs, code) would only cost time.
  const head = trimmed.slice(0, HEAD_CHARS);
  const ruleSets = [QUESTION_RULES[language], NOT_HELP_RULES[language]];
  for (const rules of ruleSets) {
    for (const rule of rules) {
      if (rule.pattern.test(head)) {
        score += rule.weight;
        reasons.push(rule.reason);
      }
    }
  }
  if (context.addressesOther || MENTION_AT_START.test(trimmed) || addressesNamedMember(trimmed, context.memberNames ?? [])) {
    score -= 1;
    reasons.push('addressed-to-member');
  }
  if (words < 3 && !reasons.includes('asks-for-help')) {
    score -= 0.3;
    reasons.push('too-short');
  }
  if (context.isThreadReply) {
    score -= 0.15;
    reasons.push('thread-reply');
  }
  const clamped = Math.max(0, Math.min(1, score));
  return { isQuestion: clamped >= QUESTION_THRESHOLD, score: Math.round(clamped * 100) / 100, reasons, language };
}

// ---- The quick score (recognition, routing model, learning thread miner) ----

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

// Recognition, routing and learning each ask about the same message in turn: the last text's
// score is kept for the next caller.
let lastText: string | undefined;
let lastScore = 0;

export const defaultQuestionDetector: QuestionDetector = (text) => {
  if (text === lastText) return lastScore;
  lastScore = scoreQuestion(text);
  lastText = text;
  return lastScore;
};

function scoreQuestion(text: string): number {
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
}

/** Normalises a detector's answer to 0..1. */
export function questionScore(detector: QuestionDetector, text: string): number {
  const result = detector(text);
  if (typeof result === 'boolean') return result ? 1 : 0;
  return Number.isFinite(result) ? Math.max(0, Math.min(1, result)) : 0;
}
