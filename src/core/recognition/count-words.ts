// How long a message is, for engagement (short messages earn less) and for who-answered-whom
// guesses (one- and two-word messages are never answers).

/** Words outside mentions, counted without building strings (this runs for every message). */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  let inMention = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inMention) {
      if (c === 62 /* > */) inMention = false;
      continue;
    }
    if (c === 60 /* < */ && (text[i + 1] === '@' || text[i + 1] === '#' || text[i + 1] === '!')) {
      inMention = true;
      inWord = false;
      continue;
    }
    const space = c === 32 || c === 9 || c === 10 || c === 13 || c === 160;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}
