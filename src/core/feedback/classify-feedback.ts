// Is a message a feature request, a complaint or praise (English and Bulgarian)? Feature requests
// are recognised by how people ask ("it would be great if", "моля, добавете"); complaints and
// praise need the brand named, or strong words ("terrible", "разочарован") about the product,
// so ordinary support questions ("my wifi doesn't work") are not captured as complaints.
import type { BrandMatcher } from '../ambassadors/brand-talk.ts';
import { FEATURE_REQUEST, matchesCue, negatedPraise, PRAISE, SOFT_REQUEST, STRONG_COMPLAINT, WEAK_COMPLAINT } from './cues.ts';

export type FeedbackKind = 'feature_request' | 'complaint' | 'praise';
export const FEEDBACK_KINDS: readonly FeedbackKind[] = ['feature_request', 'complaint', 'praise'];

const PRODUCT_WORDS = new RegExp(
  '(?<![\\p{L}\\p{N}_])(?:app|apps|product|update|version|release|service|feature|features|option|setting|settings|mode|button|shortcut|shortcuts|notification|notifications|integration|theme|export|import|sync|support|checkout|billing|pricing|dashboard|api|plan|' +
    'приложение\\p{L}*|продукт\\p{L}*|обновлени\\p{L}*|версия\\p{L}*|услуга\\p{L}*|поддръжка\\p{L}*|функци\\p{L}*|абонамент\\p{L}*|цени\\p{L}*|тема|теми|известия|експорт\\p{L}*|синхронизаци\\p{L}*)(?![\\p{L}\\p{N}_])',
  'iu',
);

const MIN_WORDS = 3;

const QUESTION = /\?\s*$|^(?:where|what|which|how|is there|does|do|can|could|къде|как|кой|коя|кое|има ли)(?![\p{L}])/iu;

/** What the cues say about a text, whatever the brand (feature's and recognition's calls share it). */
interface CueReading {
  words: number;
  productWords: boolean;
  request: boolean;
  softRequest: boolean;
  strong: boolean;
  weak: boolean;
  praise: boolean;
  question: boolean;
}

// Every feature sees the same message one after the other (recognition without a brand, the
// feedback capture with the community's): the cues of the last text are read once for both.
let lastText: string | undefined;
let lastReading: CueReading | undefined;

function readCues(text: string): CueReading {
  if (text === lastText && lastReading) return lastReading;
  const words = text.split(/\s+/u).filter(Boolean).length;
  const reading: CueReading =
    words < MIN_WORDS
      ? { words, productWords: false, request: false, softRequest: false, strong: false, weak: false, praise: false, question: false }
      : {
          words,
          productWords: PRODUCT_WORDS.test(text),
          request: matchesCue(FEATURE_REQUEST, text),
          softRequest: matchesCue(SOFT_REQUEST, text),
          strong: matchesCue(STRONG_COMPLAINT, text),
          weak: matchesCue(WEAK_COMPLAINT, text) || negatedPraise(text),
          praise: matchesCue(PRAISE, text),
          question: QUESTION.test(text.trim()),
        };
  lastText = text;
  lastReading = reading;
  return reading;
}

export function classifyFeedback(text: string, brand: BrandMatcher): FeedbackKind | null {
  const cues = readCues(text);
  if (cues.words < MIN_WORDS) return null;
  const aboutBrand = brand.mentions(text);
  const aboutProduct = aboutBrand || cues.productWords;
  if (cues.request || (aboutProduct && cues.softRequest)) return 'feature_request';
  const { strong, weak, praise, question } = cues;
  // Mixed feelings ("love KDE, hate K apps") are not clear feedback either way.
  if (praise && (strong || weak)) return null;
  // Questions ask for help ("why does my mouse keep freezing on Acme?") unless the words are strong;
  // "where is the best place to find themes?" asks, it does not praise.
  if ((strong && aboutProduct) || (weak && aboutBrand && !question)) return 'complaint';
  if (praise && aboutProduct && !question) return 'praise';
  return null;
}
