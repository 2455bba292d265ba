// Keywords a feedback item is grouped by: the stemmed content words of the message (the answers
// engine's analysis, English Porter and a Bulgarian suffix stemmer) without the words every piece
// of feedback shares ("please", "add", "great", "new", "добавете") and without the brand's own names.
import { analyzeTerms, stemWord, tokenize } from '../answers/text/analyze.ts';

const GENERIC = [
  'please', 'add', 'would', 'could', 'should', 'nice', 'great', 'good', 'awesome', 'love', 'like', 'feature', 'request', 'wish', 'want', 'need',
  'really', 'just', 'also', 'still', 'thing', 'things', 'work', 'works', 'working', 'broken', 'terrible', 'awful', 'hate', 'best', 'make', 'get',
  'thank', 'thanks', 'app', 'product', 'use', 'using', 'time', 'again', 'support', 'can', 'way', 'help', 'much', 'lot', 'since', 'today', 'new',
  'моля', 'добавете', 'добави', 'хубаво', 'добре', 'супер', 'страхотно', 'искам', 'има', 'няма', 'може', 'много', 'работи', 'трябва',
  'би', 'било', 'ще', 'пак', 'вече', 'още', 'защо', 'липсва', 'благодаря', 'мерси', 'приложението', 'нещо', 'нов', 'нова', 'новата', 'новия',
];

/** Stems of the words every piece of feedback shares; theme-phrases.ts leaves them out of phrases too. */
export const GENERIC_STEMS: ReadonlySet<string> = new Set(GENERIC.map((w) => stemWord(w)));

export function feedbackKeywords(text: string, brandNames: readonly string[] = [], max = 8): string[] {
  const brandStems = new Set(brandNames.flatMap((name) => tokenize(name).map((w) => stemWord(w))));
  const out: string[] = [];
  for (const term of analyzeTerms(text.replace(/<[^>]*>|https?:\/\/\S+/g, ' '))) {
    if (term.length < 3 || /^\d+$/.test(term) || GENERIC_STEMS.has(term) || brandStems.has(term) || out.includes(term)) continue;
    out.push(term);
    if (out.length === max) break;
  }
  return out;
}
