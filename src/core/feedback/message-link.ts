// A link to a chat message, for feedback digests. Discord message URLs are public knowledge
// (https://discord.com/channels/GUILD/CHANNEL/MESSAGE); Slack's archive links
// (https://slack.com/archives/CHANNEL/pTS) redirect to the member's workspace when they are signed
// in; the console has no URLs, so it gets a readable reference.
import { parseId } from '../ids.ts';

export function messageLink(channelId: string, messageId: string): string {
  const channel = parseId(channelId);
  const local = channel.local ?? '';
  switch (channel.platform) {
    case 'discord':
      return `https://discord.com/channels/${channel.scope}/${local}/${messageId}`;
    case 'slack': {
      // Slack message ids are scoped ("slack:T1:C1/1700000000.000100"): channel and ts inside.
      const inner = messageId.includes(':') ? (parseId(messageId).local ?? '') : `${local}/${messageId}`;
      const [slackChannel = local, ts = ''] = inner.split('/');
      return `https://slack.com/archives/${slackChannel}/p${ts.replace('.', '')}`;
    }
    case 'console':
      return `console:#${local}/${messageId}`;
  }
}
