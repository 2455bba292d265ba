// The event pipeline every adapter feeds: make sure the community, channel and member exist,
// record the activity once per platform event id (a redelivered event stops here), then hand
// the event to the features registered for it.
import type { CommandInvocation } from './adapter.ts';
import { actorOf, type Actor, type ChatEvent } from './events.ts';
import type { EventContext, HandlerTable } from './features.ts';
import { communityOf, parseId, type Platform } from './ids.ts';
import type { CommunityRecord, Language } from './ports.ts';
import type { Services } from './services.ts';

export interface PipelineDefaults {
  language: Language;
  timeZone: string;
}

export interface Pipeline {
  handle(event: ChatEvent): Promise<{ stored: boolean }>;
  /** Stores the invoker of a command; returns whether the invocation id is new. */
  admitCommand(invocation: CommandInvocation): Promise<{ community: CommunityRecord; language: Language; isNew: boolean }>;
}

const ACTIVITY_KIND: Record<ChatEvent['type'], string> = {
  'message.posted': 'message',
  'message.edited': 'edit',
  'message.deleted': 'delete',
  'reaction.added': 'reaction',
  'reaction.removed': 'reaction_removed',
  'member.joined': 'join',
  'button.pressed': 'button',
};

export function createPipeline(deps: { services: Services; handlers: HandlerTable; defaults: PipelineDefaults }): Pipeline {
  const { services, handlers, defaults } = deps;
  const { repos, logger } = services;
  const known = createEnsureCache(20_000);

  async function ensureCommunity(id: string, platform: Platform, name?: string): Promise<CommunityRecord> {
    const cached = known.communities.get(id);
    if (cached && (!name || cached.name === name)) return cached;
    const record = await repos.communities.ensure({ id, platform, name: name ?? parseId(id).scope, language: defaults.language, timeZone: defaults.timeZone });
    known.communities.set(id, record);
    return record;
  }

  async function ensureMember(communityId: string, actor: Actor): Promise<Language | null> {
    const key = `${actor.memberId}\u0000${actor.displayName}\u0000${actor.isBot}\u0000${actor.isModerator}`;
    const cached = known.members.get(key);
    if (cached !== undefined) return cached;
    const record = await repos.members.ensure({
      id: actor.memberId,
      communityId,
      platformId: parseId(actor.memberId).local ?? actor.memberId,
      displayName: actor.displayName,
      isBot: actor.isBot,
      isModerator: actor.isModerator,
    });
    known.members.set(key, record.language);
    return record.language;
  }

  async function ensureChannel(communityId: string, channelId: string, name?: string): Promise<void> {
    if (known.channels.has(channelId)) return;
    await repos.channels.ensure({ id: channelId, communityId, name: name ?? parseId(channelId).local ?? channelId });
    known.channels.set(channelId, true);
  }

  return {
    async handle(event) {
      const community = await ensureCommunity(event.communityId, event.platform);
      const actor = actorOf(event);
      const memberLanguage = actor ? await ensureMember(community.id, actor) : null;
      const channelId = event.channelId;
      if (channelId) await ensureChannel(community.id, channelId, event.type === 'message.posted' ? event.channelName : undefined);
      if (!actor) return { stored: false };
      const stored = await repos.activity.record({
        platformEventId: event.eventId,
        communityId: community.id,
        memberId: actor.memberId,
        kind: event.type === 'message.posted' && (event.threadId || event.replyTo) ? 'reply' : ACTIVITY_KIND[event.type],
        occurredAt: event.occurredAt,
        ...(channelId ? { channelId } : {}),
        ...('messageId' in event && event.messageId ? { messageId: event.messageId } : {}),
        ...targetOf(event),
      });
      if (!stored) {
        logger.debug({ eventId: event.eventId }, 'duplicate event ignored');
        return { stored: false };
      }
      const context: EventContext = { community, language: memberLanguage ?? community.language, services };
      for (const handler of handlers.handlersFor(event.type)) {
        try {
          await handler(event as never, context);
        } catch (error) {
          logger.error({ err: error, eventId: event.eventId, type: event.type }, 'feature failed on event');
        }
      }
      return { stored: true };
    },

    async admitCommand(invocation) {
      const communityId = invocation.communityId ?? communityOf(invocation.channelId);
      const community = await ensureCommunity(communityId, invocation.platform, invocation.communityName);
      const memberLanguage = await ensureMember(community.id, invocation.actor);
      await ensureChannel(community.id, invocation.channelId, invocation.channelName);
      const isNew = await repos.activity.record({
        platformEventId: invocation.invocationId,
        communityId: community.id,
        memberId: invocation.actor.memberId,
        channelId: invocation.channelId,
        kind: 'command',
        occurredAt: invocation.occurredAt,
        weight: 0,
      });
      return { community, language: memberLanguage ?? community.language, isNew };
    },
  };
}

function targetOf(event: ChatEvent): { targetMemberId?: string } {
  if (event.type === 'message.posted' && event.replyTo?.memberId) return { targetMemberId: event.replyTo.memberId };
  if ((event.type === 'reaction.added' || event.type === 'reaction.removed') && event.targetMemberId) return { targetMemberId: event.targetMemberId };
  return {};
}

function createEnsureCache(limit: number) {
  const bounded = <V>() => {
    const map = new Map<string, V>();
    return {
      get: (key: string) => map.get(key),
      has: (key: string) => map.has(key),
      set: (key: string, value: V) => {
        if (map.size >= limit) map.clear();
        map.set(key, value);
      },
    };
  };
  return { communities: bounded<CommunityRecord>(), members: bounded<Language | null>(), channels: bounded<boolean>() };
}
