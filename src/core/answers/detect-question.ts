// Decides whether a message in a watched channel asks something the knowledge base might
// answer. A question mark is neither necessary ("Deleting my old account.") nor sufficient
// (small talk, jokes, rhetoric, questions addressed to a named member). A bot mention always asks.
import type { Language } from './kb-entry.ts';
import { detectLanguage, tokenize } from './analyze.ts';
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
