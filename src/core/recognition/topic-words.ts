// The topic words of a message: what the conversation tracker compares to tell which open
// question a message answers.

// Words too common to say what a message is about (English and Bulgarian chat; only words of 3+
// letters count anyway).
const STOP_WORDS = new Set(
  [
    'като това този тази тези какво как има може защо дали след или няма само още вече там тук сега кога къде който която които ако нещо него нея тях мен теб',
    "the and you your yours for that this these those with have has had having what how can not but are was were been being its it's our ours out over under again once",
    'just only also too even still then than now yet off via per etc all any both each few more most other some such own same very much many lot lots bit',
    "does did doing get got gets use used using one ones now from into onto about above below would could should will shall may might must",
    'really like know think want need try tried yes yeah yep nope well sure okay who whom whose why when where which way thing things see make made',
    "what's that's there's here's don't can't doesn't didn't isn't aren't wasn't won't wouldn't i'm i've i'll you're you've he's she's they're let's",
    'there their theirs them they then him her his hers she any anyone someone something anything thanks thank please hello hey',
  ]
    .join(' ')
    .split(' '),
);
const TOPIC_RE = /[\p{L}\p{N}][\p{L}\p{N}'._+-]*[\p{L}\p{N}]/gu;
const MARKUP_RE = /<[@#!][^>]*>|https?:\/\/\S+/g;

/** Up to 12 distinct lower-cased content words of 3+ characters (enough to recognise a topic, small to keep). */
export function topicWords(text: string): string[] {
  const out: string[] = [];
  for (const token of text.replace(MARKUP_RE, ' ').toLowerCase().match(TOPIC_RE) ?? []) {
    if (token.length < 3 || STOP_WORDS.has(token) || out.includes(token)) continue;
    out.push(token);
    if (out.length >= 12) break;
  }
  return out;
}

export function sharedCount(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  for (const w of a) if (b.includes(w)) n++;
  return n;
}
