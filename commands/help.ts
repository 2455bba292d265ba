import { z } from 'zod';
import { defineCommand } from '../src/core/commands/define.ts';
import { describeOptions } from '../src/core/commands/options.ts';
import { usageOf } from '../src/core/commands/parse-text.ts';

export default defineCommand({
  name: 'help',
  description: { en: 'List Rapport\'s commands', bg: 'Списък с командите на Rapport' },
  moderatorOnly: false,
  needs: ['commands'],
  options: z.object({}),
  async run({ t, reply, deps: { commands }, language, actor }) {
    const lines: string[] = [];
    for (const entry of commands.entries()) {
      if (entry.moderatorOnly && !actor.isModerator) continue;
      const usage = usageOf(entry.path, describeOptions(entry.options));
      const suffix = entry.moderatorOnly ? ` ${t('common.help.moderator')}` : '';
      lines.push(t('common.help.line', { usage, description: entry.description[language] }) + suffix);
    }
    await reply({ title: t('common.help.title'), text: lines.join('\n'), footer: t('common.help.footer') }, { ephemeral: true });
  },
});
