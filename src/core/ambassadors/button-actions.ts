// What the ambassadors feature's buttons do when pressed: a moderator approves or skips a proposed
// member, a member accepts or declines an offer, a member confirms deleting their data.
import type { Deps } from '../app-ports.ts';
import type { ButtonPressed } from '../events.ts';
import type { EventContext } from '../feature.ts';
import type { OutgoingMessage } from '../outgoing.ts';
import type { Language } from '../ports.ts';
import { OFFER_ACTIONS } from './offers.ts';
import type { OfferRecord } from './ports.ts';

export const PRIVACY_DELETE_ACTION = 'privacy.delete';

export type AmbassadorButtonDeps = Deps<'ambassadors' | 'members' | 'repliers' | 'translator'>;

/**
 * Answers only the person who pressed: a moderator's queue decisions and a member's deleted data
 * are nobody else's business. In a channel that is an ephemeral message where the platform has
 * one; otherwise (a DM, or Discord) a direct message.
 */
async function respond(event: ButtonPressed, repliers: AmbassadorButtonDeps['repliers'], message: OutgoingMessage): Promise<void> {
  const inChannel = event.channelId && !event.channelId.includes('dm:') ? event.channelId : undefined;
  const replier = inChannel ? repliers.forId(inChannel) : undefined;
  if (inChannel && replier?.ephemeral) await replier.ephemeral(inChannel, event.actor.memberId, message);
  else await repliers.forId(event.actor.memberId).dm(event.actor.memberId, message);
}

export function createAmbassadorButtons(deps: AmbassadorButtonDeps): (event: ButtonPressed, context: EventContext) => Promise<void> {
  return (event, context) => handleAmbassadorButton(event, context, deps);
}

async function handleAmbassadorButton(event: ButtonPressed, context: EventContext, deps: AmbassadorButtonDeps): Promise<void> {
  const { members, repliers, translator } = deps;
  const { offers, privacy } = deps.ambassadors;
  const language: Language = context.language;
  const t = (key: string, vars?: Record<string, string | number>) => translator.t(language, key, vars);
  switch (event.actionId) {
    case OFFER_ACTIONS.approve:
    case OFFER_ACTIONS.skip: {
      const [offerId = '', memberId = ''] = event.value.split('|');
      if (!event.actor.isModerator) {
        await respond(event, repliers, { text: t('errors.moderatorOnly', { command: 'offer queue' }) });
        return;
      }
      const member = await members.get(memberId);
      const name = member?.displayName ?? memberId;
      if (event.actionId === OFFER_ACTIONS.skip) {
        const skipped = await offers.skipProposal(offerId, memberId);
        await respond(event, repliers, { text: t(skipped ? 'offers.queue.skipped' : 'offers.queue.alreadyDecided', { name }) });
        return;
      }
      const result = await offers.approve(offerId, memberId);
      await respond(event, repliers, { text: result.ok ? t('offers.queue.approved', { name }) : t(`offers.queue.${result.why}`, { name }) });
      return;
    }
    case OFFER_ACTIONS.accept:
    case OFFER_ACTIONS.decline: {
      const accept = event.actionId === OFFER_ACTIONS.accept;
      // Answer in the language the DM was written in: the member's own, read fresh.
      const sayTo = async (to: string) => {
        const own = (await members.get(to))?.language ?? language;
        return (key: string, vars?: Record<string, string | number>) => translator.t(own, key, vars);
      };
      // The answer to an accepted, declined or expired offer is owed with the state change (the outbox).
      const reply = async (result: 'accepted' | 'declined' | 'expired', offer: OfferRecord, to: string) => {
        const say = await sayTo(to);
        return { text: result === 'accepted' ? say('offers.answer.accepted', { title: offer.title, content: offer.content }) : say(`offers.answer.${result}`, { title: offer.title }) };
      };
      const { result, offer, memberId, replied } = await offers.answer(event.value, event.actor.memberId, accept, reply);
      if (replied) return;
      const to = memberId ?? event.actor.memberId;
      const say = await sayTo(to);
      await repliers.forId(to).dm(to, { text: say(`offers.answer.${result}`, { title: offer?.title ?? '' }) });
      return;
    }
    case PRIVACY_DELETE_ACTION: {
      if (event.value !== event.actor.memberId) {
        await respond(event, repliers, { text: t('privacy.delete.notYours') });
        return;
      }
      const removed = await privacy.erase(event.communityId, event.actor.memberId);
      const rows = Object.values(removed).reduce((a, b) => a + b, 0);
      await respond(event, repliers, { text: t('privacy.delete.done', { rows }) });
      return;
    }
  }
}
