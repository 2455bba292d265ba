// Proves feedback capture recognises feature requests, complaints and praise in English and
// Bulgarian, and leaves ordinary support questions and chatter alone.
import { describe, expect, it } from 'vitest';
import { createBrandMatcher } from '../../../src/core/ambassadors/brand-talk.ts';
import { classifyFeedback } from '../../../src/core/feedback/classify-feedback.ts';
import { messageLink } from '../../../src/core/feedback/message-link.ts';

const acme = createBrandMatcher(['Acme', 'Акме']);

describe('classifyFeedback', () => {
  it.each([
    ['It would be great if the app had a dark mode', 'feature_request'],
    ['Please add export to PDF for the weekly reports', 'feature_request'],
    ['I wish there was a keyboard shortcut for search', 'feature_request'],
    ['Би било хубаво ако има тъмна тема', 'feature_request'],
    ['Моля, добавете експорт в PDF', 'feature_request'],
    ['Acme is so slow since the last update', 'complaint'],
    ['The new update is terrible, I lost my settings', 'complaint'],
    ['Акме пак не работи след обновлението', 'complaint'],
    ['Приложението е ужасно бавно, разочарован съм', 'complaint'],
    ['Acme is awesome, the new dashboard is beautiful', 'praise'],
    ['Love the new release, great work team', 'praise'],
    ['Акме е страхотно, браво на екипа', 'praise'],
  ])('GIVEN "%s" THEN %s', (text, kind) => {
    expect(classifyFeedback(text, acme)).toBe(kind);
  });

  it.each([
    ['my wifi does not work after reboot'],
    ['how do I mount a usb drive'],
    ['thanks, that worked great'],
    ['ok'],
    ['интернетът ми не работи от вчера'],
    // Seen in the Ubuntu IRC logs with the brand "Acme" standing in for "Ubuntu":
    ['reportbug routes bugs to acme-users'],
    ['where is the best place to find themes for acme?'],
    ['Acme has KDE 3.3 - I love KDE, just hate K apps'],
    ['can you add the user through the terminal?'],
    ['I wish I knew what it was'],
    ['anyone know why my mouse keeps freezing on acme?'],
  ])('GIVEN "%s" THEN it is not feedback', (text) => {
    expect(classifyFeedback(text, acme)).toBeNull();
  });
});

describe('messageLink', () => {
  it('GIVEN each platform THEN a link (or console reference) to the message', () => {
    expect(messageLink('discord:G1:C2', '1234')).toBe('https://discord.com/channels/G1/C2/1234');
    expect(messageLink('slack:T1:C2', 'slack:T1:C2/1700000000.000100')).toBe('https://slack.com/archives/C2/p1700000000000100');
    expect(messageLink('console:local:general', 'm3')).toBe('console:#general/m3');
  });
});
