// Proves text analysis: tokenizing Latin and Cyrillic, stop words, English and Bulgarian stemming, language detection.
import { describe, expect, it } from 'vitest';
import { analyzeTerms, charNgrams, detectLanguage, tokenize } from '../../../src/core/answers/text/analyze.ts';
import { stemBulgarian } from '../../../src/core/answers/text/stem-bulgarian.ts';

describe('analysis', () => {
  it('GIVEN mixed-script text THEN tokens are lower-cased words of both scripts with apostrophes kept', () => {
    expect(tokenize('Can’t open Gmail в Chrome-а!')).toEqual(["can't", 'open', 'gmail', 'в', 'chrome', 'а']);
  });

  it('GIVEN English inflections THEN they share a Porter stem and stop words are gone', () => {
    expect(analyzeTerms('How do I delete my accounts?')).toEqual(['delet', 'account']);
    expect(analyzeTerms('deleting the account')).toEqual(['delet', 'account']);
  });

  it('GIVEN Bulgarian article and plural forms THEN they share a stem', () => {
    const forms = ['доставка', 'доставката', 'доставки', 'доставките'].map(stemBulgarian);
    expect(new Set(forms).size).toBe(1);
    expect(stemBulgarian('продукта')).toBe(stemBulgarian('продукти'));
    expect(stemBulgarian('цената')).toBe(stemBulgarian('цена'));
  });

  it('GIVEN short Bulgarian words THEN they are kept whole', () => {
    expect(stemBulgarian('дни')).toBe('дни');
    expect(stemBulgarian('код')).toBe('код');
  });

  it('GIVEN a Bulgarian question THEN stop words are removed before stemming', () => {
    expect(analyzeTerms('Колко време отнема доставката?')).toEqual(['врем', 'отнем', 'доставк']);
  });

  it('GIVEN only stop words THEN all tokens are kept so the text still has terms', () => {
    expect(analyzeTerms('how are you')).toHaveLength(3);
  });

  it('GIVEN text THEN the language follows the share of Cyrillic letters', () => {
    expect(detectLanguage('Къде е най-близкият офис?')).toBe('bg');
    expect(detectLanguage('Where is my parcel?')).toBe('en');
    expect(detectLanguage('Как да вляза в Gmail?')).toBe('bg');
    expect(detectLanguage('1234')).toBe('en');
  });

  it('GIVEN a word THEN character 4-grams carry word boundaries', () => {
    expect(charNgrams('ок')).toEqual(['_ок_']);
    expect(charNgrams('код')).toEqual(['_код', 'код_']);
    expect(charNgrams('пари')).toEqual(['_пар', 'пари', 'ари_']);
  });
});
