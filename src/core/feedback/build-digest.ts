// Turns a period's feedback into the digest message: themes (shared keywords) largest first, each
// with its counts per kind and a few items linking to their source messages.
import type { OutgoingMessage } from '../outgoing.ts';
import type { Vars } from '../errors.ts';
import { FEEDBACK_KINDS } from './classify-feedback.ts';
import { groupThemes } from './group-themes.ts';
import type { FeedbackRecord } from './ports.ts';

const MAX_THEMES = 8;
const ITEMS_PER_THEME = 3;
const EXCERPT = 140;

export function buildDigest(items: readonly FeedbackRecord[], t: (key: string, vars?: Vars) => string, periodLabel: string): OutgoingMessage {
  const title = t('feedback.digest.title', { period: periodLabel });
  if (items.length === 0) return { title, text: t('feedback.digest.empty', { period: periodLabel }) };
  const themes = groupThemes(items);
  const lines: string[] = [t('feedback.digest.summary', { count: items.length, themes: t('feedback.digest.themes', { count: themes.filter((th) => th.keyword !== null).length }) })];
  for (const theme of themes.slice(0, MAX_THEMES)) {
    const kinds = FEEDBACK_KINDS.map((kind) => ({ kind, count: theme.items.filter((i) => i.kind === kind).length }))
      .filter((k) => k.count > 0)
      .map((k) => t(`feedback.kind.${k.kind}`, { count: k.count }))
      .join(', ');
    lines.push('');
    lines.push(theme.label ? t('feedback.digest.theme', { theme: theme.label, count: theme.items.length, kinds }) : t('feedback.digest.other', { count: theme.items.length, kinds }));
    for (const item of theme.items.slice(0, ITEMS_PER_THEME)) {
      const text = item.text.replace(/\s+/g, ' ').trim();
      const excerpt = text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text;
      lines.push(t('feedback.digest.item', { name: item.displayName, text: excerpt, link: item.link }));
    }
    if (theme.items.length > ITEMS_PER_THEME) lines.push(t('feedback.digest.more', { count: theme.items.length - ITEMS_PER_THEME }));
  }
  if (themes.length > MAX_THEMES) lines.push('', t('feedback.digest.moreThemes', { count: themes.length - MAX_THEMES }));
  return { title, text: lines.join('\n') };
}
