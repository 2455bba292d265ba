// The learning feature as a service: feeds the thread miner the pipeline's events, stores what it
// finds as pending suggestions (never for members who opted out of profiling), keeps them in step
// with their source (an edited answer changes, a deleted source removes the suggestion) and lets
// moderators approve, edit or reject them. Approval writes the entry or phrasing through the
// knowledge admin (the answer index updates at once), credits the answerer ("answer accepted into
// the knowledge base") and thanks them by DM when they allow DMs.
import type { KbEntry } from '../answers/index.ts';
import { withPhrasing } from '../answers/learn/learning.ts';
import type { Clock } from '../clock.ts';
import { UserError } from '../errors.ts';
import type { MessageDeleted, MessageEdited, MessagePosted, ReactionChanged, ThreadTagged } from '../events.ts';
import type { Logger } from '../logger.ts';
import type { NoticeSender } from '../outbox/notice-sender.ts';
import type { Notice } from '../outbox/notices.ts';
import type { Language } from '../language.ts';
import type { Translator } from '../translator.ts';
import type { LearningRepository, SuggestionInput, SuggestionRecord } from './ports.ts';
import { createThreadMiner, minerMessageOf, type MinedSuggestion, type MinerOptions } from './thread-miner.ts';

/** Below this confidence the question is new; from it up, a phrasing of the best entry. */
export const PHRASING_MIN_CONFIDENCE = 0.3;
/** Longest question kept as an entry's question (/faq add allows 500). */
export const MAX_QUESTION_CHARS = 500;
/** Longest answer (/faq add allows 4000). */
export const MAX_ANSWER_CHARS = 4000;

export interface LearningDeps {
  repo: LearningRepository;
  /** What Rapport would answer (answering.ask): the best entries and their confidence. */
  ask(communityId: string, text: string): Promise<{ threshold: number; candidates: Array<{ key: string; confidence: number }> }>;
  /** The knowledge admin's writes (they update this process's index at once). */
  kb: {
    get(communityId: string, key: string): Promise<KbEntry | null>;
    add(communityId: string, input: { question: string; answer: string; language?: Language }): Promise<KbEntry>;
    edit(communityId: string, key: string, patch: { phrasings: string[] }): Promise<KbEntry>;
  };
  /** Credits the answerer once per suggestion (recognition.onAnswerAccepted). */
  credit(input: { communityId: string; channelId: string; memberId: string; helpedId: string; creditId: string; at: Date }): Promise<void>;
  privacy: { mayProfile(communityId: string, memberId: string): Promise<boolean>; mayDm(communityId: string, memberId: string): Promise<boolean> };
  memberLanguage(memberId: string): Promise<Language | null>;
  /** Sends the notices an approval owes (the answerer's thank-you), written with its result. */
  notices: Pick<NoticeSender, 'deliver'>;
  translator: Translator;
  logger: Logger;
  clock: Clock;
  miner?: Partial<MinerOptions>;
  /** Tag names that mark a thread solved, besides the default ones (SOLVED_TAG_RE). */
  solvedTags?: readonly string[];
  /** This Rapport replays history (an import): every suggestion is flagged as imported. */
  imported?: boolean;
  /**
   * Suggestions found in messages are held and stored by `flush()` (the pipeline calls it after
   * every batch), in one write per batch: a history replay finds one every fifty messages, and a
   * round trip each made learning the slowest feature of `bench replay`.
   */
  writeBehind?: boolean;
}

/** Tag names that mark a forum post solved by default, English and Bulgarian ("✅ Solved", "Решено"). */
export const SOLVED_TAG_RE = /(?<!\p{L})(?:solved|resolved|answered|fixed|решено|решен|разрешено|отговорено)(?!\p{L})/iu;

export function isSolvedTag(name: string, extra: readonly string[] = []): boolean {
  const plain = name.trim().toLowerCase();
  return SOLVED_TAG_RE.test(plain) || extra.some((tag) => tag.trim().toLowerCase() === plain);
}

export type ApproveOutcome = { kind: 'created' | 'phrasing' | 'already'; entry: KbEntry; suggestion: SuggestionRecord };

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never half an emoji: a cut between a surrogate pair drops the high half too.
  const at = /[\uD800-\uDBFF]/.test(text.charAt(max - 2)) ? max - 2 : max - 1;
  const head = text.slice(0, at);
  const end = Math.max(head.lastIndexOf('\n'), head.lastIndexOf(' '));
  return `${end > max / 2 ? head.slice(0, end) : head}…`;
}

export function createLearning(deps: LearningDeps) {
  const { repo, logger } = deps;
  const miner = createThreadMiner(deps.miner);
  /** Suggestions waiting for flush() (writeBehind only). */
  let held: SuggestionInput[] = [];

  async function flush(): Promise<void> {
    if (held.length === 0) return;
    const batch = held;
    held = [];
    try {
      const stored = repo.addMany ? await repo.addMany(batch) : (await Promise.all(batch.map((input) => repo.add(input)))).filter(Boolean).length;
      logger.info({ suggestions: stored, imported: batch.filter((input) => input.imported).length }, 'learning: suggestions stored');
    } catch (error) {
      // Kept for the next flush: nothing found is dropped by a failed write.
      held = batch.concat(held);
      throw error;
    }
  }

  async function store(found: MinedSuggestion, imported: boolean, direct = false): Promise<SuggestionRecord | null> {
    for (const memberId of [found.askerId, found.creditedId]) {
      if (!(await deps.privacy.mayProfile(found.communityId, memberId))) {
        logger.debug({ communityId: found.communityId, question: found.questionMessageId }, 'learning: a member of this conversation opted out of profiling; not suggested');
        return null;
      }
    }
    const question = cut(found.questionText.replace(/<[@#!][^>]*>/g, ' ').replace(/\s+/g, ' ').trim(), MAX_QUESTION_CHARS);
    const answer = cut(found.answerText.trim(), MAX_ANSWER_CHARS);
    if (question === '' || answer === '') {
      logger.warn({ communityId: found.communityId, question: found.questionMessageId, answerMessages: found.answerMessageIds }, 'learning: empty question or answer (deleted, or only mentions); no suggestion stored');
      return null;
    }
    const { threshold, candidates } = await deps.ask(found.communityId, question);
    const best = candidates[0];
    // A question the knowledge base nearly answers is another wording of that entry; one it answers
    // already needs nothing new, and one it does not know at all is a new entry.
    if (best && best.confidence >= threshold) {
      logger.debug({ communityId: found.communityId, entry: best.key }, 'learning: the knowledge base answers this question already');
      return null;
    }
    const entryKey = best && best.confidence >= PHRASING_MIN_CONFIDENCE ? best.key : null;
    const input: SuggestionInput = {
      communityId: found.communityId,
      channelId: found.channelId,
      questionMessageId: found.questionMessageId,
      askerMemberId: found.askerId,
      creditedMemberId: found.creditedId,
      questionText: question,
      answerText: answer,
      answerMessageIds: found.answerMessageIds,
      signal: found.signal,
      signalMessageId: found.signalMessageId,
      language: found.language,
      imported,
      entryKey,
      createdAt: new Date(found.at),
    };
    if (deps.writeBehind && !direct) {
      held.push(input);
      return null;
    }
    const saved = await repo.add(input);
    if (saved) logger.info({ communityId: saved.communityId, suggestion: saved.id, signal: saved.signal, imported }, 'learning: suggestion stored');
    return saved;
  }

  async function pendingOf(communityId: string, id: number): Promise<SuggestionRecord> {
    const suggestion = await repo.get(id);
    if (!suggestion || suggestion.communityId !== communityId) throw new UserError('learning.notFound', { id });
    if (suggestion.status !== 'pending') throw new UserError('learning.decided', { id, status: suggestion.status });
    return suggestion;
  }

  /** The answerer's thank-you DM, when they allow DMs (closed DMs: the credit stands, the notice is dropped). */
  async function thanks(suggestion: SuggestionRecord, entry: KbEntry): Promise<Notice[]> {
    const memberId = suggestion.creditedMemberId;
    if (!(await deps.privacy.mayDm(suggestion.communityId, memberId))) return [];
    const language = (await deps.memberLanguage(memberId)) ?? suggestion.language;
    return [{ subject: `suggestion:${suggestion.id}:thanks`, to: { dm: memberId }, message: { text: deps.translator.t(language, 'learning.thanksDm', { question: cut(entry.question, 200) }) } }];
  }

  return {
    /** A posted message; `imported` for history imports. Returns the stored suggestion, if any. */
    async onMessage(event: MessagePosted, options: { imported?: boolean } = {}): Promise<SuggestionRecord | null> {
      const found = miner.onMessage(minerMessageOf(event));
      return found ? store(found, options.imported ?? deps.imported ?? false) : null;
    },

    async onReaction(event: ReactionChanged, options: { imported?: boolean } = {}): Promise<SuggestionRecord | null> {
      if (event.type !== 'reaction.added' || event.actor.isBot) return null;
      const found = miner.onReaction({ channelId: event.channelId, messageId: event.messageId, actorId: event.actor.memberId, actorIsModerator: event.actor.isModerator, emoji: event.emoji, at: event.occurredAt.getTime() });
      if (!found) return null;
      return store({ ...found, communityId: event.communityId }, options.imported ?? deps.imported ?? false);
    },

    /** Tags applied to a thread: a "Solved" one (SOLVED_TAG_RE, or the deps' own names) makes a suggestion from the post. */
    async onThreadTagged(event: ThreadTagged): Promise<SuggestionRecord | null> {
      const solved = event.added.find((name) => isSolvedTag(name, deps.solvedTags));
      if (!solved) return null;
      const found = miner.solvedThread(event.channelId, event.threadId, event.title, event.occurredAt.getTime());
      if ('unknown' in found) {
        logger.info({ communityId: event.communityId, thread: event.threadId, tag: solved, reason: found.unknown }, 'learning: a thread was marked solved, but Rapport has not seen its post or a reply; no suggestion');
        return null;
      }
      return store({ ...found, communityId: event.communityId }, deps.imported ?? false);
    },

    /** A moderator's "Save as answer" on a message. */
    async saveAsAnswer(input: { communityId: string; channelId: string; messageId: string; at: Date }): Promise<SuggestionRecord> {
      const found = miner.saveAsAnswer(input.channelId, input.messageId, input.at.getTime());
      if ('unknown' in found) throw new UserError(found.unknown === 'message' ? 'learning.save.unknownMessage' : 'learning.save.noQuestion');
      const stored = await store({ ...found, communityId: input.communityId }, false, true);
      if (!stored) throw new UserError('learning.save.notStored');
      return stored;
    },

    /** An edited question or answer changes its pending suggestion. */
    async onEdit(event: MessageEdited): Promise<void> {
      miner.onEdit(event.channelId, event.messageId, event.text);
      await flush(); // a suggestion still held must be found and changed like a stored one
      for (const s of await repo.pendingWithMessage(event.communityId, event.messageId)) {
        if (s.questionMessageId === event.messageId) {
          const question = cut(event.text.trim(), MAX_QUESTION_CHARS);
          if (question !== '') await repo.updateTexts(s.id, { questionText: question });
        } else if (s.answerMessageIds.includes(event.messageId)) {
          const answer = cut(miner.answerText(event.channelId, s.answerMessageIds) ?? '', MAX_ANSWER_CHARS);
          if (answer === '') {
            logger.warn({ suggestion: s.id }, 'learning: an answer of a pending suggestion was edited and its text is no longer known; the suggestion keeps its earlier answer');
          } else await repo.updateTexts(s.id, { answerText: answer });
        }
        logger.info({ suggestion: s.id, messageId: event.messageId }, 'learning: source of a pending suggestion edited');
      }
    },

    /** A deleted question, answer or signal removes its pending suggestion. */
    async onDelete(event: MessageDeleted): Promise<void> {
      miner.onDelete(event.channelId, event.messageId);
      await flush();
      for (const s of await repo.pendingWithMessage(event.communityId, event.messageId)) {
        if (await repo.removePending(s.id)) logger.info({ suggestion: s.id, messageId: event.messageId }, 'learning: source message deleted; pending suggestion removed');
      }
    },

    list: (communityId: string, limit = 10) => repo.pending(communityId, limit),
    countPending: (communityId: string) => repo.countPending(communityId),
    get: (communityId: string, id: number) => pendingOf(communityId, id),

    /** Changes a pending suggestion's question or answer (the moderator's edit before approving). */
    async edit(communityId: string, id: number, texts: { question?: string; answer?: string }): Promise<SuggestionRecord> {
      await pendingOf(communityId, id);
      const question = texts.question?.trim();
      const answer = texts.answer?.trim();
      if (question === undefined && answer === undefined) throw new UserError('learning.edit.nothing');
      if (question === '' || answer === '') throw new UserError('learning.edit.empty');
      if ((question?.length ?? 0) > MAX_QUESTION_CHARS || (answer?.length ?? 0) > MAX_ANSWER_CHARS) throw new UserError('learning.edit.tooLong', { question: MAX_QUESTION_CHARS, answer: MAX_ANSWER_CHARS });
      if (!(await repo.updateTexts(id, { ...(question !== undefined ? { questionText: question } : {}), ...(answer !== undefined ? { answerText: answer } : {}) }))) throw new UserError('learning.decided', { id, status: 'decided' });
      return pendingOf(communityId, id);
    },

    /**
     * Writes the entry (or the phrasing), then credits and thanks the answerer. The suggestion is
     * claimed first, so a second approval does nothing; a failed write puts it back to pending.
     */
    async approve(communityId: string, id: number, moderatorId: string, options: { entry?: string } = {}): Promise<ApproveOutcome> {
      const suggestion = await pendingOf(communityId, id);
      const at = deps.clock.now();
      if (!(await repo.decide(id, { status: 'approved', decidedBy: moderatorId, decidedAt: at }))) throw new UserError('learning.decided', { id, status: 'approved' });
      let outcome: ApproveOutcome;
      try {
        const targetKey = options.entry ?? suggestion.entryKey;
        const target = targetKey ? await deps.kb.get(communityId, targetKey) : null;
        if (options.entry !== undefined && !target) throw new UserError('answers.notFound', { key: options.entry });
        if (target) {
          const changed = withPhrasing(target, suggestion.questionText);
          const entry = changed ? await deps.kb.edit(communityId, target.id, { phrasings: changed.phrasings }) : target;
          outcome = { kind: changed ? 'phrasing' : 'already', entry, suggestion };
        } else {
          const entry = await deps.kb.add(communityId, { question: suggestion.questionText, answer: suggestion.answerText, language: suggestion.language });
          outcome = { kind: 'created', entry, suggestion };
        }
      } catch (error) {
        await repo.reopen(id);
        throw error;
      }
      // The thank-you is owed with the result (the outbox): it is sent even if this process stops now.
      const owed = await thanks(suggestion, outcome.entry);
      await repo.setResult(id, outcome.entry.id, { notices: owed, at });
      logger.info({ communityId, suggestion: id, entry: outcome.entry.id, kind: outcome.kind }, 'learning: suggestion approved');
      await deps.credit({ communityId, channelId: suggestion.channelId, memberId: suggestion.creditedMemberId, helpedId: suggestion.askerMemberId, creditId: `suggestion:${id}`, at });
      await deps.notices.deliver(owed);
      return outcome;
    },

    async reject(communityId: string, id: number, moderatorId: string): Promise<SuggestionRecord> {
      const suggestion = await pendingOf(communityId, id);
      if (!(await repo.decide(id, { status: 'rejected', decidedBy: moderatorId, decidedAt: deps.clock.now() }))) throw new UserError('learning.decided', { id, status: 'rejected' });
      return suggestion;
    },

    /** Privacy erasure: the member's suggestions go. */
    /** Stores the suggestions held since the last flush (writeBehind). */
    flush,
    async forgetMember(memberId: string) {
      held = held.filter((input) => input.askerMemberId !== memberId && input.creditedMemberId !== memberId);
      return repo.eraseMember(memberId);
    },
  };
}

export type Learning = ReturnType<typeof createLearning>;
