import { z } from 'zod';
import { defineCommand, defineSubcommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';

export default defineCommand({
  name: 'feedback',
  description: { en: 'Feature requests, complaints and praise from the chat, grouped by theme', bg: 'Предложения, оплаквания и похвали от чата, групирани по теми' },
  moderatorOnly: true,
  subcommands: {
    digest: defineSubcommand({
      description: { en: 'The feedback of the last week or month, by theme', bg: 'Обратната връзка за последната седмица или месец, по теми' },
      needs: ['ambassadors'],
      options: z.object({ period: option.choice(['week', 'month'], { en: 'Which period (week by default)', bg: 'Кой период (седмица по подразбиране)' }) }),
      async run({ options, deps: { ambassadors }, community, language, reply }) {
        await reply(await ambassadors.feedback.digest(community.id, options.period ?? 'week', language));
      },
    }),
    schedule: defineSubcommand({
      description: { en: 'Post the digest every Monday 09:00 to a channel', bg: 'Публикувайте обобщението всеки понеделник в 09:00 в канал' },
      needs: ['channels', 'ambassadors'],
      options: z.object({ channel: option.channel({ en: 'The moderators\' channel', bg: 'Каналът на модераторите' }, { required: true }) as z.ZodType<string> }),
      async run({ options, deps: { channels, ambassadors }, community, reply, t }) {
        await ambassadors.feedback.schedule(community.id, options.channel);
        const channel = await channels.get(options.channel);
        await reply(t('feedback.scheduled', { channel: channel?.name ?? options.channel, timeZone: community.timeZone }));
      },
    }),
    unschedule: defineSubcommand({
      description: { en: 'Stop the weekly digest', bg: 'Спрете седмичното обобщение' },
      needs: ['ambassadors'],
      options: z.object({}),
      async run({ deps: { ambassadors }, community, reply, t }) {
        await ambassadors.feedback.unschedule(community.id);
        await reply(t('feedback.unscheduled'));
      },
    }),
  },
});
