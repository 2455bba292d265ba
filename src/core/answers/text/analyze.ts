// Text analysis shared by indexing, querying and question detection: tokenizing (Latin and
// Cyrillic), lower-casing, stop words, stemming (Porter for English, a light suffix stemmer for
// Bulgarian) and character n-grams for morphology the stemmers miss.
import { stemmer } from 'stemmer';
import type { Language } from '../knowledge-base/kb-entry.ts';
import { isStopWord } from './stop-words.ts';
import { stemBulgarian } from './stem-bulgarian.ts';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LETTER = /\p{L}/u;

/** Splits text into lower-cased words; apostrophes inside words are kept ("don't"). */
export function tokenize(text: string): string[] {
  const words = text.toLowerCase().replace(/’/g, "'").match(WORD);
  return words ?? [];
}

/** 'bg' when at least 40% of the letters are Cyrillic, otherwise 'en'. */
export function detectLanguage(text: string): Language {
  let letters = 0;
  let cyrillic = 0;
  for (const ch of text) {
    if (!LETTER.test(ch)) continue;
    letters += 1;
    if (CYRILLIC.test(ch)) cyrillic += 1;
  }
  return letters > 0 && cyrillic / letters >= 0.4 ? 'bg' : 'en';
}

/** Stems a word in the language of its script, so mixed text ("моят Gmail") works. */
export function stemWord(word: string): string {
  if (CYRILLIC.test(word)) return stemBulgarian(word);
  if (/^[a-z]+$/.test(word)) return stemmer(word);
  return word;
}

function stopLanguage(word: string): Language {
  return CYRILLIC.test(word) ? 'bg' : 'en';
}

/** Content terms of a text: tokens without stop words, stemmed. Falls back to all tokens when
 * every word is a stop word, so that "how are you" still has terms. */
export function analyzeTerms(text: string): string[] {
  const tokens = tokenize(text);
  const content = tokens.filter((t) => !isStopWord(t, stopLanguage(t)));
  return (content.length > 0 ? content : tokens).map((t) => stemWord(t.replace(/'s$/, '')));
}

/** Character n-grams of the content words, padded with word boundaries ("_дост", "ставк"). */
export function charNgrams(text: string, n = 4): string[] {
  const grams: string[] = [];
  for (const token of tokenize(text)) {
    if (isStopWord(token, stopLanguage(token))) continue;
    const padded = `_${token}_`;
    if (padded.length <= n) {
      grams.push(padded);
      continue;
    }
    for (let i = 0; i + n <= padded.length; i += 1) grams.push(padded.slice(i, i + n));
  }
  return grams;
}

