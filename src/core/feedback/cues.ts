// Word cues for what people say about a product, in English and Bulgarian: praise, complaints,
// recommendations, feature requests and fixes. Patterns are matched on lower-cased text with
// Unicode-aware word edges (\b only knows ASCII, and Bulgarian is Cyrillic).

const START = '(?<![\\p{L}\\p{N}_])';
const END = '(?![\\p{L}\\p{N}_])';

function cue(parts: string[]): RegExp {
  return new RegExp(`${START}(?:${parts.join('|')})${END}`, 'iu');
}

/** Praise words; Bulgarian stems take any ending ("страхотн" matches страхотно, страхотна...). */
export const PRAISE = cue([
  'love(?:s|d)?', 'great', 'awesome', 'amazing', 'excellent', 'fantastic', 'brilliant', 'superb', 'the best', 'best',
  'works? (?:great|perfectly|flawlessly|like a charm|really well)', 'impressed', 'well done', 'nice job', 'good job',
  'solid', 'rocks?', 'lifesaver', 'game changer', 'beautiful', 'slick', 'wonderful', 'perfect', 'happy with', 'a joy',
  'обичам', 'обожавам', 'харесвам', 'браво', 'супер', 'перфектн\\p{L}*', 'доволен', 'доволна', 'доволни',
  'страхотн\\p{L}*', 'чудесн\\p{L}*', 'отличн\\p{L}*', 'прекрасн\\p{L}*', 'уникалн\\p{L}*', 'невероятн\\p{L}*', 'най-добр\\p{L}*',
  'работи (?:перфектно|чудесно|безупречно|страхотно)', 'топ',
]);

/** Complaint words that alone say someone is unhappy. */
export const STRONG_COMPLAINT = cue([
  'hate', 'terrible', 'awful', 'worst', 'horrible', 'useless', 'unusable', 'unacceptable', 'ridiculous', 'garbage', 'sucks?',
  'frustrat\\p{L}*', 'disappoint\\p{L}*', 'waste of (?:time|money)', 'fed up', 'rip-?off', 'unhappy', 'angry',
  'мразя', 'ужас', 'ужасн\\p{L}*', 'недовол\\p{L}*', 'неизползваем\\p{L}*', 'ядосан\\p{L}*', 'ядосва\\p{L}*', 'отвратител\\p{L}*', 'безполезн\\p{L}*', 'разочарован\\p{L}*', 'безобразие', 'боклук', 'кошмар\\p{L}*',
  'дразни', 'дразнещ\\p{L}*', 'гадн\\p{L}*', 'писна ми',
]);

/** Complaint words that need the brand named to count (support questions use them too). */
export const WEAK_COMPLAINT = cue([
  'broken', "doesn'?t work", 'does not work', 'not working', "isn'?t working", 'stopped working', "won'?t (?:load|start|open|work)",
  'buggy', 'bugs?', 'crash(?:es|ed|ing)?', 'slow', 'laggy', 'down again', 'keeps (?:crashing|failing|freezing)', 'fails?', 'failed',
  'annoying', 'confusing', 'expensive', 'overpriced',
  'не работи', 'спря да работи', 'счупен\\p{L}*', 'бъг\\p{L}*', 'срив\\p{L}*', 'забива', 'бав\\p{L}*', 'пак не',
  'скъп\\p{L}*', 'объркващ\\p{L}*',
]);

/** Recommending something to someone else. */
export const RECOMMENDATION = cue([
  'you should (?:try|use|check out|switch to|get|give|look at|go with)', 'i (?:highly |strongly |really |would |\'d )?recommend',
  'recommend(?:ed|ing)?', 'give \\S+ a (?:try|shot|go)', 'try', 'check out', 'go with', 'switch(?:ed)? to', 'worth (?:it|trying|a try)',
  'препоръчвам', 'препоръчвам (?:ти|ви)', 'препоръчително', 'пробвай(?:те)?', 'опитай(?:те)?', 'ползвай(?:те)?', 'използвай(?:те)?',
  'мини(?:те)? на', 'разгледай(?:те)?', 'струва си', 'си струва',
]);

/** A fix or a way forward offered to someone with a problem. */
export const FIX = cue([
  'try', 'you can', 'you need to', 'you have to', 'go to', 'settings', 'update', 'upgrade', 'restart', 'reinstall', 'clear (?:the )?cache',
  'it works if', 'should work', "here'?s how", 'fixed in', 'workaround', 'make sure', 'turn (?:on|off)', 'enable', 'disable',
  'пробвай(?:те)?', 'опитай(?:те)?', 'трябва да', 'можеш да', 'може да', 'отиди(?:те)? в', 'настройки\\p{L}*', 'обнови(?:те)?',
  'рестартирай(?:те)?', 'преинсталирай(?:те)?', 'оправен\\p{L}* в', 'включи(?:те)?', 'изключи(?:те)?', 'увери се',
]);

/** Asking for something the product does not do yet, unmistakably. */
export const FEATURE_REQUEST = cue([
  'feature request', 'please add', 'please support', 'add support for', 'support for \\S+ would be', 'missing feature',
  "(?:it )?would be (?:nice|great|cool|awesome|helpful|useful) if (?:it|you|the \\p{L}+|there) (?:had|could|supported|offered|would support|let)",
  'би било (?:хубаво|добре|чудесно|супер|яко|полезно) (?:ако|да) (?:има|имаше|добавите|поддържа)', 'моля,? добавете', 'може ли да добавите',
  'искам да има', 'дано добавите',
]);

/** Softer ways of asking for something; they count only about the product ("would be nice", "I wish"). */
export const SOFT_REQUEST = cue([
  "(?:it )?would be (?:nice|great|cool|awesome|good|helpful|useful)", "it'?d be (?:nice|great|cool|awesome|good)",
  '(?:can|could) (?:you|they|we) (?:please )?(?:add|get|have)', 'wish (?:it|there|you|they|the \\p{L}+) (?:had|has|could|supported|was|were|offered|let)',
  "i'?d love (?:to see|if|a)", 'would love (?:to see|if|a)', 'any plans (?:to|for)', 'it would help if', 'please make',
  'ще е (?:хубаво|добре|супер|полезно)', 'би било (?:хубаво|добре|чудесно|супер|яко|полезно)', 'липсва(?: ми)?', 'защо няма', 'предложение', 'иска ми се',
]);

const NEGATION = /(?<![\p{L}\p{N}_])(?:not|never|isn'?t|wasn'?t|aren'?t|no|не|нито|никак)\s+(?:\p{L}+\s+)?$/iu;

const globals = new WeakMap<RegExp, RegExp>();

/** The same pattern with the g flag, compiled once (matchAll needs it). */
function globalOf(pattern: RegExp): RegExp {
  let global = globals.get(pattern);
  if (!global) {
    global = new RegExp(pattern.source, 'giu');
    globals.set(pattern, global);
  }
  return global;
}

function anyMatch(pattern: RegExp, text: string, negated: boolean): boolean {
  if (!pattern.test(text)) return false; // the common case: no cue at all, one cheap test
  for (const match of text.matchAll(globalOf(pattern))) {
    if (NEGATION.test(text.slice(Math.max(0, match.index - 20), match.index)) === negated) return true;
  }
  return false;
}

/** True when a cue matches and is not negated by the word or two before it ("not great", "не е бавно"). */
export function matchesCue(pattern: RegExp, text: string): boolean {
  return anyMatch(pattern, text, false);
}

/** A negated praise word is a complaint ("not great", "isn't awesome"). */
export function negatedPraise(text: string): boolean {
  return anyMatch(PRAISE, text, true);
}
