// Small text helpers of the answering feature: the grouping key of a question (the same question
// asked again lands in the same unanswered group), the text searched (mentions removed), and a
// readable key for a new knowledge-base entry.
import { tokenize } from '../index.ts';

/** Lower-case words of a question joined by spaces: punctuation, case and spacing do not split groups. */
export function normalizeQuestion(text: string): string {
  return tokenize(text).join(' ').slice(0, 500);
}

/** The question without platform mentions ("<@U1>", "<@!1>", "@rapport"): they are not search words. */
export function searchTextOf(text: string, mentionsBot: boolean): string {
  const withoutTags = text.replace(/<[@#][!&]?[^>\s]+>/g, ' ');
  // Console and plain-text mentions ("@rapport how do I ...") only when the bot was mentioned,
  // so an address such as "@bob" in a question keeps counting as a word otherwise.
  const cleaned = mentionsBot ? withoutTags.replace(/(^|\s)@[\p{L}\p{N}_.-]+/gu, ' ') : withoutTags;
  return cleaned.replace(/\s+/g, ' ').trim();
}

const KEY = /^\S{1,100}$/;

export function isValidKey(key: string): boolean {
  return KEY.test(key);
}

/** "How do I reset my password?" -> "how-do-i-reset-my-password"; "-2", "-3"... when taken. */
export async function uniqueKey(question: string, taken: (key: string) => Promise<boolean>): Promise<string> {
  const base = tokenize(question).slice(0, 6).join('-').slice(0, 60).replace(/-+$/, '') || 'faq';
  if (!(await taken(base))) return base;
  for (let n = 2; n < 1000; n += 1) {
    if (!(await taken(`${base}-${n}`))) return `${base}-${n}`;
  }
  return `${base}-${Date.now().toString(36)}`;
}
