// A member's home in Rapport (Slack's App Home tab; any platform with such a page can show it):
// their own standing (helper score, rank, funnel stage, thanks received, recent recognition) and
// this week's top helpers; a moderator also sees the members proposed for offers and the
// knowledge-base suggestions waiting, with the same buttons (and handlers) as /offer queue and
// /faq suggestions. Built fresh each time it is opened.
import type { Actor } from '../events.ts';
import type { Deps } from '../app-ports.ts';
import { OFFER_ACTIONS } from '../ambassadors/offers.ts';
import { LEARNING_ACTIONS } from '../learning/register-learning.ts';
import type { OutgoingButton, OutgoingMessage } from '../outgoing.ts';
import type { CommunityRecord, Language } from '../ports.ts';
import { describeReasons } from '../recognition/describe-reasons.ts';

import type { HomeView } from './home-view.ts';

export type { HomeView };

export type HomeDeps = Deps<'leaderboard' | 'funnelRecords' | 'ambassadors' | 'learning' | 'members' | 'privacy' | 'translator'>;

const TOP_HELPERS = 5;
const SHOWN = 5;

export async function buildHome(deps: HomeDeps, community: CommunityRecord, actor: Actor, language: Language): Promise<HomeView> {
  const t = (key: string, vars?: Record<string, string | number>) => deps.translator.t(language, key, vars);
  const sections: OutgoingMessage[] = [await standing(deps, community, actor, language, t), await topHelpers(deps, community, t)];
  if (actor.isModerator) sections.push(...(await moderatorQueues(deps, community, t)));
  return { sections };
}

type T = (key: string, vars?: Record<string, string | number>) => string;

async function standing(deps: HomeDeps, community: CommunityRecord, actor: Actor, language: Language, t: T): Promise<OutgoingMessage> {
  const title = t('home.standing.title', { community: community.name });
  if (!(await deps.privacy.mayProfile(community.id, actor.memberId))) return { title, text: t('home.standing.optedOut') };
  const [rank, funnel] = await Promise.all([deps.leaderboard.rank(community, actor.memberId), deps.funnelRecords.getFunnel(actor.memberId)]);
  const stage = t(`ambassadors.stage.${funnel?.stage ?? 'newcomer'}`);
  if (!rank) return { title, text: t('home.standing.none'), fields: [{ label: t('home.standing.stage'), value: stage }] };
  return {
    title,
    text: t('home.standing.recent', { reasons: describeReasons(rank.week, 'week', language) }),
    fields: [
      { label: t('home.standing.score'), value: String(Math.round(rank.standing.helper)) },
      { label: t('home.standing.rank'), value: rank.helperRank.all === null ? t('recognition.rank.unranked') : t('recognition.rank.position', { position: rank.helperRank.all }) },
      { label: t('home.standing.stage'), value: stage },
      { label: t('home.standing.thanks'), value: String(rank.all.thanks) },
    ],
  };
}

async function topHelpers(deps: HomeDeps, community: CommunityRecord, t: T): Promise<OutgoingMessage> {
  const board = await deps.leaderboard.leaderboard(community, { period: 'week', kind: 'helpers', limit: TOP_HELPERS });
  const lines = board.map((entry) => t('home.top.line', { rank: entry.rank, name: entry.displayName, count: Math.round(entry.score) }));
  return { title: t('home.top.title'), text: lines.length > 0 ? lines.join('\n') : t('home.top.empty') };
}

async function moderatorQueues(deps: HomeDeps, community: CommunityRecord, t: T): Promise<OutgoingMessage[]> {
  const sections: OutgoingMessage[] = [];
  const queues = (await deps.ambassadors.offers.queue(community.id)).filter((q) => q.proposals.length > 0);
  if (queues.length === 0) sections.push({ title: t('home.offers.title'), text: t('home.offers.empty') });
  for (const { offer, proposals } of queues) {
    const shown = proposals.slice(0, SHOWN);
    const buttons: OutgoingButton[] = shown.flatMap((p) => [
      { actionId: OFFER_ACTIONS.approve, value: `${offer.id}|${p.memberId}`, label: t('offers.queue.approve', { name: p.displayName }), style: 'primary' as const },
      { actionId: OFFER_ACTIONS.skip, value: `${offer.id}|${p.memberId}`, label: t('offers.queue.skip', { name: p.displayName }) },
    ]);
    const lines = shown.map((p) => p.displayName);
    if (proposals.length > SHOWN) lines.push(t('offers.queue.more', { count: proposals.length - SHOWN }));
    sections.push({ title: t('home.offers.offer', { title: offer.title, id: offer.id }), text: lines.join('\n'), buttons });
  }
  const waiting = await deps.learning.list(community.id, SHOWN);
  if (waiting.length === 0) sections.push({ title: t('home.suggestions.title'), text: t('learning.list.empty') });
  for (const s of waiting) {
    const credited = (await deps.members.get(s.creditedMemberId))?.displayName ?? s.creditedMemberId;
    sections.push({
      title: t('learning.card.title', { id: s.id, kind: s.entryKey ? t('learning.card.phrasing', { key: s.entryKey }) : t('learning.card.newEntry') }),
      text: s.questionText.slice(0, 500),
      fields: [
        { label: t('learning.card.answer'), value: s.answerText.slice(0, 900) },
        { label: t('learning.card.credited'), value: credited },
      ],
      buttons: [
        { actionId: LEARNING_ACTIONS.approve, value: String(s.id), label: t('learning.card.approve'), style: 'primary' },
        { actionId: LEARNING_ACTIONS.reject, value: String(s.id), label: t('learning.card.reject'), style: 'danger' },
      ],
    });
  }
  return sections;
}
