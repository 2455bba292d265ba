// Feedback grouped by theme for the dashboard, the same way `/feedback digest` groups it
// (src/core/feedback/group-themes.ts: shared phrases, labelled as people wrote them, joined across
// languages by the community's synonyms), with per-kind counts, a representative quote and a few
// examples per theme (the quote first). Items that share nothing end in one
// "other" theme, named "" here (the page translates it).
import type { FeedbackKind } from '../feedback/classify-feedback.ts';
import { groupThemes, type ThemeOptions } from '../feedback/group-themes.ts';
import type { FeedbackTheme } from './ports.ts';

export interface FeedbackThemeInput {
  kind: string;
  text: string;
  link: string;
  displayName: string;
  at: Date;
  keywords?: readonly string[];
}

const EXAMPLES = 3;
const KINDS: readonly string[] = ['feature_request', 'complaint', 'praise'] satisfies FeedbackKind[];

export function groupFeedbackThemes(items: readonly FeedbackThemeInput[], options: ThemeOptions = {}): FeedbackTheme[] {
  const known = items.filter((i): i is FeedbackThemeInput & { kind: FeedbackKind } => KINDS.includes(i.kind));
  const example = (m: FeedbackThemeInput) => ({ text: m.text, link: m.link, displayName: m.displayName, at: m.at });
  return groupThemes(known, options).map(({ label, keyword, items: members, quote }) => ({
    theme: keyword === null ? '' : label || keyword,
    count: members.length,
    kinds: {
      feature_request: members.filter((m) => m.kind === 'feature_request').length,
      complaint: members.filter((m) => m.kind === 'complaint').length,
      praise: members.filter((m) => m.kind === 'praise').length,
    },
    quote: quote ? example(quote) : null,
    examples: [...(quote ? [quote] : []), ...members.filter((m) => m !== quote)].slice(0, EXAMPLES).map(example),
  }));
}
