// i18next-backed Translator. i18next gives us interpolation, plurals (Bulgarian and English
// both use one/other) and fallbacks, so catalogues stay plain nested objects.
import i18next from 'i18next';
import type { Translator } from '../core/translator.ts';
import type { Language } from '../core/ports.ts';
import { catalogues } from './catalogues.ts';
import { formatDate, formatDecimal } from './locale-format.ts';

export async function createTranslator(): Promise<Translator> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { en: { translation: catalogues.en }, bg: { translation: catalogues.bg } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<typeof instance.init>[0]);
  // {{value, number}} is i18next's own (Intl.NumberFormat in the message's language); these two add
  // fixed decimals and calendar dates. A date placeholder takes epoch milliseconds and an optional
  // `timeZone` variable (the community's).
  instance.services.formatter?.add('decimal', (value, lng) => formatDecimal(Number(value), lng));
  instance.services.formatter?.add('date', (value, lng, options: { timeZone?: string }) => formatDate(value instanceof Date ? value : Number(value), lng, options.timeZone));
  const fixed = { en: instance.getFixedT('en'), bg: instance.getFixedT('bg') };
  return {
    t(language: Language, key: string, vars = {}) {
      return fixed[language](key, vars);
    },
    has(key: string) {
      return instance.exists(key, { lng: 'en', fallbackLng: false }) && instance.exists(key, { lng: 'bg', fallbackLng: false });
    },
  };
}
