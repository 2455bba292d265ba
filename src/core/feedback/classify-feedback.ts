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

export function classifyFeedback(text: string, brand: BrandMatcher): FeedbackKind | null {
  const words = text.split(/\s+/u).filter(Boolean).length;
  if (words < MIN_WORDS) return null;
  const aboutBrand = brand.mentions(text);
  const aboutProduct = aboutBrand || PRODUCT_WORDS.test(text);
  if (matchesCue(FEATURE_REQUEST, text) || (aboutProduct && matchesCue(SOFT_REQUEST, text))) return 'feature_request';
  const strong = matchesCue(STRONG_COMPLAINT, text);
  const weak = matchesCue(WEAK_COMPLAINT, text) || negatedPraise(text);
  const praise = matchesCue(PRAISE, text);
  // Mixed feelings ("love KDE, hate K apps") are not clear feedback either way.
  if (praise && (strong || weak)) return null;
  // Questions ask for help ("why does my mouse keep freezing on Acme?") unless the words are strong;
  // "where is the best place to find themes?" asks, it does not praise.
  const question = QUESTION.test(text.trim());
  if ((strong && aboutProduct) || (weak && aboutBrand && !question)) return 'complaint';
  if (praise && aboutProduct && !question) return 'praise';
  return null;
}
