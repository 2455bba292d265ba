import { z } from 'zod';
import { defineCommand } from '../src/core/commands/define.ts';
import { option } from '../src/core/commands/options.ts';

// The link is a secret: it is only ever sent ephemerally (Slack ephemeral, Discord ephemeral,
// the console user's own screen), never posted to the channel.
export default defineCommand({
  name: 'dashboard',
  description: { en: 'Get a private one-time link to the moderators\' dashboard', bg: 'Лична еднократна връзка към таблото за модератори' },
  moderatorOnly: true,
  needs: ['dashboard'],
  options: z.object({
    action: option.choice(['link', 'revoke'], { en: 'link (default) or revoke: end every dashboard session', bg: 'link (по подразбиране) или revoke: край на всички сесии' }),
  }),
  async run({ options, deps: { dashboard }, community, actor, language, t, reply }) {
    if (options.action === 'revoke') {
      const count = await dashboard.revoke(community.id);
      await reply(t('dashboard.command.revoked', { count }), { ephemeral: true });
      return;
    }
    const { url } = await dashboard.issueLink({ communityId: community.id, memberId: actor.memberId, language });
    const minutes = Math.round(dashboard.tokenTtlMs / 60_000);
    await reply({ title: t('dashboard.command.linkTitle'), text: t('dashboard.command.link', { url, minutes }) }, { ephemeral: true });
  },
});
