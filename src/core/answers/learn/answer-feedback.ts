// What members do after a question: press "This helped" / "Didn't help" under Rapport's answer
// (one vote per member; the asker's vote teaches, see learning.ts), reply in the question's thread
// (a candidate answer a moderator can adopt) and react to such replies (the best-rated is adopted).
import type { ButtonPressed, MessagePosted, ReactionChanged } from '../../events.ts';
import type { Logger } from '../../logger.ts';
import type { ReplierDirectory } from '../../outgoing.ts';
import type { Language } from '../../ports.ts';
import type { Translator } from '../../translator.ts';
import { HELPED_ACTION, UNHELPFUL_ACTION } from '../feature/answer-question.ts';
import type { KnowledgeCache } from '../storage/knowledge-cache.ts';
import { withPhrasing, withoutPhrasing } from './learning.ts';
import type { AnswerLogRecord, AnswerLogRepository, CandidateReply, KnowledgeBaseRepository } from '../storage/ports.ts';
import { searchTextOf } from '../text/question-text.ts';

export interface AnswerFeedbackDeps {
  kb: KnowledgeBaseRepository;
  answerLogs: AnswerLogRepository;
  cache: KnowledgeCache;
  repliers: ReplierDirectory;
  translator: Translator;
  logger: Logger;
  /** Stores a candidate reply later (answer-log-buffer.ts); without it, each is looked up and stored at once. */
  replyLater?: (input: CandidateReply) => Promise<void>;
}

export type VoteOutcome = { kind: 'ignored' } | { kind: 'voted'; log: AnswerLogRecord; helpful: boolean; byAsker: boolean; learned: 'phrasing-added' | 'phrasing-removed' | 'penalty' | 'penalty-lifted' | null };

export function createAnswerFeedback(deps: AnswerFeedbackDeps) {
  const { kb, answerLogs, cache } = deps;
  const channelAnswers: Array<{ event: MessagePosted; questionMessageId: string }> = [];

  /** Adds (or takes back) the asker's wording as a phrasing of the entry that answered it. */
  async function changePhrasing(log: AnswerLogRecord, add: boolean): Promise<boolean> {
    const entry = log.entryKey ? await kb.get(log.communityId, log.entryKey) : null;
    const question = searchTextOf(log.question, true);
    const changed = entry ? (add ? withPhrasing(entry, question) : withoutPhrasing(entry, question)) : null;
    if (!changed) return false;
    const { updated, version } = await kb.update(log.communityId, changed);
    if (updated) cache.applied(log.communityId, version, (index) => index.update(changed));
    return updated;
  }

  /** Stores the message as a candidate answer to the open log its parent names (checks in CandidateReply). */
  async function candidate(event: MessagePosted, parentMessageId: string, notByAsker: boolean): Promise<void> {
    const input: CandidateReply = { communityId: event.communityId, parentMessageId, authorId: event.author.memberId, messageId: event.messageId, text: event.text.slice(0, 4000), createdAt: event.occurredAt, notByAsker };
    if (deps.replyLater) return deps.replyLater(input);
    const log = await answerLogs.findByMessage(input.communityId, parentMessageId);
    if (!log || log.messageId === input.messageId || (notByAsker && log.askerMemberId === input.authorId)) return;
    await answerLogs.addReply({ answerLogId: log.id, authorId: input.authorId, messageId: input.messageId, text: input.text, createdAt: input.createdAt });
  }

  /** A note only the presser sees, where the platform can show one in the channel (Slack, the console, Discord's follow-up). */
  async function acknowledge(event: ButtonPressed, text: string): Promise<void> {
    const replier = event.channelId ? deps.repliers.forId(event.channelId) : undefined;
    if (event.channelId && replier?.ephemeral) await replier.ephemeral(event.channelId, event.actor.memberId, { text });
  }

  async function feedbackChanged(communityId: string): Promise<void> {
    await kb.touchFeedback(communityId);
    await cache.refresh(communityId);
  }

  return {
    async onButton(event: ButtonPressed, language: Language): Promise<VoteOutcome> {
      if (event.actionId !== HELPED_ACTION && event.actionId !== UNHELPFUL_ACTION) return { kind: 'ignored' };
      const id = Number(event.value);
      if (!Number.isSafeInteger(id)) return { kind: 'ignored' };
      const log = await answerLogs.get(id);
      if (!log || log.communityId !== event.communityId || !log.answered) return { kind: 'ignored' };
      const helpful = event.actionId === HELPED_ACTION;
      const byAsker = event.actor.memberId === log.askerMemberId;
      const { previous } = await answerLogs.vote({ answerLogId: id, memberId: event.actor.memberId, helpful, byAsker });
      let learned: Extract<VoteOutcome, { kind: 'voted' }>['learned'] = null;
      if (byAsker && previous !== helpful) {
        if (helpful) {
          if (await changePhrasing(log, true)) learned = 'phrasing-added';
          if (previous === false) {
            await feedbackChanged(log.communityId);
            learned ??= 'penalty-lifted';
          }
        } else {
          if (previous === true && (await changePhrasing(log, false))) learned = 'phrasing-removed';
          await feedbackChanged(log.communityId);
          learned ??= 'penalty';
          await deps.repliers.forId(log.channelId).post({ channelId: log.channelId, threadOf: log.messageId }, { text: deps.translator.t(language, 'answers.reply.sorry') });
        }
      }
      // The presser hears that the vote counted, privately (the asker's "Didn't help" was answered above).
      if (!(byAsker && !helpful && previous !== helpful)) await acknowledge(event, deps.translator.t(language, helpful ? 'answers.reply.votedHelped' : 'answers.reply.votedUnhelpful'));
      return { kind: 'voted', log, helpful, byAsker, learned };
    },

    /** A member's reply in the thread of a logged question (or to Rapport's answer) is a candidate answer. */
    async onThreadReply(event: MessagePosted): Promise<void> {
      const parent = event.threadId ?? event.replyTo?.messageId;
      if (!parent || event.author.isBot || event.text.trim() === '') return;
      await candidate(event, parent, false);
    },

    /**
     * A member's message in the channel (not in a thread: those are onThreadReply's) that the
     * conversation tracker took as the answer to a question: a candidate reply, written behind with
     * the silent questions (answer-log-buffer.ts), so a replay stores them once per batch.
     */
    async onChannelAnswer(event: MessagePosted, questionMessageId: string): Promise<void> {
      if (event.threadId || event.replyTo || event.author.isBot || event.text.trim() === '') return;
      await candidate(event, questionMessageId, true);
    },

    async onReaction(event: ReactionChanged): Promise<void> {
      if (event.actor.isBot || event.actor.memberId === event.targetMemberId) return;
      await answerLogs.reactToReply(event.messageId, event.type === 'reaction.added' ? 1 : -1);
    },
  };
}

export type AnswerFeedback = ReturnType<typeof createAnswerFeedback>;
