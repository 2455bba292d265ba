// The one question detector, English and Bulgarian: one table of cues (question-rules.ts), one
// score, two answers.
// - asksForHelp (scoreQuestion, the text alone): does this message ask something or ask for help?
//   Recognition (helpfulness), the routing model and the learning thread miner read it on every
//   message. A question addressed to a named member still asks: for them it is someone asking.
// - isQuestion (detectQuestion, the same score and then the context): should the bot consider
//   answering it? A question addressed to another member, a very short one, a reply in a thread
//   weigh against; a mention of the bot always asks. Answering and routing's live check read it.
// A question mark is neither necessary ("Deleting my old account.") nor sufficient (small talk,
// jokes, rhetoric). QuestionDetector is the shape recognition accepts in place of asksForHelp
// (tests and evaluations pass their own).
import type { Language } from '../knowledge-base/kb-entry.ts';
import { detectLanguage, tokenize } from '../text/analyze.ts';
import { CUE_RULES } from './question-rules.ts';

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

/** What the text alone says. */
export interface QuestionScore {
  /** In [0, 1]; at least QUESTION_THRESHOLD (or a feature's own threshold) means the message asks. */
  asksForHelp: number;
  /** The cues that matched (question-rules.ts reasons). */
  reasons: readonly string[];
  language: Language;
  words: number;
}

export interface QuestionVerdict {
  /** Whether the bot should consider answering: `score` is at least QUESTION_THRESHOLD. */
  isQuestion: boolean;
  /** asksForHelp after the context penalties, in [0, 1]. */
  score: number;
  /** The text alone, before the context (see QuestionScore). */
  asksForHelp: number;
  reasons: string[];
  language: Language;
}

export const QUESTION_THRESHOLD = 0.5;
// Cues are read in the first 600 characters: a question states itself early, and long pastes
// (logs, code) would only cost time.
const HEAD_CHARS = 600;

// Mentions and links are not words of the question ("<@U1> how do I ...?" asks how); a leading
// "@name," is an address, not the start of the sentence.
const MENTION = /<[@#!][^>]*>/g;
const URL = /https?:\/\/\S+/g;
const LEADING_ADDRESS = /^\s*@[\p{L}\p{N}_.-]+\s*[:,]?/u;
const MENTION_AT_START = /^\s*(<@[^>]+>|@[\p{L}\p{N}_.-]+)/u;
const CYRILLIC = /[\u0400-\u04FF]/u;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function addressesNamedMember(text: string, names: readonly string[]): boolean {
  // "bob: ...", "@bob, ...", "hey bob, ...", "Ей, Иване, ..."
  return names.some((name) => name.trim() !== '' && new RegExp(`^\\s*(?:(?:hey|hi|hello|yo|ей|хей|здравей|здрасти)[\\s,!]+)?@?${escapeRegExp(name.trim())}\\s*[:,!]`, 'iu').test(text));
}

function round(score: number): number {
  return Math.round(Math.max(0, Math.min(1, score)) * 100) / 100;
}

function computeScore(text: string, language?: Language): QuestionScore {
  const clean = text.replace(MENTION, ' ').replace(URL, ' ').replace(LEADING_ADDRESS, ' ').trim();
  const head = clean.slice(0, HEAD_CHARS);
  // Most messages have no Cyrillic letter at all: no need to count letters then.
  const lang = language ?? (CYRILLIC.test(head) ? detectLanguage(head) : 'en');
  const words = tokenize(clean).length;
  // "?" or "??" alone asks nothing anyone could answer (a nudge, or a reaction).
  if (words === 0) return { asksForHelp: 0, reasons: ['no-words'], language: lang, words };
  const reasons: string[] = [];
  let score = 0;
  for (const rule of CUE_RULES[lang]) {
    if (rule.pattern.test(rule.whole ? clean : head)) {
      score += rule.weight;
      reasons.push(rule.reason);
    }
  }
  return { asksForHelp: round(score), reasons, language: lang, words };
}

// Recognition, routing and learning each ask about the same message in turn (and answering may
// too): the last text's score is kept for the next caller.
let lastText: string | undefined;
let lastScore: QuestionScore | undefined;

/** The score of the text alone (no context): whether it asks something or asks for help. */
export function scoreQuestion(text: string, language?: Language): QuestionScore {
  if (language !== undefined) return computeScore(text, language);
  if (text === lastText && lastScore) return lastScore;
  lastScore = computeScore(text);
  lastText = text;
  return lastScore;
}

/** The same score, then the context: should the bot consider answering this message? */
export function detectQuestion(text: string, context: QuestionContext = {}): QuestionVerdict {
  const base = scoreQuestion(text, context.language);
  const { asksForHelp, language } = base;
  if (context.mentionsBot) return { isQuestion: true, score: 1, asksForHelp, reasons: ['mentions-bot'], language };
  const reasons = [...base.reasons];
  // The penalties apply to the score in [0, 1]: however many cues a question to bob has, it stays bob's.
  let score = asksForHelp;
  const trimmed = text.trim();
  if (context.addressesOther || MENTION_AT_START.test(trimmed) || addressesNamedMember(trimmed, context.memberNames ?? [])) {
    score -= 1;
    reasons.push('addressed-to-member');
  }
  if (base.words < 3 && !reasons.includes('asks-for-help')) {
    score -= 0.3;
    reasons.push('too-short');
  }
  if (context.isThreadReply) {
    score -= 0.15;
    reasons.push('thread-reply');
  }
  const rounded = round(score);
  return { isQuestion: rounded >= QUESTION_THRESHOLD, score: rounded, asksForHelp, reasons, language };
}

/** true/false, or a score in 0..1 compared with `questionThreshold`. */
export type QuestionDetector = (text: string) => boolean | number;

/** The built-in detector: asksForHelp of scoreQuestion. */
export const defaultQuestionDetector: QuestionDetector = (text) => scoreQuestion(text).asksForHelp;

/** Normalises a detector's answer to 0..1. */
export function questionScore(detector: QuestionDetector, text: string): number {
  const result = detector(text);
  if (typeof result === 'boolean') return result ? 1 : 0;
  return Number.isFinite(result) ? Math.max(0, Math.min(1, result)) : 0;
}
