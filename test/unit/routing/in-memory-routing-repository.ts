// An in-memory RoutingRepository for unit tests of the routing service (same contract as src/db/routing-repository.ts);
// the notices a change owes are written to `outbox` with it.
import { createInMemoryNoticeOutbox } from '../../../src/core/outbox/in-memory-notice-outbox.ts';
import type { NoticeOutbox } from '../../../src/core/outbox/notices.ts';
import { DEFAULT_ROUTING_SETTINGS, type HandoffRecord, type RoutingQuestionRecord, type RoutingRepository, type RoutingSettingsRecord } from '../../../src/core/routing/ports.ts';

export function createInMemoryRoutingRepository(moderators: string[] = [], outbox: NoticeOutbox = createInMemoryNoticeOutbox()): RoutingRepository & { asks: Array<{ helperMemberId: string; day: string; questionId: number }>; outbox: NoticeOutbox } {
  const settings = new Map<string, RoutingSettingsRecord>();
  const questions: RoutingQuestionRecord[] = [];
  const asks: Array<{ communityId: string; questionId: number; helperMemberId: string; day: string }> = [];
  const optOuts = new Map<string, boolean>();
  const handoffs: HandoffRecord[] = [];
  return {
    asks,
    outbox,
    async settings(id) {
      return { ...(settings.get(id) ?? DEFAULT_ROUTING_SETTINGS) };
    },
    async saveSettings(id, patch) {
      const next = { ...(settings.get(id) ?? DEFAULT_ROUTING_SETTINGS), ...patch };
      settings.set(id, next);
      return next;
    },
    async recordQuestion(input) {
      if (questions.some((q) => q.communityId === input.communityId && q.messageId === input.messageId)) return null;
      const record = { ...input, id: questions.length + 1, status: 'waiting' as const };
      questions.push(record);
      return { ...record };
    },
    async getQuestion(id) {
      const q = questions.find((x) => x.id === id);
      return q ? { ...q } : null;
    },
    async moveQuestion(id, from, to, at, notices = []) {
      const q = questions.find((x) => x.id === id);
      if (!q || q.status !== from) return false;
      q.status = to;
      await outbox.add(notices, at);
      return true;
    },
    async markAnswered(communityId, match) {
      let n = 0;
      for (const q of questions) {
        const hit = 'messageId' in match ? q.messageId === match.messageId : q.channelId === match.channelId && q.askerMemberId === match.askerMemberId && q.askedAt >= match.since;
        if (q.communityId === communityId && q.status === 'waiting' && hit) {
          q.status = 'answered';
          n++;
        }
      }
      return n;
    },
    async asksOn(communityId, helperIds, day) {
      const counts = new Map<string, number>();
      for (const a of asks) if (a.communityId === communityId && a.day === day && helperIds.includes(a.helperMemberId)) counts.set(a.helperMemberId, (counts.get(a.helperMemberId) ?? 0) + 1);
      return counts;
    },
    async recordAsk(input) {
      if (asks.some((a) => a.questionId === input.questionId && a.helperMemberId === input.helperMemberId)) return false;
      asks.push(input);
      return true;
    },
    async mentionOptOuts() {
      return new Set([...optOuts].filter(([, out]) => out).map(([id]) => id));
    },
    async setMentionOptOut(memberId, _communityId, optedOut) {
      optOuts.set(memberId, optedOut);
    },
    async openHandoff(input, notices = []) {
      const open = handoffs.find((h) => h.communityId === input.communityId && h.channelId === input.channelId && h.threadOf === input.threadOf && h.status === 'open');
      if (open) return { handoff: open, created: false };
      const handoff = { ...input, id: handoffs.length + 1, status: 'open' as const };
      handoffs.push(handoff);
      await outbox.add(notices, input.openedAt);
      return { handoff, created: true };
    },
    async openHandoffFor(communityId, channelId, threadOf) {
      return handoffs.find((h) => h.communityId === communityId && h.channelId === channelId && h.threadOf === threadOf && h.status === 'open') ?? null;
    },
    async getHandoff(id) {
      return handoffs.find((h) => h.id === id) ?? null;
    },
    async openHandoffs(communityId) {
      return handoffs.filter((h) => h.communityId === communityId && h.status === 'open');
    },
    async endHandoff(id, status) {
      const h = handoffs.find((x) => x.id === id && x.status === 'open');
      if (!h) return false;
      h.status = status;
      return true;
    },
    async latestQuestion() {
      return null;
    },
    // Unit tests keep no message history: the warm-up finds nothing.
    async messageCommunities() {
      return [];
    },
    async messageWindowStart(_communityId, since) {
      return since;
    },
    async storedMessages() {
      return [];
    },
    async moderators() {
      return [...moderators];
    },
  };
}
