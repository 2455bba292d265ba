// Groups captured feedback by theme for the dashboard: the stemmed keyword most items share
// makes the first theme, the next most shared among the items left the next, and items that share
// nothing end in one "other" theme (theme ""). Deterministic: ties break alphabetically.
import type { FeedbackTheme } from './ports.ts';

export interface FeedbackThemeInput {
  kind: string;
  text: string;
  link: string;
  displayName: string;
  at: Date;
  keywords: readonly string[];
}

const EXAMPLES = 3;

export function groupFeedbackThemes(items: readonly FeedbackThemeInput[], options: { minShared?: number } = {}): FeedbackTheme[] {
  const minShared = options.minShared ?? 2;
  const left = new Set(items.map((_, i) => i));
  const groups: Array<{ theme: string; members: FeedbackThemeInput[] }> = [];
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
    groups.push({ theme: best, members: members.map((i) => items[i]!) });
  }
  if (left.size > 0) groups.push({ theme: '', members: [...left].map((i) => items[i]!) });
  return groups.map(({ theme, members }) => ({
    theme,
    count: members.length,
    kinds: {
      feature_request: members.filter((m) => m.kind === 'feature_request').length,
      complaint: members.filter((m) => m.kind === 'complaint').length,
      praise: members.filter((m) => m.kind === 'praise').length,
    },
    examples: members.slice(0, EXAMPLES).map((m) => ({ text: m.text, link: m.link, displayName: m.displayName, at: m.at })),
  }));
}
