// Runs the Discord bot sharded: discord.js's ShardingManager spawns one `rapport start` process per
// shard (SHARDS and SHARD_COUNT in its environment), restarts one that dies, and this process only
// watches them. Each child is a whole Rapport on the shared PostgreSQL (and Redis): Discord sends a
// guild's events to the one shard with (guild_id >> 22) % shard_count === shard id, so each guild
// is handled by one process. https://discord.com/developers/docs/events/gateway#sharding
import { once } from 'node:events';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult, type Shard } from 'discord.js';
import type { Logger } from '../../core/logger.ts';

export interface ShardSpawnOptions {
  token: string;
  /** The script to run in each child (the `rapport` binary) and its arguments. */
  entry: string;
  args: string[];
  /** 'auto': the count Discord recommends (GET /gateway/bot), read from `apiUrl`. */
  shards: 'auto' | number;
  apiUrl?: string;
  /** Discord allows one IDENTIFY per 5 s (per max_concurrency bucket): the wait between spawns. */
  spawnDelayMs?: number;
  /** How long a child may take to become ready. */
  readyTimeoutMs?: number;
  /** Aborted when Rapport is asked to stop, spawning included. */
  signal?: AbortSignal;
}

export interface RunningShards {
  count: number;
  /** Asks every child to stop (SIGTERM: each flushes what it holds) and waits for them to exit. */
  stop(): Promise<void>;
}

/** Discord's recommended shard count, from the configured API (discord.js's own helper always asks discord.com). */
export async function recommendedShardCount(token: string, apiUrl?: string): Promise<number> {
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  const answer = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return Math.max(1, answer.shards);
}

export async function spawnShards(options: ShardSpawnOptions, deps: { logger: Logger }): Promise<RunningShards> {
  const count = options.shards === 'auto' ? await recommendedShardCount(options.token, options.apiUrl) : options.shards;
  const manager = new ShardingManager(options.entry, { token: options.token, totalShards: count, shardArgs: options.args, mode: 'process', respawn: true });
  manager.on('shardCreate', (shard: Shard) => {
    deps.logger.info({ shard: shard.id, of: count }, 'Discord shard process started');
    shard.on('death', (child) => deps.logger.warn({ shard: shard.id, exitCode: 'exitCode' in child ? child.exitCode : null }, 'Discord shard process exited; it is started again'));
  });
  const stop = async () => {
    await Promise.all(
        [...manager.shards.values()].map(async (shard) => {
          const child = shard.process;
          if (!child || child.exitCode !== null || child.signalCode !== null) return;
          const exited = once(child, 'exit');
          // kill() sends SIGTERM and turns respawning off for this shard.
          shard.kill();
          await exited;
        }),
      );
  };
  // A stop during spawning (several seconds per shard) stops the children started so far.
  const onAbort = () => void stop();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await manager.spawn({ amount: count, delay: options.spawnDelayMs ?? 5_500, timeout: options.readyTimeoutMs ?? 180_000 });
  } catch (error) {
    await stop();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (options.signal?.aborted) await stop();
  return { count, stop };
}
