// Query expansion with small, general-purpose synonym groups for the vocabulary of support
// questions, English and Bulgarian. Words are stemmed with the same analyzer as the index, so a
// group matches every inflection. Expanded words count less than the words the member typed
// (SYNONYM_WEIGHT), and coverage features ignore them.
import { analyzeTerms } from './analyze.ts';

export const SYNONYM_WEIGHT = 0.5;

const GROUPS = [
  // English
  'delete remove erase deactivate close terminate',
  'account profile',
  'price cost fee charge',
  'money funds cash',
  'buy purchase order',
  'send transfer wire',
  'change modify edit update',
  'password passcode',
  'login signin log-in',
  'signup register registration',
  'phone mobile cellphone telephone',
  'child children kid kids son daughter minor teenager',
  'age old',
  'problem issue trouble error',
  'lost stolen missing',
  'download save export',
  'picture photo image',
  'email e-mail mail',
  'contact reach call phone',
  'help support assistance',
  'delivery shipping shipment deliver ship',
  'discount coupon promo voucher',
  'cancel stop abort',
  'verify verification confirm',
  'withdraw withdrawal',
  'fast quick quickly soon',
  // Bulgarian
  'изтрия изтриване премахна премахване закрия закриване',
  'профил акаунт регистрация',
  'цена струва такса стойност',
  'пари сума средства',
  'пратка доставка колет пакет',
  'получа получавам пристигне пристига',
  'върна връщане',
  'платя плащане плащам заплащане',
  'парола паролата',
  'вляза вход влизане',
  'телефон връзка свържа контакт обадя',
  'поддръжка помощ съдействие',
  'отстъпка намаление промо ваучер купон',
  'размер мярка',
  'гаранция гаранционен',
  'проследя проследяване',
  'сменя смяна промяна променя',
  'проблем грешка',
  'бързо скоро',
];

let table: Map<string, string[]> | null = null;

/** Stem -> the other stems of its groups; built on first use, not at import time. */
function synonymTable(): Map<string, string[]> {
  if (table) return table;
  const built = new Map<string, string[]>();
  for (const group of GROUPS) {
    const stems = [...new Set(group.split(' ').flatMap((w) => analyzeTerms(w)))];
    for (const stem of stems) {
      const others = stems.filter((s) => s !== stem);
      built.set(stem, [...new Set([...(built.get(stem) ?? []), ...others])]);
    }
  }
  table = built;
  return built;
}

/** The query's stems followed by synonyms not already present. With `expand`, only the words
 * it accepts are expanded (the index expands words its knowledge base does not contain). */
export function expandSynonyms(words: readonly string[], expand?: (word: string) => boolean): { terms: string[]; added: Set<string> } {
  const present = new Set(words);
  const added = new Set<string>();
  const synonyms = synonymTable();
  for (const w of words) {
    if (expand && !expand(w)) continue;
    for (const s of synonyms.get(w) ?? []) if (!present.has(s)) added.add(s);
  }
  return { terms: [...words, ...added], added };
}

/** Other stems of the groups `stem` belongs to (empty when none). */
export function synonymsOf(stem: string): readonly string[] {
  return synonymTable().get(stem) ?? [];
}
