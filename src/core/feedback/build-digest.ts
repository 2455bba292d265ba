// Turns a period's feedback into the digest message: themes (shared phrases, group-themes.ts)
// largest first, each with its counts per kind, its representative quote and a few more items,
// each linking to its source message.
import type { OutgoingMessage } from '../outgoing.ts';
import type { Vars } from '../errors.ts';
import { FEEDBACK_KINDS } from './classify-feedback.ts';
import { groupThemes, type ThemeOptions } from './group-themes.ts';
import type { FeedbackRecord } from './ports.ts';

const MAX_THEMES = 8;
const ITEMS_PER_THEME = 3;
const EXCERPT = 140;

export function buildDigest(items: readonly FeedbackRecord[], t: (key: string, vars?: Vars) => string, periodLabel: string, options: ThemeOptions = {}): OutgoingMessage {
  const title = t('feedback.digest.title', { period: periodLabel });
  if (items.length === 0) return { title, text: t('feedback.digest.empty', { period: periodLabel }) };
  const themes = groupThemes(items, options);
  const lines: string[] = [t('feedback.digest.summary', { count: items.length, themes: t('feedback.digest.themes', { count: themes.filter((th) => th.keyword !== null).length }) })];
  for (const theme of themes.slice(0, MAX_THEMES)) {
    const kinds = FEEDBACK_KINDS.map((kind) => ({ kind, count: theme.items.filter((i) => i.kind === kind).length }))
      .filter((k) => k.count > 0)
      .map((k) => t(`feedback.kind.${k.kind}`, { count: k.count }))
      .join(', ');
    lines.push('');
    lines.push(theme.label ? t('feedback.digest.theme', { theme: theme.label, count: theme.items.length, kinds }) : t('feedback.digest.other', { count: theme.items.length, kinds }));
    const excerpt = (item: FeedbackRecord) => {
      const text = item.text.replace(/\s+/g, ' ').trim();
      return text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text;
    };
    if (theme.quote) lines.push(t('feedback.digest.quote', { name: theme.quote.displayName, text: excerpt(theme.quote), link: theme.quote.link }));
    const rest = theme.items.filter((i) => i !== theme.quote);
    for (const item of rest.slice(0, ITEMS_PER_THEME - (theme.quote ? 1 : 0))) lines.push(t('feedback.digest.item', { name: item.displayName, text: excerpt(item), link: item.link }));
    if (theme.items.length > ITEMS_PER_THEME) lines.push(t('feedback.digest.more', { count: theme.items.length - ITEMS_PER_THEME }));
  }
  if (themes.length > MAX_THEMES) lines.push('', t('feedback.digest.moreThemes', { count: themes.length - MAX_THEMES }));
  return { title, text: lines.join('\n') };
}
