// The one table of question cues, English and Bulgarian, read by question-detector.ts. Each rule
// adds its weight to a message's score when it matches; `reason` names it in the verdict so
// moderators can see why. Asking cues are what people asking for help write (with or without
// "?"); not-asking cues (negative weights) are questions nobody wants answered: small talk,
// jokes, rhetoric. What the message is a reply to, and whom it addresses, is not here: those are
// the detector's context penalties.
import type { Language } from '../knowledge-base/kb-entry.ts';

export interface CueRule {
  reason: string;
  pattern: RegExp;
  weight: number;
  /** Read on the whole message, not only its head (the question mark of a long paste is at its end). */
  whole?: boolean;
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

const ASKING_RULES: Record<Language, CueRule[]> = {
  en: [
    { reason: 'starts-with-question-word', weight: 0.35, pattern: rx(`${CLAUSE}${EN_PREPOSITION}\\b<(how|what|why|where|when|which|who|whom|whose)>\\b`) },
    { reason: 'starts-with-auxiliary', weight: 0.3, pattern: rx(`${CLAUSE}\\b<(is|are|am|can|could|would|should|do|does|did|will|has|have|may|shall|was|were)>\\b\\s+\\b<(i|it|there|this|that|my|we|you|anyone|anybody|someone|somebody|the|a|an)>\\b`) },
    { reason: 'addresses-anyone', weight: 0.3, pattern: rx(`${CLAUSE}\\b<(anyone|anybody|someone|somebody|any one)>\\b`) },
    { reason: 'asks-for-help', weight: 0.55, pattern: rx('\\b<(anyone|anybody|someone|somebody|any one|any body|does anyone|does anybody|do you guys)>\\b\\s+\\b<(know|knows|have|has|here|can|tried|use|used|seen|help|else)>\\b|\\b<(help me|wanted to ask|i need to know)>\\b|\\b<(need|needs|looking for|want|some)>\\b\\s+(some\\s+)?\\b<(help|advice|tips?|pointers?)>\\b|\\b<any (ideas|suggestions|tips|thoughts|clue|pointers|advice)>\\b|\\b<(i have|got) a question>\\b|\\b<question about>\\b|\\b<(what to do|looking for|problem with|trouble with|issue with)>\\b|\\b<help>\\b\\s+\\b<(with|me|please|needed)>\\b|^\\s*help\\b') },
    { reason: 'how-to', weight: 0.55, pattern: rx('\\b<how>\\b\\s+(do|can|could|should|would)\\b|\\b<how to>\\b|\\b<is there (a|an|any)>\\b|\\b<are there any>\\b|\\b<what is the best way>\\b|\\b<where (can|do) i>\\b') },
    { reason: 'what-or-why', weight: 0.55, pattern: rx("\\b<(what (is|are|does|do|should)|why (is|does|do|can|won't|doesn't))>\\b") },
    { reason: 'reports-a-problem', weight: 0.5, pattern: rx("\\b<(i|we)>\\b\\s+(can't|cannot|can not|couldn't|am unable to|was unable to|keep getting|get an?|got an?|am getting|am having trouble|have trouble|have a problem|have an issue|am trying to|tried to|want to|would like to|need to)\\b|\\b<(doesn't|does not|won't|isn't|is not|don't|do not|wasn't|didn't|did not)>\\b\\s+(work|working|load|loading|show|showing|start|open|arrive|arrived)|\\b<(not working|error|fails?|failed|failing|broken|stuck|crash(es|ed|ing)?)>\\b|\\b<(didn't|did not|haven't|have not|never|still not|not)>\\b\\s+(get|got|gotten|receive|received|arrived)\\b") },
    // Naming a problem is weaker than reporting one: "the issue is fixed", "it won't matter".
    { reason: 'mentions-a-problem', weight: 0.3, pattern: rx("\\b<(problems?|issues?|won't|unable to|trying to)>\\b") },
    // "Deleting my account." states the asker's own task; "reloading the driver fixes it" (a helper's
    // advice, common in the train export) does not, hence "my" or "our" only.
    { reason: 'states-a-task', weight: 0.5, pattern: rx('^\\s*\\b<\\w+ing>\\b\\s+\\b<(my|our)>\\b|^\\s*\\b<(trying|attempting|struggling|looking|getting|having trouble|unable)>\\b') },
  ],
  bg: [
    { reason: 'states-a-task', weight: 0.5, pattern: rx('^\\s*[\\p{L}]+(ам|ям)\\s+(си|моя|моят|моята|моите|нов|нова|ново)>\\b') },
    { reason: 'starts-with-question-word', weight: 0.35, pattern: rx(`${CLAUSE}${BG_PREPOSITION}\\b<(как|какво|какъв|каква|какви|какво|защо|къде|кога|кой|коя|кое|кои|колко|дали|откъде|накъде|докога|чий|чия)>\\b`) },
    { reason: 'particle-li', weight: 0.4, pattern: rx('\\b<ли>\\b') },
    { reason: 'starts-with-verb-li', weight: 0.2, pattern: rx('^\\s*(не\\s+)?[\\p{L}-]+\\s+ли>\\b') },
    { reason: 'asks-for-help', weight: 0.55, pattern: rx('\\b<(някой|някоя|някои)>\\b\\s+(да\\s+)?\\b<(знае|знаете|може|има|е|пробвал|ползвал|сблъсквал)>\\b|\\b<(помощ|помогнете|помогне|помогнеш|съвет|съвети|търся|искам да попитам|знае ли някой)>\\b') },
    { reason: 'how-to', weight: 0.55, pattern: rx('\\b<(как|къде|откъде)>\\b\\s+(да|мога|може|се)\\b|\\b<има ли начин>\\b') },
    { reason: 'reports-a-problem', weight: 0.5, pattern: rx('\\b<(не мога|не можем|не успявам|не успях|опитвам се|опитах|искам да|трябва ми|трябва да|имам проблем|получавам грешка)>\\b|\\b<не (работи|тръгва|зарежда|се отваря|се показва|пристига|пристигна|получих|получавам|съм получил|съм получила|ми (дойде|идва|пристига|тръгва))>\\b|\\b<(грешка|проблем|бъг|забива|заби|счупен|не става|гърми)>\\b') },
  ],
};

const NOT_ASKING_RULES: Record<Language, CueRule[]> = {
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

// "?" (or a full-width "？", or a Greek ";") at the end, maybe before a smiley, or inside the text
// before more words. Alone it reads as asking (the score recognition, routing and learning were
// fitted with counted every "?" as a question); what keeps "really?" or "so?" from the bot is the
// rhetoric cues and the detector's too-short penalty, not a smaller weight here.
const QUESTION_MARK = /(?:[?？](?:\s*(?:[:;]-?[()D]|\)))?|;)\s*$|\?\s/u;
const QUESTION_MARK_RULES: CueRule[] = [{ reason: 'question-mark', weight: 0.55, pattern: QUESTION_MARK, whole: true }];

/** Every cue of a language, asking and not asking, in one table. */
export const CUE_RULES: Record<Language, readonly CueRule[]> = {
  en: [...QUESTION_MARK_RULES, ...ASKING_RULES.en, ...NOT_ASKING_RULES.en],
  bg: [...QUESTION_MARK_RULES, ...ASKING_RULES.bg, ...NOT_ASKING_RULES.bg],
};
