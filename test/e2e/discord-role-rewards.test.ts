// Proves role rewards on Discord end to end, the real discord.js Client against the fake Discord: roles follow funnel stages (up and down) and score levels, replace vs stack, a role above Rapport's or a missing Manage Roles is told to the moderator and never called, Discord's 50013 is kept as a problem, and start-up re-syncs members.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/index.ts';
import type { MemberSignals } from '../../src/core/ambassadors/member-signals.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { communityId, scopedId } from '../../src/core/ids.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { waitFor } from '../support/wait-for.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.ts';
import type { FakeRole, FakeUser } from '../fakes/discord/fixtures.ts';
import { recordingLogger } from '../fakes/discord/recording-logger.ts';

// A funnel that moves on the signals the test sets (the scores' own path is the score-level tests').
const rules = {
  windowDays: 30, brandWindowDays: 90, graceDays: 0,
  like: { activeDays: 0, messages: 1 }, love: { activeDays: 0, engagement: 5 },
  advocate: { helpedPeople: 1, thanks: 1, advocacy: 1, helperWithoutBrand: 1 },
};
const LIKE: MemberSignals = { engagement: 1, helper: 0, helpedPeople: 0, thanksReceived: 0, messages: 2 };
const LOVE: MemberSignals = { engagement: 10, helper: 0, helpedPeople: 0, thanksReceived: 0, messages: 5 };
const ADVOCATE: MemberSignals = { engagement: 10, helper: 10, helpedPeople: 2, thanksReceived: 2, messages: 5 };

let adapter: DiscordAdapter;
function discord(fake: FakeDiscord): () => DiscordAdapter[] {
  return () => [(adapter = createDiscordAdapter({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, moderatorRoleId: fake.guild.moderatorRoleId }, { logger: recordingLogger() }))];
}

/** The text of the reply to an interaction: its callback, or the deferred reply's edit. */
async function replyTo(fake: FakeDiscord, interaction: { id: string; token: string }): Promise<{ text: string; ephemeral: boolean }> {
  let found: { text: string; ephemeral: boolean } | undefined;
  await waitFor(() => {
    const callback = fake.rest.find('POST', new RegExp(`^/interactions/${interaction.id}/`))[0];
    const edit = fake.rest.requests.find((r) => r.path.startsWith(`/webhooks/${fake.applicationId}/${interaction.token}`) && r.method === 'PATCH');
    const body = callback?.body?.type === 4 ? callback.body.data : edit?.body;
    if (!body?.content && !body?.embeds?.length) return false;
    const text = [body.content, ...(body.embeds ?? []).map((e: { title?: string; description?: string }) => `${e.title ?? ''}\n${e.description ?? ''}`)].filter(Boolean).join('\n');
    found = { text, ephemeral: Boolean((callback?.body?.data?.flags ?? 0) & 64) };
    return true;
  }, `a reply to interaction ${interaction.id}`);
  return found!;
}

const roleCalls = (fake: FakeDiscord, method: 'PUT' | 'DELETE', u: FakeUser, role: FakeRole) => fake.rest.find(method, new RegExp(`^/guilds/${fake.guild.id}/members/${u.id}/roles/${role.id}$`)).length;
const holds = (fake: FakeDiscord, u: FakeUser, role: FakeRole) => fake.guild.members.find((m) => m.user.id === u.id)!.roles.includes(role.id);

describe('role rewards on Discord', () => {
  let fake: FakeDiscord;
  let app: TestApp;
  const signals = new Map<string, MemberSignals>();
  const clock = fixedClock(new Date('2026-11-23T10:00:00Z'));
  const member = (u: FakeUser) => scopedId('discord', fake.guild.id, u.id);
  const community = () => communityId('discord', fake.guild.id);
  const rewards = async (subcommand: string, options: Array<{ name: string; type: number; value: string | number }> = []) =>
    replyTo(fake, fake.slashCommand({ user: fake.guild.users.mod, name: 'rewards', subcommand, options }));
  const role = (r: FakeRole) => ({ name: 'role', type: 8, value: r.id });
  /** Alice talks after the funnel's re-evaluation interval (10 minutes on Rapport's clock). */
  const aliceTalks = (text = 'hello everyone, good morning') => {
    clock.advance(11 * 60_000);
    fake.postMessage({ author: fake.guild.users.alice, channel: fake.guild.channels.general, content: text });
  };

  beforeAll(async () => {
    fake = await startFakeDiscord();
    app = await createTestApp({ adapters: discord(fake), clock, ambassadors: { rules, signals: async (_c, m) => signals.get(m) ?? null } });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('stores a stage reward with /rewards set, ephemerally, naming the role', async () => {
    const { regulars, advocates } = fake.guild.roles;
    const like = await rewards('set', [role(regulars), { name: 'stage', type: 3, value: 'like' }]);
    expect(like.text).toContain('Members who reach stage like get @Regulars.');
    expect(like.ephemeral).toBe(true);
    expect((await rewards('set', [role(advocates), { name: 'stage', type: 3, value: 'advocate' }])).text).toContain('stage advocate get @Advocates');
    expect((await rewards('set', [role(advocates)])).text).toContain('Name one level');
    expect((await app.repos.roleRewards.list(community())).map((r) => `${r.kind}:${r.level}`).sort()).toEqual(['stage:advocate', 'stage:like']);
  });

  it('grants the stage role when a member moves up, and in replace mode takes the lower one away', async () => {
    const { alice } = fake.guild.users;
    const { regulars, advocates } = fake.guild.roles;
    signals.set(member(alice), LIKE);
    aliceTalks();
    await waitFor(() => holds(fake, alice, regulars), 'alice to get @Regulars');
    expect(roleCalls(fake, 'PUT', alice, regulars)).toBe(1);

    signals.set(member(alice), ADVOCATE);
    aliceTalks();
    await waitFor(() => holds(fake, alice, advocates) && !holds(fake, alice, regulars), 'alice to hold @Advocates only');
    expect((await app.repos.ambassadors.getFunnel(member(alice)))?.stage).toBe('advocate');
    expect(roleCalls(fake, 'DELETE', alice, regulars)).toBe(1);
    // The audit log says why.
    expect(fake.rest.find('PUT', new RegExp(`/roles/${advocates.id}$`))[0]).toBeDefined();
  });

  it('in stack mode a member keeps every role reached, and moving down removes only what is no longer reached', async () => {
    const { alice } = fake.guild.users;
    const { regulars, advocates } = fake.guild.roles;
    expect((await rewards('mode', [{ name: 'mode', type: 3, value: 'stack' }])).text).toContain('Mode mode:stack');
    const sync = await rewards('sync');
    expect(sync.text).toMatch(/Roles given: 1\. Roles removed: 0\./);
    expect(holds(fake, alice, regulars) && holds(fake, alice, advocates)).toBe(true);

    signals.set(member(alice), LOVE);
    clock.advance(60_000);
    await app.rapport.ports.ambassadors.funnel.review(community());
    expect((await app.repos.ambassadors.getFunnel(member(alice)))?.stage).toBe('love');
    await waitFor(() => !holds(fake, alice, advocates), 'alice to lose @Advocates');
    expect(holds(fake, alice, regulars)).toBe(true);
  });

  it('GIVEN a score reward whose role sits above Rapport\'s THEN the moderator is told how to fix it and Discord is never asked', async () => {
    const { bob } = fake.guild.users;
    const { admins } = fake.guild.roles;
    const set = await rewards('set', [role(admins), { name: 'score', type: 4, value: 1 }]);
    expect(set.text).toContain('Members who reach 1 points get @Admins.');
    expect(set.text).toContain("Rapport cannot give or remove @Admins: its own role sits below @Admins. In Server Settings → Roles, drag Rapport's role above @Admins");

    fake.postMessage({ author: bob, channel: fake.guild.channels.general, content: 'a few words from bob here' });
    await waitFor(async () => ((await app.rapport.ports.leaderboard.rank({ id: community(), timeZone: 'UTC' }, member(bob)))?.all.engagement ?? 0) >= 1, 'bob to earn a point');
    const sync = await rewards('sync');
    expect(sync.text).toContain('⚠ Rapport cannot give or remove @Admins: its own role sits below @Admins.');
    expect(fake.rest.find('PUT', new RegExp(`/roles/${admins.id}$`))).toHaveLength(0);
    expect((await rewards('list')).text).toContain('⚠ Rapport cannot give or remove @Admins');
    await rewards('remove', [{ name: 'score', type: 4, value: 1 }]);
  });

  it('GIVEN Rapport lost Manage Roles THEN /rewards sync says so and makes no role call, and the moderators\' channel is told once', async () => {
    const { bot } = fake.guild.roles;
    await replyTo(fake, fake.slashCommand({ user: fake.guild.users.mod, name: 'feedback', subcommand: 'schedule', options: [{ name: 'channel', type: 7, value: fake.guild.channels.help.id }] }));
    const notices = () => fake.rest.find('POST', new RegExp(`^/channels/${fake.guild.channels.help.id}/messages$`)).filter((r) => String(r.body?.content ?? JSON.stringify(r.body)).includes('Role rewards need a moderator'));
    fake.updateRole(fake.guild, bot, { permissions: 0n });
    const cached = () => (fakeRoleInCache(bot)?.permissions.bitfield ?? -1n) === 0n;
    await waitFor(cached, 'the role update to reach the client');
    const before = fake.rest.requests.filter((r) => /\/roles\/\d+$/.test(r.path) && r.path.includes('/members/')).length;
    const sync = await rewards('sync');
    expect(sync.text).toContain('⚠ Rapport cannot give or remove @Regulars: it lacks the Manage Roles permission. In Server Settings → Roles, give Rapport\'s role Manage Roles');
    expect(sync.text).toContain('@Advocates: it lacks the Manage Roles permission');
    expect(fake.rest.requests.filter((r) => /\/roles\/\d+$/.test(r.path) && r.path.includes('/members/')).length).toBe(before);
    // One notice per role newly out of reach; a second sync finds nothing new to tell.
    await waitFor(() => notices().length === 2, 'the moderators\' notices');
    expect(JSON.stringify(notices()[0]!.body)).toContain('it lacks the Manage Roles permission');
    await rewards('sync');
    expect(notices()).toHaveLength(2);
    fake.updateRole(fake.guild, bot, { permissions: 1n << 28n });
    await waitFor(() => (fakeRoleInCache(bot)?.permissions.bitfield ?? 0n) === 1n << 28n, 'Manage Roles back');
  });

  it('GIVEN a role moved above Rapport\'s without the client hearing of it THEN Discord\'s 50013 is stored and shown to moderators', async () => {
    const { alice } = fake.guild.users;
    const { advocates } = fake.guild.roles;
    fake.updateRole(fake.guild, advocates, { position: 9 }, { tell: false });
    const attempts = roleCalls(fake, 'PUT', alice, advocates);
    signals.set(member(alice), ADVOCATE);
    aliceTalks('back again with more help');
    await waitFor(async () => (await app.repos.roleRewards.list(community())).some((r) => r.problem === 'missing_permissions'), 'the 50013 to be kept');
    expect(roleCalls(fake, 'PUT', alice, advocates)).toBe(attempts + 1);
    expect(holds(fake, alice, advocates)).toBe(false);
    expect((await rewards('list')).text).toContain('⚠ Discord refused to change @Advocates (Missing Permissions).');
  });

  const fakeRoleInCache = (r: FakeRole) => adapter.client.guilds.cache.get(fake.guild.id)?.roles.cache.get(r.id);
});

describe('role rewards at start-up and for score levels', () => {
  let fake: FakeDiscord;
  let app: TestApp;
  const member = (u: FakeUser) => scopedId('discord', fake.guild.id, u.id);

  beforeAll(async () => {
    fake = await startFakeDiscord();
    const { alice, bob } = fake.guild.users;
    const { advocates, regulars, helpers } = fake.guild.roles;
    const community = communityId('discord', fake.guild.id);
    const roleOf = (r: FakeRole) => scopedId('discord', fake.guild.id, r.id);
    app = await createTestApp({
      adapters: discord(fake),
      // What a restart finds: alice became an advocate while Rapport was away; rewards are set.
      seed: async (repos) => {
        await repos.communities.ensure({ id: community, platform: 'discord', name: fake.guild.name });
        for (const u of [alice, bob]) await repos.members.ensure({ id: member(u), communityId: community, platformId: u.id, displayName: u.username, isBot: false });
        await repos.ambassadors.changeStage({ memberId: member(alice), communityId: community, from: 'newcomer', to: 'advocate', reasons: [], cause: 'review', at: new Date() });
        await repos.roleRewards.set({ communityId: community, kind: 'stage', level: 'advocate', roleId: roleOf(advocates) });
        await repos.roleRewards.set({ communityId: community, kind: 'score', level: '1', roleId: roleOf(regulars) });
        await repos.roleRewards.set({ communityId: community, kind: 'score', level: '3', roleId: roleOf(helpers) });
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('re-syncs members when the guild is ready: an advocate gets the role without a message', async () => {
    const { alice, bob } = fake.guild.users;
    await waitFor(() => holds(fake, alice, fake.guild.roles.advocates), 'the start-up sync to give alice @Advocates');
    expect(fake.guild.members.find((m) => m.user.id === bob.id)!.roles).toEqual([]);
  });

  it('grants score roles as points cross a level, replacing the lower level', async () => {
    const { alice, bob } = fake.guild.users;
    const { regulars, helpers } = fake.guild.roles;
    fake.postMessage({ author: bob, channel: fake.guild.channels.general, content: 'hello there friends of the guild' });
    await waitFor(() => holds(fake, bob, regulars), 'bob to reach 1 point and @Regulars');
    expect(holds(fake, bob, helpers)).toBe(false);

    const question = fake.postMessage({ author: alice, channel: fake.guild.channels.help, content: 'how do I deploy the app to production?' });
    fake.postMessage({ author: bob, channel: fake.guild.channels.help, content: 'use the deploy button on the dashboard', replyTo: question });
    await waitFor(() => holds(fake, bob, helpers) && !holds(fake, bob, regulars), 'bob to reach 3 points: @Helpers instead of @Regulars');
    expect(roleCalls(fake, 'DELETE', bob, regulars)).toBe(1);
  });
});

describe('role rewards for a guild of another shard', () => {
  let fake: FakeDiscord;
  let app: TestApp;

  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds: 2, shards: 2 });
    app = await createTestApp({
      // This process runs shard 1 only; the first guild belongs to shard 0.
      adapters: () => [(adapter = createDiscordAdapter({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, shards: [1], shardCount: 2 }, { logger: recordingLogger() }))],
    });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('GIVEN a job in this process moves a member of a guild it does not serve THEN the role is granted over REST', async () => {
    const guild = fake.guilds[0]!;
    const { alice } = guild.users;
    expect(adapter.client.guilds.cache.has(guild.id)).toBe(false);
    const community = communityId('discord', guild.id);
    const memberId = scopedId('discord', guild.id, alice.id);
    await app.repos.communities.ensure({ id: community, platform: 'discord', name: guild.name });
    await app.repos.members.ensure({ id: memberId, communityId: community, platformId: alice.id, displayName: 'alice', isBot: false });
    await app.repos.ambassadors.changeStage({ memberId, communityId: community, from: 'newcomer', to: 'advocate', reasons: [], cause: 'review', at: new Date() });
    await app.repos.roleRewards.set({ communityId: community, kind: 'stage', level: 'advocate', roleId: scopedId('discord', guild.id, guild.roles.advocates.id) });

    const report = await app.rapport.ports.roleRewards.syncCommunity(community);
    expect(report).toMatchObject({ members: 1, granted: 1, revoked: 0, failed: 0 });
    expect(report.problems.size).toBe(0);
    expect(guild.members.find((m) => m.user.id === alice.id)!.roles).toContain(guild.roles.advocates.id);
    expect(fake.rest.find('GET', new RegExp(`^/guilds/${guild.id}$`)).length).toBeGreaterThan(0);
    expect(adapter.client.guilds.cache.has(guild.id)).toBe(false);
  });
});
