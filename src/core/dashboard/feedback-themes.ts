// Feedback grouped by theme for the dashboard, the same way `/feedback digest` groups it
// (src/core/feedback/group-themes.ts: shared stemmed keywords, labelled as people wrote them),
// with per-kind counts and a few examples per theme. Items that share nothing end in one
// "other" theme, named "" here (the page translates it).
import type { FeedbackKind } from '../feedback/classify-feedback.ts';
import { groupThemes } from '../feedback/group-themes.ts';
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
const KINDS: readonly string[] = ['feature_request', 'complaint', 'praise'] satisfies FeedbackKind[];

export function groupFeedbackThemes(items: readonly FeedbackThemeInput[], options: { minShared?: number } = {}): FeedbackTheme[] {
  const known = items.filter((i): i is FeedbackThemeInput & { kind: FeedbackKind } => KINDS.includes(i.kind));
  return groupThemes(known, options).map(({ label, keyword, items: members }) => ({
    theme: keyword === null ? '' : label || keyword,
    count: members.length,
    kinds: {
      feature_request: members.filter((m) => m.kind === 'feature_request').length,
      complaint: members.filter((m) => m.kind === 'complaint').length,
      praise: members.filter((m) => m.kind === 'praise').length,
    },
    examples: members.slice(0, EXAMPLES).map((m) => ({ text: m.text, link: m.link, displayName: m.displayName, at: m.at })),
  }));
}
