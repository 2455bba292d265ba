// Runs the Discord bot sharded: discord.js's ShardingManager spawns one `rapport start` process per
// shard (SHARDS and SHARD_COUNT in its environment) and this process only watches them: a shard that
// dies is started again, unless it exited with code 2 (its configuration is wrong, for example its
// port PORT + shard id is taken), which a restart cannot fix: then the whole manager stops. Each
// child is a whole Rapport on the shared PostgreSQL (and Redis): Discord sends a guild's events to
// the one shard with (guild_id >> 22) % shard_count === shard id, so each guild is handled by one
// process. https://discord.com/developers/docs/events/gateway#sharding
import { once } from 'node:events';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult, type Shard } from 'discord.js';
import { RapportError } from '../../core/errors.ts';
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
  /** A shard exited with code 2 once running (it said why on stderr): the caller should stop. */
  onConfigError?: (shard: number) => void;
}

/** The exit code of `rapport start` for a configuration it cannot run with (src/cli/main.ts). */
const CONFIG_ERROR_EXIT = 2;
/** A shard that dies this soon after it started is restarted with a growing delay. */
const QUICK_DEATH_MS = 30_000;
const MAX_RESTART_DELAY_MS = 60_000;

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
  const readyTimeout = options.readyTimeoutMs ?? 180_000;
  // Restarts are decided here (respawn: false): discord.js would restart a shard whatever its exit code.
  const manager = new ShardingManager(options.entry, { token: options.token, totalShards: count, shardArgs: options.args, mode: 'process', respawn: false });
  let stopping = false;
  let configError: number | undefined;
  const restartTimers = new Set<ReturnType<typeof setTimeout>>();
  manager.on('shardCreate', (shard: Shard) => {
    deps.logger.info({ shard: shard.id, of: count }, 'Discord shard process started');
    // A shard that dies soon after it started (PostgreSQL away, a crash at start-up) is started
    // again after 1, 2, 4 ... up to 60 s, not at once: each start logs in to Discord again.
    let startedAt = Date.now();
    let quickDeaths = 0;
    shard.on('spawn', () => void (startedAt = Date.now()));
    shard.on('death', (child) => {
      const exitCode = 'exitCode' in child ? child.exitCode : null;
      if (stopping) return deps.logger.info({ shard: shard.id, exitCode }, 'Discord shard process stopped');
      if (exitCode === CONFIG_ERROR_EXIT) {
        configError ??= shard.id;
        deps.logger.error({ shard: shard.id, exitCode }, 'Discord shard process cannot run with this configuration (its message is above); the shards are stopped');
        options.onConfigError?.(shard.id);
        return;
      }
      quickDeaths = Date.now() - startedAt < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
      const delayMs = quickDeaths === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 1_000 * 2 ** (quickDeaths - 1));
      deps.logger.warn({ shard: shard.id, exitCode, inMs: delayMs }, 'Discord shard process exited; it is started again');
      // Later than discord.js's own handling of the dead process (it emits death first).
      const timer = setTimeout(() => {
        restartTimers.delete(timer);
        if (stopping || shard.process) return;
        shard.spawn(readyTimeout).catch((error: unknown) => {
          if (!stopping) deps.logger.error({ err: error, shard: shard.id }, 'Discord shard process did not become ready after a restart');
        });
      }, delayMs);
      restartTimers.add(timer);
    });
  });
  const stop = async () => {
    stopping = true;
    for (const timer of restartTimers) clearTimeout(timer);
    restartTimers.clear();
    await Promise.all(
      [...manager.shards.values()].map(async (shard) => {
        const child = shard.process;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, 'exit');
        shard.kill();
        await exited;
      }),
    );
  };
  // A stop during spawning (several seconds per shard) stops the children started so far.
  const onAbort = () => void stop();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await manager.spawn({ amount: count, delay: options.spawnDelayMs ?? 5_500, timeout: readyTimeout });
  } catch (error) {
    await stop();
    if (configError !== undefined) {
      throw new RapportError('config.shard', `Discord shard ${configError} of ${count} could not start with this configuration (its message is above); no shard runs. Fix it and start again.`, { cause: error });
    }
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (options.signal?.aborted) await stop();
  return { count, stop };
}
