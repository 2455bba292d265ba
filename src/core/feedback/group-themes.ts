// Groups feedback into themes by shared phrases (theme-phrases.ts): the phrase most items share
// makes the first theme, the next most shared (among the items left) the next, and so on; items
// that share no phrase with another item go to "other". At equal counts a community synonym group
// comes first, then a pair before a single word, then the phrase written earliest in the messages (usually their subject), then the
// alphabet, so the result is deterministic. Each theme is labelled as people wrote it (both
// languages when a synonym group joined them: "dark mode / тъмна тема") and has a representative
// quote: the item sharing the most phrases with the rest of its theme.
import type { FeedbackKind } from './classify-feedback.ts';
import { createPhraseExtractor, type Phrase, type PhraseOptions } from './theme-phrases.ts';

export interface ThemeItem {
  kind: FeedbackKind;
  text: string;
}

export interface Theme<T extends ThemeItem> {
  /** The shared phrase's key (stems, or a synonym group), or null for the "other" group. */
  keyword: string | null;
  /** Readable: the phrase as people wrote it most often ("dark mode"), null for "other". */
  label: string | null;
  items: T[];
  /** The item that says the theme best, null for "other". */
  quote: T | null;
}

export interface ThemeOptions extends PhraseOptions {
  /** Items a phrase must be in to make a theme (2). */
  minShared?: number;
}

export function groupThemes<T extends ThemeItem>(items: readonly T[], options: ThemeOptions = {}): Array<Theme<T>> {
  const minShared = options.minShared ?? 2;
  const extract = createPhraseExtractor(options);
  const phrases = items.map((item) => extract(item.text));
  const keys = phrases.map((list) => new Set(list.map((p) => p.key)));
  const left = new Set(items.map((_, i) => i));
  const themes: Array<Theme<T>> = [];
  for (;;) {
    const stats = new Map<string, { count: number; at: number; synonym: boolean }>();
    for (const i of left) {
      for (const key of keys[i]!) {
        const first = phrases[i]!.find((p) => p.key === key)!;
        const s = stats.get(key) ?? { count: 0, at: 0, synonym: key.includes('≡') };
        s.count += 1;
        s.at += first.at;
        stats.set(key, s);
      }
    }
    let best: string | null = null;
    for (const [key, s] of stats) {
      if (s.count < minShared) continue;
      if (best === null || better(key, s, best, stats.get(best)!)) best = key;
    }
    if (best === null) break;
    const members = [...left].filter((i) => keys[i]!.has(best));
    for (const i of members) left.delete(i);
    themes.push({ keyword: best, label: labelOf(best, members.map((i) => phrases[i]!)), items: members.map((i) => items[i]!), quote: items[representative(members, keys)]! });
  }
  if (left.size > 0) themes.push({ keyword: null, label: null, items: [...left].map((i) => items[i]!), quote: null });
  return themes;
}

function better(key: string, s: { count: number; at: number; synonym: boolean }, bestKey: string, b: { count: number; at: number; synonym: boolean }): boolean {
  if (s.count !== b.count) return s.count > b.count;
  if (s.synonym !== b.synonym) return s.synonym;
  const size = key.split(' ').length;
  const bestSize = bestKey.split(' ').length;
  if (size !== bestSize) return size > bestSize;
  const at = s.at / s.count;
  const bestAt = b.at / b.count;
  if (at !== bestAt) return at < bestAt;
  return key < bestKey;
}

/** The most written form of the phrase (the shortest at equal counts), in each language it was
 * written in, English first. */
function labelOf(key: string, lists: ReadonlyArray<readonly Phrase[]>): string {
  const candidates = lists.map((list) => list.filter((p) => p.key === key));
  const byLanguage = new Map<string, Map<string, number>>();
  for (const list of candidates) {
    for (const p of list) {
      const forms = byLanguage.get(p.language) ?? new Map<string, number>();
      forms.set(p.surface, (forms.get(p.surface) ?? 0) + 1);
      byLanguage.set(p.language, forms);
    }
  }
  return ['en', 'bg']
    .filter((l) => byLanguage.has(l))
    .map((l) => [...byLanguage.get(l)!].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1))[0]![0])
    .join(' / ');
}

/** The member sharing the most phrases with the other members; ties: the earliest. */
function representative(members: readonly number[], keys: ReadonlyArray<ReadonlySet<string>>): number {
  let best = members[0]!;
  let bestShared = -1;
  for (const i of members) {
    let shared = 0;
    for (const j of members) if (j !== i) for (const k of keys[i]!) if (keys[j]!.has(k)) shared += 1;
    if (shared > bestShared) {
      best = i;
      bestShared = shared;
    }
  }
  return best;
}
