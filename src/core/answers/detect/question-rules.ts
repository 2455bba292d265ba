// Cue patterns for question detection, English and Bulgarian. Each rule adds its weight to the
// score when it matches; `reason` names it in the result so moderators can see why.
// Positive cues are what people asking for help write (with or without "?"); negative cues are
// questions nobody wants the bot to answer: small talk, jokes, rhetoric.
import type { Language } from '../knowledge-base/kb-entry.ts';

export interface CueRule {
  reason: string;
  pattern: RegExp;
  weight: number;
}

const B = '(?<![\\p{L}\\p{N}])'; // word start that also works for Cyrillic (\b is ASCII-only)
const E = '(?![\\p{L}\\p{N}])';
// A Unicode word boundary; JavaScript's \b only knows ASCII letters.
const W = `(?:${B}(?=[\\p{L}\\p{N}])|(?<=[\\p{L}\\p{N}])${E})`;
const rx = (source: string) => new RegExp(source.replaceAll('\\b<', B).replaceAll('>\\b', E).replaceAll('\\b', W), 'iu');

// Start of the text or of a clause, after an optional greeting ("hi all, is there ...").
const GREETING = '(?:(?:hi|hello|hey|yo|здравейте|здравей|здрасти|хей)(?:\\s+(?:all|everyone|guys|folks|there|всички))?[^\\p{L}\\p{N}]+)?';
const CLAUSE = `(?:^|[.!?,;:…]\\s+|\\.\\.\\.\\s*)\\s*${GREETING}`;
// A question word may follow a preposition: "for how long ...", "in which ...", "за колко дни ...".
const EN_PREPOSITION = '(?:(?:for|in|at|to|from|by|on|with|about|since|until|after|before)\\s+)?';
const BG_PREPOSITION = '(?:(?:за|в|във|на|от|до|с|със|при|по|след|преди|около|към|през)\\s+)?';

export const QUESTION_RULES: Record<Language, CueRule[]> = {
  en: [
    { reason: 'starts-with-question-word', weight: 0.35, pattern: rx(`${CLAUSE}${EN_PREPOSITION}\\b<(how|what|why|where|when|which|who|whom|whose)>\\b`) },
    { reason: 'starts-with-auxiliary', weight: 0.3, pattern: rx(`${CLAUSE}\\b<(is|are|am|can|could|would|should|do|does|did|will|has|have|may|shall|was|were)>\\b\\s+\\b<(i|it|there|this|that|my|we|you|anyone|anybody|someone|somebody|the|a|an)>\\b`) },
    { reason: 'addresses-anyone', weight: 0.3, pattern: rx(`${CLAUSE}\\b<(anyone|anybody|someone|somebody|any one)>\\b`) },
    { reason: 'asks-for-help', weight: 0.55, pattern: rx('\\b<(anyone|anybody|someone|somebody|does anyone|do you guys)>\\b\\s+\\b<(know|knows|have|has|tried|used|seen|help|else)>\\b|\\b<(need|needs|looking for|want|some)>\\b\\s+(some\\s+)?\\b<(help|advice|tips?|pointers?)>\\b|\\b<any (ideas|suggestions|tips|thoughts|clue|pointers|advice)>\\b|\\b<(i have|got) a question>\\b|\\b<question about>\\b|\\b<(what to do|looking for|problem with|trouble with|issue with)>\\b|\\b<help>\\b\\s+\\b<(with|me|please|needed)>\\b|^\\s*help\\b') },
    { reason: 'how-to', weight: 0.55, pattern: rx('\\b<how>\\b\\s+(do|can|could|should|would)\\s+(i|we|one|you)\\b|\\b<how to>\\b|\\b<is there (a|any) way>\\b|\\b<what is the best way>\\b|\\b<where (can|do) i>\\b') },
    { reason: 'reports-a-problem', weight: 0.5, pattern: rx("\\b<(i|we)>\\b\\s+(can't|cannot|can not|couldn't|am unable to|was unable to|keep getting|get an?|got an?|am getting|am having trouble|have trouble|have a problem|have an issue|am trying to|tried to|want to|would like to|need to)\\b|\\b<(doesn't|does not|won't|isn't|is not|don't|do not|wasn't|didn't|did not)>\\b\\s+(work|working|load|loading|show|showing|start|open|arrive|arrived)|\\b<(not working|error|fails?|failed|failing|broken|stuck|crash(es|ed|ing)?)>\\b|\\b<(didn't|did not|haven't|have not|never|still not|not)>\\b\\s+(get|got|gotten|receive|received|arrived)\\b") },
    { reason: 'states-a-task', weight: 0.5, pattern: rx('^\\s*\\b<\\w+ing>\\b\\s+\\b<(my|the|a|an|our|your)>\\b|^\\s*\\b<(trying|attempting|struggling|looking|getting|having trouble|unable)>\\b') },
  ],
  bg: [
    { reason: 'states-a-task', weight: 0.5, pattern: rx('^\\s*[\\p{L}]+(ам|ям)\\s+(си|моя|моят|моята|моите|нов|нова|ново)>\\b') },
    { reason: 'starts-with-question-word', weight: 0.35, pattern: rx(`${CLAUSE}${BG_PREPOSITION}\\b<(как|какво|какъв|каква|какви|какво|защо|къде|кога|кой|коя|кое|кои|колко|дали|откъде|накъде|докога|чий|чия)>\\b`) },
    { reason: 'particle-li', weight: 0.4, pattern: rx('\\b<ли>\\b') },
    { reason: 'starts-with-verb-li', weight: 0.2, pattern: rx('^\\s*(не\\s+)?[\\p{L}-]+\\s+ли>\\b') },
    { reason: 'asks-for-help', weight: 0.55, pattern: rx('\\b<(някой|някоя|някои)>\\b\\s+(да\\s+)?\\b<(знае|знаете|може|има|е|пробвал|ползвал|сблъсквал)>\\b|\\b<(помощ|помогнете|помогне|помогнеш|съвет|съвети|търся)>\\b') },
    { reason: 'how-to', weight: 0.55, pattern: rx('\\b<(как|къде|откъде)>\\b\\s+(да|мога|може|се)\\b|\\b<има ли начин>\\b') },
    { reason: 'reports-a-problem', weight: 0.5, pattern: rx('\\b<(не мога|не можем|не успявам|не успях|опитвам се|опитах|искам да|трябва ми|трябва да|имам проблем|получавам грешка)>\\b|\\b<не (работи|тръгва|зарежда|се отваря|се показва|пристига|пристигна|получих|получавам|съм получил|съм получила|ми (дойде|идва|пристига|тръгва))>\\b|\\b<(грешка|проблем|бъг|забива|заби|счупен)>\\b') },
  ],
};

export const NOT_HELP_RULES: Record<Language, CueRule[]> = {
  en: [
    { reason: 'small-talk', weight: -1, pattern: rx("^[^\\p{L}\\p{N}]*(hi|hey|hello|yo)?[^\\p{L}\\p{N}]*\\b<(how are (you|u|ya|things|you all|you guys)|how's it going|how is it going|how are things|how have you been|how was your (day|weekend|trip|holiday|night)|what's up|whats up|wassup|sup|what are you (doing|up to)|how do you do|you ok|are you ok|u ok|how's life|how's everyone|what's new|you coming|are you coming|did you eat|wanna (grab|get))>\\b") },
    { reason: 'joke', weight: -1, pattern: rx("\\b<(why did the|knock knock|what do you call (a|an|the)|what's the difference between (a|an)|how many \\w+s? does it take to|what did the \\w+ say)>\\b") },
    { reason: 'rhetorical', weight: -0.8, pattern: rx("\\b<(who cares|who knew|why not\\??$|am i right|is it just me|isn't it|aren't they|don't you think|what could (possibly )?go wrong|guess what|you know what|what the (hell|heck|fuck)|why me|are you (kidding|serious)|how hard can it be|how cool is that|how awesome is that|who doesn't|what else is new|right\\?$|seriously\\?|really\\?)>\\b") },
    { reason: 'exclamation', weight: -0.7, pattern: rx('^\\s*\\b<(what|how)>\\b\\s+(a|an|great|nice|cool|awesome|beautiful|lovely|sad|funny|weird)\\b[^?]*!?\\s*$') },
  ],
  bg: [
    { reason: 'small-talk', weight: -1, pattern: rx('^[^\\p{L}\\p{N}]*(здравей|здрасти|хей|здрасце)?[^\\p{L}\\p{N}]*\\b<(как си|как сте|как е|как върви|как мина|какво правиш|какво правите|какво става|какво ново|що правиш|к[ъа]к си|идваш ли|ще дойдеш ли|яде ли)>\\b') },
    { reason: 'joke', weight: -1, pattern: rx('\\b<(виц|знаете ли защо|знаеш ли защо|каква е разликата между|защо пилето)>\\b') },
    { reason: 'rhetorical', weight: -0.8, pattern: rx('\\b<(на кого му пука|защо не\\s*[?!.]*$|нали|сериозно ли|наистина ли|какво толкова|кой да знае|колко му е|шегуваш ли се|то кой ли)>\\b') },
    { reason: 'exclamation', weight: -0.7, pattern: rx('^\\s*\\b<(какъв|каква|какво|какви|колко)>\\b\\s+(хубав|хубава|хубаво|хубави|готин|готино|страхотен|страхотно|красив|красиво|прекрасен|прекрасно)[^?]*$') },
  ],
};
