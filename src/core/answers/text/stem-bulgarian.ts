// A light Bulgarian suffix stemmer in the spirit of BulStem (Nakov 2003): strip the definite
// article, then one inflectional ending (plural, adjective, verb person), keeping a stem of at
// least three letters. It conflates "доставката", "доставки" and "доставка" to "доставк".
// Consonant alternations (к/ч, г/ж) are left to the character n-gram field of the index.

// Definite articles: full (-ът/-ят), short (-а/-я after a consonant), feminine, neuter, plural.
const ARTICLES = ['ият', 'ът', 'ят', 'та', 'то', 'те', 'ия'];
// Inflectional endings, longest first so that "-ите" wins over "-и".
const ENDINGS = [
  'ища', 'ище', 'ове', 'еве', 'ите', 'ата', 'ото', 'ете', 'аме', 'яме', 'ами', 'ями', 'ахме', 'яхме',
  'ахте', 'яхте', 'аха', 'яха', 'ах', 'ях', 'ам', 'ям', 'аш', 'яш', 'ат', 'ят', 'ем', 'еш', 'им', 'иш',
  'ия', 'ий', 'а', 'я', 'о', 'е', 'и', 'у', 'ю', 'ъ',
].sort((a, b) => b.length - a.length);

const VOWELS = /[аъоуеияю]/;
const MIN_STEM = 3;

function hasVowel(stem: string): boolean {
  return VOWELS.test(stem);
}

// "-та", "-то", "-те" are articles only after a vowel ("доставка-та"); after a consonant the
// "т" belongs to the stem ("продук-та" is "продукт-а").
const AFTER_VOWEL = new Set(['та', 'то', 'те']);

function strip(word: string, suffixes: readonly string[]): string {
  for (const suffix of suffixes) {
    if (word.length - suffix.length >= MIN_STEM && word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length);
      if (AFTER_VOWEL.has(suffix) && !VOWELS.test(stem.at(-1) ?? '')) continue;
      if (hasVowel(stem)) return stem;
    }
  }
  return word;
}

/** Stems one lower-cased Bulgarian word. Words of three letters or fewer are kept whole. */
export function stemBulgarian(word: string): string {
  if (word.length <= 3) return word;
  const withoutArticle = strip(word, ARTICLES);
  return strip(withoutArticle, ENDINGS);
}
