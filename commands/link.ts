import { z } from 'zod';
import { defineCommand, defineSubcommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import { parseId } from '../src/core/ids.ts';
import { LINK_CODE_TTL_MS } from '../src/core/linking/create-linking.ts';

const platformName = (platform: string) => (platform === 'slack' ? 'Slack' : platform === 'discord' ? 'Discord' : platform);

export default defineCommand({
  name: 'link',
  description: { en: 'Be one member across Slack and Discord: scores, stage and privacy together', bg: 'Бъдете един член в Slack и Discord: общи точки, етап и поверителност' },
  moderatorOnly: false,
  subcommands: {
    new: defineSubcommand({
      description: { en: 'Get a one-time code for your account on the other platform', bg: 'Вземете еднократен код за профила Ви в другата платформа' },
      needs: ['linking'],
      options: z.object({ as: option.requiredString({ en: 'Your user name (or id) on the other platform', bg: 'Вашето потребителско име (или идентификатор) в другата платформа' }, { max: 100 }) }),
      async run({ options, actor, deps: { linking }, reply, t }) {
        const { code, platform } = await linking.issue(actor, options.as);
        await reply(t('link.issued', { code, platform: platformName(platform), target: options.as.replace(/^@/, ''), minutes: LINK_CODE_TTL_MS / 60_000 }), { ephemeral: true });
      },
    }),
    code: defineSubcommand({
      description: { en: 'Type here the code /link new gave you on the other platform', bg: 'Въведете тук кода, който /link new Ви даде в другата платформа' },
      needs: ['linking'],
      options: z.object({ code: option.requiredString({ en: 'The 8-character code', bg: 'Кодът от 8 знака' }, { max: 20 }) }),
      async run({ options, actor, deps: { linking }, reply, t }) {
        const other = await linking.redeem(actor, options.code);
        await reply(t('link.linked', { platform: platformName(parseId(other).platform) }), { ephemeral: true });
      },
    }),
    dm: defineSubcommand({
      description: { en: 'Where Rapport sends you direct messages once your accounts are linked', bg: 'Къде Rapport Ви изпраща лични съобщения, след като профилите Ви са свързани' },
      needs: ['linking'],
      options: z.object({
        platform: option.choice(['slack', 'discord', 'each'], { en: 'slack, discord, or each (every account its own)', bg: 'slack, discord или each (всеки профил поотделно)' }, { required: true }) as z.ZodType<'slack' | 'discord' | 'each'>,
      }),
      async run({ options, actor, deps: { linking }, reply, t }) {
        const chosen = options.platform === 'each' ? null : options.platform;
        if (!(await linking.chooseDm(actor.memberId, chosen))) {
          await reply(t('link.notLinked'), { ephemeral: true });
          return;
        }
        await reply(chosen ? t('link.dm.one', { platform: platformName(chosen) }) : t('link.dm.each'), { ephemeral: true });
      },
    }),
    remove: defineSubcommand({
      description: { en: 'Separate your linked accounts again', bg: 'Разделете отново свързаните си профили' },
      needs: ['linking'],
      options: z.object({}),
      async run({ actor, deps: { linking }, reply, t }) {
        const removed = await linking.unlink(actor.memberId);
        await reply(removed.length > 0 ? t('link.removed', { count: removed.length }) : t('link.notLinked'), { ephemeral: true });
      },
    }),
  },
});
