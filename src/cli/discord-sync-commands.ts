// `rapport discord sync-commands [--guild ID] [--dry-run]`: registers commands/ as Discord
// application commands, sending only what changed since the last sync.
import { commands } from '../../commands/index.ts';
import { createDiscordRest, describeSyncSummary, syncDiscordCommands } from '../adapters/discord/sync-commands.ts';
import { loadConfig } from '../config.ts';
import { ConfigError, RapportError } from '../core/errors.ts';
import { parseFlags, type CliCommand } from './io.ts';

export const runDiscordSyncCommands: CliCommand = async (argv, io) => {
  const config = loadConfig(io.env);
  const flags = parseFlags(argv, { strings: ['guild'], booleans: ['dry-run'] });
  if (flags.errors.length > 0 || flags.rest.length > 0 || (flags.values['guild'] !== undefined && !/^\d{5,25}$/.test(flags.values['guild']))) {
    throw new RapportError('cli.usage', 'Usage: rapport discord sync-commands [--guild <numeric server id>] [--dry-run]');
  }
  if (!config.discord) throw new ConfigError(['DISCORD_TOKEN and DISCORD_APPLICATION_ID are needed to register commands; set them in .env (see .env.example)']);
  const rest = createDiscordRest({ token: config.discord.token, ...(config.discord.apiUrl ? { apiUrl: config.discord.apiUrl } : {}) });
  const summary = await syncDiscordCommands({
    rest,
    applicationId: config.discord.applicationId,
    commands,
    ...(flags.values['guild'] ? { guildId: flags.values['guild'] } : {}),
    ...(flags.flags.has('dry-run') ? { dryRun: true } : {}),
  });
  io.stdout.write(`${describeSyncSummary(summary, config.language)}\n`);
  return 0;
};
