// The phrases a piece of feedback is about, for grouping it into themes: pairs of content words
// written together, next to each other or with one word between (stop words, the words every piece of feedback shares, words of feeling and the
// brand's names left out; a comma or a full stop ends a run), stemmed with the answers engine's English and Bulgarian
// stemmers so "dark mode" and "darker modes", "тъмна тема" and "тъмната тема" are one phrase. A
// phrase's key ignores word order ("CSV export" = "export to CSV"). A community synonym group
// (/faq synonyms, e.g. "dark mode, тъмна тема") becomes one concept wherever a member of it is
// written, so the same theme in English and Bulgarian is one theme.
import { stemWord } from '../answers/text/analyze.ts';
import { isStopWord } from '../answers/text/stop-words.ts';
import type { SynonymGroup } from '../answers/knowledge-base/synonyms.ts';
import { PRAISE, STRONG_COMPLAINT } from './cues.ts';
import { GENERIC_STEMS } from './feedback-keywords.ts';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const BREAK = /[.!?;:,()\n]/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

export interface Phrase {
  /** Order-free key: sorted stems, or "≡<group>" for a synonym group. */
  key: string;
  /** The words as written (lower-cased), from the first to the last word of the phrase. */
  surface: string;
  /** Where it starts in the text (earlier phrases are usually the subject). */
  at: number;
  /** Content words in it (a synonym group counts as one): 1 for a synonym alone, else 2. */
  size: number;
  language: 'en' | 'bg';
}

interface Token {
  stem: string;
  start: number;
  end: number;
  /** Set when the token stands for a synonym group, and how many words it was written with. */
  group?: number;
  words?: number;
}

export interface PhraseOptions {
  synonyms?: readonly SynonymGroup[];
  brandNames?: readonly string[];
}

/** Stems of each member of each group, longest members first (so "dark mode" wins over "mode"). */
function synonymMembers(groups: readonly SynonymGroup[]): Array<{ group: number; stems: string[] }> {
  const members: Array<{ group: number; stems: string[] }> = [];
  groups.forEach((group, g) => {
    for (const words of group) {
      const stems = contentTokens(words, new Set()).map((t) => t.stem);
      if (stems.length > 0) members.push({ group: g, stems });
    }
  });
  return members.sort((a, b) => b.stems.length - a.stems.length);
}

/** Every word of a run: content words (with their stems), stop words (kept in a label: "export
 * to csv") and the rest (left out of labels too: "really", "terrible", the brand). */
function words(text: string, brand: ReadonlySet<string>): Array<Token & { word: string; kind: 'content' | 'stop' | 'drop' }> {
  const out: Array<Token & { word: string; kind: 'content' | 'stop' | 'drop' }> = [];
  for (const match of text.toLowerCase().replace(/’/g, "'").matchAll(WORD)) {
    const word = match[0];
    const at = { word, start: match.index, end: match.index + word.length };
    const language = CYRILLIC.test(word) ? 'bg' : 'en';
    if (isStopWord(word, language)) {
      out.push({ ...at, stem: word, kind: 'stop' });
      continue;
    }
    const stem = stemWord(word.replace(/'s$/, ''));
    // Feelings ("terrible", "страхотно") say how, not what: they make no theme.
    const drop = word.length < 3 || /^\d+$/.test(word) || GENERIC_STEMS.has(stem) || brand.has(stem) || PRAISE.test(word) || STRONG_COMPLAINT.test(word);
    out.push({ ...at, stem, kind: drop ? 'drop' : 'content' });
  }
  return out;
}

function contentTokens(text: string, brand: ReadonlySet<string>): Token[] {
  return words(text, brand).filter((w) => w.kind === 'content');
}

/** Runs of text between sentence breaks, with their offsets. */
function runs(text: string): Array<{ text: string; offset: number }> {
  const out: Array<{ text: string; offset: number }> = [];
  let start = 0;
  for (let i = 0; i <= text.length; i += 1) {
    if (i === text.length || BREAK.test(text[i]!)) {
      if (i > start) out.push({ text: text.slice(start, i), offset: start });
      start = i + 1;
    }
  }
  return out;
}

export function createPhraseExtractor(options: PhraseOptions = {}): (text: string) => Phrase[] {
  const members = synonymMembers(options.synonyms ?? []);
  const brand = new Set((options.brandNames ?? []).flatMap((name) => contentTokens(name, new Set()).map((t) => t.stem)));
  return (text) => {
    const clean = text.replace(/<[^>]*>|https?:\/\/\S+/g, (m) => ' '.repeat(m.length));
    const phrases: Phrase[] = [];
    for (const run of runs(clean)) {
      const all = words(run.text, brand).map((t) => ({ ...t, start: t.start + run.offset, end: t.end + run.offset }));
      const tokens: Token[] = all.filter((w) => w.kind === 'content');
      // Replace each written synonym (its stems in a row) by one token standing for its group.
      const merged: Token[] = [];
      for (let i = 0; i < tokens.length; ) {
        const hit = members.find((m) => m.stems.every((s, k) => tokens[i + k]?.stem === s));
        if (hit) {
          merged.push({ stem: `≡${hit.group}`, start: tokens[i]!.start, end: tokens[i + hit.stems.length - 1]!.end, group: hit.group, words: hit.stems.length });
          i += hit.stems.length;
        } else {
          merged.push(tokens[i]!);
          i += 1;
        }
      }
      const surface = (from: Token, to: Token) =>
        all
          .filter((w) => w.start >= from.start && w.end <= to.end && w.kind !== 'drop')
          .map((w) => w.word)
          .join(' ');
      const languageOf = (s: string): 'en' | 'bg' => (CYRILLIC.test(s) ? 'bg' : 'en');
      merged.forEach((token, i) => {
        // A synonym written as a phrase ("dark mode", "тъмна тема") is a phrase on its own; a
        // one-word synonym ("export, експорт") only inside a pair, as any word is.
        if (token.group !== undefined && token.words! > 1) {
          const written = surface(token, token);
          phrases.push({ key: token.stem, surface: written, at: token.start, size: 1, language: languageOf(written) });
        }
        // Pairs of neighbours, and pairs with one word between ("export reports as PDF" is about
        // "PDF export" too). Longer runs make worse themes: two messages that share three words
        // share their pairs too, and "search is slow" says it better than "search slow last".
        for (const words of [[token, merged[i + 1]], [token, merged[i + 2]]]) {
          if (words.some((w) => w === undefined)) continue;
          const present = words as Token[];
          if (new Set(present.map((w) => w.stem)).size < present.length) continue;
          const written = surface(present[0]!, present.at(-1)!);
          phrases.push({ key: present.map((w) => w.stem).sort().join(' '), surface: written, at: token.start, size: present.length, language: languageOf(written) });
        }
      });
    }
    return phrases;
  };
}
