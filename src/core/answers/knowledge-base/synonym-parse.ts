// Reading synonym groups a moderator types (/faq synonyms add words:"refund, money back") or
// imports from a file (one group per line). All or nothing: the first bad group throws a UserError
// naming it (and its line in a file), and the caller stores nothing.
import { UserError } from '../../errors.ts';
import { analyzeTerms, tokenize } from '../text/analyze.ts';
import type { SynonymGroup } from './synonyms.ts';

export const SYNONYM_LIMITS = {
  /** Members (words or phrases) in one group. */
  maxMembers: 20,
  /** Characters in one member. */
  maxMemberChars: 60,
  /** Words in one member: a synonym is a word or a short phrase, not a sentence. */
  maxMemberWords: 4,
  /** Groups in one community (and so in one file). */
  maxGroups: 1000,
} as const;

const SEPARATOR = /[,;|]/;

/** "refund, Money back ,възстановяване" -> ["refund", "money back", "възстановяване"]. Throws UserError. */
export function parseSynonymGroup(text: string, line?: number): string[] {
  const where: Record<string, number> = line === undefined ? {} : { line };
  const members = text.split(SEPARATOR).map((m) => m.trim().replace(/\s+/g, ' ').toLowerCase()).filter((m) => m !== '');
  const at = (key: string, vars: Record<string, string | number> = {}) => new UserError(line === undefined ? `synonyms.bad.${key}` : `synonyms.badLine.${key}`, { ...where, ...vars });
  if (members.length === 0) throw at('empty');
  if (members.length > SYNONYM_LIMITS.maxMembers) throw at('tooMany', { count: members.length, max: SYNONYM_LIMITS.maxMembers });
  for (const member of members) {
    if (member.length > SYNONYM_LIMITS.maxMemberChars) throw at('tooLong', { member: `${member.slice(0, 30)}…`, max: SYNONYM_LIMITS.maxMemberChars });
    const words = tokenize(member);
    if (words.length === 0) throw at('noLetters', { member });
    if (words.length > SYNONYM_LIMITS.maxMemberWords) throw at('tooManyWords', { member, max: SYNONYM_LIMITS.maxMemberWords });
  }
  // Members that analyse to the same stems ("delete, deleting") are one word to the index.
  const distinct = new Map<string, string>();
  for (const member of members) {
    const key = analyzeTerms(member).join(' ');
    if (!distinct.has(key)) distinct.set(key, member);
  }
  if (distinct.size < 2) throw at('oneWord', { words: members.join(', ') });
  return [...distinct.values()];
}

/** One group per line; blank lines and lines starting with # are skipped. Throws UserError on the first bad line. */
export function parseSynonymFile(content: string): SynonymGroup[] {
  if (content.includes('\u0000')) throw new UserError('synonyms.file.binary');
  const groups: SynonymGroup[] = [];
  content.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    groups.push(parseSynonymGroup(text, i + 1));
  });
  if (groups.length === 0) throw new UserError('synonyms.file.empty');
  if (groups.length > SYNONYM_LIMITS.maxGroups) throw new UserError('synonyms.file.tooMany', { count: groups.length, max: SYNONYM_LIMITS.maxGroups });
  return groups;
}

/** The same group, whatever the order or case of its members. */
export function synonymGroupKey(group: SynonymGroup): string {
  return [...group].map((m) => m.toLowerCase()).sort().join(', ');
}
