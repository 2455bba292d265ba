// Every text a person reads comes from message catalogues in English and Bulgarian
// (src/i18n), chosen by the member's or the community's language.
import type { Vars } from './errors.ts';
import type { Language } from './ports.ts';

export interface Translator {
  t(language: Language, key: string, vars?: Vars): string;
  /** True when the key exists in every language (used by tests and command checks). */
  has(key: string): boolean;
}
