// The router's memory after a restart. The model (routing-model.ts) lives in memory; at start-up
// it is rebuilt from the messages already stored (ActivityEvent payloads), oldest first, the way it
// learned them live, so the first question after a restart is routed as well as the last one before.
// Bounded: the last 30 days (members silent for two weeks are never suggested anyway, but who
// answered what before that still counts) and at most 200,000 messages per community.
import type { Clock } from '../clock.ts';
import type { MessagePosted } from '../events.ts';
import type { Logger } from '../logger.ts';
import type { RoutingRepository, StoredMessageCursor } from './ports.ts';
import type { RoutedMessage, RoutingModel } from './routing-model.ts';

export const WARM_UP_DAYS = 30;
export const WARM_UP_MAX_MESSAGES = 200_000;
const PAGE = 2_000;
const DAY_MS = 24 * 60 * 60_000;

/** What the router reads of a posted message (live, in the warm-up and in `eval routing`). */
export function routedMessageOf(event: MessagePosted): RoutedMessage {
  return {
    communityId: event.communityId,
    channelId: event.channelId,
    messageId: event.messageId,
    authorId: event.author.memberId,
    displayName: event.author.displayName,
    isBot: event.author.isBot,
    at: event.occurredAt.getTime(),
    text: event.text,
    mentions: event.mentions,
    ...(event.threadId ? { threadId: event.threadId } : {}),
    ...(event.replyTo ? { replyTo: event.replyTo } : {}),
  };
}

/** Feeds one posted message to the model (live and in the warm-up alike). */
export function observeMessage(model: RoutingModel, event: MessagePosted): void {
  if (event.author.isBot) return;
  model.observe(routedMessageOf(event));
}

export async function warmUpRouting(
  deps: { model: RoutingModel; repo: Pick<RoutingRepository, 'messageCommunities' | 'messageWindowStart' | 'storedMessages'>; clock: Clock; logger: Logger },
  options: { days?: number; maxMessages?: number } = {},
): Promise<{ communities: number; messages: number }> {
  const since = new Date(deps.clock.now().getTime() - (options.days ?? WARM_UP_DAYS) * DAY_MS);
  let messages = 0;
  const communities = await deps.repo.messageCommunities(since);
  for (const communityId of communities) {
    const from = await deps.repo.messageWindowStart(communityId, since, options.maxMessages ?? WARM_UP_MAX_MESSAGES);
    let cursor: StoredMessageCursor | null = null;
    for (;;) {
      const page = await deps.repo.storedMessages(communityId, from, cursor, PAGE);
      for (const { event } of page) observeMessage(deps.model, event);
      messages += page.length;
      if (page.length < PAGE) break;
      cursor = page[page.length - 1]!.cursor;
    }
  }
  deps.logger.info({ communities: communities.length, messages, since }, 'routing: the router relearned the stored messages');
  return { communities: communities.length, messages };
}
