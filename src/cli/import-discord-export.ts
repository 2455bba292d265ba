// `rapport import discord-export FILE.json... [--community NAME]` (--community: into-community.ts)
// Imports DiscordChatExporter JSON files (one channel each) into the configured database through
// the pipeline the live bot uses. Every file is read and checked first; a broken one stops the
// import with its name and position before anything is written. Event ids are the live adapter's,
// so importing the same files twice (or history the bot already saw) stores nothing new.
import { loadConfig } from '../config.ts';
import type { ChatEvent } from '../core/events.ts';
import { communityId } from '../core/ids.ts';
import { eventsIntoCommunity } from '../import/into-community.ts';
import { DiscordExportError, discordExportEvents, readDiscordExport } from '../import/discord-export-reader.ts';
import { replayEvents } from '../import/replay-events.ts';
import { createImportProgress } from './import-progress.ts';
import { openImportRuntime, reviewImportedFunnels } from './import-runtime.ts';
import { IMPORT_TEXT, communityFlag } from './import-slack-export.ts';
import { parseFlags, type CliCommand } from './io.ts';

export const runImportDiscordExport: CliCommand = async (argv, io) => {
  const language = loadConfig(io.env).language;
  const text = IMPORT_TEXT[language];
  const { values, rest: files, errors } = parseFlags(argv, { strings: ['community'] });
  const community = communityFlag(values.community, text);
  if (community.error) errors.push(community.error);
  if (errors.length > 0 || files.length === 0) {
    io.stderr.write(`${errors.join('\n')}${errors.length ? '\n' : ''}${text.usageDiscord}\n`);
    return 2;
  }

  // Pass 1: parse and check every file.
  let total = 0;
  const check = createImportProgress(io.stderr, files.length, 'check', language);
  try {
    for (const [i, file] of files.entries()) {
      total += discordExportEvents(await readDiscordExport(file)).filter((e) => e.type === 'message.posted').length;
      check.update(i + 1);
    }
  } catch (error) {
    check.stop();
    if (error instanceof DiscordExportError) {
      io.stderr.write(`${text.stopped(error.message)}\n`);
      return 1;
    }
    throw error;
  }
  check.stop();

  // Pass 2: one file at a time through the pipeline.
  const runtime = await openImportRuntime(io, { fresh: false, queue: false });
  const started = performance.now();
  const progress = createImportProgress(io.stderr, total, 'import', language);
  try {
    async function* events(): AsyncGenerator<ChatEvent> {
      for (const file of files) yield* discordExportEvents(await readDiscordExport(file));
    }
    const guilds = new Set<string>();
    async function* seen(): AsyncGenerator<ChatEvent> {
      for await (const event of events()) {
        guilds.add(event.communityId);
        yield event;
      }
    }
    const summary = await replayEvents(runtime.rapport.pipeline, eventsIntoCommunity(seen(), community.name), { onBatch: (r) => progress.update(r.messages) });
    progress.update(total);
    progress.stop();
    const where = community.name ? communityId('console', community.name) : [...guilds].join(', ');
    await reviewImportedFunnels(runtime.rapport, community.name ? [communityId('console', community.name)] : guilds);
    io.stdout.write(`${text.done({ ...summary, seconds: (performance.now() - started) / 1000, database: runtime.describe.database, community: where, ...(community.name ? { name: community.name } : {}) })}\n`);
  } finally {
    progress.stop();
    await runtime.close();
  }
  return 0;
};
