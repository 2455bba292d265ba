// Proves the real discord.js Client, driven by the Discord adapter against a local fake Discord, turns gateway events into core events and delivers replies, DMs and interaction responses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdapterHandlers, CommandInvocation, CommandResponder } from '../../src/core/adapter.ts';
import { PlatformError } from '../../src/core/errors.ts';
import type { ChatEvent } from '../../src/core/events.ts';
import { scopedId } from '../../src/core/ids.ts';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/index.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { recordingLogger } from '../fakes/discord/recording-logger.ts';
import { snowflake as snowflakeOf } from '../fakes/discord/fixtures.ts';

// Generous: the machine may be busy (other suites, PGlite); this waits for an outcome, it does not measure speed.
const eventually = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 20_000, interval: 20 });

let fake: FakeDiscord;
let adapter: DiscordAdapter;
let events: ChatEvent[];
let commands: CommandInvocation[];
let onCommand: (invocation: CommandInvocation, responder: CommandResponder) => Promise<void>;
const logger = recordingLogger();

async function start(options: { deferAfterMs?: number } = {}) {
  adapter = createDiscordAdapter(
    { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, moderatorRoleId: fake.guild.moderatorRoleId, ...options },
    { logger },
  );
  const handlers: AdapterHandlers = {
    onEvent: async (event) => {
      events.push(event);
    },
    onCommand: async (invocation, responder) => {
      commands.push(invocation);
      await onCommand(invocation, responder);
    },
  };
  await adapter.start(handlers);
}

beforeEach(async () => {
  fake = await startFakeDiscord();
  events = [];
  commands = [];
  onCommand = async (_invocation, responder) => responder.reply({ text: 'pong' }, { ephemeral: false });
});

afterEach(async () => {
  await adapter?.stop();
  await fake.close();
});

const id = (local: string) => scopedId('discord', fake.guild.id, local);
const callbacks = () => fake.rest.find('POST', /^\/interactions\/\d+\/[^/]+\/callback$/);

describe('Discord adapter against a fake Discord', () => {
  it('identifies with exactly the five intents Rapport needs (no DirectMessages, no presences) and the bot token', async () => {
    await start();
    const identify = fake.gateway.received.find((p) => p.op === 2)!.d as { intents: number; token: string };
    // Guilds 1 | GuildMembers 2 | GuildMessages 512 | GuildMessageReactions 1024 | MessageContent 32768
    expect(identify.intents).toBe(1 + 2 + 512 + 1024 + 32768);
    expect(identify.token).toBe(fake.token);
    expect(fake.rest.requests[0]).toMatchObject({ method: 'GET', path: '/gateway/bot', authorization: `Bot ${fake.token}` });
  });

  it('turns a member message into message.posted and ignores bots and itself', async () => {
    await start();
    const { alice, otherBot, bot, mod } = fake.guild.users;
    fake.postMessage({ author: otherBot, channel: fake.guild.channels.general, content: 'beep' });
    fake.postMessage({ author: bot, channel: fake.guild.channels.general, content: 'my own message' });
    const question = fake.postMessage({ author: alice, channel: fake.guild.channels.help, content: `<@${bot.id}> How do I deploy?`, mentions: [bot] });
    fake.postMessage({ author: mod, channel: fake.guild.channels.help, content: `<@${alice.id}> use the deploy button in <#${fake.guild.channels.general.id}>`, replyTo: question, mentions: [alice] });
    fake.postMessage({ author: mod, channel: fake.guild.channels.thread, content: 'answer in a thread' });

    await eventually(() => expect(events).toHaveLength(3));
    const [first, reply, inThread] = events;
    expect(first).toMatchObject({
      type: 'message.posted',
      eventId: `discord:message:${question.id}`,
      communityId: `discord:${fake.guild.id}`,
      channelId: id(fake.guild.channels.help.id),
      channelName: 'help',
      messageId: question.id,
      text: 'How do I deploy?',
      mentionsBot: true,
      mentions: [],
      author: { memberId: id(alice.id), displayName: 'Alice', isBot: false, isModerator: false },
    });
    expect(reply).toMatchObject({ text: '@Alice use the deploy button in #general', mentions: [id(alice.id)], replyTo: { messageId: question.id, memberId: id(alice.id) }, author: { isModerator: true } });
    expect(inThread).toMatchObject({ channelId: id(fake.guild.channels.help.id), threadId: fake.guild.channels.thread.id });
  });

  it('translates edits, deletions, reactions (with the message author) and member joins', async () => {
    await start();
    const { alice, bob } = fake.guild.users;
    const message = fake.postMessage({ author: alice, channel: fake.guild.channels.general, content: 'first' });
    fake.editMessage(message, 'first, edited');
    fake.addReaction({ user: bob, message, emoji: '🙏' });
    fake.removeReaction({ user: bob, message, emoji: '🙏' });
    fake.deleteMessage(message);
    const newcomer = { id: '1234567890123456789', username: 'newcomer', global_name: 'New Comer', discriminator: '0', avatar: null };
    fake.memberJoins(newcomer);

    await eventually(() => expect(events.map((e) => e.type)).toEqual(['message.posted', 'message.edited', 'reaction.added', 'reaction.removed', 'message.deleted', 'member.joined']));
    expect(events[1]).toMatchObject({ text: 'first, edited', messageId: message.id });
    expect(events[2]).toMatchObject({
      eventId: `discord:reaction:${message.id}:${bob.id}:🙏:add`,
      emoji: '🙏',
      actor: { memberId: id(bob.id), displayName: 'Bobby' },
      targetMemberId: id(alice.id),
    });
    expect(events[4]).toMatchObject({ eventId: `discord:message:${message.id}:delete`, author: { memberId: id(alice.id) } });
    expect(events[5]).toMatchObject({ member: { memberId: id(newcomer.id), displayName: 'New Comer' }, channelId: id(fake.guild.channels.general.id) });
  });

  it('gives a replayed dispatch the same event id, and loses no event across a disconnect and resume', async () => {
    await start();
    const { alice } = fake.guild.users;
    const before = fake.postMessage({ author: alice, channel: fake.guild.channels.general, content: 'before the drop' });
    await eventually(() => expect(events).toHaveLength(1));
    const replayFrom = fake.gateway.lastSequence - 1;
    // discord.js skips a replayed MESSAGE_CREATE for a message still in its cache; an evicted one
    // (cache limits, another process) reaches the adapter again, which is what storage must absorb.
    const general = adapter.client.channels.cache.get(fake.guild.channels.general.id);
    if (general?.isTextBased()) general.messages.cache.clear();

    fake.gateway.drop();
    const during = fake.postMessage({ author: alice, channel: fake.guild.channels.general, content: 'while disconnected' });
    fake.gateway.replayOnResumeFrom(replayFrom);

    await eventually(() => expect(fake.gateway.resumes).toBe(1));
    await eventually(() => expect(events.map((e) => (e.type === 'message.posted' ? e.messageId : ''))).toEqual([before.id, before.id, during.id]));
    expect(events[0]!.eventId).toBe(events[1]!.eventId);
    expect(fake.gateway.identifies).toBe(1);

    fake.gateway.requestReconnect();
    await eventually(() => expect(fake.gateway.resumes).toBe(2));
    const after = fake.postMessage({ author: alice, channel: fake.guild.channels.general, content: 'after reconnect' });
    await eventually(() => expect(events.at(-1)).toMatchObject({ messageId: after.id }));
  });

  it('answers a slash command with typed options as opaque ids', async () => {
    await start();
    const { alice, bob } = fake.guild.users;
    const interaction = fake.slashCommand({ user: alice, name: 'rank', options: [{ name: 'member', type: 6, value: bob.id }] });

    await eventually(() => expect(callbacks()).toHaveLength(1));
    expect(commands[0]).toMatchObject({
      invocationId: `discord:interaction:${interaction.id}`,
      command: 'rank',
      options: { member: id(bob.id) },
      actor: { memberId: id(alice.id), isModerator: false },
      channelId: id(fake.guild.channels.general.id),
    });
    expect(callbacks()[0]!.path).toBe(`/interactions/${interaction.id}/${interaction.token}/callback`);
    expect(callbacks()[0]!.body).toMatchObject({ type: 4, data: { content: 'pong' } });
  });

  it('marks moderators by Manage Server or the moderator role, and an ephemeral refusal stays ephemeral', async () => {
    onCommand = async (invocation, responder) => {
      if (!invocation.actor.isModerator) return responder.reply({ text: 'Only moderators can do that.' }, { ephemeral: true });
      return responder.reply({ text: 'done' }, { ephemeral: false });
    };
    await start();
    fake.slashCommand({ user: fake.guild.users.alice, name: 'config' });
    await eventually(() => expect(callbacks()).toHaveLength(1));
    fake.slashCommand({ user: fake.guild.users.mod, name: 'config' });
    await eventually(() => expect(callbacks()).toHaveLength(2));
    fake.slashCommand({ user: fake.guild.users.owner, name: 'config' });
    await eventually(() => expect(callbacks()).toHaveLength(3));

    expect(commands.map((c) => c.actor.isModerator)).toEqual([false, true, true]);
    expect(callbacks()[0]!.body.data).toMatchObject({ content: 'Only moderators can do that.', flags: 64 });
    expect(callbacks()[1]!.body.data.flags ?? 0).toBe(0);
  });

  it('defers a slow command, then edits the deferred reply; a handler error becomes an ephemeral message in the member\'s language', async () => {
    onCommand = async (invocation, responder) => {
      if (invocation.command === 'broken') throw new Error('boom');
      await eventually(() => expect(callbacks().some((c) => c.body?.type === 5)).toBe(true));
      await responder.reply({ text: 'slow answer' }, { ephemeral: false });
    };
    await start({ deferAfterMs: 20 });
    const slow = fake.slashCommand({ user: fake.guild.users.alice, name: 'leaderboard' });
    await eventually(() => expect(fake.rest.find('PATCH', /@original$/)).toHaveLength(1));
    expect(fake.rest.find('PATCH', /@original$/)[0]!).toMatchObject({ path: `/webhooks/${fake.applicationId}/${slow.token}/messages/@original`, body: { content: 'slow answer' } });

    fake.slashCommand({ user: fake.guild.users.alice, name: 'broken', locale: 'bg' });
    await eventually(() => expect(callbacks().some((c) => c.body?.type === 4)).toBe(true));
    const answer = callbacks().find((c) => c.body?.type === 4)!;
    expect(answer.body.data.flags).toBe(64);
    expect(answer.body.data.content).toContain('Нещо се обърка');
  });

  it('acknowledges a button press and hands it to the core', async () => {
    await start();
    const sent = await adapter.replier.post(
      { channelId: id(fake.guild.channels.help.id) },
      { text: 'Did this help?', buttons: [{ actionId: 'answer.helped', value: 'kb-42', label: 'Yes' }] },
    );
    const stored = fake.rest.messages.get(sent.messageId)!;
    expect(stored.components[0].components[0]).toMatchObject({ type: 2, custom_id: 'answer.helped|kb-42', label: 'Yes' });

    const press = fake.pressButton({ user: fake.guild.users.alice, customId: 'answer.helped|kb-42', message: stored, channel: fake.guild.channels.help });
    await eventually(() => expect(events).toHaveLength(1));
    expect(events[0]).toMatchObject({ type: 'button.pressed', eventId: `discord:interaction:${press.id}`, actionId: 'answer.helped', value: 'kb-42', messageId: sent.messageId, actor: { memberId: id(fake.guild.users.alice.id) } });
    expect(callbacks()[0]!.body).toEqual({ type: 6 });
  });

  it('GIVEN a button press THEN a private note for the presser is an ephemeral follow-up on that interaction; without a press it is a DM', async () => {
    await start();
    const sent = await adapter.replier.post({ channelId: id(fake.guild.channels.help.id) }, { text: 'Did this help?', buttons: [{ actionId: 'answer.helped', value: '7', label: 'Yes' }] });
    fake.pressButton({ user: fake.guild.users.alice, customId: 'answer.helped|7', message: fake.rest.messages.get(sent.messageId)!, channel: fake.guild.channels.help });
    await eventually(() => expect(events).toHaveLength(1));
    const pressed = events[0]!;
    expect(pressed.type === 'button.pressed' && pressed.channelId).toBe(id(fake.guild.channels.help.id));
    await adapter.replier.ephemeral!(id(fake.guild.channels.help.id), id(fake.guild.users.alice.id), { text: 'Thank you: your vote is counted.' });
    const followUps = fake.rest.find('POST', /^\/webhooks\/\d+\/[^/]+$/);
    expect(followUps).toHaveLength(1);
    expect(followUps[0]!.body).toMatchObject({ content: 'Thank you: your vote is counted.', flags: 64 });
    // bob pressed nothing: no interaction to follow up, so the note is a direct message.
    await adapter.replier.ephemeral!(id(fake.guild.channels.help.id), id(fake.guild.users.bob.id), { text: 'Only for bob.' });
    expect(fake.rest.find('POST', /^\/users\/@me\/channels$/).at(-1)?.body).toMatchObject({ recipient_id: fake.guild.users.bob.id });
    expect(fake.rest.find('POST', /^\/webhooks\/\d+\/[^/]+$/)).toHaveLength(1);
  });

  it('GIVEN interactions Rapport never offered (a modal submit, autocomplete) THEN each is answered: a private note, or an empty choice list', async () => {
    await start();
    const modal = fake.interaction({ user: fake.guild.users.alice, type: 5, data: { custom_id: 'someone-elses-modal', components: [] } });
    const autocomplete = fake.interaction({ user: fake.guild.users.alice, type: 4, data: { id: snowflakeOf(), name: 'unknown', type: 1, options: [] } });
    const answered = (interactionId: string) => callbacks().find((r) => r.path.startsWith(`/interactions/${interactionId}/`));
    await eventually(() => expect(answered(modal.id) && answered(autocomplete.id)).toBeTruthy());
    expect(answered(modal.id)!.body).toMatchObject({ type: 4, data: { content: 'Rapport does not know this action. Type / to see its commands.', flags: 64 } });
    expect(answered(autocomplete.id)!.body).toMatchObject({ type: 8, data: { choices: [] } });
    expect(events).toHaveLength(0);
  });

  it('replies to the question\'s message, posts inside its thread, and renders embeds', async () => {
    await start();
    const question = fake.postMessage({ author: fake.guild.users.alice, channel: fake.guild.channels.help, content: 'How?' });
    await adapter.replier.post({ channelId: id(fake.guild.channels.help.id), threadOf: question.id }, { text: 'Like this', title: 'Answer', fields: [{ label: 'Source', value: 'FAQ' }], footer: 'kb:1' });
    await adapter.replier.post({ channelId: id(fake.guild.channels.help.id), threadOf: fake.guild.channels.thread.id }, { text: 'In the thread' });

    const posts = fake.rest.find('POST', /^\/channels\/\d+\/messages$/);
    expect(posts[0]!.path).toBe(`/channels/${fake.guild.channels.help.id}/messages`);
    expect(posts[0]!.body).toMatchObject({
      message_reference: { message_id: question.id, fail_if_not_exists: false },
      embeds: [{ title: 'Answer', description: 'Like this', fields: [{ name: 'Source', value: 'FAQ' }], footer: { text: 'kb:1' } }],
      allowed_mentions: { parse: ['users'], replied_user: true },
    });
    expect(posts[1]!.path).toBe(`/channels/${fake.guild.channels.thread.id}/messages`);
    expect(posts[1]!.body.message_reference).toBeUndefined();
  });

  it('delivers a DM through one 429 answer (discord.js waits and retries)', async () => {
    await start();
    fake.rest.rateLimitNext('POST', /^\/channels\/\d+\/messages$/, 0.05);
    const sent = await adapter.replier.dm(id(fake.guild.users.bob.id), { text: 'You were thanked!', buttons: [{ actionId: 'dm.ok', value: '1', label: 'OK' }] });

    expect(fake.rest.find('POST', /^\/users\/@me\/channels$/)[0]!.body).toEqual({ recipient_id: fake.guild.users.bob.id });
    const attempts = fake.rest.find('POST', /^\/channels\/\d+\/messages$/);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.body).toMatchObject({ content: 'You were thanked!' });
    expect(attempts[1]!.body.components[0].components[0].custom_id).toBe(`@${fake.guild.id}|dm.ok|1`);
    expect(sent.channelId).toBe(scopedId('discord', '@me', fake.rest.dmChannels.get(fake.guild.users.bob.id)!.id));
  });

  it('turns closed DMs (50007) into a non-retryable PlatformError, logs it and does not ask Discord again', async () => {
    await start();
    const bob = id(fake.guild.users.bob.id);
    fake.rest.closeDmsOf(fake.guild.users.bob.id);
    const first = await adapter.replier.dm(bob, { text: 'hello' }).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(PlatformError);
    expect(first).toMatchObject({ code: 'platform.discord.dm_closed', retryable: false });
    expect(logger.entries.some((e) => e.level === 'warn' && e.data.memberId === bob)).toBe(true);

    const second = await adapter.replier.dm(bob, { text: 'hello again' }).catch((error: unknown) => error);
    expect(second).toMatchObject({ code: 'platform.discord.dm_closed', retryable: false });
    expect(fake.rest.find('POST', /^\/channels\/\d+\/messages$/)).toHaveLength(1);
  });
});
