import { z } from 'zod';
import { parseExpiry, reasonsText } from '../src/core/ambassadors/format.ts';
import { OFFER_ACTIONS } from '../src/core/ambassadors/offers.ts';
import { HOLDS_PLACE } from '../src/core/ambassadors/ports.ts';
import { OFFER_STAGES } from '../src/core/ambassadors/stages.ts';
import { defineCommand, defineSubcommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import type { OutgoingButton } from '../src/core/outgoing.ts';

const SHOWN = 10;
const offerOption = () => option.string({ en: 'Offer id (all open offers by default)', bg: 'Номер на оферта (всички отворени по подразбиране)' }, { max: 20 });

export default defineCommand({
  name: 'offer',
  description: { en: 'Exclusive offers for ambassadors', bg: 'Ексклузивни оферти за посланици' },
  moderatorOnly: true,
  subcommands: {
    create: defineSubcommand({
      description: { en: 'Create an offer and propose eligible members', bg: 'Създайте оферта и предложете подходящи членове' },
      needs: ['offerRecords', 'clock', 'ambassadors'],
      options: z.object({
        title: option.requiredString({ en: 'Title members see', bg: 'Заглавие, което членовете виждат' }, { max: 100 }),
        content: option.requiredString({ en: 'What an accepting member gets: text, code or link', bg: 'Какво получава приелият: текст, код или връзка' }, { max: 1000 }),
        stage: option.choice(OFFER_STAGES, { en: 'Lowest eligible stage (advocate by default)', bg: 'Най-ниският допустим етап (посланик по подразбиране)' }),
        places: option.integer({ en: 'How many members can have it (5 by default)', bg: 'Колко членове могат да я получат (5 по подразбиране)' }, { min: 1, max: 1000 }),
        expires: option.string({ en: 'Expiry: 14d, 2w or 2026-12-31 (14d by default)', bg: 'Валидност: 14d, 2w или 2026-12-31 (14d по подразбиране)' }, { max: 20 }),
      }),
      async run({ options, deps: { offerRecords, clock, ambassadors }, community, reply, t }) {
        const now = clock.now();
        const expiresAt = parseExpiry(options.expires ?? '14d', now);
        const offer = await ambassadors.offers.create({ communityId: community.id, title: options.title, content: options.content, eligibleStage: options.stage ?? 'advocate', places: options.places ?? 5, expiresAt });
        const proposed = (await offerRecords.recipients(offer.id, ['proposed'])).length;
        await reply(t('offers.created', { id: offer.id, title: offer.title, stage: t(`ambassadors.stage.${offer.eligibleStage}`), places: t('offers.places', { count: offer.places }), date: expiresAt.getTime(), timeZone: community.timeZone, proposed: t('offers.members', { count: proposed }) }));
      },
    }),
    queue: defineSubcommand({
      description: { en: 'Members proposed for offers, with Approve and Skip buttons', bg: 'Предложени членове с бутони Одобрете и Пропуснете' },
      needs: ['offerRecords', 'ambassadors'],
      options: z.object({ offer: offerOption() }),
      async run({ options, deps: { offerRecords, ambassadors }, community, reply, t }) {
        const queues = await ambassadors.offers.queue(community.id, options.offer);
        if (queues.length === 0) {
          await reply(t('offers.queue.noOffers'), { ephemeral: true });
          return;
        }
        for (const { offer, proposals } of queues) {
          const counts = await offerRecords.counts(offer.id);
          const left = Math.max(0, offer.places - HOLDS_PLACE.reduce((n, s) => n + counts[s], 0));
          const title = t('offers.queue.title', { title: offer.title, id: offer.id, left, places: offer.places });
          if (proposals.length === 0) {
            await reply({ title, text: t('offers.queue.empty', { stage: t(`ambassadors.stage.${offer.eligibleStage}`) }) }, { ephemeral: true });
            continue;
          }
          const shown = proposals.slice(0, SHOWN);
          const buttons: OutgoingButton[] = shown.flatMap((p) => [
            { actionId: OFFER_ACTIONS.approve, value: `${offer.id}|${p.memberId}`, label: t('offers.queue.approve', { name: p.displayName }), style: 'primary' as const },
            { actionId: OFFER_ACTIONS.skip, value: `${offer.id}|${p.memberId}`, label: t('offers.queue.skip', { name: p.displayName }) },
          ]);
          const lines = shown.map((p) => t('offers.queue.line', { name: p.displayName, reasons: reasonsText(p.reasons, t) }));
          if (proposals.length > SHOWN) lines.push(t('offers.queue.more', { count: proposals.length - SHOWN }));
          await reply({ title, text: lines.join('\n'), buttons }, { ephemeral: true });
        }
      },
    }),
    stats: defineSubcommand({
      description: { en: 'What happened to each offer', bg: 'Какво стана с всяка оферта' },
      needs: ['ambassadors', 'clock'],
      options: z.object({ offer: offerOption() }),
      async run({ options, deps: { ambassadors, clock }, community, reply, t }) {
        const stats = await ambassadors.offers.stats(community.id, options.offer);
        if (stats.length === 0) {
          await reply(t('offers.queue.noOffers'), { ephemeral: true });
          return;
        }
        const now = clock.now();
        for (const { offer, counts } of stats) {
          const status = offer.expiresAt <= now ? t('offers.stats.expired') : t('offers.stats.open');
          await reply({
            title: t('offers.stats.title', { title: offer.title, id: offer.id }),
            text: t('offers.stats.summary', { status, places: t('offers.places', { count: offer.places }), stage: t(`ambassadors.stage.${offer.eligibleStage}`), date: offer.expiresAt.getTime(), timeZone: community.timeZone }),
            fields: [
              { label: t('offers.stats.proposed'), value: String(counts.proposed) },
              { label: t('offers.stats.skipped'), value: String(counts.skipped) },
              { label: t('offers.stats.waiting'), value: String(counts.approved + counts.sending) },
              { label: t('offers.stats.sent'), value: String(counts.sent) },
              { label: t('offers.stats.accepted'), value: String(counts.accepted) },
              { label: t('offers.stats.declined'), value: String(counts.declined) },
              { label: t('offers.stats.undelivered'), value: String(counts.closed_dms + counts.failed + counts.opted_out + counts.expired) },
            ],
          });
        }
      },
    }),
  },
});
