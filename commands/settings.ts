import { z } from 'zod';
import { defineCommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';
import { UserError } from '../src/core/errors.ts';
import { canonicalTimeZone } from '../src/core/time-zone.ts';
import { parseId } from '../src/core/ids.ts';
import { applyRoutingOptions, describeRouting, routingOptions } from './settings-routing.ts';

export default defineCommand({
  name: 'settings',
  description: { en: 'Show or change the community\'s language, time zone and question routing', bg: 'Покажете или променете езика, часовата зона и насочването на въпроси' },
  moderatorOnly: true,
  needs: ['communities', 'shoutouts', 'ambassadors', 'translator', 'routing', 'channels'],
  options: z.object({
    language: option.choice(['en', 'bg'], { en: 'Language Rapport speaks here', bg: 'Езикът, на който Rapport говори тук' }),
    timezone: option.string({ en: 'IANA time zone, e.g. Europe/Sofia', bg: 'Часова зона по IANA, напр. Europe/Sofia' }, { max: 64 }),
    ...routingOptions,
  }),
  async run({ options, deps: { communities, shoutouts, ambassadors, translator, routing, channels }, community, reply, t }) {
    // Stored as the canonical IANA name ("utc" -> "UTC"), which schedules and dates are computed with.
    const timeZone = options.timezone ? canonicalTimeZone(options.timezone) : null;
    if (options.timezone && !timeZone) throw new UserError('settings.badTimeZone', { value: options.timezone });
    const routingSettings = await applyRoutingOptions({ options, deps: { routing, channels }, community });
    const patch = { ...(options.language ? { language: options.language } : {}), ...(timeZone ? { timeZone } : {}) };
    const updated = Object.keys(patch).length > 0 ? await communities.update(community.id, patch) : community;
    if (timeZone && updated.timeZone !== community.timeZone) {
      // Schedules run in the community's time zone: move them with it.
      await shoutouts.reschedule(updated);
      await ambassadors.feedback.reschedule(updated.id);
    }
    const languageName = translator.t(updated.language, `settings.languageName.${updated.language}`);
    const say = (key: string) => translator.t(updated.language, key, { language: languageName, timeZone: updated.timeZone });
    const general = Object.keys(patch).length > 0 ? say('settings.updated') : routingSettings ? '' : t('settings.current', { language: t(`settings.languageName.${updated.language}`), timeZone: updated.timeZone });
    const routingLine = describeRouting(routingSettings ?? (await routing.settings(community.id)), (key, vars) => translator.t(updated.language, key, vars), (id) => `<#${parseId(id).local ?? id}>`);
    await reply([general, routingLine].filter(Boolean).join('\n'));
  },
});
