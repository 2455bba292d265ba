// A community's synonym groups: words or short phrases that mean the same there ("refund, money
// back, възстановяване"). Rapport ships none: they are community data that moderators manage
// (/faq synonyms), never a list written by reading evaluation queries. Each word or phrase goes
// through the same analysis as the index (stop words, English and Bulgarian stemming), so a group
// matches every inflection. When a query holds every stem of one member of a group, the stems of
// the group's other members are added to the search at SYNONYM_WEIGHT; the confidence model's
// coverage features count a synonym as a match but not as a word the member typed.
import { analyzeTerms } from '../text/analyze.ts';

/** The words and phrases of one group, as a moderator wrote them. */
export type SynonymGroup = readonly string[];

export const SYNONYM_WEIGHT = 0.5;

export interface SynonymTable {
  /** Number of groups. */
  readonly size: number;
  /** The query's stems followed by the stems its synonyms add (`added`, never ones already present). */
  expand(words: readonly string[]): { terms: string[]; added: Set<string> };
  /** Other members (each a list of stems) of the groups a member made of exactly this stem or holding it belongs to. */
  alternativesOf(stem: string): ReadonlyArray<readonly string[]>;
}

interface Member {
  group: number;
  stems: readonly string[];
}

export function createSynonymTable(groups: readonly SynonymGroup[]): SynonymTable {
  const members: Member[][] = groups.map((group, g) => {
    const seen = new Set<string>();
    return group
      .map((words) => [...new Set(analyzeTerms(words))])
      .filter((stems) => stems.length > 0 && !seen.has(stems.join(' ')) && seen.add(stems.join(' ')))
      .map((stems) => ({ group: g, stems }));
  });
  // stem -> the members holding it, to find the members a query matches from its words.
  const byStem = new Map<string, Member[]>();
  for (const member of members.flat()) {
    for (const stem of member.stems) byStem.set(stem, [...(byStem.get(stem) ?? []), member]);
  }
  const alternatives = new Map<string, Array<readonly string[]>>();
  for (const [stem, holders] of byStem) {
    const others = holders.flatMap((m) => (members[m.group] ?? []).filter((o) => o !== m).map((o) => o.stems));
    alternatives.set(stem, others);
  }
  return {
    size: groups.length,
    expand(words) {
      const present = new Set(words);
      const added = new Set<string>();
      const matched = new Set<number>();
      for (const w of present) {
        for (const m of byStem.get(w) ?? []) if (!matched.has(m.group) && m.stems.every((s) => present.has(s))) matched.add(m.group);
      }
      for (const g of matched) {
        for (const m of members[g] ?? []) for (const s of m.stems) if (!present.has(s)) added.add(s);
      }
      return { terms: [...words, ...added], added };
    },
    alternativesOf: (stem) => alternatives.get(stem) ?? [],
  };
}

export const NO_SYNONYMS: SynonymTable = createSynonymTable([]);
