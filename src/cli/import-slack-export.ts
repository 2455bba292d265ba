// `rapport import slack-export DIR|ZIP [--community NAME | --team ID]`
// --community NAME imports into a community of its own that the console opens with
// `rapport start --community NAME` (into-community.ts); --team joins a live Slack workspace's.
// Imports a Slack workspace export into the configured database through the pipeline the live bot
// uses. A first pass reads and checks every file; nothing is written unless all of it is valid, so
// a broken file stops the import with its name and position and leaves the database unchanged.
// Event ids are the same on every run, so importing the same export twice stores nothing new.
import { loadConfig } from '../config.ts';
import { RapportError } from '../core/errors.ts';
import { communityId } from '../core/ids.ts';
import type { Language } from '../core/ports.ts';
import { eventsIntoCommunity, isCommunityName } from '../import/into-community.ts';
import { slackExportEvents, slackExportMessageToEvents } from '../import/slack-export-events.ts';
import { openSlackExport } from '../import/slack-export-reader.ts';
import { replayEvents } from '../import/replay-events.ts';
import { createImportProgress } from './import-progress.ts';
import { openImportRuntime, reviewImportedFunnels } from './import-runtime.ts';
import { parseFlags, type CliCommand } from './io.ts';

export const IMPORT_TEXT: Record<Language, {
  usageSlack: string;
  usageDiscord: string;
  stopped: (problem: string) => string;
  done: (r: ImportDone) => string;
  badCommunity: (name: string) => string;
  both: string;
}> = {
  en: {
    usageSlack: 'Usage: rapport import slack-export DIR|ZIP [--community NAME | --team TEAM_ID]',
    usageDiscord: 'Usage: rapport import discord-export FILE.json... [--community NAME]',
    stopped: (problem) => `Import stopped: ${problem}\nNothing was imported.`,
    done: (r) =>
      `Imported ${r.messages.toLocaleString('en-US')} messages (${r.fresh.toLocaleString('en-US')} of ${r.events.toLocaleString('en-US')} events new) into community '${r.community}' in ${r.database}, in ${r.seconds.toFixed(1)} s.\n` +
      (r.name
        ? `See it with \`npx rapport start --community ${r.name}\` (the console; /dashboard there gives its web dashboard).`
        : `See it where that community lives (/leaderboard, /dashboard), or import it again with --community NAME to open it in the console (\`npx rapport start --community NAME\`).`),
    badCommunity: (name) => `"${name}" cannot be a community name: use 1 to 64 letters, digits, "_", "-" or ".".`,
    both: 'Give either --community NAME (a community of its own) or --team ID (a live Slack workspace), not both.',
  },
  bg: {
    usageSlack: 'Употреба: rapport import slack-export ПАПКА|ZIP [--community ИМЕ | --team ИД_НА_ЕКИПА]',
    usageDiscord: 'Употреба: rapport import discord-export ФАЙЛ.json... [--community ИМЕ]',
    stopped: (problem) => `Внасянето спря: ${problem}\nНищо не беше внесено.`,
    done: (r) =>
      `Внесени ${r.messages.toLocaleString('bg-BG')} съобщения (${r.fresh.toLocaleString('bg-BG')} от ${r.events.toLocaleString('bg-BG')} събития са нови) в общността „${r.community}“ в ${r.database}, за ${r.seconds.toLocaleString('bg-BG', { maximumFractionDigits: 1 })} s.\n` +
      (r.name
        ? `Вижте я с \`npx rapport start --community ${r.name}\` (конзолата; /dashboard там дава уеб таблото ѝ).`
        : `Вижте я там, където живее общността (/leaderboard, /dashboard), или я внесете отново с --community ИМЕ, за да я отворите в конзолата (\`npx rapport start --community ИМЕ\`).`),
    badCommunity: (name) => `„${name}“ не може да бъде име на общност: използвайте от 1 до 64 букви, цифри, „_“, „-“ или „.“.`,
    both: 'Посочете или --community ИМЕ (отделна общност), или --team ИД (жива работна среда в Slack), не и двете.',
  },
};

export interface ImportDone {
  messages: number;
  fresh: number;
  events: number;
  seconds: number;
  database: string;
  /** The community id the history went into. */
  community: string;
  /** The --community name, when one was given (then the console can open it). */
  name?: string;
}

/** The --community value checked, or the message to print (exit 2). */
export function communityFlag(value: string | undefined, text: (typeof IMPORT_TEXT)[Language]): { name?: string; error?: string } {
  if (value === undefined) return {};
  return isCommunityName(value) ? { name: value } : { error: text.badCommunity(value) };
}

export const runImportSlackExport: CliCommand = async (argv, io) => {
  const language = loadConfig(io.env).language;
  const text = IMPORT_TEXT[language];
  const { values, rest, errors } = parseFlags(argv, { strings: ['team', 'community'] });
  if (values.team !== undefined && values.community !== undefined) errors.push(text.both);
  const community = communityFlag(values.community, text);
  if (community.error) errors.push(community.error);
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
      const summary = await replayEvents(runtime.rapport.pipeline, eventsIntoCommunity(slackExportEvents(exp, { teamId: team }), community.name), { onBatch: (r) => progress.update(r.messages) });
      progress.update(summary.messages);
      progress.stop();
      const where = community.name ? communityId('console', community.name) : communityId('slack', team);
      await reviewImportedFunnels(runtime.rapport, [where]);
      io.stdout.write(`${text.done({ ...summary, seconds: (performance.now() - started) / 1000, database: runtime.describe.database, community: where, ...(community.name ? { name: community.name } : {}) })}\n`);
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
