// The few texts the Discord adapter shows on its own (when the core could not answer), in English
// and Bulgarian, chosen by the interaction's locale (https://discord.com/developers/docs/reference#locales).
import type { Language } from '../../core/ports.ts';

const TEXTS = {
  commandFailed: {
    en: 'Something went wrong while running this command. The error has been logged.',
    bg: 'Нещо се обърка при изпълнението на тази команда. Грешката е записана.',
  },
  done: { en: 'Done.', bg: 'Готово.' },
  unknownInteraction: {
    en: 'Rapport does not know this action. Type / to see its commands.',
    bg: 'Rapport не познава това действие. Напишете /, за да видите командите му.',
  },
} satisfies Record<string, Record<Language, string>>;

export type AdapterText = keyof typeof TEXTS;

export function languageOfLocale(locale: string | null | undefined): Language {
  return locale?.toLowerCase().startsWith('bg') ? 'bg' : 'en';
}

export function adapterText(key: AdapterText, locale: string | null | undefined): string {
  return TEXTS[key][languageOfLocale(locale)];
}
