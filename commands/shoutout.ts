import { z } from 'zod';
import { defineCommand, defineSubcommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import type { Language } from '../src/core/ports.ts';
import { PLACEHOLDERS } from '../src/core/shoutouts/render-shoutout.ts';

const PERIOD = { en: 'The period it looks back on: week or month', bg: 'Периодът, за който е: седмица или месец' };

/** "Mon 2026-11-30 10:00" in the community's time zone. */
function localTime(date: Date | null, timeZone: string, language: Language): string {
  if (!date) return '-';
  return new Intl.DateTimeFormat(language === 'bg' ? 'bg-BG' : 'en-GB', { timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

export default defineCommand({
  name: 'shoutout',
  description: { en: 'Scheduled posts that thank the top helpers', bg: 'Насрочени публикации, които благодарят на най-добрите помощници' },
  moderatorOnly: true,
  subcommands: {
    schedule: defineSubcommand({
      description: { en: 'Post a shout-out on a schedule, e.g. "weekly on Monday 10:00" or "0 10 * * 1"', bg: 'Публикувайте благодарност по разписание, напр. „всеки понеделник 10:00“ или „0 10 * * 1“' },
      needs: ['channels', 'shoutouts'],
      options: z.object({
        channel: option.channel({ en: 'Where to post', bg: 'Къде да се публикува' }, { required: true }) as z.ZodType<string>,
        rule: option.requiredString({ en: 'When: cron, "weekly on Monday 10:00", "daily at 9:30"', bg: 'Кога: cron, „всеки понеделник 10:00“, „всеки ден 9:30“' }, { max: 100, rest: true }),
        period: option.choice(['week', 'month'], PERIOD),
        template: option.string({ en: 'This schedule\'s own text, with {{helpers}}, {{improved}}, {{period}}', bg: 'Собствен текст, с {{helpers}}, {{improved}}, {{period}}' }, { max: 2000 }),
      }),
      async run({ options, deps: { channels, shoutouts }, community, reply, t, language }) {
        const { schedule, next } = await shoutouts.schedule({ community, channelId: options.channel, rule: options.rule, ...(options.period ? { period: options.period } : {}), ...(options.template ? { template: options.template } : {}) });
        const channel = await channels.get(schedule.channelId);
        await reply(t('recognition.shoutout.scheduled', { id: schedule.id, rule: schedule.rule, timeZone: community.timeZone, channel: channel?.name ?? schedule.channelId, period: t(`recognition.shoutout.periodName.${schedule.period}`), next: localTime(next, community.timeZone, language) }));
      },
    }),
    list: defineSubcommand({
      description: { en: 'The scheduled shout-outs', bg: 'Насрочените благодарности' },
      needs: ['channels', 'shoutouts'],
      options: z.object({}),
      async run({ deps: { channels, shoutouts }, community, reply, t, language }) {
        const schedules = await shoutouts.list(community);
        if (schedules.length === 0) {
          await reply(t('recognition.shoutout.listEmpty'));
          return;
        }
        const lines: string[] = [];
        for (const { schedule, next } of schedules) {
          const channel = await channels.get(schedule.channelId);
          lines.push(t('recognition.shoutout.listLine', { id: schedule.id, rule: schedule.rule, channel: channel?.name ?? schedule.channelId, period: t(`recognition.shoutout.periodName.${schedule.period}`), next: localTime(next, community.timeZone, language) }));
        }
        await reply({ title: t('recognition.shoutout.listTitle'), text: lines.join('\n') });
      },
    }),
    remove: defineSubcommand({
      description: { en: 'Stop a scheduled shout-out', bg: 'Спрете насрочена благодарност' },
      needs: ['shoutouts'],
      options: z.object({ id: option.requiredString({ en: 'Its id, from /shoutout list', bg: 'Идентификаторът от /shoutout list' }, { max: 40 }) }),
      async run({ options, deps: { shoutouts }, community, reply, t }) {
        const removed = await shoutouts.remove(community, options.id);
        await reply(t(removed ? 'recognition.shoutout.removed' : 'recognition.shoutout.notFound', { id: options.id }));
      },
    }),
    preview: defineSubcommand({
      description: { en: 'Show what a shout-out would say now, without posting it', bg: 'Покажете какво би казала благодарността сега, без да се публикува' },
      needs: ['shoutouts'],
      options: z.object({ period: option.choice(['week', 'month'], PERIOD) }),
      async run({ options, deps: { shoutouts }, community, reply, t, language }) {
        const message = await shoutouts.preview(community, { period: options.period ?? 'week', language });
        await reply({ ...message, title: t('recognition.shoutout.previewTitle') });
      },
    }),
    template: defineSubcommand({
      description: { en: 'Show or change the community\'s shout-out text (English or Bulgarian)', bg: 'Покажете или променете текста на благодарностите (английски или български)' },
      needs: ['shoutouts'],
      options: z.object({
        language: option.choice(['en', 'bg'], { en: 'Which language (the community\'s by default)', bg: 'Кой език (на общността по подразбиране)' }),
        text: option.string({ en: 'The new text, or "reset"', bg: 'Новият текст, или „reset“' }, { max: 2000, rest: true }),
      }),
      async run({ options, deps: { shoutouts }, community, reply, t }) {
        const language = options.language ?? community.language;
        if (options.text) {
          const reset = options.text.toLowerCase() === 'reset';
          await shoutouts.setTemplate(community.id, language, reset ? null : options.text.replace(/\\n/g, '\n'));
          await reply(t(reset ? 'recognition.shoutout.templateReset' : 'recognition.shoutout.templateSaved', { language, languageName: t(`settings.languageName.${language}`) }));
          return;
        }
        const { text } = await shoutouts.template(community.id, language);
        await reply(t('recognition.shoutout.templateShow', { language, languageName: t(`settings.languageName.${language}`), template: text, placeholders: PLACEHOLDERS.join(', ') }));
      },
    }),
  },
});
