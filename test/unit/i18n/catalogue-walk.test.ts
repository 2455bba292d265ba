// Proves every message renders in both languages: same keys in English and Bulgarian, counts 1, 2 and 5 through plural forms, no placeholder left, and no English word in a Bulgarian message except the product and technical names allowed below.
import { describe, expect, it } from 'vitest';
import { catalogues, type Catalogue } from '../../../src/i18n/catalogues.ts';
import { createTranslator } from '../../../src/i18n/create-translator.ts';
import { commands } from '../../../commands/index.ts';
import { describeOptions } from '../../../src/core/commands/options.ts';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Flattened keys, plural suffixes folded into their base key. */
function keysOf(catalogue: Catalogue, prefix = ''): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const [name, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (typeof value === 'string') {
      const base = path.replace(PLURAL, '');
      keys.set(base, [...(keys.get(base) ?? []), value]);
    } else for (const [k, v] of keysOf(value, path)) keys.set(k, [...(keys.get(k) ?? []), ...v]);
  }
  return keys;
}

/** Product and technical names a Bulgarian message may carry in Latin letters. Keep it short. */
const ALLOWED_LATIN = new Set(['Rapport', 'Slack', 'Discord', 'IANA', 'JSON', 'CSV', 'Markdown', 'DM', 'cron', 'id', 'UTC', 'Europe', 'Sofia', 'America', 'New_York', 'Acme', 'acme', 'io', 'd', 'w', 'h', 'mod', 'N', 'reset', 'default', 'on', 'off', 'all', 'en', 'bg', 'MEE', 'mee', 'csv', 'jsonl']);

/** What is left of a Bulgarian render once slash commands with their options, URLs and sample values are taken out. */
function latinWords(text: string): string[] {
  const stripped = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/npx rapport(?: [a-z-]+)*/g, ' ') // a command line
    .replace(/--[\w-]+/g, ' ') // its flags
    .replace(/\b[A-Z][A-Z_]{2,}\b/g, ' ') // environment variable names
    .replace(/\/[a-z][\w-]*(?:\s+[a-z][\w-]*(?![\w:-]))*/g, ' ') // /command and its subcommands
    .replace(/\b[\w-]+:("[^"]*"|[#\w./-]*)/g, ' ') // option:value, option: alone
    .replace(/\{\{[^}]*\}\}/g, ' ') // placeholders named in the text itself (e.g. template help)
    .replace(/\.(json|md|csv|txt)\b/g, ' ');
  return (stripped.match(/[A-Za-z][A-Za-z_]*/g) ?? []).filter((w) => !ALLOWED_LATIN.has(w));
}

const en = keysOf(catalogues.en);
const bg = keysOf(catalogues.bg);
const sampleVars = (texts: string[], count: number) => {
  const vars: Record<string, string | number> = { count };
  for (const text of texts) for (const [, name] of text.matchAll(/\{\{\s*(\w+)/g)) if (name !== 'count') vars[name!] = count;
  return vars;
};

describe('the message catalogues', () => {
  it('GIVEN both catalogues THEN every English key exists in Bulgarian and every Bulgarian key in English, with the same plural keys', () => {
    expect([...en.keys()].filter((k) => !bg.has(k))).toEqual([]);
    expect([...bg.keys()].filter((k) => !en.has(k))).toEqual([]);
  });

  it('GIVEN every key WHEN rendered with counts 1, 2 and 5 THEN no placeholder (nor a doubled full stop after a date) is left and Bulgarian has no English word outside the allow-list', async () => {
    const translator = await createTranslator();
    const unrendered: string[] = [];
    const english: string[] = [];
    for (const [key, texts] of bg) {
      for (const count of [1, 2, 5]) {
        for (const language of ['en', 'bg'] as const) {
          const rendered = translator.t(language, key, sampleVars([...texts, ...(en.get(key) ?? [])], count));
          if (rendered.includes('{{') || /г\.\./.test(rendered)) unrendered.push(`${language} ${key}: ${rendered}`);
          if (language === 'bg' && rendered.trim() !== '' && !/^\P{L}*$/u.test(rendered) && latinWords(rendered).length > 0 && !texts.every((t) => /^[\x20-\x7e{}]*$/.test(t))) {
            english.push(`${key}: ${latinWords(rendered).join(' ')} <- ${rendered}`);
          }
        }
      }
    }
    expect(unrendered).toEqual([]);
    expect([...new Set(english)]).toEqual([]);
  });

  it('GIVEN a count right before a noun THEN the message is a plural key in both languages', () => {
    const singular: string[] = [];
    for (const [language, keys] of [['en', en], ['bg', bg]] as const) {
      for (const [key, texts] of keys) if (texts.length === 1 && /\{\{count\}\}\s+(?!more\b|след )\p{L}/u.test(texts[0]!)) singular.push(`${language} ${key}: ${texts[0]}`);
    }
    expect(singular).toEqual([]);
  });

  it('GIVEN plural keys WHEN rendered with 1 and 2 THEN English says "1 entry", "2 entries" and Bulgarian "1 тема", "2 члена"', async () => {
    const translator = await createTranslator();
    expect(translator.t('en', 'answers.list.title', { count: 1 })).toContain('1 entry');
    expect(translator.t('en', 'answers.list.title', { count: 2 })).toContain('2 entries');
    expect(translator.t('en', 'offers.places', { count: 1 })).toBe('1 place');
    expect(translator.t('bg', 'feedback.digest.themes', { count: 1 })).toBe('1 тема');
    expect(translator.t('bg', 'feedback.digest.themes', { count: 5 })).toBe('5 теми');
    expect(translator.t('bg', 'offers.members', { count: 2 })).toBe('2 члена');
  });

  it('GIVEN a Bulgarian message about a member of unknown gender THEN it agrees with any member: no "(а)" hedges, no masculine-only adjectives, participles or pronouns', async () => {
    // A member's name fills {{name}}, and reasons describe a member: "активен", "помогнал",
    // "благодариха му", "одобрен(а)" say "he" (or hedge) where "активност", "помогна", "получи"
    // and "Одобрено: ..." agree with everyone. Hedged plurals ("тема(и)") are plural keys' job.
    const hedged = /\((а|я|и|о)\)|него\/нея|\bму\b|\bактивен\b|\bпомогнал\b|\bкласиран\b|\bотказал\b/u;
    const wrong: string[] = [];
    for (const [key, texts] of bg) for (const text of texts) if (hedged.test(text)) wrong.push(`${key}: ${text}`);
    expect(wrong).toEqual([]);
    const translator = await createTranslator();
    expect(translator.t('bg', 'ambassadors.reason.activeDays', { count: 1, days: 30 })).toBe('активност в 1 от последните 30 дни');
    expect(translator.t('bg', 'ambassadors.reason.thanked', { count: 1 })).toBe('получи 1 благодарност');
    expect(translator.t('bg', 'ambassadors.reason.thanked', { count: 2 })).toBe('получи 2 благодарности');
    expect(translator.t('bg', 'dashboard.reason.helped', { count: 1 })).toBe('помогна на 1 човек');
    expect(translator.t('bg', 'learning.gaps.summary', { count: 2, groups: 1 })).toBe('2 въпроса, на които Rapport не можа да отговори добре, по теми (1):');
  });

  it('GIVEN every Bulgarian message and command description THEN it speaks in one register: formal imperatives and a capitalised Вие', () => {
    const texts: string[] = [...bg.values()].flat();
    for (const command of commands) {
      texts.push(command.description.bg);
      if (command.options) for (const { spec } of describeOptions(command.options)) texts.push(spec.description.bg);
      for (const sub of Object.values(command.subcommands ?? {})) {
        texts.push(sub.description.bg);
        for (const { spec } of describeOptions(sub.options)) texts.push(spec.description.bg);
      }
    }
    // Second-person singular imperatives and lower-case polite pronouns: the informal register.
    const informal = /(?<![\p{L}])(Покажи|Добави|Промени|Премахни|Спри|Публикувай|Създай|Внеси|Махни|Превърни|Задай|Използвай|Разреши|Изтрий|Одобри|Пропусни|Напиши|ви|вас|вие|ваш\p{L}*)(?![\p{L}])/u;
    expect(texts.filter((text) => informal.test(text))).toEqual([]);
  });

  it('GIVEN numbers and dates WHEN rendered THEN Bulgarian writes them through Intl with the bg locale and English keeps a point and ISO dates', async () => {
    const translator = await createTranslator();
    expect(translator.t('bg', 'answers.threshold.saved', { value: 0.6 })).toContain('поне 0,60.');
    expect(translator.t('en', 'answers.threshold.saved', { value: 0.6 })).toContain('at least 0.60 sure');
    expect(translator.t('bg', 'recognition.leaderboard.line', { position: 1, name: 'Ана', count: 2.5, reasons: 'x' })).toContain('Ана: 2,5 точки');
    const date = Date.UTC(2026, 11, 6, 23, 30);
    expect(translator.t('bg', 'ambassadors.member.current', { stage: 'посланик', since: date, timeZone: 'Europe/Sofia' })).toBe('Етап: посланик от 7 декември 2026 г.');
    expect(translator.t('en', 'ambassadors.member.current', { stage: 'advocate', since: date })).toBe('Stage: advocate since 2026-12-06.');
  });

  it('GIVEN the funnel stages and languages THEN Bulgarian names them with nouns in Bulgarian', async () => {
    const translator = await createTranslator();
    expect(['newcomer', 'like', 'love', 'advocate'].map((stage) => translator.t('bg', `ambassadors.stage.${stage}`))).toEqual(['новодошъл', 'симпатизант', 'почитател', 'посланик']);
    expect(translator.t('bg', 'settings.updated', { language: translator.t('bg', 'settings.languageName.bg'), timeZone: 'UTC' })).toBe('Запазено. Език: български. Часова зона: UTC.');
  });
});
