// Proves the feedback digest groups items by shared stemmed keywords (English and Bulgarian forms of
// a word land together), labels themes with the word people used, and counts kinds per theme.
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../../src/core/feedback/build-digest.ts';
import type { FeedbackKind } from '../../../src/core/feedback/classify-feedback.ts';
import { feedbackKeywords } from '../../../src/core/feedback/feedback-keywords.ts';
import { groupThemes } from '../../../src/core/feedback/group-themes.ts';
import type { FeedbackRecord } from '../../../src/core/feedback/ports.ts';
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
];

describe('feedbackKeywords', () => {
  it('GIVEN feedback THEN stems without generic feedback words or the brand name', () => {
    expect(feedbackKeywords('Please add a dark mode to Acme', ['Acme'])).toEqual(['dark', 'mode']);
    expect(feedbackKeywords('Моля, добавете тъмна тема')).toEqual(feedbackKeywords('тъмната тема'));
  });
});

describe('groupThemes', () => {
  it('GIVEN feedback about dark mode, PDF export and one-offs THEN three themes and the rest in "other"', () => {
    const themes = groupThemes(items);
    expect(themes.map((t) => [t.label, t.items.map((i) => i.messageId)])).toEqual([
      ['dark mode', ['m1', 'm2']],
      ['export pdf', ['m3', 'm4']],
      ['тъмна тема', ['m6', 'm7']],
      [null, ['m5']],
    ]);
  });

  it('GIVEN nothing shared THEN one "other" group; GIVEN nothing THEN no groups', () => {
    expect(groupThemes([items[0]!, items[4]!]).map((t) => t.keyword)).toEqual([null]);
    expect(groupThemes([])).toEqual([]);
  });
});

describe('buildDigest', () => {
  it('GIVEN a week of feedback THEN a digest by theme with kinds counted and links, in English and Bulgarian', async () => {
    const translator = await createTranslator();
    const en = buildDigest(items, (k, v) => translator.t('en', k, v), 'the last 7 days');
    expect(en.title).toBe('Feedback digest: the last 7 days');
    expect(en.text).toContain('7 messages of feedback in 3 themes.');
    expect(en.text).toContain('"dark mode": 2 (1 feature request, 1 complaint)');
    expect(en.text).toContain('"export pdf": 2 (2 feature requests)');
    expect(en.text).toContain('  • u1: "Please add a dark mode to Acme" console:#general/m1');
    expect(en.text).toContain('Other: 1 (1 praise)');
    const bg = buildDigest(items, (k, v) => translator.t('bg', k, v), 'последните 7 дни');
    expect(bg.text).toContain('„тъмна тема“: 2 (2 предложения)');
    expect(buildDigest([], (k, v) => translator.t('en', k, v), 'the last 7 days').text).toBe('No feature requests, complaints or praise in the last 7 days.');
  });
});
