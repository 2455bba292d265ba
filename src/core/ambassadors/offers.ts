// Exclusive offers: a moderator creates one, Rapport proposes eligible members into an approval
// queue, an approved member gets a DM (through the job queue) in their language with Accept / No
// thanks buttons, and every answer is counted. A DM is never sent twice (a conditional state change
// before sending) and never to a member who opted out. The approval and the DM it owes are written
// in one transaction (the offer outbox): the DM job is queued at once, and a relay queues it again
// while it is not done (the queue was away, a process died), so no approval is left without its DM.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { PlatformError, UserError } from '../errors.ts';
import { parseId, PLATFORMS } from '../ids.ts';
import type { Logger } from '../logger.ts';
import { createNoticeSender } from '../outbox/notice-sender.ts';
import type { Notice } from '../outbox/notices.ts';
import type { OutgoingMessage, ReplierDirectory } from '../outgoing.ts';
import type { Language, Repositories } from '../ports.ts';
import type { PrivacyGuard } from '../privacy/privacy-guard.ts';
import type { JobScheduler } from '../scheduler.ts';
import type { Translator } from '../translator.ts';
import { DEFAULT_ATTEMPTS_FOR_DM, OUTBOX_BACKOFF_MS, OUTBOX_JOB, OUTBOX_MAX_BACKOFF_MS, OUTBOX_RELAY_AFTER_MS } from './job-settings.ts';
import { defaultDmLimits, dmJobName, type DmLimits } from './dm-limits.ts';
import type { Funnel } from './funnel.ts';
import type { SignalsSource } from './member-signals.ts';
import type { ApproveResult, OfferRecord, RecipientRecord, RecipientState } from './ports.ts';
import { stageRank, STAGES, type OfferStage } from './stages.ts';

export const OFFER_ACTIONS = { approve: 'offer.approve', skip: 'offer.skip', accept: 'offer.accept', decline: 'offer.decline' } as const;

const dmJobSchema = z.object({ offerId: z.string().min(1), memberId: z.string().min(1) });
type DmJob = z.infer<typeof dmJobSchema>;

const CLOSED_DM_CODES = /dm_closed|closed|cannot_dm|user_disabled|not_allowed|messages_tab_disabled|user_not_found|unknown_user/;

/** The DM that answers a member's Accept / Decline (in their language). */
export type OfferReply = (result: 'accepted' | 'declined' | 'expired', offer: OfferRecord, memberId: string) => Promise<OutgoingMessage>;

export interface OfferDeps {
  repos: Repositories;
  privacy: PrivacyGuard;
  funnel: Funnel;
  signals: SignalsSource;
  scheduler: JobScheduler;
  repliers: ReplierDirectory;
  translator: Translator;
  clock: Clock;
  logger: Logger;
  limits?: DmLimits;
}

export interface CreateOfferInput {
  communityId: string;
  title: string;
  content: string;
  eligibleStage: OfferStage;
  places: number;
  expiresAt: Date;
}

export type AnswerResult = 'accepted' | 'declined' | 'expired' | 'not_yours' | 'already';

export interface Offers {
  defineJobs(): void;
  create(input: CreateOfferInput): Promise<OfferRecord>;
  /** Proposes eligible members not yet proposed; returns how many were added. */
  propose(offer: OfferRecord): Promise<number>;
  /** Open offers (or the one named) with their pending proposals, refreshed first. */
  queue(communityId: string, offerId?: string): Promise<Array<{ offer: OfferRecord; proposals: RecipientRecord[] }>>;
  approve(offerId: string, memberId: string): Promise<ApproveResult>;
  skipProposal(offerId: string, memberId: string): Promise<boolean>;
  /**
   * A member's Accept / Decline. With `reply`, the DM answering an accepted, declined or expired
   * offer is written with the state change (the outbox) and sent (`replied`: nothing more to send).
   */
  answer(offerId: string, actorId: string, accept: boolean, reply?: OfferReply): Promise<{ result: AnswerResult; offer: OfferRecord | null; memberId: string | null; replied: boolean }>;
  stats(communityId: string, offerId?: string): Promise<Array<{ offer: OfferRecord; counts: Record<RecipientState, number> }>>;
  /** Hands the DMs still owed (and due for it) to the job queue; returns how many. Safe in several processes at once. */
  relayOutbox(): Promise<number>;
  /** The DM job's work; exported for tests. Safe to run twice. */
  sendDm(job: DmJob, attempt: number): Promise<void>;
  dmMessage(offer: OfferRecord, language: Language, communityName: string): OutgoingMessage;
}

export function createOffers(deps: OfferDeps): Offers {
  const { repos, privacy, funnel, scheduler, repliers, translator, clock, logger } = deps;
  // The members' answer DMs go through the outbox, written with their state change.
  const notices = createNoticeSender({ outbox: repos.notices, repliers, clock, logger });
  const limits = deps.limits ?? defaultDmLimits;

  async function languageOf(memberId: string, communityId: string): Promise<{ language: Language; communityName: string }> {
    const [member, community] = await Promise.all([repos.members.get(memberId), repos.communities.get(communityId)]);
    return { language: member?.language ?? community?.language ?? 'en', communityName: community?.name ?? communityId };
  }

  async function getOffer(communityId: string, offerId: string): Promise<OfferRecord> {
    const offer = await repos.offers.get(offerId);
    if (!offer || offer.communityId !== communityId) throw new UserError('offers.notFound', { id: offerId });
    return offer;
  }

  function dmMessage(offer: OfferRecord, language: Language, communityName: string): OutgoingMessage {
    const t = (key: string, vars: Record<string, string | number> = {}) => translator.t(language, key, vars);
    return {
      title: t('offers.dm.title', { title: offer.title }),
      text: t('offers.dm.text', { community: communityName, title: offer.title, date: offer.expiresAt.getTime() }),
      buttons: [
        { actionId: OFFER_ACTIONS.accept, value: offer.id, label: t('offers.dm.accept'), style: 'primary' },
        { actionId: OFFER_ACTIONS.decline, value: offer.id, label: t('offers.dm.decline') },
      ],
      footer: t('offers.dm.footer'),
    };
  }

  /** Queues the DM job of a recipient, delayed until it may go. Each hand-off has its own job id: a send is claimed in the database, not by the queue. */
  function queueDm(offerId: string, memberId: string, dueAt: Date, handOff: number): Promise<void> {
    const delayMs = Math.max(0, dueAt.getTime() - clock.now().getTime());
    return scheduler.enqueue(dmJobName(parseId(memberId).platform), { offerId, memberId }, { jobId: `offer-dm:${offerId}:${memberId}:${handOff}`, ...(delayMs > 0 ? { delayMs } : {}) });
  }

  const self: Offers = {
    defineJobs() {
      for (const platform of PLATFORMS) {
        scheduler.define<DmJob>({
          name: dmJobName(platform),
          schema: dmJobSchema,
          limiter: limits.perPlatform[platform],
          attempts: DEFAULT_ATTEMPTS_FOR_DM,
          process: (data, context) => self.sendDm(data, context.attempt),
        });
      }
      scheduler.define<Record<string, never>>({
        name: OUTBOX_JOB,
        schema: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
        attempts: 1,
        process: async () => void (await self.relayOutbox()),
      });
    },

    async create(input) {
      const offer: OfferRecord = { ...input, id: `o${randomBytes(3).toString('hex')}`, createdAt: clock.now() };
      await repos.offers.create(offer);
      await self.propose(offer);
      return offer;
    },

    async propose(offer) {
      const now = clock.now();
      if (offer.expiresAt <= now) return 0;
      const stages = STAGES.filter((s) => stageRank(s) >= stageRank(offer.eligibleStage));
      const members = await repos.ambassadors.listStages(offer.communityId, stages);
      const known = new Set((await repos.offers.recipients(offer.id)).map((r) => r.memberId));
      const candidates = [];
      for (const member of members) {
        if (known.has(member.memberId) || !(await privacy.mayDm(offer.communityId, member.memberId))) continue;
        const signals = await deps.signals(offer.communityId, member.memberId);
        candidates.push({ member, helper: signals?.helper ?? 0 });
      }
      candidates.sort((a, b) => stageRank(b.member.stage) - stageRank(a.member.stage) || b.helper - a.helper);
      const rows = [];
      for (const { member } of candidates.slice(0, 20)) {
        const { reasons } = await funnel.explain(offer.communityId, member.memberId);
        rows.push({ offerId: offer.id, memberId: member.memberId, communityId: offer.communityId, reasons: [{ key: `ambassadors.stage.${member.stage}`, vars: {} }, ...reasons], proposedAt: now });
      }
      return repos.offers.propose(rows);
    },

    async queue(communityId, offerId) {
      const offers = offerId ? [await getOffer(communityId, offerId)] : await repos.offers.list(communityId, { openAt: clock.now() });
      const out = [];
      for (const offer of offers) {
        await self.propose(offer);
        out.push({ offer, proposals: await repos.offers.recipients(offer.id, ['proposed']) });
      }
      return out;
    },

    async approve(offerId, memberId) {
      const result = await repos.offers.approve(offerId, memberId, clock.now(), limits.perCommunitySpacingMs, { relayAfterMs: OUTBOX_RELAY_AFTER_MS });
      if (!result.ok) return result;
      // Queued now, but not awaited: while Redis is away the enqueue waits for it, and the moderator
      // should not. The outbox row is there if this never gets through.
      queueDm(offerId, memberId, result.scheduledFor, 0).catch((error: unknown) => {
        logger.warn({ err: error, offerId, memberId }, 'offer DM not queued yet; the outbox relay will queue it');
      });
      return result;
    },

    async skipProposal(offerId, memberId) {
      return repos.offers.transition(offerId, memberId, ['proposed'], 'skipped', { decidedAt: clock.now() });
    },

    async answer(offerId, actorId, accept, reply) {
      const offer = await repos.offers.get(offerId);
      if (!offer) return { result: 'not_yours', offer: null, memberId: null, replied: false };
      let recipient = await repos.offers.recipient(offerId, actorId);
      if (!recipient) {
        // A DM button may come back with a differently scoped id (a Discord DM has no guild): match the platform user.
        const actor = parseId(actorId);
        recipient = (await repos.offers.recipients(offerId, ['sent', 'accepted', 'declined'])).find((r) => {
          const id = parseId(r.memberId);
          return id.platform === actor.platform && id.local === actor.local;
        }) ?? null;
      }
      // Only a member whose DM went out can answer (a proposal or a skipped member cannot).
      if (!recipient || !['sent', 'accepted', 'declined', 'expired'].includes(recipient.state)) return { result: 'not_yours', offer, memberId: null, replied: false };
      const now = clock.now();
      const memberId = recipient.memberId;
      const to = offer.expiresAt <= now && recipient.state === 'sent' ? 'expired' : accept ? 'accepted' : 'declined';
      const owed: Notice[] = reply ? [{ subject: `offer:${offerId}:answer`, to: { dm: memberId }, message: await reply(to, offer, memberId) }] : [];
      const moved = await repos.offers.transition(offerId, memberId, ['sent'], to, { answeredAt: now }, owed);
      if (moved) await notices.deliver(owed);
      // An expired offer stays expired for this member, moved now or before.
      const result = to === 'expired' ? 'expired' : moved ? to : 'already';
      return { result, offer, memberId, replied: moved && owed.length > 0 };
    },

    async stats(communityId, offerId) {
      const offers = offerId ? [await getOffer(communityId, offerId)] : await repos.offers.list(communityId);
      return Promise.all(offers.map(async (offer) => ({ offer, counts: await repos.offers.counts(offer.id) })));
    },

    async relayOutbox() {
      const now = clock.now();
      const items = await repos.offers.claimOutbox(now, 50, (attempts) => Math.min(OUTBOX_BACKOFF_MS * 2 ** attempts, OUTBOX_MAX_BACKOFF_MS));
      for (const item of items) {
        try {
          await queueDm(item.offerId, item.memberId, item.dueAt, item.attempts);
        } catch (error) {
          logger.warn({ err: error, offerId: item.offerId, memberId: item.memberId, attempts: item.attempts }, 'offer DM could not be queued; retried later');
          await repos.offers.outboxFailed(item.id, (error as Error).message);
        }
      }
      if (items.length > 0) logger.info({ count: items.length }, 'offer DMs still owed handed to the queue again');
      return items.length;
    },

    async sendDm({ offerId, memberId }, attempt) {
      const recipient = await repos.offers.recipient(offerId, memberId);
      const offer = await repos.offers.get(offerId);
      // 'sending' is another job's send in progress: its outcome settles the outbox row.
      if (recipient?.state === 'sending') return;
      if (!recipient || !offer || recipient.state !== 'approved') return repos.offers.outboxDone(offerId, memberId); // gone, or already handled
      const now = clock.now();
      if (offer.expiresAt <= now) {
        await repos.offers.transition(offerId, memberId, ['approved'], 'expired');
        return repos.offers.outboxDone(offerId, memberId);
      }
      if (!(await privacy.mayDmNow(memberId))) {
        await repos.offers.transition(offerId, memberId, ['approved'], 'opted_out');
        return repos.offers.outboxDone(offerId, memberId);
      }
      // Claim the send: whoever moves approved -> sending sends; a second run finds 'sending' or 'sent' and stops.
      if (!(await repos.offers.transition(offerId, memberId, ['approved'], 'sending'))) return;
      const { language, communityName } = await languageOf(memberId, offer.communityId);
      try {
        const sent = await repliers.forId(memberId).dm(memberId, dmMessage(offer, language, communityName));
        await repos.offers.transition(offerId, memberId, ['sending'], 'sent', { sentAt: clock.now(), dmMessageId: sent.messageId, error: null });
        await repos.offers.outboxDone(offerId, memberId);
      } catch (error) {
        const platform = error instanceof PlatformError ? error : null;
        if (platform && !platform.retryable) {
          const state: RecipientState = CLOSED_DM_CODES.test(platform.code) ? 'closed_dms' : 'failed';
          await repos.offers.transition(offerId, memberId, ['sending'], state, { error: platform.code });
          logger.warn({ offerId, memberId, code: platform.code }, 'offer DM refused; not retried');
          // Its place is free again: closed_dms and failed hold none (HOLDS_PLACE).
          return repos.offers.outboxDone(offerId, memberId);
        }
        const last = attempt >= DEFAULT_ATTEMPTS_FOR_DM;
        await repos.offers.transition(offerId, memberId, ['sending'], last ? 'failed' : 'approved', { error: platform?.code ?? (error as Error).message.slice(0, 200) });
        if (last) await repos.offers.outboxDone(offerId, memberId);
        throw error;
      }
    },

    dmMessage,
  };
  return self;
}
