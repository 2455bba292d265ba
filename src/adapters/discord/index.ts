// The Discord adapter: a real discord.js Client wired to the core. Listeners only translate and hand
// over (translate.ts, facts.ts); replies go through the Replier (replier.ts) and the interaction
// responder (interaction-responder.ts); SDK errors become PlatformError (errors.ts).
import { ChannelType, Client, Events, GatewayDispatchEvents, GatewayIntentBits, MessageFlags, Partials, type ButtonInteraction, type ChatInputCommandInteraction, type ClientOptions, type CommandInteraction, type MessageContextMenuCommandInteraction, type ModalSubmitInteraction, ComponentType, type Interaction, type REST } from 'discord.js';
import { LRUCache } from 'lru-cache';
import type { AdapterHandlers, ChatAdapter, CommandInvocation, ReferenceResolver } from '../../core/adapter.ts';
import { findMessageAction } from '../../core/commands/message-actions.ts';
import { cleanHandlers } from '../../core/clean-input.ts';
import { systemClock, type Clock } from '../../core/clock.ts';
import type { ChatEvent } from '../../core/events.ts';
import { communityId, parseId, scopedId } from '../../core/ids.ts';
import type { Logger } from '../../core/logger.ts';
import type { Replier } from '../../core/outgoing.ts';
import { toPlatformError } from './errors.ts';
import { commandOptionFacts, interactionFacts, memberFacts, messageFacts, reactionFacts } from './facts.ts';
import { decodeFormCustomId, discordModal, isFormCustomId } from './forms.ts';
import { createInteractionResponder, type InteractionCalls } from './interaction-responder.ts';
import { createDiscordReplier } from './replier.ts';
import { renderMessage } from './render.ts';
import { createDiscordRoles, type DiscordRoles } from './roles.ts';
import { adapterText } from './texts.ts';
import { parseMention, translateButton, translateCommand, translateThreadTags, translateDelete, translateEdit, translateMemberJoin, translateMessage, translateReaction, type TranslateContext } from './translate.ts';

export interface DiscordAdapterOptions {
  token: string;
  applicationId: string;
  /** REST base URL without version (default https://discord.com/api); a REST proxy or the test fake. */
  apiUrl?: string;
  /** Role id whose members are moderators, besides members with Manage Server or Administrator. */
  moderatorRoleId?: string;
  /** Shards this process runs: 'auto' (Discord's recommendation, all in this process) or explicit ids. */
  shards?: 'auto' | number | number[];
  shardCount?: number;
  /** Defer a slash command after this long without a reply (Discord's limit is 3 s). */
  deferAfterMs?: number;
  /** How long a member's closed DMs are remembered before trying again. */
  dmClosedMemoryMs?: number;
}

export interface DiscordAdapterDeps {
  logger: Logger;
  clock?: Clock;
}

export interface DiscordAdapter extends ChatAdapter {
  readonly platform: 'discord';
  /** The underlying client (for sync-commands and diagnostics); not logged in until start(). */
  readonly client: Client;
  readonly rest: REST;
  readonly roles: DiscordRoles;
}

/**
 * Intents: guild structure, guild messages with their content, reactions and member joins; no
 * DirectMessages, because Rapport only sends DMs and never reads them (button presses in DMs are
 * interactions, which need no intent). MessageContent and GuildMembers are privileged: enable them
 * in the Developer Portal (docs/discord.md). Partials.Message lets deletes of uncached messages through.
 */
export const DISCORD_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.GuildMessageReactions,
  GatewayIntentBits.GuildMembers,
] as const;

export function discordClientOptions(options: DiscordAdapterOptions): ClientOptions {
  const clientOptions: ClientOptions = { intents: [...DISCORD_INTENTS], partials: [Partials.Message] };
  if (options.apiUrl) clientOptions.rest = { api: options.apiUrl };
  if (options.shards !== undefined) clientOptions.shards = options.shards;
  if (options.shardCount !== undefined) clientOptions.shardCount = options.shardCount;
  return clientOptions;
}

export function createDiscordAdapter(options: DiscordAdapterOptions, deps: DiscordAdapterDeps): DiscordAdapter {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger.child({ adapter: 'discord' });
  const client = new Client(discordClientOptions(options));
  const threadOfMessage = new LRUCache<string, string>({ max: 10_000 });
  const platformReplier = createDiscordReplier(client, { logger, clock }, {
    threadOfMessage: (messageId) => threadOfMessage.get(messageId),
    ...(options.dmClosedMemoryMs !== undefined ? { dmClosedMemoryMs: options.dmClosedMemoryMs } : {}),
  });
  // A button press is answered only to its presser by a follow-up on its interaction (the token
  // lives 15 minutes); outside one, a private note is a DM, as Discord has no ephemeral message then.
  // https://discord.com/developers/docs/interactions/receiving-and-responding#create-followup-message
  const presses = new LRUCache<string, ButtonInteraction>({ max: 5000, ttl: 14 * 60_000 });
  const pressKey = (channelId: string, memberId: string) => `${channelId}|${memberId}`;
  const replier: Replier = {
    ...platformReplier,
    async ephemeral(channelId, memberId, message) {
      const interaction = presses.get(pressKey(channelId, memberId));
      if (!interaction) {
        await platformReplier.dm(memberId, message);
        return;
      }
      try {
        await interaction.followUp({ ...renderMessage(message), flags: MessageFlags.Ephemeral });
      } catch (error) {
        throw toPlatformError(error, `follow-up in ${channelId}`);
      }
    },
  };
  const roles = createDiscordRoles(client, { logger });
  // Interactions can be replayed by a gateway RESUME; answering twice fails (40060), so remember ids.
  const seenInteractions = new LRUCache<string, true>({ max: 5000 });
  let context: TranslateContext | null = null;
  /** Reports the servers present at start-up, for the core to pause known ones that are missing (set by listen). */
  let presentOnReady: ((guildIds: string[], shards: Set<number>, shardCount: number) => Promise<void> | undefined) | undefined;
  /** Reports a server present at start-up (set by listen). */
  let statusOnReady: ((guildId: string, name: string | undefined) => Promise<void> | undefined) | undefined;

  const ctx = (): TranslateContext => {
    if (!context) throw new Error('Discord adapter used before the client was ready');
    return context;
  };

  // Events of one channel reach the core in gateway order (a message before its edit, reaction and
  // deletion); different channels proceed in parallel.
  const queue = new KeyedQueue();
  const handOver = (handlers: AdapterHandlers, event: ChatEvent): Promise<void> =>
    queue.run(event.channelId ?? event.communityId, () => handlers.onEvent(withGuildName(event)));

  // The guild's name comes from the gateway cache (GUILD_CREATE), not from each payload.
  function withGuildName(event: ChatEvent): ChatEvent {
    const guildName = client.guilds.cache.get(parseId(event.communityId).scope)?.name;
    return guildName && !event.communityName ? { ...event, communityName: guildName } : event;
  }

  function listen(handlers: AdapterHandlers): void {
    const deliver = (event: ChatEvent | null) => {
      if (!event) return;
      handOver(handlers, event).catch((error: unknown) => logger.error({ err: error, eventId: event.eventId }, 'a Discord event could not be processed'));
    };
    const guarded = <A extends unknown[]>(name: string, listener: (...args: A) => void) => (...args: A) => {
      try {
        listener(...args);
      } catch (error) {
        logger.error({ err: error, listener: name }, 'a Discord event could not be translated');
      }
    };

    client.on(Events.MessageCreate, guarded('messageCreate', (message) => {
      if (message.channel.isThread()) threadOfMessage.set(message.id, message.channelId);
      deliver(translateMessage(messageFacts(message, ctx().botUserId), ctx(), message.toJSON()));
    }));
    client.on(Events.MessageUpdate, guarded('messageUpdate', (_old, message) => deliver(translateEdit(messageFacts(message, ctx().botUserId), ctx()))));
    client.on(Events.MessageDelete, guarded('messageDelete', (message) => deliver(translateDelete(messageFacts(message), ctx(), clock.now()))));
    // A forum post whose tags changed: the names of the tags just applied (a "Solved" tag marks it answered).
    client.on(Events.ThreadUpdate, guarded('threadUpdate', (oldThread, thread) => {
      const forum = thread.parent;
      if (!thread.guildId || !forum || (forum.type !== ChannelType.GuildForum && forum.type !== ChannelType.GuildMedia)) return;
      const before = new Set(oldThread.appliedTags ?? []);
      const added = thread.appliedTags.filter((id) => !before.has(id)).map((id) => forum.availableTags.find((tag) => tag.id === id)?.name).filter((name): name is string => Boolean(name));
      if (added.length === 0 || !thread.ownerId) return;
      const owner = thread.guild.members.cache.get(thread.ownerId);
      const facts = owner ? memberFacts(owner) : { userId: thread.ownerId, displayName: thread.ownerId, isBot: false, permissions: null, roleIds: [] };
      deliver(translateThreadTags({ guildId: thread.guildId, forumId: forum.id, threadId: thread.id, title: thread.name, owner: facts, added, at: clock.now() }, ctx()));
    }));
    client.on(Events.GuildMemberAdd, guarded('guildMemberAdd', (member) =>
      deliver(translateMemberJoin(member.guild.id, memberFacts(member), member.joinedAt ?? clock.now(), member.guild.systemChannelId, ctx())),
    ));
    client.on(Events.Raw, guarded('raw', (packet: { t?: string; d?: any }) => {
      if (packet.t === GatewayDispatchEvents.MessageReactionAdd || packet.t === GatewayDispatchEvents.MessageReactionRemove) {
        const added = packet.t === GatewayDispatchEvents.MessageReactionAdd;
        deliver(translateReaction(reactionFacts(client, packet.d, added, clock.now()), ctx(), packet.d));
      }
    }));
    client.on(Events.InteractionCreate, (interaction) => {
      if (seenInteractions.has(interaction.id)) return;
      seenInteractions.set(interaction.id, true);
      onInteraction(interaction, handlers).catch((error: unknown) => logger.error({ err: error, interactionId: interaction.id }, 'a Discord interaction failed'));
    });
    // A server that removed the bot pauses its community (nothing is sent there, its data stays);
    // discord.js reports a server that is only unavailable in an outage as guildUnavailable instead.
    // Joining a server after start-up (guildCreate; the servers of the first READY are not reported)
    // makes its community and resumes it when it was paused: the bot was added again.
    const status = (guildId: string, change: { paused: boolean; reason: string; communityName?: string }) =>
      handlers.onCommunityStatus?.({ communityId: communityId('discord', guildId), ...change })?.catch((error: unknown) => logger.error({ err: error, guildId, reason: change.reason }, 'a Discord server status change could not be stored'));
    client.on(Events.GuildDelete, (guild) => {
      logger.info({ guildId: guild.id }, 'Discord server removed the bot: its community is paused');
      void status(guild.id, { paused: true, reason: 'guild_removed' });
    });
    client.on(Events.GuildCreate, (guild) => void status(guild.id, { paused: false, reason: 'installed', ...(guild.name ? { communityName: guild.name } : {}) }));
    presentOnReady = (guildIds, shards, shardCount) =>
      handlers
        .onCommunitiesPresent?.({
          platform: 'discord',
          present: guildIds.map((id) => communityId('discord', id)),
          owns: (id) => {
            const { scope } = parseId(id);
            return /^\d+$/.test(scope) && shards.has(Number((BigInt(scope) >> 22n) % BigInt(shardCount)));
          },
        })
        ?.catch((error: unknown) => logger.error({ err: error }, 'Discord servers missing at start-up could not be paused'));
    statusOnReady = (guildId, name) => status(guildId, { paused: false, reason: 'present', ...(name ? { communityName: name } : {}) });
    client.on(Events.Error, (error) => logger.error({ err: error }, 'discord.js client error'));
    client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'Discord gateway session resumed'));
  }

  async function onInteraction(interaction: Interaction, handlers: AdapterHandlers): Promise<void> {
    if (interaction.isChatInputCommand()) return onCommand(interaction, handlers);
    if (interaction.isMessageContextMenuCommand() && findMessageAction(interaction.commandName)) return onMessageAction(interaction, handlers);
    if (interaction.isModalSubmit() && isFormCustomId(interaction.customId)) return onFormSubmit(interaction, handlers);
    if (interaction.isButton()) {
      const event = translateButton(interactionFacts(interaction), interaction.customId, interaction.message.id, ctx(), interaction.toJSON());
      // A button that opens a form: the modal must be the interaction's first answer.
      const form = event && handlers.formFor ? await handlers.formFor(event) : null;
      const modal = form ? discordModal(form) : null;
      if (modal) {
        await interaction.showModal(modal as never);
        return;
      }
      // Acknowledge first (3-second limit) without changing the message; the core answers by posting.
      await interaction.deferUpdate();
      if (event?.channelId) presses.set(pressKey(event.channelId, event.actor.memberId), interaction);
      if (event) await handOver(handlers, event);
      else logger.warn({ customId: interaction.customId }, 'button press with an unknown custom_id');
      return;
    }
    // Anything else Rapport never offered (a modal, a select menu, a context-menu command, an old
    // component) is still answered within Discord's 3 seconds, or the member sees "This
    // interaction failed": an empty list for autocomplete, a short private note otherwise.
    // https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
    logger.warn({ type: interaction.type, interactionId: interaction.id }, 'discord: an interaction Rapport does not know');
    if (interaction.isAutocomplete()) await interaction.respond([]);
    else if (interaction.isRepliable()) await interaction.reply({ content: adapterText('unknownInteraction', interaction.locale), flags: MessageFlags.Ephemeral });
  }

  async function onCommand(interaction: ChatInputCommandInteraction, handlers: AdapterHandlers): Promise<void> {
    const facts = interactionFacts(interaction);
    const invocation = translateCommand(facts, { name: interaction.commandName, options: commandOptionFacts(interaction.options.data) }, ctx());
    await runInvocation(interaction, invocation, handlers);
  }

  /** A message context-menu command (src/core/commands/message-actions.ts): its command, on the target message. */
  async function onMessageAction(interaction: MessageContextMenuCommandInteraction, handlers: AdapterHandlers): Promise<void> {
    const action = findMessageAction(interaction.commandName)!;
    const invocation = translateCommand(interactionFacts(interaction), { name: action.command, options: [] }, ctx());
    if (invocation) {
      // Discord message ids are raw snowflakes (translate.ts), as the core saw the message.
      invocation.options = action.options(interaction.targetId);
      if (action.subcommand) invocation.subcommand = action.subcommand;
    }
    await runInvocation(interaction, invocation, handlers);
  }

  /** A submitted form (forms.ts): its command, with the typed texts as options. */
  async function onFormSubmit(interaction: ModalSubmitInteraction, handlers: AdapterHandlers): Promise<void> {
    const target = decodeFormCustomId(interaction.customId);
    const invocation = target ? translateCommand(interactionFacts(interaction), { name: target.command, options: [] }, ctx()) : null;
    if (target && invocation) {
      const typed = new Map<string, string>();
      for (const [id, field] of interaction.fields.fields) if (field.type === ComponentType.TextInput) typed.set(id, field.value);
      invocation.options = { ...target.options, ...Object.fromEntries(typed) };
      if (target.subcommand) invocation.subcommand = target.subcommand;
    }
    await runInvocation(interaction, invocation, handlers);
  }

  async function runInvocation(interaction: CommandInteraction | ModalSubmitInteraction, invocation: CommandInvocation | null, handlers: AdapterHandlers): Promise<void> {
    const responder = createInteractionResponder(interactionCalls(interaction), { deferAfterMs: options.deferAfterMs ?? 2000, logger });
    if (!invocation) {
      await responder.finish({ text: adapterText('commandFailed', interaction.locale) });
      return;
    }
    invocation.resolver = resolverFor(interaction.guildId!);
    try {
      await handlers.onCommand(invocation, responder);
    } catch (error) {
      logger.error({ err: error, command: invocation.command, invocationId: invocation.invocationId }, 'a Discord command failed');
      if (responder.state !== 'replied') await responder.reply({ text: adapterText('commandFailed', interaction.locale) }, { ephemeral: true });
    } finally {
      await responder.finish({ text: adapterText('done', interaction.locale) });
    }
  }

  return {
    platform: 'discord',
    client,
    rest: client.rest,
    replier,
    roles,
    async start(handlers) {
      listen(cleanHandlers(handlers));
      const ready = new Promise<void>((resolve, reject) => {
        client.once(Events.ClientReady, (readyClient) => {
          context = { botUserId: readyClient.user.id };
          if (options.moderatorRoleId) context.moderatorRoleId = options.moderatorRoleId;
          logger.info({ user: readyClient.user.tag, shards: [...readyClient.ws.shards.keys()], shardCount: readyClient.options.shardCount, guilds: [...readyClient.guilds.cache.keys()] }, 'Discord client ready');
          // The servers of the first READY get no guildCreate: one that removed the bot and added it
          // again while Rapport was offline is resumed here (the core writes only for a paused one).
          for (const guild of readyClient.guilds.cache.values()) void statusOnReady?.(guild.id, guild.name);
          // ...and one that removed the bot while Rapport was offline is missing: paused, if this
          // process serves its shard (a guild's shard is (id >> 22) % shardCount).
          void presentOnReady?.([...readyClient.guilds.cache.keys()], new Set(readyClient.ws.shards.keys()), readyClient.options.shardCount ?? 1);
          resolve();
        });
        client.once(Events.Invalidated, () => reject(new Error('Discord session invalidated')));
      });
      await client.login(options.token);
      await ready;
      // Role rewards re-sync the guilds this process serves (its shards) once it is ready.
      roles.announce();
    },
    async stop() {
      client.removeAllListeners();
      await client.destroy();
    },
  };
}

function interactionCalls(interaction: CommandInteraction | ModalSubmitInteraction): InteractionCalls {
  return {
    reply: (payload) => interaction.reply(payload),
    deferReply: (opts) => interaction.deferReply(opts.flags ? { flags: opts.flags } : {}),
    editReply: (payload) => interaction.editReply(payload),
    followUp: (payload) => interaction.followUp(payload),
    deleteReply: () => interaction.deleteReply(),
  };
}

/** Discord delivers typed member/channel options; the resolver serves text that contains mentions. */
function resolverFor(guildId: string): ReferenceResolver {
  return {
    member: async (raw) => {
      const id = parseMention(raw, 'member');
      return id ? scopedId('discord', guildId, id) : null;
    },
    channel: async (raw) => {
      const id = parseMention(raw, 'channel');
      return id ? scopedId('discord', guildId, id) : null;
    },
  };
}

/** Runs tasks one after another per key; keys run independently. */
class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(task, task);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return current;
  }
}
