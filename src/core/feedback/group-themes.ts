// Groups feedback into themes by shared stemmed keywords: the keyword most items share makes the
// first theme, the next most shared (among the items left) the next, and so on; items that share
// nothing with another item go to "other". Deterministic: ties break alphabetically.
import { stemWord, tokenize } from '../answers/text/analyze.ts';
import type { FeedbackKind } from './classify-feedback.ts';

export interface ThemeItem {
  kind: FeedbackKind;
  text: string;
  keywords: readonly string[];
}

export interface Theme<T extends ThemeItem> {
  /** The shared keyword (stemmed), or null for the "other" group. */
  keyword: string | null;
  /** Readable: the keywords the whole theme shares, each as people wrote it most often ("dark mode"). */
  label: string | null;
  items: T[];
}

export function groupThemes<T extends ThemeItem>(items: readonly T[], options: { minShared?: number } = {}): Array<Theme<T>> {
  const minShared = options.minShared ?? 2;
  const left = new Set(items.map((_, i) => i));
  const themes: Array<Theme<T>> = [];
  for (;;) {
    const counts = new Map<string, number>();
    for (const i of left) for (const k of new Set(items[i]!.keywords)) counts.set(k, (counts.get(k) ?? 0) + 1);
    let best: string | null = null;
    let bestCount = 0;
    for (const [keyword, count] of counts) {
      if (count > bestCount || (count === bestCount && best !== null && keyword < best)) {
        best = keyword;
        bestCount = count;
      }
    }
    if (best === null || bestCount < minShared) break;
    const members = [...left].filter((i) => items[i]!.keywords.includes(best));
    for (const i of members) left.delete(i);
    const grouped = members.map((i) => items[i]!);
    // Label: every keyword the whole group shares ("dark mode"), in the order people wrote them.
    const shared = grouped[0]!.keywords.filter((k) => grouped.every((i) => i.keywords.includes(k))).slice(0, 3);
    themes.push({ keyword: best, label: shared.map((k) => labelFor(k, grouped)).join(' '), items: grouped });
  }
  if (left.size > 0) themes.push({ keyword: null, label: null, items: [...left].map((i) => items[i]!) });
  return themes;
}

function labelFor(keyword: string, items: readonly ThemeItem[]): string {
  const forms = new Map<string, number>();
  for (const item of items) {
    for (const word of tokenize(item.text)) if (stemWord(word) === keyword) forms.set(word, (forms.get(word) ?? 0) + 1);
  }
  let label = keyword;
  let best = 0;
  for (const [form, count] of forms) {
    if (count > best || (count === best && form < label)) {
      label = form;
      best = count;
    }
  }
  return label;
}
