// Proves Rapport runs sharded: `rapport start` with DISCORD_SHARDS=auto asks the fake Discord for its recommendation (2), spawns one process per shard on one PostgreSQL and Redis, each identifies as its own shard and gets only its guild, each guild's commands are answered once, and a scheduled shout-out is posted once per due time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communityId, scopedId } from '../../src/core/ids.ts';
import { createRepositories } from '../../src/db/create-repositories.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { shardOf } from '../fakes/discord/fixtures.ts';
import { SPAWN_TIMEOUT_MS } from '../support/run-cli.ts';
import { POSTGRES_URL, dropQueueKeys, dropSchema, servicesEnv, uniqueName } from '../support/services.ts';
import { spawnRapport, type RunningRapport } from '../support/spawn-rapport.ts';
import { waitFor } from '../support/wait-for.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

/** A port P with P + 1 free as well: shard k listens on PORT + k (another test may hold P + 1). */
async function freePortPair(): Promise<number> {
  const listen = (port: number) =>
    new Promise<ReturnType<typeof createServer> | null>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '0.0.0.0', () => resolve(server));
    });
  const close = (server: ReturnType<typeof createServer>) => new Promise<void>((resolve) => server.close(() => resolve()));
  for (;;) {
    const first = await listen(0);
    if (!first) continue;
    const { port } = first.address() as { port: number };
    const second = port < 65535 ? await listen(port + 1) : null;
    await close(first);
    if (second) {
      await close(second);
      return port;
    }
  }
}

/** The environment of `rapport start` sharded against the fake Discord, in the test's own schema and queue prefix. */
function shardedEnv(fake: FakeDiscord, schema: string, port: number, shards: string): Record<string, string> {
  return {
    ...servicesEnv(schema),
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_SHARDS: shards,
    PORT: String(port),
    LOG_LEVEL: 'info',
  };
}

/** The JSON log lines of the manager and its shard processes (they share its stderr). */
function logLines(rapport: RunningRapport): Array<Record<string, any>> {
  return rapport.log().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, any>);
}

describe('Discord sharding', () => {
  const schema = uniqueName('shards');
  let fake: FakeDiscord;
  let db: Database;
  let rapport: RunningRapport;

  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds: 2, shards: 2 });
    db = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true });
    // A shout-out every two seconds in the first guild, so several due times fall while both shards run.
    const repos = createRepositories(db.prisma);
    const [first] = fake.guilds;
    const community = await repos.communities.ensure({ id: communityId('discord', first!.id), platform: 'discord', name: first!.name, timeZone: 'UTC' });
    const channelId = scopedId('discord', first!.id, first!.channels.general.id);
    await repos.channels.ensure({ id: channelId, communityId: community.id, name: 'general' });
    await repos.shoutouts.create({ id: 'so-shards', communityId: community.id, channelId, cron: '*/2 * * * * *', rule: '*/2 * * * * *', period: 'week', template: null });
    const port = await freePortPair();
    rapport = spawnRapport(['start'], shardedEnv(fake, schema, port, 'auto'));
    await waitFor(() => rapport.log().includes('every Discord shard runs in its own process'), 'both shards to be ready', SPAWN_TIMEOUT_MS - 30_000);
  }, SPAWN_TIMEOUT_MS);

  afterAll(async () => {
    // The manager's and both shards' log lines, kept for a look when a test here fails in CI.
    if (rapport) {
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(`${ARTIFACTS}discord-shards.log`, `${rapport.log()}\ngateway closes: ${JSON.stringify(fake?.gateway.closes)}\n`);
    }
    if (rapport && rapport.child.exitCode === null) {
      rapport.child.kill('SIGTERM');
      await rapport.exited;
    }
    await db?.close();
    await fake?.close();
    await dropSchema(schema);
    await dropQueueKeys(schema);
  }, SPAWN_TIMEOUT_MS);

  it('spawns one process per recommended shard; each identifies as its shard and serves only its guild', async () => {
    expect(fake.rest.find('GET', /^\/gateway\/bot$/).length).toBeGreaterThan(0);
    const identifies = fake.gateway.received.filter((p) => p.op === 2).map((p) => (p.d as { shard: [number, number] }).shard);
    expect(identifies.map((s) => s.join('/')).sort()).toEqual(['0/2', '1/2']);
    // The manager hears a shard's "ready" over IPC, which can overtake that shard's own log line.
    const ready = () => logLines(rapport).filter((l) => l.msg === 'Discord client ready');
    await waitFor(() => ready().length >= 2, 'both shards to log that they are ready');
    expect(fake.gateway.readyShards).toEqual([0, 1]);
    expect(fake.gateway.closes).toEqual([]);
    expect(ready()).toHaveLength(2);
    expect(new Set(ready().map((l) => l.pid)).size).toBe(2);
    expect(new Set(ready().map((l) => l.pid)).has(rapport.child.pid)).toBe(false);
    for (const line of ready()) {
      expect(line.shards).toHaveLength(1);
      expect(line.guilds).toEqual(fake.guilds.filter((g) => shardOf(g.id, 2) === line.shards[0]).map((g) => g.id));
    }
  });

  it('answers each guild\'s command once, from the process of its shard, and stores both guilds\' messages', async () => {
    const interactions = fake.guilds.map((guild) => {
      fake.postMessage({ author: guild.users.alice, channel: guild.channels.general, content: `hello from ${guild.name}` });
      return fake.slashCommand({ user: guild.users.bob, name: 'rank', channel: guild.channels.general });
    });
    const callbacks = (id: string) => fake.rest.find('POST', new RegExp(`^/interactions/${id}/`));
    await waitFor(() => interactions.every((i) => callbacks(i.id).length > 0), 'both commands answered');
    for (const interaction of interactions) expect(callbacks(interaction.id)).toHaveLength(1);
    for (const guild of fake.guilds) {
      const delivered = fake.gateway.delivered.filter((d) => d.t === 'INTERACTION_CREATE' && d.d.guild_id === guild.id);
      expect(delivered.map((d) => d.shard)).toEqual([shardOf(guild.id, 2)]);
    }
    await waitFor(async () => (await db.prisma.activityEvent.count({ where: { communityId: { in: fake.guilds.map((g) => communityId('discord', g.id)) }, kind: 'message' } })) === 2, 'one stored message per guild');
    // Each shard's READY lists only its own guild: neither process takes the other's for one the bot left.
    expect(await db.prisma.community.count({ where: { id: { in: fake.guilds.map((g) => communityId('discord', g.id)) }, pausedAt: { not: null } } })).toBe(0);
  });

  it('posts the scheduled shout-out once per due time across both shard processes', async () => {
    const claimed = () => db.prisma.shoutoutPost.count({ where: { scheduleId: 'so-shards' } });
    await waitFor(async () => (await claimed()) >= 3, 'three ticks of the schedule', 120_000);
    rapport.child.kill('SIGTERM');
    const exit = await rapport.exited;
    expect(exit.code).toBe(0);
    // A stop is not a crash: the manager says the shards stopped, not that it starts them again.
    const deaths = logLines(rapport).filter((l) => typeof l.msg === 'string' && l.msg.startsWith('Discord shard process'));
    expect(deaths.filter((l) => l.msg === 'Discord shard process stopped').map((l) => l.shard).sort()).toEqual([0, 1]);
    expect(deaths.filter((l) => l.msg.includes('started again'))).toEqual([]);
    const ticks = await db.prisma.shoutoutPost.findMany({ where: { scheduleId: 'so-shards' } });
    const general = fake.guilds[0]!.channels.general.id;
    const posts = fake.rest.find('POST', new RegExp(`^/channels/${general}/messages$`));
    expect(new Set(ticks.map((t) => t.tick)).size).toBe(ticks.length);
    expect(posts).toHaveLength(ticks.length);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
  }, 180_000);
});

describe('Discord sharding with a shard\'s port taken', () => {
  it('GIVEN PORT + 1 in use THEN shard 1 says which ports it needs, is not restarted, and the manager stops with exit code 2', async () => {
    const schema = uniqueName('shardport');
    const fake = await startFakeDiscord({ guilds: 2, shards: 2 });
    const port = await freePortPair();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port + 1, '0.0.0.0', resolve));
    let rapport: RunningRapport | undefined;
    try {
      await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true }).then((db) => db.close());
      rapport = spawnRapport(['start'], shardedEnv(fake, schema, port, '2'));
      const exit = await rapport.exited;
      expect(exit.code).toBe(2);
      const log = rapport.log();
      expect(log).toContain(`Port ${port + 1} is already in use: Discord shard 1 listens on PORT (${port}) + its shard id, so ports ${port} to ${port + 1} must be free`);
      expect(logLines(rapport).filter((l) => l.msg === 'Discord shard process exited; it is started again')).toEqual([]);
      expect(fake.gateway.received.filter((p) => p.op === 2)).toHaveLength(2);
    } finally {
      // A manager still running (the test failed) would restart its shards for ever: stopped here.
      if (rapport && rapport.child.exitCode === null) {
        rapport.child.kill('SIGTERM');
        await rapport.exited;
      }
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
      await fake.close();
      await dropSchema(schema);
      await dropQueueKeys(schema);
    }
  }, SPAWN_TIMEOUT_MS);
});
