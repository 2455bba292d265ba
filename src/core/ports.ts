// Storage interfaces the core depends on. src/db implements them with Prisma; tests may use
// the same implementations on PGlite. Nothing here knows about Prisma.
import type { DashboardAuthStore } from './dashboard/ports.ts';
import type { Platform } from './ids.ts';
import type { Language } from './language.ts';
import type { AmbassadorRepository, OfferRepository } from './ambassadors/ports.ts';
import type { FeedbackRepository } from './feedback/ports.ts';
import type { PrivacyRepository } from './privacy/ports.ts';
import type { ScoreCounterStore } from './recognition/score-counter-store.ts';
import type { ShoutoutRepository } from './shoutouts/ports.ts';
import type { AnswerLogRepository, KnowledgeBaseRepository } from './answers/storage/ports.ts';
import type { RoutingRepository } from './routing/ports.ts';
import type { RoleRewardRepository } from './rewards/ports.ts';
import type { SynonymRepository } from './answers/storage/synonym-ports.ts';

export { LANGUAGES, type Language } from './language.ts';

export interface CommunityRecord {
  id: string;
  platform: Platform;
  name: string;
  language: Language;
  timeZone: string;
}

export interface MemberRecord {
  id: string;
  communityId: string;
  platformId: string;
  displayName: string;
  isBot: boolean;
  isModerator: boolean;
  language: Language | null;
}

export interface ChannelRecord {
  id: string;
  communityId: string;
  name: string;
  watched: boolean;
}

export interface CommunityRepository {
  ensure(input: { id: string; platform: Platform; name: string; language?: Language; timeZone?: string }): Promise<CommunityRecord>;
  get(id: string): Promise<CommunityRecord | null>;
  update(id: string, patch: Partial<Pick<CommunityRecord, 'name' | 'language' | 'timeZone'>>): Promise<CommunityRecord>;
  list(): Promise<CommunityRecord[]>;
}

export interface MemberRepository {
  /** Creates or refreshes a member (display name, bot and moderator flags). */
  ensure(input: { id: string; communityId: string; platformId: string; displayName: string; isBot: boolean; isModerator?: boolean }): Promise<MemberRecord>;
  get(id: string): Promise<MemberRecord | null>;
  /** Finds a member by display name (case-insensitive) or platform id inside a community. */
  findByName(communityId: string, name: string): Promise<MemberRecord | null>;
  /** Creates many members in one statement; existing ones get their name and bot flag refreshed. */
  ensureMany(inputs: Array<{ id: string; communityId: string; platformId: string; displayName: string; isBot: boolean; isModerator?: boolean }>): Promise<void>;
  setLanguage(id: string, language: Language | null): Promise<void>;
  /** Each given member's own language preference (null: the community's). */
  languages(ids: string[]): Promise<Map<string, Language | null>>;
}

export interface ChannelRepository {
  ensure(input: { id: string; communityId: string; name: string }): Promise<ChannelRecord>;
  get(id: string): Promise<ChannelRecord | null>;
  findByName(communityId: string, name: string): Promise<ChannelRecord | null>;
  /** Creates the channels that do not exist yet; `named` ones also get their name refreshed. */
  ensureMany(inputs: Array<{ id: string; communityId: string; name: string; named?: boolean }>): Promise<void>;
  setWatched(id: string, watched: boolean): Promise<void>;
  list(communityId: string): Promise<ChannelRecord[]>;
}

export interface ActivityInput {
  platformEventId: string;
  communityId: string;
  memberId: string;
  channelId?: string;
  kind: string;
  occurredAt: Date;
  weight?: number;
  messageId?: string;
  targetMemberId?: string;
  /** The chat event itself (JSON, without `raw`), kept so scores can be rebuilt from stored events. */
  payload?: unknown;
}

export interface ActivityTotal {
  memberId: string;
  displayName: string;
  count: number;
  weight: number;
}

export interface ActivityRepository {
  /** Stores the event unless its platformEventId is already stored. Returns whether it was new. */
  record(input: ActivityInput): Promise<boolean>;
  /** Stores many events in one statement; returns the platformEventIds that were new, with their row ids (in storing order). */
  recordMany(inputs: ActivityInput[]): Promise<Map<string, number>>;
  /** Totals per member since `since` (all time when undefined), highest weight first. */
  totals(communityId: string, options: { since?: Date; channelId?: string; limit: number; excludeBots?: boolean }): Promise<ActivityTotal[]>;
  /** Recomputes the per-day roll-up for [from, to) in the community's time zone. Idempotent. */
  rollUp(communityId: string, from: Date, to: Date, timeZone: string): Promise<number>;
}

export interface Repositories {
  communities: CommunityRepository;
  /** Paused communities (app uninstalled, tokens revoked): community-pauses.ts. */
  communityPauses: import('./community-pauses.ts').CommunityPauseStore;
  members: MemberRepository;
  channels: ChannelRepository;
  activity: ActivityRepository;
  ambassadors: AmbassadorRepository;
  offers: OfferRepository;
  feedback: FeedbackRepository;
  privacy: PrivacyRepository;
  dashboardAuth: DashboardAuthStore;
  /** Recognition score states and pair counters (behind the write-behind cache). */
  scores: ScoreCounterStore;
  shoutouts: ShoutoutRepository;
  /** Each community's knowledge base and answer settings (/faq). */
  knowledgeBase: KnowledgeBaseRepository;
  /** Each community's synonym groups (/faq synonyms). */
  synonyms: SynonymRepository;
  /** Questions considered, votes on answers, member replies (the unanswered list). */
  answerLogs: AnswerLogRepository;
  /** Knowledge-base suggestions waiting for moderators (learning). */
  learning: import('./learning/ports.ts').LearningRepository;
  /** Routing settings, waiting questions, helpers asked, hand-offs (issue 16). */
  routing: RoutingRepository;
  /** Roles given for funnel stages and score levels (/rewards, issue 20). */
  roleRewards: RoleRewardRepository;
  /** Notices owed to moderators and threads (the outbox's notice rows). */
  notices: import('./outbox/notices.ts').NoticeOutbox;
  /** Accounts linked across platforms and one-time link codes (/link); without it nothing is linked. */
  links?: import('./linking/ports.ts').LinkStore;
}
