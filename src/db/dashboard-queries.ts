// The dashboard's panels (src/core/dashboard/ports.ts DashboardData) from what Rapport stores:
// activity events for the overview and leaderboards, the answers feature's question log and votes,
// the funnel, offer and feedback tables of the ambassadors feature. Days are counted in the
// community's time zone. Bots and members who opted out of profiling (PrivacyPreference.noProfiling)
// are left out of every panel. A new member is one whose first message, reply or reaction in the
// community falls in the period (not the Member row's creation: an import creates every member at
// once), so every new member is also an active one and the cards never disagree.
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { daysOf, weeksOf } from '../core/dashboard/periods.ts';
import type { DashboardData, DashboardPeriod, LeaderboardRow, OverviewData, Reason } from '../core/dashboard/ports.ts';
import { queryFeedback, queryFunnel, queryOffers } from './dashboard-ambassador-queries.ts';
import { queryKnowledgeBase, queryQuestionStats } from './dashboard-answer-queries.ts';

const LEADERBOARD_SIZE = 20;

interface DayRow {
  day: string;
  messages: number;
  active: number;
}

interface MemberStatsRow {
  memberId: string;
  displayName: string;
  messages: number;
  weight: number;
  replies: number;
  helped: number;
  days: number;
}

export function createDashboardQueries(prisma: PrismaClient): DashboardData {
  async function overview(communityId: string, period: DashboardPeriod): Promise<OverviewData> {
    const tz = period.timeZone;
    const perDay = await prisma.$queryRaw<DayRow[]>`
      SELECT to_char((e."occurredAt" AT TIME ZONE 'UTC') AT TIME ZONE ${tz}, 'YYYY-MM-DD') AS day,
             (COUNT(*) FILTER (WHERE e."kind" IN ('message', 'reply')))::int AS messages,
             (COUNT(DISTINCT e."memberId"))::int AS active
      FROM "ActivityEvent" e JOIN "Member" m ON m."id" = e."memberId"
      WHERE e."communityId" = ${communityId} AND e."occurredAt" >= ${period.from} AND e."occurredAt" < ${period.to}
        AND e."kind" IN ('message', 'reply', 'reaction') AND NOT m."isBot"
        AND NOT EXISTS (SELECT 1 FROM "PrivacyPreference" p WHERE p."memberId" = m."id" AND p."noProfiling")
      GROUP BY 1`;
    const perWeek = await prisma.$queryRaw<Array<{ week: string; active: number }>>`
      SELECT to_char(date_trunc('week', (e."occurredAt" AT TIME ZONE 'UTC') AT TIME ZONE ${tz}), 'YYYY-MM-DD') AS week,
             (COUNT(DISTINCT e."memberId"))::int AS active
      FROM "ActivityEvent" e JOIN "Member" m ON m."id" = e."memberId"
      WHERE e."communityId" = ${communityId} AND e."occurredAt" >= ${period.from} AND e."occurredAt" < ${period.to}
        AND e."kind" IN ('message', 'reply', 'reaction') AND NOT m."isBot"
        AND NOT EXISTS (SELECT 1 FROM "PrivacyPreference" p WHERE p."memberId" = m."id" AND p."noProfiling")
      GROUP BY 1`;
    const [totals] = await prisma.$queryRaw<Array<{ active: number; joined: number }>>`
      SELECT (SELECT COUNT(DISTINCT e."memberId") FROM "ActivityEvent" e JOIN "Member" m ON m."id" = e."memberId"
              WHERE e."communityId" = ${communityId} AND e."occurredAt" >= ${period.from} AND e."occurredAt" < ${period.to}
                AND e."kind" IN ('message', 'reply', 'reaction') AND NOT m."isBot"
                AND NOT EXISTS (SELECT 1 FROM "PrivacyPreference" p WHERE p."memberId" = m."id" AND p."noProfiling"))::int AS active,
             (SELECT COUNT(*) FROM (
                SELECT e."memberId" FROM "ActivityEvent" e JOIN "Member" m ON m."id" = e."memberId"
                WHERE e."communityId" = ${communityId} AND e."kind" IN ('message', 'reply', 'reaction') AND NOT m."isBot"
                  AND NOT EXISTS (SELECT 1 FROM "PrivacyPreference" p WHERE p."memberId" = m."id" AND p."noProfiling")
                GROUP BY e."memberId"
                HAVING MIN(e."occurredAt") >= ${period.from} AND MIN(e."occurredAt") < ${period.to}) first_seen)::int AS joined`;
    const days = daysOf(period);
    const weeks = weeksOf(period);
    const byDay = new Map(perDay.map((r) => [r.day, r]));
    const byWeek = new Map(perWeek.map((r) => [r.week, r.active]));
    const messagesPerDay = days.map((d) => byDay.get(d)?.messages ?? 0);
    return {
      days,
      messagesPerDay,
      activeMembersPerDay: days.map((d) => byDay.get(d)?.active ?? 0),
      weeks,
      activeMembersPerWeek: weeks.map((w) => byWeek.get(w) ?? 0),
      totals: { messages: messagesPerDay.reduce((a, b) => a + b, 0), activeMembers: totals?.active ?? 0, newMembers: totals?.joined ?? 0 },
      questions: await queryQuestionStats(prisma, communityId, period),
    };
  }

  async function leaderboards(communityId: string, period: DashboardPeriod) {
    const tz = period.timeZone;
    const stats = await prisma.$queryRaw<MemberStatsRow[]>`
      SELECT e."memberId" AS "memberId", m."displayName" AS "displayName",
             (COUNT(*) FILTER (WHERE e."kind" IN ('message', 'reply')))::int AS messages,
             COALESCE(SUM(e."weight") FILTER (WHERE e."kind" IN ('message', 'reply')), 0)::float8 AS weight,
             (COUNT(*) FILTER (WHERE e."kind" = 'reply' AND e."targetMemberId" <> e."memberId" AND tp."noProfiling" IS NOT TRUE))::int AS replies,
             (COUNT(DISTINCT e."targetMemberId") FILTER (WHERE e."kind" = 'reply' AND e."targetMemberId" <> e."memberId" AND tp."noProfiling" IS NOT TRUE))::int AS helped,
             (COUNT(DISTINCT ((e."occurredAt" AT TIME ZONE 'UTC') AT TIME ZONE ${tz})::date))::int AS days
      FROM "ActivityEvent" e JOIN "Member" m ON m."id" = e."memberId"
        LEFT JOIN "PrivacyPreference" tp ON tp."memberId" = e."targetMemberId"
      WHERE e."communityId" = ${communityId} AND e."occurredAt" >= ${period.from} AND e."occurredAt" < ${period.to}
        AND e."kind" IN ('message', 'reply') AND NOT m."isBot"
        AND NOT EXISTS (SELECT 1 FROM "PrivacyPreference" p WHERE p."memberId" = m."id" AND p."noProfiling")
      GROUP BY 1, 2`;
    const reactionRows = await prisma.$queryRaw<Array<{ memberId: string; reactions: number }>>`
      SELECT e."targetMemberId" AS "memberId", COUNT(*)::int AS reactions
      FROM "ActivityEvent" e JOIN "Member" giver ON giver."id" = e."memberId"
      WHERE e."communityId" = ${communityId} AND e."occurredAt" >= ${period.from} AND e."occurredAt" < ${period.to}
        AND e."kind" = 'reaction' AND e."targetMemberId" IS NOT NULL AND e."targetMemberId" <> e."memberId" AND NOT giver."isBot"
        AND NOT EXISTS (SELECT 1 FROM "PrivacyPreference" p WHERE p."memberId" = giver."id" AND p."noProfiling")
      GROUP BY 1`;
    const reactions = new Map(reactionRows.map((r) => [r.memberId, r.reactions]));
    const engagement = stats
      .filter((s) => s.messages > 0)
      .map((s): LeaderboardRow => ({ memberId: s.memberId, displayName: s.displayName, score: Math.round(s.weight), reasons: engagementReasons(s, reactions.get(s.memberId) ?? 0) }))
      .sort(byScore)
      .slice(0, LEADERBOARD_SIZE);
    // What opted-out members did (replies to them, reactions they gave) counts for nobody.
    // Helping = replying to other members: distinct people helped count most, then replies and the
    // reactions those members' messages got. (Recognition's decayed helper score replaces this
    // once it is stored in the database.)
    const helpers = stats
      .filter((s) => s.helped > 0)
      .map((s): LeaderboardRow => {
        const got = reactions.get(s.memberId) ?? 0;
        return { memberId: s.memberId, displayName: s.displayName, score: s.helped * 3 + s.replies + got, reasons: helperReasons(s, got) };
      })
      .sort(byScore)
      .slice(0, LEADERBOARD_SIZE);
    return { engagement, helpers };
  }

  return {
    overview,
    leaderboards,
    funnel: (communityId, period) => queryFunnel(prisma, communityId, period),
    offers: (communityId, period) => queryOffers(prisma, communityId, period),
    knowledgeBase: (communityId, period) => queryKnowledgeBase(prisma, communityId, period),
    feedback: (communityId, period) => queryFeedback(prisma, communityId, period),
  };
}

function byScore(a: LeaderboardRow, b: LeaderboardRow): number {
  return b.score - a.score || a.displayName.localeCompare(b.displayName);
}

function engagementReasons(s: MemberStatsRow, reactions: number): Reason[] {
  const reasons: Reason[] = [{ key: 'dashboard.reason.messages', vars: { count: s.messages } }, { key: 'dashboard.reason.activeDays', vars: { count: s.days } }];
  if (reactions > 0) reasons.push({ key: 'dashboard.reason.reactions', vars: { count: reactions } });
  return reasons;
}

function helperReasons(s: MemberStatsRow, reactions: number): Reason[] {
  const reasons: Reason[] = [{ key: 'dashboard.reason.helped', vars: { count: s.helped } }, { key: 'dashboard.reason.replies', vars: { count: s.replies } }];
  if (reactions > 0) reasons.push({ key: 'dashboard.reason.reactions', vars: { count: reactions } });
  return reasons;
}
