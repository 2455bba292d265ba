// Proves the feedback digest groups items into themes by shared phrases (two or three content
// words, any inflection, English or Bulgarian), joins the same theme across languages through the
// community's synonyms, labels each as people wrote it with a representative quote, captures
// Bulgarian complaints, and counts kinds per theme. The fixture sentences are written for this test.
import { describe, expect, it } from 'vitest';
import { createBrandMatcher } from '../../../src/core/ambassadors/brand-talk.ts';
import { buildDigest } from '../../../src/core/feedback/build-digest.ts';
import { classifyFeedback, type FeedbackKind } from '../../../src/core/feedback/classify-feedback.ts';
import { feedbackKeywords } from '../../../src/core/feedback/feedback-keywords.ts';
import { groupThemes } from '../../../src/core/feedback/group-themes.ts';
import type { FeedbackRecord } from '../../../src/core/feedback/ports.ts';
import { createPhraseExtractor } from '../../../src/core/feedback/theme-phrases.ts';
import { createTranslator } from '../../../src/i18n/create-translator.ts';

function item(kind: FeedbackKind, text: string, n: number): FeedbackRecord {
  return {
    communityId: 'console:local', memberId: `console:local:u${n}`, displayName: `u${n}`, kind, channelId: 'console:local:general', messageId: `m${n}`,
    text, keywords: feedbackKeywords(text, ['Acme']), link: `console:#general/m${n}`, occurredAt: new Date(Date.UTC(2026, 10, 20, 10, n)),
  };
}

const items = [
  item('feature_request', 'Please add a dark mode to Acme', 1),
  item('complaint', 'The lack of dark mode hurts my eyes at night, terrible', 2),
  item('feature_request', 'It would be great to export reports as PDF', 3),
  item('feature_request', 'Would love PDF exports of the dashboard', 4),
  item('praise', 'Acme is awesome, the new calendar view is beautiful', 5),
  item('feature_request', 'Би било хубаво да има тъмна тема', 6),
  item('feature_request', 'Моля, добавете тъмна тема и за мобилното приложение', 7),
  item('praise', 'Love the new version, great work', 8),
];
const ids = (list: readonly FeedbackRecord[]) => list.map((i) => i.messageId);
const options = { brandNames: ['Acme'] };

describe('feedbackKeywords', () => {
  it('GIVEN feedback THEN stems without generic feedback words or the brand name', () => {
    expect(feedbackKeywords('Please add a dark mode to Acme', ['Acme'])).toEqual(['dark', 'mode']);
    expect(feedbackKeywords('Моля, добавете тъмна тема')).toEqual(feedbackKeywords('тъмната тема'));
  });
});

describe('theme phrases', () => {
  it('GIVEN a message THEN pairs and runs of content words, without stop words, feelings or the brand, in any order and inflection', () => {
    const phrases = createPhraseExtractor(options);
    const keys = (text: string) => phrases(text).map((p) => p.key);
    // Word order and inflection do not matter; words between are allowed.
    expect(keys('CSV exports')).toEqual(keys('export to csv'));
    expect(keys('export reports as PDF')).toContain(keys('PDF export')[0]);
    expect(keys('тъмната тема')).toEqual(keys('тъмни теми'));
    // A comma ends a phrase; "terrible", "new" and the brand make none.
    expect(keys('Acme search, terrible new slow')).toEqual([]);
    expect(phrases('The search is really slow')[0]!.surface).toBe('search is slow');
  });
});

describe('groupThemes', () => {
  it('GIVEN feedback about dark mode, PDF export and one-offs THEN phrase themes with quotes, and the rest in "other"', () => {
    const themes = groupThemes(items, options);
    expect(themes.map((t) => [t.label, ids(t.items)])).toEqual([
      ['dark mode', ['m1', 'm2']],
      ['pdf exports', ['m3', 'm4']],
      ['тъмна тема', ['m6', 'm7']],
      [null, ['m5', 'm8']],
    ]);
    // "new" is in two messages but is no theme: single words never are.
    expect(themes.every((t) => t.label === null || t.label.includes(' '))).toBe(true);
    expect(themes[0]!.quote?.messageId).toBe('m1');
    expect(themes.at(-1)!.quote).toBeNull();
  });

  it('GIVEN the community’s synonyms THEN the same theme in English and Bulgarian is one theme, labelled in both', () => {
    const synonyms = [['dark mode', 'тъмна тема'], ['search', 'търсене'], ['slow', 'бавно']];
    const more = [
      ...items,
      item('complaint', 'The search is really slow since the last update, very frustrating.', 9),
      item('complaint', 'Търсенето е ужасно бавно след последното обновление.', 10),
    ];
    const themes = groupThemes(more, { ...options, synonyms });
    expect(themes.map((t) => [t.label, ids(t.items)])).toEqual([
      ['dark mode / тъмна тема', ['m1', 'm2', 'm6', 'm7']],
      ['search is slow / търсенето е бавно', ['m9', 'm10']],
      ['pdf exports', ['m3', 'm4']],
      [null, ['m5', 'm8']],
    ]);
    // Without the synonyms the two search complaints share nothing.
    expect(groupThemes(more, options).find((t) => t.items.some((i) => i.messageId === 'm10'))!.label).toBeNull();
  });

  it('GIVEN nothing shared THEN one "other" group; GIVEN nothing THEN no groups', () => {
    expect(groupThemes([items[0]!, items[4]!]).map((t) => t.keyword)).toEqual([null]);
    expect(groupThemes([])).toEqual([]);
  });
});

describe('Bulgarian complaints', () => {
  it('GIVEN complaints written in Bulgarian THEN they are captured as complaints and make a theme of their own', () => {
    const brand = createBrandMatcher(['Acme']);
    const texts = [
      'Търсенето стана ужасно бавно след последното обновление.',
      'Писна ми, търсенето е бавно и приложението забива постоянно.',
      'Разочарована съм от новата версия, търсенето е бавно.',
      'Acme пак не работи, вход с Google не минава.',
    ];
    expect(texts.map((t) => classifyFeedback(t, brand))).toEqual(['complaint', 'complaint', 'complaint', 'complaint']);
    // Words of displeasure that were missing, in both languages (they were not captured before).
    const more = ['Много съм недоволна от последното обновление.', 'Ужас! Новата версия пак не работи.', 'Новото обновление е неизползваемо, всичко забива.', 'Ядосан съм, приложението изтри настройките ми.', 'I am really unhappy with the latest update.', 'I am angry, the app deleted my settings.'];
    expect(more.map((t) => classifyFeedback(t, brand))).toEqual(more.map(() => 'complaint'));
    const themes = groupThemes(texts.map((t, i) => item('complaint', t, 20 + i)), options);
    expect(themes[0]!.label).toBe('търсенето е бавно');
    expect(ids(themes[0]!.items)).toEqual(['m20', 'm21', 'm22']);
  });
});

describe('buildDigest', () => {
  it('GIVEN a week of feedback THEN a digest by theme with kinds counted, a quote and links, in English and Bulgarian', async () => {
    const translator = await createTranslator();
    const en = buildDigest(items, (k, v) => translator.t('en', k, v), 'the last 7 days', options);
    expect(en.title).toBe('Feedback digest: the last 7 days');
    expect(en.text).toContain('8 messages of feedback in 3 themes.');
    expect(en.text).toContain('"dark mode": 2 (1 feature request, 1 complaint)');
    expect(en.text).toContain('"pdf exports": 2 (2 feature requests)');
    expect(en.text).toContain('  Quote: "Please add a dark mode to Acme" (u1) console:#general/m1');
    expect(en.text).toContain('  • u2: "The lack of dark mode hurts my eyes at night, terrible" console:#general/m2');
    expect(en.text).toContain('Other: 2 (2 praise)');
    const bg = buildDigest(items, (k, v) => translator.t('bg', k, v), 'последните 7 дни', { ...options, synonyms: [['dark mode', 'тъмна тема']] });
    expect(bg.text).toContain('„dark mode / тъмна тема“: 4 (3 предложения, 1 оплакване)');
    expect(bg.text).toContain('  Цитат: „');
    expect(buildDigest([], (k, v) => translator.t('en', k, v), 'the last 7 days').text).toBe('No feature requests, complaints or praise in the last 7 days.');
  });
});
