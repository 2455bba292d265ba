// Routing as a service of the running bot. It learns from every message (routing-model.ts); a
// question in a routed channel that neither Rapport nor a person answers within the community's
// delay is brought to up to three likely helpers (a mention in its thread, or a DM), by a job that
// survives restarts and acts once across processes (the question's status moves from "waiting"
// exactly once). "Ask a human" hands a thread to the moderators and keeps the bot quiet there
// until a moderator replies or resumes it.
import { z } from 'zod';
import { detectQuestion } from '../answers/index.ts';
import type { Clock } from '../clock.ts';
import { PlatformError } from '../errors.ts';
import type { MessagePosted } from '../events.ts';
import { parseId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import type { OutgoingMessage, ReplierDirectory } from '../outgoing.ts';
import type { NoticeSender } from '../outbox/notice-sender.ts';
import type { Notice } from '../outbox/notices.ts';
import type { ChannelRepository, CommunityRepository, Language, MemberRepository } from '../ports.ts';
import type { JobScheduler } from '../scheduler.ts';
import type { Translator } from '../translator.ts';
import type { HandoffRecord, RoutingQuestionRecord, RoutingRepository, RoutingSettingsRecord } from './ports.ts';
import { RoutingModel } from './routing-model.ts';
import { observeMessage, warmUpRouting } from './warm-up.ts';

export const ROUTING_CHECK_JOB = 'routing.check';
export { ASK_HUMAN_ACTION } from '../answers/feature/answer-question.ts';
export const HANDOFF_RESUME_ACTION = 'routing.handoff-resume';
export const HANDOFF_CLOSE_ACTION = 'routing.handoff-close';
const checkSchema = z.object({ questionId: z.number().int().positive() });
const SUGGESTED = 3;
const MINUTE = 60_000;
const SETTINGS_TTL_MS = 30_000;

export interface RoutingDeps {
  repo: RoutingRepository;
  clock: Clock;
  scheduler: Pick<JobScheduler, 'define' | 'enqueue'>;
  repliers: ReplierDirectory;
  translator: Translator;
  logger: Logger;
  communities: Pick<CommunityRepository, 'get'>;
  members: Pick<MemberRepository, 'get'>;
  channels: Pick<ChannelRepository, 'get'>;
  /** Privacy: members who opted out of profiling or DMs are never asked. */
  privacy: { mayProfile(communityId: string, memberId: string): Promise<boolean>; mayDm(communityId: string, memberId: string): Promise<boolean> };
  /** Notices to moderators and threads, through the outbox (the repository writes them with its change). */
  notices: Pick<NoticeSender, 'send' | 'deliver'>;
  /** Whether Rapport itself answered this message (the answering feature's log). */
  botAnswered(communityId: string, messageId: string): Promise<boolean>;
  model?: RoutingModel;
}

export type CheckOutcome =
  | { kind: 'skipped'; reason: 'gone' | 'not-waiting' | 'answered' | 'disabled' | 'handed-off' }
  | { kind: 'nobody' }
  | { kind: 'routed'; helpers: string[]; mode: 'mention' | 'dm' }
  | { kind: 'failed'; reason: string };

export interface AskHumanInput {
  communityId: string;
  channelId: string;
  /** The thread's root message (the question). */
  threadOf: string;
  askerMemberId: string;
  question: string;
}

export interface Routing {
  readonly model: RoutingModel;
  defineJobs(): void;
  /** Rebuilds the router's memory from the stored messages (at start-up, before events arrive). */
  warmUp(): Promise<{ communities: number; messages: number }>;
  onMessage(event: MessagePosted): Promise<void>;
  /** Runs the delayed check of one question (the job's body; safe to run twice). */
  check(questionId: number): Promise<CheckOutcome>;
  /** True when the message is in a thread handed to the moderators (the bot stays quiet). */
  isPaused(event: Pick<MessagePosted, 'communityId' | 'channelId' | 'threadId' | 'replyTo'>): Promise<boolean>;
  askHuman(input: AskHumanInput, language: Language): Promise<{ handoff: HandoffRecord; created: boolean; moderators: number }>;
  endHandoff(communityId: string, id: number, status: 'resumed' | 'closed', byMemberId: string, language: Language): Promise<boolean>;
  settings(communityId: string): Promise<RoutingSettingsRecord>;
  saveSettings(communityId: string, patch: Partial<RoutingSettingsRecord>): Promise<RoutingSettingsRecord>;
  forget(memberId: string): void;
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function createRouting(deps: RoutingDeps): Routing {
  const { repo, clock, logger } = deps;
  const model = deps.model ?? new RoutingModel();
  // Settings are read on every question: kept for a little while, dropped when changed here.
  const settingsCache = new Map<string, { at: number; value: Promise<RoutingSettingsRecord> }>();
  function settingsOf(communityId: string): Promise<RoutingSettingsRecord> {
    const now = Date.now();
    const cached = settingsCache.get(communityId);
    if (cached && now - cached.at < SETTINGS_TTL_MS) return cached.value;
    const value = repo.settings(communityId);
    if (settingsCache.size > 10_000) settingsCache.clear();
    settingsCache.set(communityId, { at: now, value });
    value.catch(() => settingsCache.delete(communityId));
    return value;
  }

  async function languageOf(communityId: string): Promise<Language> {
    return (await deps.communities.get(communityId))?.language ?? 'en';
  }

  async function nameOf(memberId: string): Promise<string> {
    return (await deps.members.get(memberId))?.displayName ?? parseId(memberId).local ?? memberId;
  }

  async function channelName(channelId: string): Promise<string> {
    return `#${(await deps.channels.get(channelId))?.name ?? parseId(channelId).local ?? channelId}`;
  }

  async function inScope(event: MessagePosted, channels: readonly string[]): Promise<boolean> {
    if (channels.length > 0) return channels.includes(event.channelId);
    return (await deps.channels.get(event.channelId))?.watched ?? true;
  }

  /** A DM to each moderator, through the outbox (written with the change that owes it). */
  async function moderatorNotices(communityId: string, subject: string, message: OutgoingMessage): Promise<Notice[]> {
    return (await repo.moderators(communityId)).map((moderator) => ({ subject, to: { dm: moderator }, message }));
  }

  /** The question failed: its status and the moderators' notice are written together, then sent. */
  async function failWithNotice(q: RoutingQuestionRecord, now: Date, notices: Notice[]): Promise<void> {
    if (await repo.moveQuestion(q.id, 'routed', 'failed', now, notices)) await deps.notices.deliver(notices);
  }

  /** Members who may be asked about this question now, best first. */
  async function pickHelpers(q: RoutingQuestionRecord, settings: { mode: 'mention' | 'dm'; dailyLimit: number }): Promise<string[]> {
    const optedOut = settings.mode === 'mention' ? await repo.mentionOptOuts(q.communityId) : new Set<string>();
    const ranked = model.suggest(
      { communityId: q.communityId, channelId: q.channelId, authorId: q.askerMemberId, at: clock.now().getTime(), text: q.question },
      { limit: 12, exclude: (id) => optedOut.has(id) },
    );
    const asked = await repo.asksOn(q.communityId, ranked.map((s) => s.memberId), utcDay(clock.now()));
    const helpers: string[] = [];
    for (const { memberId } of ranked) {
      if (helpers.length >= SUGGESTED) break;
      if ((asked.get(memberId) ?? 0) >= settings.dailyLimit) continue;
      if (!(await deps.privacy.mayProfile(q.communityId, memberId))) continue;
      if (settings.mode === 'dm' && !(await deps.privacy.mayDm(q.communityId, memberId))) continue;
      // A member erased or never stored (left the community, privacy deletion) is not asked.
      const member = await deps.members.get(memberId);
      if (!member || member.isBot || member.communityId !== q.communityId) continue;
      helpers.push(memberId);
    }
    return helpers;
  }

  async function check(questionId: number): Promise<CheckOutcome> {
    const q = await repo.getQuestion(questionId);
    if (!q) return { kind: 'skipped', reason: 'gone' };
    if (q.status !== 'waiting') return { kind: 'skipped', reason: 'not-waiting' };
    const now = clock.now();
    const finish = async (to: 'answered' | 'nobody', outcome: CheckOutcome): Promise<CheckOutcome> => {
      await repo.moveQuestion(q.id, 'waiting', to, now);
      return outcome;
    };
    if (await deps.botAnswered(q.communityId, q.messageId)) return finish('answered', { kind: 'skipped', reason: 'answered' });
    if (await repo.openHandoffFor(q.communityId, q.channelId, q.messageId)) return finish('answered', { kind: 'skipped', reason: 'handed-off' });
    const settings = await repo.settings(q.communityId);
    if (!settings.enabled) return finish('nobody', { kind: 'skipped', reason: 'disabled' });
    const helpers = await pickHelpers(q, settings);
    if (helpers.length === 0) return finish('nobody', { kind: 'nobody' });
    // Claimed before anything is sent: a second run, or another process, stops here.
    if (!(await repo.moveQuestion(q.id, 'waiting', 'routed', now))) return { kind: 'skipped', reason: 'not-waiting' };
    for (const helper of helpers) await repo.recordAsk({ communityId: q.communityId, questionId: q.id, helperMemberId: helper, day: utcDay(now), askedAt: now });
    const language = await languageOf(q.communityId);
    const t = (key: string, vars?: Record<string, string | number>) => deps.translator.t(language, key, vars);
    const replier = deps.repliers.forId(q.channelId);
    if (settings.mode === 'mention') {
      try {
        await replier.post({ channelId: q.channelId, threadOf: q.messageId }, { mentions: helpers, text: t('routing.ping.mention', { asker: await nameOf(q.askerMemberId) }) });
        return { kind: 'routed', helpers, mode: 'mention' };
      } catch (error) {
        logger.warn({ err: error, questionId: q.id, channelId: q.channelId }, 'routing: could not post in the channel');
        await failWithNotice(q, now, await moderatorNotices(q.communityId, `routing:${q.id}:cannot-post`, { text: t('routing.problem.cannotPost', { channel: await channelName(q.channelId), reason: reasonOf(error) }) }));
        return { kind: 'failed', reason: 'cannot-post' };
      }
    }
    const asker = await nameOf(q.askerMemberId);
    const channel = await channelName(q.channelId);
    const reached: string[] = [];
    const unreachable: string[] = [];
    for (const helper of helpers) {
      try {
        await deps.repliers.forId(helper).dm(helper, { text: t('routing.ping.dm', { asker, channel, question: q.question.slice(0, 500) }) });
        reached.push(helper);
      } catch (error) {
        logger.warn({ err: error, helper, questionId: q.id }, 'routing: could not DM a helper');
        unreachable.push(helper);
      }
    }
    const notices = unreachable.length === 0 ? [] : await moderatorNotices(q.communityId, `routing:${q.id}:cannot-dm`, { text: t('routing.problem.cannotDm', { helpers: (await Promise.all(unreachable.map(nameOf))).join(', '), channel }) });
    if (reached.length === 0) {
      await failWithNotice(q, now, notices);
      return { kind: 'failed', reason: 'no-helper-reachable' };
    }
    await deps.notices.send(notices);
    return { kind: 'routed', helpers: reached, mode: 'dm' };
  }

  return {
    model,
    defineJobs() {
      deps.scheduler.define({
        name: ROUTING_CHECK_JOB,
        schema: checkSchema,
        attempts: 3,
        process: async (data) => {
          const outcome = await check(data.questionId);
          logger.info({ questionId: data.questionId, outcome: outcome.kind }, 'routing check');
        },
      });
    },
    warmUp: () => warmUpRouting({ model, repo, clock, logger }),
    async onMessage(event) {
      if (event.author.isBot) return;
      observeMessage(model, event);
      const settings = await settingsOf(event.communityId);
      // A moderator speaking in a handed-off thread takes it over: the hand-off is done.
      if (event.threadId && event.author.isModerator) {
        const open = await repo.openHandoffFor(event.communityId, event.channelId, event.threadId);
        if (open) await repo.endHandoff(open.id, 'resumed', event.author.memberId, clock.now());
      }
      if (!settings.enabled) return;
      // A person replying in a question's thread, or to the asker by name, answered it.
      const repliedTo = event.threadId ?? event.replyTo?.messageId;
      if (repliedTo && event.replyTo?.memberId !== event.author.memberId) await repo.markAnswered(event.communityId, { messageId: repliedTo });
      for (const mentioned of event.mentions) {
        if (mentioned !== event.author.memberId) await repo.markAnswered(event.communityId, { channelId: event.channelId, askerMemberId: mentioned, since: new Date(event.occurredAt.getTime() - 60 * MINUTE) });
      }
      if (event.threadId || event.replyTo) return;
      if (!detectQuestion(event.text, { mentionsBot: event.mentionsBot, addressesOther: event.mentions.length > 0 }).isQuestion) return;
      // History (an import, a replay) waited long ago: only a question younger than the delay is routed.
      if (clock.now().getTime() - event.occurredAt.getTime() > settings.delayMinutes * MINUTE) return;
      if (!(await inScope(event, settings.channels))) return;
      const q = await repo.recordQuestion({ communityId: event.communityId, channelId: event.channelId, messageId: event.messageId, askerMemberId: event.author.memberId, question: event.text.slice(0, 2000), askedAt: event.occurredAt });
      if (!q) return;
      await deps.scheduler.enqueue(ROUTING_CHECK_JOB, { questionId: q.id }, { jobId: `routing-check-${q.id}`, delayMs: settings.delayMinutes * MINUTE });
    },
    check,
    async isPaused(event) {
      // A Slack thread, or (Discord) a reply to the handed-off question.
      const thread = event.threadId ?? event.replyTo?.messageId;
      if (!thread) return false;
      return (await repo.openHandoffFor(event.communityId, event.channelId, thread)) !== null;
    },
    async askHuman(input, language) {
      const moderators = await repo.moderators(input.communityId);
      const t = (key: string, vars?: Record<string, string | number>) => deps.translator.t(language, key, vars);
      const message = moderators.length > 0 ? { mentions: moderators, text: t('routing.handoff.ping', { asker: await nameOf(input.askerMemberId) }) } : { text: t('routing.handoff.noModerators') };
      // Without a thread (the channel itself was handed off), the ping goes to the channel. It is
      // written with the hand-off (the outbox), so an opened hand-off never misses its ping.
      const openedAt = clock.now();
      const ping: Notice = { subject: `handoff:${input.threadOf}:${openedAt.getTime()}`, to: input.threadOf === input.channelId ? { channelId: input.channelId } : { channelId: input.channelId, threadOf: input.threadOf }, message };
      const opened = await repo.openHandoff({ ...input, question: input.question.slice(0, 2000), openedAt }, [ping]);
      if (opened.created) {
        // The question itself waits for the moderators now, not for helpers.
        await repo.markAnswered(input.communityId, { messageId: input.threadOf });
        await deps.notices.deliver([ping]);
      }
      return { ...opened, moderators: moderators.length };
    },
    async endHandoff(communityId, id, status, byMemberId, language) {
      const handoff = await repo.getHandoff(id);
      if (!handoff || handoff.communityId !== communityId) return false;
      const ended = await repo.endHandoff(id, status, byMemberId, clock.now());
      if (ended && status === 'resumed') {
        await deps.repliers.forId(handoff.channelId).post({ channelId: handoff.channelId, threadOf: handoff.threadOf }, { text: deps.translator.t(language, 'routing.handoff.resumedInThread') });
      }
      return ended;
    },
    settings: (communityId) => repo.settings(communityId),
    async saveSettings(communityId, patch) {
      settingsCache.delete(communityId);
      const saved = await repo.saveSettings(communityId, patch);
      settingsCache.delete(communityId);
      return saved;
    },
    forget(memberId) {
      model.forget(memberId);
    },
  };
}

function reasonOf(error: unknown): string {
  return error instanceof PlatformError ? error.code : error instanceof Error ? error.message.slice(0, 200) : String(error);
}
