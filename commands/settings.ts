import { z } from 'zod';
import { defineCommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import { UserError } from '../src/core/errors.ts';
import { isTimeZone } from '../src/core/time-zone.ts';

export default defineCommand({
  name: 'settings',
  description: { en: 'Show or change the community\'s language and time zone', bg: 'Покажете или променете езика и часовата зона на общността' },
  moderatorOnly: true,
  needs: ['communities', 'shoutouts', 'ambassadors', 'translator'],
  options: z.object({
    language: option.choice(['en', 'bg'], { en: 'Language Rapport speaks here', bg: 'Езикът, на който Rapport говори тук' }),
    timezone: option.string({ en: 'IANA time zone, e.g. Europe/Sofia', bg: 'Часова зона по IANA, напр. Europe/Sofia' }, { max: 64 }),
  }),
  async run({ options, deps: { communities, shoutouts, ambassadors, translator }, community, reply, t }) {
    if (options.timezone && !isTimeZone(options.timezone)) throw new UserError('settings.badTimeZone', { value: options.timezone });
    const patch = { ...(options.language ? { language: options.language } : {}), ...(options.timezone ? { timeZone: options.timezone } : {}) };
    const updated = Object.keys(patch).length > 0 ? await communities.update(community.id, patch) : community;
    if (options.timezone && updated.timeZone !== community.timeZone) {
      // Schedules run in the community's time zone: move them with it.
      await shoutouts.reschedule(updated);
      await ambassadors.feedback.reschedule(updated.id);
    }
    const say = (key: string) => translator.t(updated.language, key, { language: translator.t(updated.language, `settings.languageName.${updated.language}`), timeZone: updated.timeZone });
    await reply(Object.keys(patch).length > 0 ? say('settings.updated') : t('settings.current', { language: t(`settings.languageName.${updated.language}`), timeZone: updated.timeZone }));
  },
});
