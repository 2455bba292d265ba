// `/privacy mentions on|off`: whether Rapport may mention the member as a likely helper of a
// waiting question (DMs about questions already follow /privacy dms).
import { z } from 'zod';
import { defineSubcommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';

export default defineSubcommand({
  description: { en: 'Allow or stop being mentioned as someone likely to know an answer', bg: 'Разрешете или спрете споменаването Ви като човек, който вероятно знае отговора' },
  needs: ['routingRecords'],
  options: z.object({ value: option.choice(['on', 'off'], { en: 'on allows it, off opts you out', bg: 'on го разрешава, off Ви изключва' }, { required: true }) as z.ZodType<'on' | 'off'> }),
  async run({ options, deps: { routingRecords }, actor, community, reply, t }) {
    await routingRecords.setMentionOptOut(actor.memberId, community.id, options.value === 'off');
    await reply(t(options.value === 'off' ? 'routing.privacy.off' : 'routing.privacy.on'), { ephemeral: true });
  },
});
