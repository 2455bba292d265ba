// Replier for Discord: channel posts (as a reply to the question's message, or inside its thread)
// and direct messages. REST rate limits (429) are waited out by discord.js's request queue.
import type { Client } from 'discord.js';
import type { Clock } from '../../core/clock.ts';
import { PlatformError } from '../../core/errors.ts';
import { parseId, scopedId } from '../../core/ids.ts';
import type { Logger } from '../../core/logger.ts';
import type { OutgoingMessage, PostTarget, Replier, SentMessage } from '../../core/outgoing.ts';
import { isDmClosed, toPlatformError } from './errors.ts';
import { renderMessage } from './render.ts';

/** Scope of DM channel ids ("discord:@me:<dmChannelId>"): a DM belongs to no guild. */
export const DM_SCOPE = '@me';

export interface DiscordReplierOptions {
  /** How long a closed-DM answer (50007) is remembered before Rapport tries that member again. */
  dmClosedMemoryMs?: number;
  /** The thread a recently seen message was posted in, so a reply to it lands in that thread. */
  threadOfMessage?: (messageId: string) => string | undefined;
}

export function createDiscordReplier(client: Client, deps: { logger: Logger; clock: Clock }, options: DiscordReplierOptions = {}): Replier {
  const memoryMs = options.dmClosedMemoryMs ?? 6 * 60 * 60 * 1000;
  // Each refused DM is a 403, which counts towards Discord's invalid-request limit (10,000 per 10
  // minutes per IP); remembering closed DMs keeps a large announcement from tripping it.
  const closedUntil = new Map<string, number>();

  return {
    async post(target: PostTarget, message: OutgoingMessage): Promise<SentMessage> {
      const { platform, local: channelId } = parseId(target.channelId);
      if (platform !== 'discord' || !channelId) throw new PlatformError('discord', 'bad_target', `Not a Discord channel id: ${target.channelId}`, { retryable: false });
      try {
        // threadOf is a thread channel id (MessagePosted.threadId) or a message id; a message seen
        // inside a thread is answered in that thread, anything else as a reply in the channel.
        const direct = target.threadOf ? client.channels.cache.get(target.threadOf) : undefined;
        const threadId = direct?.isThread() ? direct.id : target.threadOf ? options.threadOfMessage?.(target.threadOf) : undefined;
        const thread = threadId ? client.channels.cache.get(threadId) : undefined;
        const channel = thread?.isThread() ? thread : await client.channels.fetch(channelId);
        if (!channel?.isSendable()) throw new PlatformError('discord', 'not_sendable', `Cannot send to channel ${target.channelId}`, { retryable: false });
        const reply = target.threadOf && channel.id !== target.threadOf ? { reply: { messageReference: target.threadOf, failIfNotExists: false } } : {};
        const sent = await channel.send({ ...renderMessage(message), ...reply });
        return { messageId: sent.id, channelId: target.channelId };
      } catch (error) {
        throw toPlatformError(error, `post to ${target.channelId}`);
      }
    },

    async dm(memberId: string, message: OutgoingMessage): Promise<SentMessage> {
      const { platform, scope: guildId, local: userId } = parseId(memberId);
      if (platform !== 'discord' || !userId) throw new PlatformError('discord', 'bad_target', `Not a Discord member id: ${memberId}`, { retryable: false });
      const now = deps.clock.now().getTime();
      const until = closedUntil.get(userId);
      if (until !== undefined && until > now) {
        throw new PlatformError('discord', 'dm_closed', `${memberId} does not accept direct messages (remembered)`, { retryable: false });
      }
      try {
        const channel = await client.users.createDM(userId);
        const sent = await channel.send(renderMessage(message, { guildId }));
        closedUntil.delete(userId);
        return { messageId: sent.id, channelId: scopedId('discord', DM_SCOPE, channel.id) };
      } catch (error) {
        const mapped = toPlatformError(error, `direct message to ${memberId}`);
        if (isDmClosed(mapped)) {
          closedUntil.set(userId, now + memoryMs);
          deps.logger.warn({ memberId, code: mapped.code }, 'member does not accept direct messages from Rapport');
        }
        throw mapped;
      }
    },
  };
}
