// The answering feature as one service of the running bot: answers questions in watched channels
// from each community's knowledge base, records votes, member replies and unanswered questions,
// and gives /faq and the CLI the knowledge-base operations. main.ts builds it; the feature
// (register-answering.ts) feeds it events; commands/faq.ts calls it.
import type { Logger } from '../../logger.ts';
import type { Metrics } from '../../metrics.ts';
import type { ReplierDirectory } from '../../outgoing.ts';
import type { MessagePosted } from '../../events.ts';
import type { ChannelRepository, Language } from '../../ports.ts';
import type { Translator } from '../../translator.ts';
import { createAnswerFeedback, type AnswerFeedback } from '../learn/answer-feedback.ts';
import { createAnswerLogBuffer, type AnswerLogBufferOptions } from '../storage/answer-log-buffer.ts';
import { createAnswerQuestion, type QuestionOutcome } from './answer-question.ts';
import { createKnowledgeAdmin, type KnowledgeAdmin } from '../admin/knowledge-admin.ts';
import { createKnowledgeCache, type KnowledgeCache, type KnowledgeCacheDeps } from '../storage/knowledge-cache.ts';
import { judgeQuestion } from './judge-question.ts';
import type { AnswerLogRepository, KnowledgeBaseRepository } from '../storage/ports.ts';
import type { SemanticAnswering } from './semantic-answering.ts';
import { createUnansweredList, type UnansweredList } from '../admin/unanswered-list.ts';
import { createInMemorySynonyms } from '../storage/in-memory-synonyms.ts';
import { createSynonymAdmin, type SynonymAdmin } from '../admin/synonym-admin.ts';
import type { SynonymRepository } from '../storage/synonym-ports.ts';

export interface AnsweringDeps {
  kb: KnowledgeBaseRepository;
  /** The community's synonym groups (/faq synonyms); kept in memory when omitted (tests, benchmarks). */
  synonyms?: SynonymRepository;
  answerLogs: AnswerLogRepository;
  channels: Pick<ChannelRepository, 'get'>;
  repliers: ReplierDirectory;
  translator: Translator;
  logger: Logger;
  metrics: Metrics;
  /** Monotonic milliseconds for cache ages (performance.now()). */
  now(): number;
  /** Reads a knowledge-base file (/faq import in the console, `rapport faq import`). */
  readFile(path: string): Promise<string>;
  /** How often each community's knowledge-base version is compared (default 5 s). */
  checkEveryMs?: number;
  /** How long a channel's watched flag is trusted (default 30 s). */
  watchedTtlMs?: number;
  createIndex?: KnowledgeCacheDeps['createIndex'];
  /** True in a thread handed to the moderators (routing's "Ask a human"). */
  isPaused?(event: MessagePosted): Promise<boolean>;
  /** Semantic search through an embeddings server (optional); word matching only when absent. */
  semantic?: SemanticAnswering;
  /** Bounds of the write-behind for silent questions (tests). */
  logBuffer?: Pick<AnswerLogBufferOptions, 'maxPending' | 'flushAfterMs'>;
}

export interface AskResult {
  threshold: number;
  /** Whether the detector reads the text as a question (a top-level message in a channel). */
  isQuestion: boolean;
  /** Whether Rapport would post the first candidate. */
  answered: boolean;
  candidates: Array<{ key: string; question: string; confidence: number }>;
}

export interface Answering {
  /** The question -> reply path (see answer-question.ts). */
  onMessage(event: MessagePosted, language: Language): Promise<QuestionOutcome>;
  feedback: AnswerFeedback;
  admin: KnowledgeAdmin;
  /** /faq synonyms: the community's synonym groups. */
  synonyms: SynonymAdmin;
  unanswered: UnansweredList;
  cache: KnowledgeCache;
  /** Present when EMBEDDINGS_URL is set. */
  semantic?: SemanticAnswering;
  /** Writes the silent questions still waiting in the write-behind buffer (stop, benchmarks). */
  flush(): Promise<void>;
  /** Drops an erased member's waiting rows (privacy). */
  forgetMember(memberId: string): void;
  /** What Rapport would answer to `text`, without posting or logging (/faq ask). */
  ask(communityId: string, text: string): Promise<AskResult>;
}

export function createAnswering(deps: AnsweringDeps): Answering {
  // A store that writes many rows at once gets the write-behind buffer for silent questions; the
  // others (in-memory stores) are written straight away.
  const inner = deps.answerLogs;
  const buffer = inner.recordMany ? createAnswerLogBuffer({ ...inner, recordMany: inner.recordMany }, { logger: deps.logger, ...deps.logBuffer }) : undefined;
  const answerLogs: AnswerLogRepository = buffer ?? inner;
  const synonymStore = deps.synonyms ?? createInMemorySynonyms();
  const cache = createKnowledgeCache({ kb: deps.kb, synonyms: synonymStore, answerLogs, logger: deps.logger, now: deps.now, ...(deps.checkEveryMs !== undefined ? { checkEveryMs: deps.checkEveryMs } : {}), ...(deps.createIndex ? { createIndex: deps.createIndex } : {}) });
  const watchedTtlMs = deps.watchedTtlMs ?? 30_000;
  const watched = new Map<string, { watched: boolean; at: number }>();

  async function isWatched(channelId: string): Promise<boolean> {
    const cached = watched.get(channelId);
    if (cached && deps.now() - cached.at < watchedTtlMs) return cached.watched;
    // A channel Rapport has not stored is new, and new channels are watched (Channel.watched default).
    const value = (await deps.channels.get(channelId))?.watched ?? true;
    if (watched.size > 10_000) watched.clear();
    watched.set(channelId, { watched: value, at: deps.now() });
    return value;
  }

  const semantic = deps.semantic;
  const indexFor = semantic ? { indexFor: semantic.indexFor } : {};
  const answerQuestion = createAnswerQuestion({ cache, answerLogs, repliers: deps.repliers, translator: deps.translator, metrics: deps.metrics, logger: deps.logger, isWatched, ...indexFor, ...(deps.isPaused ? { isPaused: deps.isPaused } : {}) });
  const feedback = createAnswerFeedback({ kb: deps.kb, answerLogs, cache, repliers: deps.repliers, translator: deps.translator, logger: deps.logger, ...(buffer ? { replyLater: buffer.replyLater } : {}) });
  const admin = createKnowledgeAdmin({ kb: deps.kb, cache, synonyms: synonymStore, readFile: deps.readFile });
  const unanswered = createUnansweredList({ answerLogs, admin });
  const synonyms = createSynonymAdmin({ synonyms: synonymStore, cache, readFile: deps.readFile });

  return {
    async onMessage(event, language) {
      const outcome = await answerQuestion(event, language);
      // A reply in a question's thread that is not itself a question is a candidate answer.
      if (outcome.kind === 'ignored' && outcome.reason === 'not-a-question' && (event.threadId || event.replyTo)) await feedback.onThreadReply(event);
      return outcome;
    },
    feedback,
    admin,
    synonyms,
    unanswered,
    cache,
    ...(semantic ? { semantic } : {}),
    async flush() {
      await buffer?.flush();
    },
    forgetMember(memberId) {
      buffer?.forgetMember(memberId);
    },
    async ask(communityId, text) {
      // The same judgement as a message posted in a channel: detector, search, penalties, threshold.
      const knowledge = await cache.get(communityId);
      const judgement = await judgeQuestion({ communityId, knowledge, message: text, context: {}, limit: 3, searchAnyway: true, ...(semantic ? { indexFor: semantic.indexFor } : {}) });
      return {
        threshold: knowledge.threshold,
        isQuestion: judgement.verdict.isQuestion,
        answered: judgement.answered,
        candidates: judgement.candidates.map(({ candidate, confidence }) => ({ key: candidate.entry.id, question: candidate.entry.question, confidence })),
      };
    },
  };
}
