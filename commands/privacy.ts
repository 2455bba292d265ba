import { z } from 'zod';
import { PRIVACY_DELETE_ACTION } from '../src/core/ambassadors/button-actions.ts';
import { defineCommand, defineSubcommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import { parseId } from '../src/core/ids.ts';
import mentions from './privacy-mentions.ts';

const onOff = () => option.choice(['on', 'off'], { en: 'on allows it, off opts you out', bg: 'on го разрешава, off Ви изключва' }, { required: true }) as z.ZodType<'on' | 'off'>;

export default defineCommand({
  name: 'privacy',
  description: { en: 'Your privacy: profiling, DMs, export and deletion of your data', bg: 'Поверителност: профилиране, лични съобщения, износ и изтриване на данните Ви' },
  moderatorOnly: false,
  subcommands: {
    show: defineSubcommand({
      description: { en: 'What you allow Rapport to do', bg: 'Какво позволявате на Rapport' },
      needs: ['privacy'],
      options: z.object({}),
      async run({ deps: { privacy }, actor, reply, t }) {
        const choices = await privacy.choices(actor.memberId);
        await reply(
          {
            title: t('privacy.show.title'),
            text: t('privacy.show.text'),
            fields: [
              { label: t('privacy.show.profiling'), value: t(choices.noProfiling ? 'privacy.off' : 'privacy.on') },
              { label: t('privacy.show.dms'), value: t(choices.noDms || choices.noProfiling ? 'privacy.off' : 'privacy.on') },
            ],
          },
          { ephemeral: true },
        );
      },
    }),
    profiling: defineSubcommand({
      description: { en: 'Allow or stop scores, rankings, funnel stage and offers', bg: 'Разрешете или спрете точки, класации, етап и оферти' },
      needs: ['privacy'],
      options: z.object({ value: onOff() }),
      async run({ options, deps: { privacy }, actor, community, reply, t }) {
        await privacy.set(actor.memberId, community.id, { noProfiling: options.value === 'off' });
        await reply(t(options.value === 'off' ? 'privacy.profiling.off' : 'privacy.profiling.on'), { ephemeral: true });
      },
    }),
    dms: defineSubcommand({
      description: { en: 'Allow or stop direct messages from Rapport', bg: 'Разрешете или спрете личните съобщения от Rapport' },
      needs: ['privacy'],
      options: z.object({ value: onOff() }),
      async run({ options, deps: { privacy }, actor, community, reply, t }) {
        await privacy.set(actor.memberId, community.id, { noDms: options.value === 'off' });
        await reply(t(options.value === 'off' ? 'privacy.dms.off' : 'privacy.dms.on'), { ephemeral: true });
      },
    }),
    mentions,
    export: defineSubcommand({
      description: { en: 'Get everything Rapport holds about you, as a file by DM', bg: 'Получете всичко, което Rapport пази за Вас, като файл в лично съобщение' },
      needs: ['privacy', 'clock', 'repliers'],
      options: z.object({}),
      async run({ deps: { privacy, clock, repliers }, actor, reply, t }) {
        const data = await privacy.exportMember(actor.memberId);
        const rows = Object.values(data).reduce((n, list) => n + list.length, 0);
        const name = `rapport-data-${(parseId(actor.memberId).local ?? 'member').replace(/[^\w.-]/g, '_')}.json`;
        const content = JSON.stringify({ memberId: actor.memberId, exportedAt: clock.now().toISOString(), tables: data }, null, 2);
        await repliers.forId(actor.memberId).dm(actor.memberId, { text: t('privacy.export.dm', { rows }), file: { name, content } });
        await reply(t('privacy.export.sent'), { ephemeral: true });
      },
    }),
    delete: defineSubcommand({
      description: { en: 'Delete everything Rapport holds about you (asks to confirm)', bg: 'Изтрийте всичко, което Rapport пази за Вас (иска потвърждение)' },
      options: z.object({}),
      async run({ actor, reply, t }) {
        await reply(
          { text: t('privacy.delete.confirm'), buttons: [{ actionId: PRIVACY_DELETE_ACTION, value: actor.memberId, label: t('privacy.delete.button'), style: 'danger' }] },
          { ephemeral: true },
        );
      },
    }),
  },
});
