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
  const days = daysOf(period);
  const tracked = await prisma.memberFunnel.count({ where: { communityId } });
  if (tracked === 0) return { available: false, days, series: funnelSeries(days, {}, []), movedThisWeek: [] };
  const members = await prisma.member.findMany({ where: visibleMembers(communityId), select: { id: true, displayName: true, funnel: { select: { stage: true } } } });
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
  return {
    available: true,
    days,
    series: funnelSeries(days, current, inPeriod),
    movedThisWeek: changes
      .filter((c) => c.at >= weekAgo && c.at < period.to)
      .map((c) => ({ memberId: c.memberId, displayName: names.get(c.memberId) ?? c.memberId, from: c.fromStage, to: c.toStage, at: c.at, reasons: asReasons(c.reasons) })),
  };
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
  const themes = groupFeedbackThemes(
    items.map((i) => ({ kind: i.kind, text: i.text, link: i.link, displayName: i.member.displayName, at: i.occurredAt, keywords: asStrings(i.keywords) })),
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
