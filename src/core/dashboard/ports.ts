// What the moderators' dashboard needs from storage, one method per panel, and the login-token
// and session store behind its one-time links. src/db implements both with Prisma; the web layer
// (src/web) only renders what these return. A panel whose feature has not stored anything yet
// returns `available: false` and the page shows "no data yet".
import type { Language } from '../language.ts';

export const DASHBOARD_PERIODS = ['7d', '30d', '90d', '365d'] as const;
export type DashboardPeriodKey = (typeof DASHBOARD_PERIODS)[number];

/** [from, to) with day buckets in the community's time zone. */
export interface DashboardPeriod {
  key: DashboardPeriodKey;
  from: Date;
  to: Date;
  timeZone: string;
}

/** A translatable reason: a message-catalogue key and its values ("dashboard.reason.helped", { count: 4 }). */
export interface Reason {
  key: string;
  vars: Record<string, string | number>;
}

export interface QuestionStats {
  asked: number;
  answeredByRapport: number;
  /** Questions a member other than the asker replied to, whether or not Rapport answered too. */
  answeredByMembers: number;
  /** Neither Rapport nor a member answered. */
  unanswered: number;
}

export interface OverviewData {
  /** Every day of the period, "YYYY-MM-DD" in the community's time zone. */
  days: string[];
  messagesPerDay: number[];
  activeMembersPerDay: number[];
  /** Mondays starting the weeks the period touches, "YYYY-MM-DD". */
  weeks: string[];
  activeMembersPerWeek: number[];
  totals: { messages: number; activeMembers: number; newMembers: number };
  /** null until the answers feature stores questions. */
  questions: QuestionStats | null;
}

export interface LeaderboardRow {
  memberId: string;
  displayName: string;
  score: number;
  reasons: Reason[];
}

export interface LeaderboardsData {
  engagement: LeaderboardRow[];
  helpers: LeaderboardRow[];
  /** Set when the scores are recognition's calendar totals rather than the exact period's. */
  window?: 'week' | 'month' | 'all';
}

export const FUNNEL_STAGES = ['newcomer', 'like', 'love', 'advocate'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export interface FunnelMove {
  memberId: string;
  displayName: string;
  from: string;
  to: string;
  at: Date;
  reasons: Reason[];
}

export interface FunnelData {
  available: boolean;
  days: string[];
  /** Members at each stage at the end of each day. */
  series: Record<FunnelStage, number[]>;
  /** Stage changes of the last 7 days, newest first. */
  movedThisWeek: FunnelMove[];
}

export interface OfferStats {
  id: string;
  title: string;
  eligibleStage: string;
  places: number;
  expiresAt: Date;
  proposed: number;
  sent: number;
  accepted: number;
  declined: number;
}

export interface OffersData {
  available: boolean;
  offers: OfferStats[];
}

export interface KnowledgeBaseData {
  available: boolean;
  /** Questions Rapport did not answer, most asked first. */
  unanswered: Array<{ question: string; count: number; lastAskedAt: Date }>;
  /** Entries with the most "Didn't help" presses. */
  unhelpful: Array<{ entryId: string; question: string; notHelpful: number; helped: number }>;
  /** Knowledge gaps by topic over the period (learning, when it is wired in). */
  gaps?: Array<{ topic: string | null; count: number; unanswered: number; unhelpful: number; examples: string[] }>;
  /** Suggestions from solved threads waiting for a moderator (learning). */
  suggestions?: Array<{ id: number; question: string; answer: string; credited: string; imported: boolean }>;
}

export interface FeedbackTheme {
  /** The shared phrase as people wrote it ("dark mode / тъмна тема"); "" for the "other" group. */
  theme: string;
  count: number;
  kinds: { feature_request: number; complaint: number; praise: number };
  /** The item that says the theme best; null for "other". */
  quote: { text: string; link: string; displayName: string; at: Date } | null;
  examples: Array<{ text: string; link: string; displayName: string; at: Date }>;
}

export interface FeedbackData {
  available: boolean;
  themes: FeedbackTheme[];
}

/** One method per dashboard panel. Members who opted out of profiling appear in none of them. */
export interface DashboardData {
  overview(communityId: string, period: DashboardPeriod): Promise<OverviewData>;
  leaderboards(communityId: string, period: DashboardPeriod): Promise<LeaderboardsData>;
  funnel(communityId: string, period: DashboardPeriod): Promise<FunnelData>;
  offers(communityId: string, period: DashboardPeriod): Promise<OffersData>;
  knowledgeBase(communityId: string, period: DashboardPeriod): Promise<KnowledgeBaseData>;
  feedback(communityId: string, period: DashboardPeriod): Promise<FeedbackData>;
}

export interface DashboardGrant {
  communityId: string;
  memberId: string;
  language: Language;
}

export interface DashboardSessionRecord extends DashboardGrant {
  expiresAt: Date;
}

/** Login tokens and sessions, stored by the SHA-256 of their secret only. */
export interface DashboardAuthStore {
  createToken(input: DashboardGrant & { tokenHash: string; expiresAt: Date }): Promise<void>;
  /**
   * Marks the token used, atomically, when it exists for this community, is unused and has not
   * expired at `now`; returns its grant then, null otherwise. A token works at most once.
   */
  consumeToken(tokenHash: string, communityId: string, now: Date): Promise<DashboardGrant | null>;
  createSession(input: DashboardGrant & { idHash: string; expiresAt: Date }): Promise<void>;
  /** The session when it exists and has not expired at `now`. */
  findSession(idHash: string, now: Date): Promise<DashboardSessionRecord | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of a community and voids its unused links; returns how many sessions ended. */
  revokeCommunity(communityId: string): Promise<number>;
  /** Removes expired tokens and sessions. */
  prune(now: Date): Promise<void>;
}
