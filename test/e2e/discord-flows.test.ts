// Proves Rapport on Discord end to end: the real discord.js Client against the fake Discord, feeding the real pipeline, commands and storage (PGlite) — messages counted once across replays and resumes, slash commands answered, moderator rules enforced, buttons and DMs delivered.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { commands as allCommands } from '../../commands/index.ts';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/index.ts';
import { defineCommand } from '../../src/core/commands/define.ts';
import { PlatformError } from '../../src/core/errors.ts';
import type { ButtonPressed } from '../../src/core/events.ts';
import { defineFeature, type Feature } from '../../src/core/feature.ts';
import { communityId, scopedId } from '../../src/core/ids.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.ts';
import type { FakeUser } from '../fakes/discord/fixtures.ts';
import { recordingLogger } from '../fakes/discord/recording-logger.ts';

// Generous: the machine may be busy (other suites, PGlite); this waits for an outcome, it does not measure speed.
const eventually = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 20_000, interval: 20 });

const modCheck = defineCommand({
  name: 'mod-check',
  description: { en: 'Check that only moderators get through', bg: 'Проверка, че минават само модератори' },
  moderatorOnly: true,
  options: z.object({}),
  async run({ reply }) {
    await reply('moderator check passed', { ephemeral: true });
  },
});

interface Outcomes {
  pressed: ButtonPressed[];
  dmErrors: PlatformError[];
}

// Stands in for the answer engine: answers a mention with buttons; thanks a presser by DM.
function testFeature(outcomes: Outcomes): Feature {
  return defineFeature({
    name: 'test-answers',
    needs: ['repliers'],
    register(registry, { repliers }) {
      registry.on('message.posted', async (event) => {
        if (!event.mentionsBot) return;
        await repliers.forId(event.channelId).post(
          { channelId: event.channelId, threadOf: event.threadId ?? event.messageId },
          { text: 'Here is the answer.', buttons: [{ actionId: 'answer.helped', value: 'yes', label: 'Helpful' }] },
        );
      });
      registry.on('button.pressed', async (event) => {
        outcomes.pressed.push(event);
        try {
          await repliers.forId(event.actor.memberId).dm(event.actor.memberId, { text: 'Thanks for the feedback!' });
        } catch (error) {
          if (error instanceof PlatformError && !error.retryable) outcomes.dmErrors.push(error);
          else throw error;
        }
      });
    },
  });
}

let fake: FakeDiscord;
let app: TestApp;
let adapter: DiscordAdapter;
const outcomes: Outcomes = { pressed: [], dmErrors: [] };

beforeAll(async () => {
  fake = await startFakeDiscord();
  app = await createTestApp({
    commands: [...allCommands, modCheck],
    features: [testFeature(outcomes)],
    adapters: () => {
      adapter = createDiscordAdapter(
        { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, moderatorRoleId: fake.guild.moderatorRoleId },
        { logger: recordingLogger() },
      );
      return [adapter];
    },
  });
});

afterAll(async () => {
  await app?.close();
  await fake?.close();
});

const community = () => communityId('discord', fake.guild.id);
const member = (u: FakeUser) => scopedId('discord', fake.guild.id, u.id);
const countOf = async (u: FakeUser) => (await app.repos.activity.totals(community(), { limit: 100 })).find((row) => row.memberId === member(u))?.count ?? 0;
const callbacks = () => fake.rest.find('POST', /^\/interactions\/\d+\/[^/]+\/callback$/);
const callbackOf = (interaction: { id: string }) => callbacks().find((c) => c.path.startsWith(`/interactions/${interaction.id}/`));

describe('Rapport on Discord', () => {
  it('records a member message, once even when the gateway replays it', async () => {
    const { alice } = fake.guild.users;
    const message = fake.postMessage({ author: alice, channel: fake.guild.channels.general, content: 'Hello everyone' });
    await eventually(async () => expect(await countOf(alice)).toBe(1));
    expect(await app.repos.members.get(member(alice))).toMatchObject({ displayName: 'Alice', isBot: false });
    expect((await app.repos.channels.get(scopedId('discord', fake.guild.id, fake.guild.channels.general.id)))?.name).toBe('general');
    expect((await app.repos.communities.get(`discord:${fake.guild.id}`))?.name).toBe(fake.guild.name);

    // The replayed copy must reach the pipeline (discord.js skips messages still in its cache).
    const general = adapter.client.channels.cache.get(fake.guild.channels.general.id);
    if (general?.isTextBased()) general.messages.cache.clear();
    fake.gateway.replayOnResumeFrom(fake.gateway.lastSequence - 1);
    fake.gateway.drop();
    await eventually(() => expect(fake.gateway.resumes).toBe(1));
    const marker = fake.postMessage({ author: fake.guild.users.bob, channel: fake.guild.channels.general, content: 'after the replay' });
    await eventually(async () => expect(await countOf(fake.guild.users.bob)).toBe(1));
    expect(await countOf(alice)).toBe(1);
    expect(message.id).not.toBe(marker.id);
  });

  it('loses no event across a disconnect and resume', async () => {
    const { bob } = fake.guild.users;
    const before = await countOf(bob);
    fake.gateway.drop();
    for (const text of ['one', 'two', 'three']) fake.postMessage({ author: bob, channel: fake.guild.channels.help, content: text });
    await eventually(async () => expect(await countOf(bob)).toBe(before + 3));
    expect(fake.gateway.identifies).toBe(1);
  });

  it('ignores its own messages and other bots', async () => {
    fake.postMessage({ author: fake.guild.users.otherBot, channel: fake.guild.channels.general, content: 'beep' });
    fake.postMessage({ author: fake.guild.users.bot, channel: fake.guild.channels.general, content: 'I am Rapport' });
    const marker = fake.guild.users.mod;
    fake.postMessage({ author: marker, channel: fake.guild.channels.general, content: 'marker' });
    await eventually(async () => expect(await countOf(marker)).toBeGreaterThan(0));
    expect(await app.repos.members.get(member(fake.guild.users.otherBot))).toBeNull();
    expect(await app.repos.members.get(member(fake.guild.users.bot))).toBeNull();
  });

  it('answers a slash command with its reply, options typed by Discord', async () => {
    const { alice, bob } = fake.guild.users;
    const interaction = fake.slashCommand({ user: bob, name: 'rank', options: [{ name: 'member', type: 6, value: alice.id }] });
    await eventually(() => expect(callbackOf(interaction)).toBeDefined());
    const body = callbackOf(interaction)!.body;
    expect(body.type).toBe(4);
    expect(JSON.stringify(body.data)).toContain('Alice');
    expect(body.data.flags ?? 0).toBe(0);
  });

  it('refuses a moderator-only command for a member, ephemerally, and runs it for a moderator', async () => {
    const refused = fake.slashCommand({ user: fake.guild.users.alice, name: 'mod-check' });
    await eventually(() => expect(callbackOf(refused)).toBeDefined());
    expect(callbackOf(refused)!.body.data).toMatchObject({ flags: 64 });
    expect(callbackOf(refused)!.body.data.content).not.toContain('moderator check passed');

    const allowed = fake.slashCommand({ user: fake.guild.users.mod, name: 'mod-check' });
    await eventually(() => expect(callbackOf(allowed)).toBeDefined());
    expect(callbackOf(allowed)!.body.data).toMatchObject({ content: 'moderator check passed', flags: 64 });
    expect((await app.repos.members.get(member(fake.guild.users.mod)))?.isModerator).toBe(true);
    expect((await app.repos.members.get(member(fake.guild.users.alice)))?.isModerator).toBe(false);
  });

  it('answers a mention in its thread, and a button press reaches the core, which thanks the member by DM', async () => {
    const { alice } = fake.guild.users;
    fake.postMessage({ author: alice, channel: fake.guild.channels.thread, content: 'how do I deploy?', mentions: [fake.guild.users.bot] });
    await eventually(() => expect(fake.rest.find('POST', new RegExp(`^/channels/${fake.guild.channels.thread.id}/messages$`))).toHaveLength(1));
    const answer = [...fake.rest.messages.values()].find((m) => m.content === 'Here is the answer.')!;

    const press = fake.pressButton({ user: alice, customId: answer.components[0].components[0].custom_id, message: answer, channel: fake.guild.channels.thread });
    await eventually(() => expect(outcomes.pressed).toHaveLength(1));
    expect(outcomes.pressed[0]).toMatchObject({ actionId: 'answer.helped', value: 'yes', actor: { memberId: member(alice) }, eventId: `discord:interaction:${press.id}` });
    expect(callbackOf(press)!.body).toEqual({ type: 6 });
    await eventually(() => expect(fake.rest.dmChannels.get(alice.id)).toBeDefined());
    const dmChannel = fake.rest.dmChannels.get(alice.id)!;
    await eventually(() => expect(fake.rest.find('POST', new RegExp(`^/channels/${dmChannel.id}/messages$`))[0]?.body).toMatchObject({ content: 'Thanks for the feedback!' }));
  });

  it('handles a DM to a member with closed DMs: recorded as a non-retryable error, not retried', async () => {
    const { bob } = fake.guild.users;
    fake.rest.closeDmsOf(bob.id);
    const answer = [...fake.rest.messages.values()].find((m) => m.content === 'Here is the answer.')!;
    fake.pressButton({ user: bob, customId: answer.components[0].components[0].custom_id, message: answer });
    await eventually(() => expect(outcomes.dmErrors).toHaveLength(1));
    expect(outcomes.dmErrors[0]).toMatchObject({ code: 'platform.discord.dm_closed', retryable: false });
    const dmChannel = fake.rest.dmChannels.get(bob.id)!;
    expect(fake.rest.find('POST', new RegExp(`^/channels/${dmChannel.id}/messages$`))).toHaveLength(1);
  });
});
