// The question -> reply path of a message in a watched channel. It must stay fast: the index and
// the channel's watched flag come from memory, and the only awaited writes before the reply are
// the log row whose id the buttons carry. A question Rapport stays silent on needs no id, so its
// row is written behind (answer-log-buffer.ts) when the store allows it. A bot mention always
// asks; a message addressed to another member is theirs to answer; below the community's
// threshold Rapport stays silent and the question goes on the unanswered list.
import type { AnswerIndex, QuestionContext, QuestionVerdict, KbEntry } from '../index.ts';
import type { MessagePosted } from '../../events.ts';
import type { Logger } from '../../logger.ts';
import type { Metrics } from '../../metrics.ts';
import type { OutgoingMessage, ReplierDirectory } from '../../outgoing.ts';
import type { Language } from '../../ports.ts';
import type { Translator } from '../../translator.ts';
import type { CommunityKnowledge, KnowledgeCache } from '../storage/knowledge-cache.ts';
import { judgeQuestion } from './judge-question.ts';
import type { AnswerLogInput, AnswerLogRecord, AnswerLogRepository } from '../storage/ports.ts';
import { normalizeQuestion } from '../text/question-text.ts';

export const HELPED_ACTION = 'answer.helped';
export const UNHELPFUL_ACTION = 'answer.unhelpful';
/** Handled by the routing feature (src/core/routing): hands the thread to the moderators. */
export const ASK_HUMAN_ACTION = 'routing.ask-human';

export type QuestionOutcome =
  | { kind: 'ignored'; reason: 'bot' | 'unwatched' | 'not-a-question' | 'handed-off'; verdict?: QuestionVerdict }
  | { kind: 'answered'; log: AnswerLogRecord; entry: KbEntry; confidence: number }
  /** `log` is null when the message was already logged (a redelivery) or its row is written behind. */
  | { kind: 'unanswered'; log: AnswerLogRecord | null; confidence: number };

export interface AnswerQuestionDeps {
  cache: KnowledgeCache;
  answerLogs: Pick<AnswerLogRepository, 'record' | 'setReply'> & { recordLater?(input: AnswerLogInput): Promise<void> };
  repliers: ReplierDirectory;
  translator: Translator;
  metrics: Metrics;
  logger: Logger;
  /** Whether Rapport listens in this channel (cached by the caller). */
  isWatched(channelId: string): Promise<boolean>;
  /** True in a thread handed to the moderators ("Ask a human"): Rapport stays quiet there. */
  isPaused?(event: MessagePosted): Promise<boolean>;
  /** Semantic search (semantic-answering.ts): the index to search this question with; the word index when absent. */
  indexFor?(communityId: string, knowledge: CommunityKnowledge, text: string): Promise<AnswerIndex>;
}

/** What detection needs to know about the message beyond its text. */
export function questionContextOf(event: MessagePosted): QuestionContext {
  const author = event.author.memberId;
  // A reply to someone else's message (Discord replies; Slack thread replies carry the root's
  // author) is addressed to them, unless they are the asker replying in their own thread.
  const addressesOther = event.replyTo?.memberId !== undefined && event.replyTo.memberId !== author && !event.mentionsBot;
  return { mentionsBot: event.mentionsBot, addressesOther, isThreadReply: event.threadId !== undefined };
}

export function renderAnswer(translator: Translator, language: Language, entry: KbEntry, logId: number): OutgoingMessage {
  const t = (key: string, vars?: Record<string, string | number>) => translator.t(language, key, vars);
  const value = String(logId);
  return {
    text: entry.answer,
    footer: t('answers.reply.footer', { key: entry.id, question: entry.question }),
    buttons: [
      { actionId: HELPED_ACTION, value, label: t('answers.reply.helped'), style: 'primary' },
      { actionId: UNHELPFUL_ACTION, value, label: t('answers.reply.unhelpful') },
      { actionId: ASK_HUMAN_ACTION, value, label: t('routing.askHuman.button') },
    ],
  };
}

export function createAnswerQuestion(deps: AnswerQuestionDeps) {
  return async function answerQuestion(event: MessagePosted, language: Language): Promise<QuestionOutcome> {
    if (event.author.isBot) return { kind: 'ignored', reason: 'bot' };
    if (!(await deps.isWatched(event.channelId))) return { kind: 'ignored', reason: 'unwatched' };
    if ((event.threadId || event.replyTo) && deps.isPaused && (await deps.isPaused(event))) return { kind: 'ignored', reason: 'handed-off' };
    const knowledge = await deps.cache.get(event.communityId);
    const judgement = await judgeQuestion({ communityId: event.communityId, knowledge, message: event.text, context: questionContextOf(event), ...(deps.indexFor ? { indexFor: deps.indexFor } : {}) });
    const { verdict, text, answered } = judgement;
    if (!verdict.isQuestion) return { kind: 'ignored', reason: 'not-a-question', verdict };
    const best = judgement.candidates[0]?.candidate ?? null;
    const confidence = judgement.candidates[0]?.confidence ?? 0;

    const input: AnswerLogInput = {
      communityId: event.communityId,
      channelId: event.channelId,
      messageId: event.messageId,
      askerMemberId: event.author.memberId,
      question: event.text.slice(0, 2000),
      normalized: normalizeQuestion(text),
      entryKey: best?.entry.id ?? null,
      confidence,
      answered,
      createdAt: event.occurredAt,
    };
    if (!answered && !event.mentionsBot && deps.answerLogs.recordLater) {
      // Silent: nothing is posted, so nothing waits on the row.
      await deps.answerLogs.recordLater(input);
      deps.metrics.answerWithheld(event.communityId, best ? 'low_confidence' : 'no_entry');
      return { kind: 'unanswered', log: null, confidence };
    }
    const log = await deps.answerLogs.record(input);
    const replier = deps.repliers.forId(event.channelId);
    const target = { channelId: event.channelId, threadOf: event.threadId ?? event.messageId };
    if (answered && best && log) {
      const sent = await replier.post(target, renderAnswer(deps.translator, language, best.entry, log.id));
      deps.metrics.answerGiven(event.communityId);
      await deps.answerLogs.setReply(log.id, sent.messageId);
      return { kind: 'answered', log, entry: best.entry, confidence };
    }
    if (log) {
      deps.metrics.answerWithheld(event.communityId, best ? 'low_confidence' : 'no_entry');
      // Asked by name, Rapport says it has no answer rather than ignoring the person.
      if (event.mentionsBot) await replier.post(target, { text: deps.translator.t(language, 'answers.reply.unknown') });
    }
    return { kind: 'unanswered', log, confidence };
  };
}
