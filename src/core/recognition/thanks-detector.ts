// Recognises thank-you messages and reactions in English and Bulgarian. Phrases that look like
// thanks but thank nobody here ("thanks in advance", "no thanks", "thank god", "thanks to the
// wiki", "предварително благодаря", "не, благодаря") are not thanks.

export interface ThanksMatch {
  /** The phrase that matched, lower-cased. */
  phrase: string;
  /** 1 when the thanks is what the message is about (short, or opens it); 0.6 when it is in passing. */
  strength: number;
}

// Unicode-aware word edges: \b only knows ASCII, and Bulgarian is Cyrillic.
const EDGE_START = '(?<![\\p{L}\\p{N}_])';
const EDGE_END = '(?![\\p{L}\\p{N}_])';

const THANKS_WORDS = [
  // English and chat shorthand
  'thank\\s*(?:you|u|ya|yee|yah)(?:\\s+(?:so|very)\\s+much)?',
  'thanks?(?:\\s+(?:a\\s+(?:lot|bunch|ton|million)|so\\s+much|very\\s+much|again|man|mate|dude|heaps|loads))?',
  'thankyou',
  'thanx',
  'thnx',
  'thnks',
  'thx',
  'tnx',
  'tx',
  'ty',
  'tyvm',
  'tysm',
  'cheers',
  'kudos',
  'much\\s+appreciated',
  'appreciate\\s+(?:it|that|the\\s+help)',
  '10x',
  '10q',
  'merci',
  // Bulgarian
  'благодаря(?:\\s+(?:ти|ви|много|ти\\s+много|ви\\s+много))?',
  'благодарско',
  'благодарим',
  'благодарности',
  'мерси(?:\\s+много)?',
  'мерсаж',
  'сенкс',
  'сенкюу?',
  '10х', // Cyrillic х
];

const THANKS_RE = new RegExp(`${EDGE_START}(${THANKS_WORDS.join('|')})${EDGE_END}`, 'iu');
const EMOJI_THANKS_RE = /🙏|:pray:|:thank_?you:|:bow:/u;

// Thanks that thank nobody in this conversation.
const NOT_THANKS_RE = new RegExp(
  [
    `${EDGE_START}no,?\\s+(?:thanks|thank\\s+you|thx)`,
    `(?:thanks|thank\\s+you|thx|ty)\\s+in\\s+advance`,
    `${EDGE_START}tia${EDGE_END}`,
    `thanks?\\s+(?:god|goodness|heavens)`,
    `thanks\\s+to${EDGE_END}`,
    `предварително\\s+(?:благодаря|мерси)`,
    `(?:благодаря|мерси)\\s+предварително`,
    `${EDGE_START}не,?\\s+(?:благодаря|мерси)`,
    `благодарение\\s+на`,
  ].join('|'),
  'iu',
);

const MENTION_RE = /<[@#!][^>]*>/g;

// Cheap pre-check: every thanks phrase contains one of these (most messages contain none).
const MAYBE_THANKS_RE = /thank|thx|thnx|thnks|thanx|\bty|\btx|tnx|cheers|kudos|appreciat|10[xqх]|merci|благодар|мерс|сенк|🙏|:pray:|:bow:/iu;

export function detectThanks(text: string): ThanksMatch | null {
  if (text.length === 0 || !MAYBE_THANKS_RE.test(text)) return null;
  const clean = text.replace(MENTION_RE, ' ').trim();
  if (NOT_THANKS_RE.test(clean)) return null;
  const match = THANKS_RE.exec(clean);
  const emoji = match ? null : EMOJI_THANKS_RE.exec(clean);
  if (!match && !emoji) return null;
  const phrase = (match?.[1] ?? emoji?.[0] ?? '').toLowerCase();
  const index = match?.index ?? emoji?.index ?? 0;
  const words = clean.split(/\s+/u).filter(Boolean).length;
  // Short messages, or messages that open with the thanks ("thanks, that worked"), are thanks.
  const leading = clean.slice(0, index).replace(/[\p{P}\p{S}\s]/gu, '').length <= 12;
  const strength = words <= 8 || leading ? 1 : 0.6;
  return { phrase, strength };
}

export type ReactionKind = 'thanks' | 'approval' | 'other';

const THANKS_REACTIONS = new Set([
  'pray',
  '🙏',
  'heart',
  '❤',
  '❤️',
  'hearts',
  'sparkling_heart',
  'heart_eyes',
  '😍',
  'hugging_face',
  'hugging',
  '🤗',
  'raised_hands',
  '🙌',
  'bow',
  '🙇',
  'thank_you',
  'thankyou',
  'thanks',
]);

const APPROVAL_REACTIONS = new Set([
  '+1',
  'thumbsup',
  '👍',
  'white_check_mark',
  '✅',
  'heavy_check_mark',
  '✔',
  '✔️',
  'tada',
  '🎉',
  '100',
  '💯',
  'clap',
  '👏',
  'star',
  '⭐',
  'star-struck',
  'fire',
  '🔥',
  'ok_hand',
  '👌',
  'muscle',
  '💪',
]);

/** Slack adds skin tones as "+1::skin-tone-2"; Discord sends the unicode character. */
export function classifyReaction(emoji: string): ReactionKind {
  const name = emoji.replace(/::skin-tone-\d$/u, '').replace(/^:|:$/gu, '').replace(/[\u{1F3FB}-\u{1F3FF}]/gu, '').toLowerCase();
  if (THANKS_REACTIONS.has(name)) return 'thanks';
  if (APPROVAL_REACTIONS.has(name)) return 'approval';
  return 'other';
}
