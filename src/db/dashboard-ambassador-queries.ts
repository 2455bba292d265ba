// Dashboard panels read from the ambassadors feature's tables: the funnel (MemberFunnel,
// FunnelChange), offers (Offer, OfferRecipient) and captured feedback (FeedbackItem). Members
// who opted out of profiling and bots are left out.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { groupFeedbackThemes } from '../core/dashboard/feedback-themes.ts';
import { funnelSeries } from '../core/dashboard/funnel-series.ts';
import { dayKey, daysOf } from '../core/dashboard/periods.ts';
import type { DashboardPeriod, FeedbackData, FunnelData, OffersData, Reason } from '../core/dashboard/ports.ts';

const WEEK_MS = 7 * 86_400_000;
const SENT_STATES = ['sent', 'accepted', 'declined'];

/** Members of the community who may appear on the dashboard. */
function visibleMembers(communityId: string) {
  return { communityId, isBot: false, OR: [{ privacy: { is: null } }, { privacy: { is: { noProfiling: false } } }] };
}

export async function queryFunnel(prisma: PrismaClient, communityId: string, period: DashboardPeriod): Promise<FunnelData> {
  const allDays = daysOf(period);
  const tracked = await prisma.memberFunnel.count({ where: { communityId } });
  if (tracked === 0) return { available: false, days: allDays, series: funnelSeries(allDays, {}, []), movedThisWeek: [] };
  const members = await prisma.member.findMany({ where: visibleMembers(communityId), select: { id: true, displayName: true, joinedAt: true, funnel: { select: { stage: true } } } });
  const names = new Map(members.map((m) => [m.id, m.displayName]));
  const current: Record<string, number> = {};
  for (const m of members) {
    const stage = m.funnel?.stage ?? 'newcomer';
    current[stage] = (current[stage] ?? 0) + 1;
  }
  const weekAgo = new Date(period.to.getTime() - WEEK_MS);
  const since = weekAgo < period.from ? weekAgo : period.from;
  const changes = await prisma.funnelChange.findMany({ where: { communityId, at: { gte: since }, memberId: { in: [...names.keys()] } }, orderBy: { at: 'desc' } });
  const inPeriod = changes.filter((c) => c.at >= period.from && c.at < period.to).map((c) => ({ day: dayKey(c.at, period.timeZone), from: c.fromStage, to: c.toStage }));
  // The chart starts on the day the first member was seen, not before the community existed.
  // A member's stage when they arrived: the one their first change of the period left, else today's.
  const seen = await firstSeen(prisma, communityId, members);
  const firstChange = new Map<string, string>();
  for (const c of changes) if (c.at >= period.from && c.at < period.to) firstChange.set(c.memberId, c.fromStage); // newest first: the last set is the earliest
  const arrivals = members.map((m) => ({ day: dayKey(seen.get(m.id) ?? m.joinedAt, period.timeZone), stage: firstChange.get(m.id) ?? m.funnel?.stage ?? 'newcomer' }));
  const firstDay = arrivals.reduce<string | undefined>((min, a) => (min === undefined || a.day < min ? a.day : min), undefined);
  const days = firstDay ? allDays.filter((d) => d >= firstDay) : allDays;
  return {
    available: true,
    days,
    series: funnelSeries(days, current, inPeriod, arrivals),
    movedThisWeek: changes
      .filter((c) => c.at >= weekAgo && c.at < period.to)
      .map((c) => ({ memberId: c.memberId, displayName: names.get(c.memberId) ?? c.memberId, from: c.fromStage, to: c.toStage, at: c.at, reasons: asReasons(c.reasons) })),
  };
}

/** When each member was first seen: their first message, reply or reaction, first stage change or joining, whichever came first. */
async function firstSeen(prisma: PrismaClient, communityId: string, members: ReadonlyArray<{ id: string; joinedAt: Date }>): Promise<Map<string, Date>> {
  const ids = members.map((m) => m.id);
  const [events, moves] = await Promise.all([
    prisma.activityEvent.groupBy({ by: ['memberId'], where: { communityId, memberId: { in: ids } }, _min: { occurredAt: true } }),
    prisma.funnelChange.groupBy({ by: ['memberId'], where: { communityId, memberId: { in: ids } }, _min: { at: true } }),
  ]);
  const first = new Map(members.map((m) => [m.id, m.joinedAt]));
  const earlier = (id: string, at: Date | null) => {
    const known = first.get(id);
    if (at && known && at < known) first.set(id, at);
  };
  for (const e of events) earlier(e.memberId, e._min.occurredAt);
  for (const m of moves) earlier(m.memberId, m._min.at);
  return first;
}

export async function queryOffers(prisma: PrismaClient, communityId: string, period: DashboardPeriod): Promise<OffersData> {
  const offers = await prisma.offer.findMany({
    where: { communityId, createdAt: { lt: period.to }, expiresAt: { gte: period.from } },
    orderBy: { createdAt: 'desc' },
    include: { recipients: { select: { state: true } } },
  });
  const any = offers.length > 0 || (await prisma.offer.count({ where: { communityId } })) > 0;
  return {
    available: any,
    offers: offers.map((o) => ({
      id: o.id,
      title: o.title,
      eligibleStage: o.eligibleStage,
      places: o.places,
      expiresAt: o.expiresAt,
      proposed: o.recipients.length,
      sent: o.recipients.filter((r) => SENT_STATES.includes(r.state)).length,
      accepted: o.recipients.filter((r) => r.state === 'accepted').length,
      declined: o.recipients.filter((r) => r.state === 'declined').length,
    })),
  };
}

export async function queryFeedback(prisma: PrismaClient, communityId: string, period: DashboardPeriod): Promise<FeedbackData> {
  const items = await prisma.feedbackItem.findMany({
    where: { communityId, occurredAt: { gte: period.from, lt: period.to }, member: visibleMembers(communityId) },
    orderBy: { occurredAt: 'desc' },
    take: 2_000,
    include: { member: { select: { displayName: true } } },
  });
  const any = items.length > 0 || (await prisma.feedbackItem.count({ where: { communityId } })) > 0;
  // The same grouping as /feedback digest: the community's synonyms join themes, its brand names make none.
  const [groups, settings] = await Promise.all([
    prisma.synonymGroup.findMany({ where: { communityId }, orderBy: { id: 'asc' }, select: { words: true } }),
    prisma.ambassadorSettings.findUnique({ where: { communityId }, select: { brandNames: true } }),
  ]);
  const themes = groupFeedbackThemes(
    items.map((i) => ({ kind: i.kind, text: i.text, link: i.link, displayName: i.member.displayName, at: i.occurredAt })),
    { synonyms: groups.map((g) => asStrings(g.words)), brandNames: asStrings(settings?.brandNames) },
  );
  return { available: any, themes };
}

function asReasons(value: unknown): Reason[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((r): Reason[] => {
    if (typeof r !== 'object' || r === null || typeof (r as { key?: unknown }).key !== 'string') return [];
    const vars = (r as { vars?: unknown }).vars;
    return [{ key: (r as { key: string }).key, vars: typeof vars === 'object' && vars !== null ? (vars as Reason['vars']) : {} }];
  });
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
