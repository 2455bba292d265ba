// Proves Discord community status with the real discord.js Client against the fake Discord: a
// server that removes the bot (GUILD_DELETE) pauses its community with its data kept, nothing is
// posted there and its jobs do not run while the other server goes on; a server only unavailable in
// an outage (GUILD_DELETE with unavailable) is not paused; adding the bot again (GUILD_CREATE)
// resumes it and posting works again; at start-up a server in READY is resumed, and a known one
// missing from READY (the bot removed while Rapport was offline) is paused.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createDiscordAdapter } from '../../src/adapters/discord/index.ts';
import { CommunityPausedError } from '../../src/core/community-pauses.ts';
import { communityId, scopedId } from '../../src/core/ids.ts';
import { recognitionFeature } from '../../src/core/recognition/register-recognition.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { guildCreatePayload } from '../fakes/discord/fixtures.ts';
import { recordingLogger } from '../fakes/discord/recording-logger.ts';

const eventually = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 30_000, interval: 20 });

let fake: FakeDiscord;
let app: TestApp;
/** The first Rapport, when a test restarted it: its database stays open for the next one. */
let before: TestApp | undefined;

const startRapport = (db?: TestApp['db']) =>
  createTestApp({
    features: [recognitionFeature],
    ...(db ? { db } : {}),
    adapters: () => [createDiscordAdapter({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, moderatorRoleId: fake.guild.moderatorRoleId }, { logger: recordingLogger() })],
  });

beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: 2 });
  app = await startRapport();
});

afterAll(async () => {
  await app?.close();
  await before?.close();
  await fake?.close();
});

const [first, second] = [() => fake.guilds[0]!, () => fake.guilds[1]!];
const community = (guild = first()) => communityId('discord', guild.id);
const general = (guild = first()) => scopedId('discord', guild.id, guild.channels.general.id);
const postsTo = (guild = first()) => fake.rest.find('POST', new RegExp(`^/channels/${guild.channels.general.id}/messages$`)).length;
const pauseOf = async (guild = first()) => app.db.prisma.community.findUnique({ where: { id: community(guild) }, select: { pausedAt: true, pauseReason: true } });
const stored = async (guild = first()) => app.db.prisma.activityEvent.count({ where: { communityId: community(guild) } });

describe('Discord server status', () => {
  it('GIVEN messages in both servers WHEN one is only unavailable (an outage) and back THEN it is not paused', async () => {
    for (const guild of [first(), second()]) fake.postMessage({ author: guild.users.alice, channel: guild.channels.general, content: 'hello there, how is everyone?' });
    await eventually(async () => expect([await stored(first()), await stored(second())]).toEqual([1, 1]));
    fake.gateway.dispatch('GUILD_DELETE', { id: first().id, unavailable: true });
    fake.gateway.dispatch('GUILD_CREATE', guildCreatePayload(first()));
    // A message after both is handled after them (the gateway's order): the community was not paused.
    fake.postMessage({ author: first().users.bob, channel: first().channels.general, content: 'still here after the outage' });
    await eventually(async () => expect(await stored(first())).toBe(2));
    expect(await pauseOf()).toEqual({ pausedAt: null, pauseReason: null });
    await app.rapport.ports.repliers.forId(general()).post({ channelId: general() }, { text: 'not paused' });
    expect(postsTo()).toBeGreaterThan(0);
  });

  it('GIVEN the bot removed from a server (GUILD_DELETE) THEN its community is paused with its data kept, nothing is posted there and its jobs do not run; the other server goes on', async () => {
    const members = await app.db.prisma.member.count({ where: { communityId: community() } });
    const events = await stored();
    fake.gateway.dispatch('GUILD_DELETE', { id: first().id });
    await eventually(async () => expect((await pauseOf())?.pausedAt).not.toBeNull());
    expect((await pauseOf())?.pauseReason).toBe('guild_removed');
    expect(await app.db.prisma.member.count({ where: { communityId: community() } })).toBe(members);
    expect(await stored()).toBe(events);
    expect((await pauseOf(second()))?.pausedAt).toBeNull();

    const posts = postsTo();
    await expect(app.rapport.ports.repliers.forId(general()).post({ channelId: general() }, { text: 'paused?' })).rejects.toBeInstanceOf(CommunityPausedError);
    const ran: string[] = [];
    app.rapport.ports.scheduler.define({ name: 'test.guild-paused-probe', schema: z.object({ communityId: z.string() }), process: async ({ communityId }) => void ran.push(communityId) });
    await app.rapport.ports.scheduler.enqueue('test.guild-paused-probe', { communityId: community() });
    await app.rapport.ports.scheduler.enqueue('test.guild-paused-probe', { communityId: community(second()) });
    await eventually(() => expect(ran).toContain(community(second())));
    expect(ran).not.toContain(community());
    await app.rapport.ports.repliers.forId(general(second())).post({ channelId: general(second()) }, { text: 'second server still here' });
    expect(postsTo()).toBe(posts);
    expect(postsTo(second())).toBeGreaterThan(0);
  });

  it('GIVEN the bot added to the server again (GUILD_CREATE) THEN its community is resumed and posting works', async () => {
    fake.gateway.dispatch('GUILD_CREATE', guildCreatePayload(first()));
    await eventually(async () => expect((await pauseOf())?.pausedAt).toBeNull());
    const posts = postsTo();
    await app.rapport.ports.repliers.forId(general()).post({ channelId: general() }, { text: 'back again' });
    expect(postsTo()).toBe(posts + 1);
    expect(JSON.stringify(fake.rest.find('POST', new RegExp(`^/channels/${first().channels.general.id}/messages$`)).at(-1)?.body)).toContain('back again');
  });

  it('GIVEN the bot removed while Rapport runs WHEN Rapport restarts and the server is in its READY (added again while it was offline) THEN the community is resumed, and a community that was not paused is not written', async () => {
    fake.gateway.dispatch('GUILD_DELETE', { id: first().id });
    await eventually(async () => expect((await pauseOf())?.pausedAt).not.toBeNull());
    const untouched = await app.db.prisma.community.findUnique({ where: { id: community(second()) }, select: { updatedAt: true } });
    before = app;
    await before.stop();
    app = await startRapport(before.db);
    await eventually(async () => expect(await pauseOf()).toEqual({ pausedAt: null, pauseReason: null }));
    expect(await app.db.prisma.community.findUnique({ where: { id: community(second()) }, select: { updatedAt: true } })).toEqual(untouched);
  });

  it('GIVEN a server that removed the bot while Rapport was offline (stored, but missing from READY) WHEN Rapport starts THEN its community is paused with its data kept; the servers present are not', async () => {
    // A third server Rapport knew, whose GUILD_DELETE it never saw.
    const gone = communityId('discord', '1199999999999999999');
    await app.db.prisma.community.create({ data: { id: gone, platform: 'discord', name: 'gone' } });
    await app.db.prisma.member.create({ data: { id: `${gone}:U1`, communityId: gone, platformId: 'U1', displayName: 'carol' } });
    const previous = app; // stopped, its database kept open for the next Rapport (closed with `before`)
    await previous.stop();
    app = await startRapport(previous.db);
    await eventually(async () => expect(await app.db.prisma.community.findUnique({ where: { id: gone }, select: { pauseReason: true } })).toEqual({ pauseReason: 'absent_at_start' }));
    expect(await app.db.prisma.member.count({ where: { communityId: gone } })).toBe(1);
    for (const guild of [first(), second()]) expect(await pauseOf(guild)).toEqual({ pausedAt: null, pauseReason: null });
  });
});
