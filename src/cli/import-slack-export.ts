// `rapport import slack-export DIR|ZIP [--team ID]`
// Imports a Slack workspace export into the configured database through the pipeline the live bot
// uses. A first pass reads and checks every file; nothing is written unless all of it is valid, so
// a broken file stops the import with its name and position and leaves the database unchanged.
// Event ids are the same on every run, so importing the same export twice stores nothing new.
import { loadConfig } from '../config.ts';
import { RapportError } from '../core/errors.ts';
import type { Language } from '../core/ports.ts';
import { slackExportEvents, slackExportMessageToEvents } from '../import/slack-export-events.ts';
import { openSlackExport } from '../import/slack-export-reader.ts';
import { replayEvents } from '../import/replay-events.ts';
import { createImportProgress } from './import-progress.ts';
import { openImportRuntime } from './import-runtime.ts';
import { parseFlags, type CliCommand } from './io.ts';

export const IMPORT_TEXT: Record<Language, {
  usageSlack: string;
  usageDiscord: string;
  stopped: (problem: string) => string;
  done: (r: { messages: number; fresh: number; events: number; seconds: number; database: string }) => string;
}> = {
  en: {
    usageSlack: 'Usage: rapport import slack-export DIR|ZIP [--team TEAM_ID]',
    usageDiscord: 'Usage: rapport import discord-export FILE.json...',
    stopped: (problem) => `Import stopped: ${problem}\nNothing was imported.`,
    done: (r) => `Imported ${r.messages} messages (${r.fresh} of ${r.events} events new) into ${r.database} in ${r.seconds.toFixed(1)} s.`,
  },
  bg: {
    usageSlack: 'Употреба: rapport import slack-export ПАПКА|ZIP [--team ИД_НА_ЕКИПА]',
    usageDiscord: 'Употреба: rapport import discord-export ФАЙЛ.json...',
    stopped: (problem) => `Внасянето спря: ${problem}\nНищо не беше внесено.`,
    done: (r) => `Внесени ${r.messages} съобщения (${r.fresh} от ${r.events} събития са нови) в ${r.database} за ${r.seconds.toFixed(1)} s.`,
  },
};

export const runImportSlackExport: CliCommand = async (argv, io) => {
  const language = loadConfig(io.env).language;
  const text = IMPORT_TEXT[language];
  const { values, rest, errors } = parseFlags(argv, { strings: ['team'] });
  if (errors.length > 0 || rest.length !== 1) {
    io.stderr.write(`${errors.join('\n')}${errors.length ? '\n' : ''}${text.usageSlack}\n`);
    return 2;
  }
  const dir = rest[0]!;

  // Pass 1: read and check everything before writing anything.
  let total = 0;
  try {
    const exp = await openSlackExport(dir);
    const progress = createImportProgress(io.stderr, exp.dayFiles, 'check', language);
    try {
      // Progress in day files read (the message count is what this pass finds out).
      const files = new Set<string>();
      for await (const message of exp.messages()) {
        for (const event of slackExportMessageToEvents(exp, message, { teamId: 'check' })) if (event.type === 'message.posted') total++;
        if (!files.has(message.file)) {
          files.add(message.file);
          if (files.size % 20 === 0) progress.update(files.size);
        }
      }
      progress.update(exp.dayFiles);
    } finally {
      progress.stop();
      await exp.close();
    }
  } catch (error) {
    if (error instanceof RapportError && error.code.startsWith('import.')) {
      io.stderr.write(`${text.stopped(error.message)}\n`);
      return 1;
    }
    throw error;
  }

  // Pass 2: through the pipeline, in batches.
  const runtime = await openImportRuntime(io, { fresh: false, queue: false });
  const started = performance.now();
  try {
    const team = values.team ?? (await defaultTeam(runtime.rapport.ports.communities.list()));
    const exp = await openSlackExport(dir);
    const progress = createImportProgress(io.stderr, total, 'import', language);
    try {
      const summary = await replayEvents(runtime.rapport.pipeline, slackExportEvents(exp, { teamId: team }), { onBatch: (r) => progress.update(r.messages) });
      progress.update(summary.messages);
      progress.stop();
      io.stdout.write(`${text.done({ ...summary, seconds: (performance.now() - started) / 1000, database: runtime.describe.database })}\n`);
    } finally {
      progress.stop();
      await exp.close();
    }
  } finally {
    await runtime.close();
  }
  return 0;
};

/** The workspace of the one Slack community the database knows, else "export". */
async function defaultTeam(communities: Promise<Array<{ id: string; platform: string }>>): Promise<string> {
  const slack = (await communities).filter((c) => c.platform === 'slack');
  return slack.length === 1 ? slack[0]!.id.slice('slack:'.length) : 'export';
}
