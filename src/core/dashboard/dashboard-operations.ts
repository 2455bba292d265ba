// What a moderator can do from the dashboard, through the same ports as the chat commands:
// approve or reject a knowledge-base suggestion (learning, as /faq suggestions does) and see the
// open hand-offs with how long each has waited (routing records, as /faq handoffs shows them).
// Replies are texts in the moderator's language; a UserError (already decided, no such
// suggestion) becomes its translated message, as it would in chat.
import { UserError } from '../errors.ts';
import { parseId } from '../ids.ts';
import type { Learning } from '../learning/suggestion-queue.ts';
import { approvedText } from '../learning/suggestion-messages.ts';
import type { ChannelRepository, Language, MemberRepository } from '../ports.ts';
import type { RoutingRepository } from '../routing/ports.ts';
import { waited } from '../routing/waited.ts';
import type { Translator } from '../translator.ts';

export interface DashboardHandoff {
  id: number;
  channel: string;
  asker: string;
  question: string;
  openedAt: Date;
  /** "2 h 3 min", in the moderator's language. */
  waited: string;
}

export type SuggestionDecision = 'approve' | 'reject';

export interface DashboardOperations {
  /** Open hand-offs, oldest first. */
  handoffs(communityId: string, language: Language, now: Date): Promise<DashboardHandoff[]>;
  /** Approves or rejects suggestion `id`; `ok` false with the reason when it cannot be done. */
  decideSuggestion(communityId: string, id: number, decision: SuggestionDecision, moderatorMemberId: string, language: Language): Promise<{ ok: boolean; message: string }>;
}

export interface DashboardOperationsDeps {
  learning: Pick<Learning, 'approve' | 'reject'>;
  routingRecords: Pick<RoutingRepository, 'openHandoffs'>;
  members: Pick<MemberRepository, 'get'>;
  channels: Pick<ChannelRepository, 'get'>;
  translator: Translator;
}

export function createDashboardOperations(deps: DashboardOperationsDeps): DashboardOperations {
  const { translator } = deps;
  const name = async (memberId: string) => (await deps.members.get(memberId))?.displayName ?? parseId(memberId).local ?? memberId;
  return {
    async handoffs(communityId, language, now) {
      const t = (key: string, vars?: Record<string, string | number>) => translator.t(language, key, vars);
      const open = await deps.routingRecords.openHandoffs(communityId);
      const out: DashboardHandoff[] = [];
      for (const h of open) {
        const channel = `#${(await deps.channels.get(h.channelId))?.name ?? parseId(h.channelId).local ?? h.channelId}`;
        out.push({ id: h.id, channel, asker: await name(h.askerMemberId), question: h.question, openedAt: h.openedAt, waited: waited(now.getTime() - h.openedAt.getTime(), t) });
      }
      return out;
    },
    async decideSuggestion(communityId, id, decision, moderatorMemberId, language) {
      const t = (key: string, vars?: Record<string, string | number>) => translator.t(language, key, vars);
      try {
        if (decision === 'approve') {
          const outcome = await deps.learning.approve(communityId, id, moderatorMemberId);
          return { ok: true, message: approvedText(t, outcome, await name(outcome.suggestion.creditedMemberId)) };
        }
        await deps.learning.reject(communityId, id, moderatorMemberId);
        return { ok: true, message: t('learning.rejected', { id }) };
      } catch (error) {
        if (error instanceof UserError) return { ok: false, message: t(error.key, error.vars) };
        throw error;
      }
    },
  };
}
