// What `rapport export community` writes and `rapport import community` reads back: every table
// that holds a community's data, in an order where each row's parents come first. A table whose
// id is a sequence (`serial`) gets new ids on import; tables that point at such ids (`refs`) are
// rewritten through the ids the parent rows got, matched by a column that is unique to a row
// (`natural`). test/integration/community-archive.test.ts fails when a table with a communityId
// column is in neither list below, so a table added later is a decision, not an omission.

export interface ArchiveTable {
  name: string;
  /** Which rows belong to community $1 (the table is aliased t). */
  where: string;
  /** An id column filled by a sequence: left out on import, the database gives a new one. */
  serial?: string;
  /** Columns that identify a row across databases, to learn the new serial id (RETURNING). */
  natural?: readonly string[];
  /** Columns holding another archived table's serial id: column -> that table. */
  refs?: Readonly<Record<string, string>>;
}

const inCommunity = 't."communityId" = $1';

export const ARCHIVE_TABLES: readonly ArchiveTable[] = [
  { name: 'Community', where: 't."id" = $1' },
  { name: 'Channel', where: inCommunity },
  { name: 'Member', where: inCommunity },
  // Before the events: its ActivityEvent id is rewritten to the newest imported event at or below it.
  { name: 'ScoreWatermark', where: inCommunity },
  { name: 'ActivityEvent', where: inCommunity, serial: 'id', natural: ['platformEventId'] },
  { name: 'ActivityRollup', where: inCommunity },
  { name: 'AmbassadorSettings', where: inCommunity },
  { name: 'MemberFunnel', where: inCommunity },
  { name: 'FunnelChange', where: inCommunity, serial: 'id' },
  { name: 'BrandMention', where: inCommunity, serial: 'id' },
  { name: 'FeedbackItem', where: inCommunity, serial: 'id' },
  { name: 'Offer', where: inCommunity },
  { name: 'OfferRecipient', where: inCommunity },
  { name: 'PrivacyPreference', where: inCommunity },
  { name: 'MemberScore', where: inCommunity },
  { name: 'ScoreTally', where: inCommunity },
  { name: 'ScoreHelped', where: inCommunity },
  { name: 'ImportedScore', where: inCommunity, serial: 'id' },
  { name: 'ShoutoutSchedule', where: inCommunity },
  { name: 'ShoutoutPost', where: 't."scheduleId" IN (SELECT s."id" FROM "ShoutoutSchedule" s WHERE s."communityId" = $1)' },
  { name: 'ShoutoutTemplate', where: inCommunity },
  { name: 'KnowledgeEntry', where: inCommunity },
  { name: 'AnswerSettings', where: inCommunity },
  { name: 'SynonymGroup', where: inCommunity, serial: 'id' },
  { name: 'AnswerLog', where: inCommunity, serial: 'id', natural: ['communityId', 'messageId'] },
  { name: 'AnswerVote', where: 't."answerLogId" IN (SELECT a."id" FROM "AnswerLog" a WHERE a."communityId" = $1)', refs: { answerLogId: 'AnswerLog' } },
  { name: 'AnswerReply', where: 't."answerLogId" IN (SELECT a."id" FROM "AnswerLog" a WHERE a."communityId" = $1)', serial: 'id', refs: { answerLogId: 'AnswerLog' } },
  { name: 'LearningSuggestion', where: inCommunity, serial: 'id' },
  { name: 'RoutingSettings', where: inCommunity },
  { name: 'RoutingQuestion', where: inCommunity, serial: 'id', natural: ['communityId', 'messageId'] },
  { name: 'RoutingAsk', where: inCommunity, serial: 'id', refs: { questionId: 'RoutingQuestion' } },
  { name: 'RoutingOptOut', where: inCommunity },
  { name: 'Handoff', where: inCommunity, serial: 'id' },
  { name: 'RoleRewardSettings', where: inCommunity },
  { name: 'RoleReward', where: inCommunity, serial: 'id', natural: ['communityId', 'kind', 'level'] },
  { name: 'CommunityPair', where: inCommunity },
];

/**
 * Tables with community data that are deliberately not archived: one-time dashboard links and
 * sessions (secrets that must not travel), the offer outbox (DMs owed right now, by this
 * instance), per-day pair counters (today's cap only) and the shared embeddings cache (no
 * community data; rebuilt from the knowledge base).
 */
export const NOT_ARCHIVED = ['DashboardLoginToken', 'DashboardSession', 'OfferOutbox', 'ScorePair', 'EmbeddingVector'] as const;

/** Version of the export format: bumped when a table or column is added or changes meaning. */
export const ARCHIVE_SCHEMA_VERSION = 2;
export const ARCHIVE_KIND = 'rapport-community';
