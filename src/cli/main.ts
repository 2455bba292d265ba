// The `rapport` command line. Each subcommand lives in its own file; this table is the only
// dispatch, and it holds what each command accepts, so `--help` (or `-h`) prints a command's usage
// and an unknown option is refused (exit 2, with the nearest known one) before anything is
// loaded, opened or written. Configuration and connection problems exit with code 2 and a message
// that says what to fix, never a stack trace.
import { ConfigError, RapportError } from '../core/errors.ts';
import { closest, unknownFlag, wantsHelp, type FlagSpec } from './cli-flags.ts';
import type { CliCommand, CliIo } from './io.ts';

type Loader = () => Promise<CliCommand>;

interface Flag extends FlagSpec {
  /** What the value is (for string options), e.g. "NAME". */
  value?: string;
  help: string;
}

export interface CliCommandEntry {
  summary: string;
  /** Positional arguments, as written in the usage line. */
  args?: string;
  flags: Readonly<Record<string, Flag>>;
  load: Loader;
}

const json: Flag = { type: 'boolean', help: 'one JSON line for scripts instead of text' };

export const COMMANDS: Readonly<Record<string, CliCommandEntry>> = {
  start: {
    summary: 'run the bot (console chat when Slack and Discord are not configured)',
    flags: { community: { type: 'string', value: 'NAME', help: 'console: chat in this stored community (e.g. one filled by an import) instead of "local"' } },
    load: async () => (await import('./start.ts')).runStart,
  },
  demo: {
    summary: 'the console on a sample community with six weeks of activity (its own data folder, RAPPORT_DATA_DIR/demo)',
    flags: {},
    load: async () => (await import('./demo.ts')).runDemo,
  },
  'db migrate': { summary: 'apply database migrations to DATABASE_URL', flags: {}, load: async () => (await import('./db-migrate.ts')).runDbMigrate },
  'slack manifest': {
    summary: 'print the Slack app manifest',
    flags: {
      'socket-mode': { type: 'boolean', help: 'Socket Mode (the default unless Slack is configured without an app token)' },
      http: { type: 'boolean', help: 'HTTP events and commands at --request-url' },
      'request-url': { type: 'string', value: 'URL', help: 'public https:// address of Rapport (default RAPPORT_PUBLIC_URL)' },
      name: { type: 'string', value: 'NAME', help: 'the app name shown in Slack' },
    },
    load: async () => (await import('./slack-manifest.ts')).runSlackManifest,
  },
  'discord sync-commands': {
    summary: 'register slash commands on Discord, sending only changes',
    flags: { guild: { type: 'string', value: 'ID', help: 'one server (numeric id) instead of globally' }, 'dry-run': { type: 'boolean', help: 'say what would change, send nothing' } },
    load: async () => (await import('./discord-sync-commands.ts')).runDiscordSyncCommands,
  },
  'eval answers': {
    summary: 'top-1 and answered right/wrong of the answer engine (no arguments: the bundled knowledge bases)',
    flags: { kb: { type: 'string', value: 'FILE', help: 'a knowledge base (.json, .md, .csv)' }, queries: { type: 'string', value: 'FILE', help: 'JSON Lines queries (repeatable)' }, json },
    load: async () => (await import('./eval-answers.ts')).runEvalAnswers,
  },
  'bench answers': {
    summary: 'p50/p99 from question event to reply call on a 10,000-entry knowledge base',
    flags: { entries: { type: 'string', value: 'N', help: 'knowledge-base size (default 10000)' }, queries: { type: 'string', value: 'N', help: 'questions timed (default 2000)' }, data: { type: 'string', value: 'DIR', help: 'FAQ data folder (default eval/datasets/faq)' }, json },
    load: async () => (await import('./bench-answers.ts')).runBenchAnswers,
  },
  'bench answer-path': {
    summary: 'p50/p99 from a message event to the reply call through the answering feature (in-memory stores)',
    flags: { entries: { type: 'string', value: 'N', help: 'knowledge-base size (default 10000)' }, queries: { type: 'string', value: 'N', help: 'messages timed (default 2000)' }, data: { type: 'string', value: 'DIR', help: 'FAQ data folder (default eval/datasets/faq)' }, json },
    load: async () => (await import('./bench-answer-path.ts')).runBenchAnswerPath,
  },
  'faq import': {
    summary: 'import a knowledge-base file (.json, .md, .csv) into a community',
    args: 'FILE',
    flags: { community: { type: 'string', value: 'ID', help: 'the community (needed when several are stored)' }, replace: { type: 'boolean', help: 'remove entries (or synonym groups) the file does not have' }, synonyms: { type: 'boolean', help: 'FILE holds synonym groups, one per line, not entries' } },
    load: async () => (await import('./faq-import.ts')).runFaqImport,
  },
  'scores rebuild': {
    summary: 'recompute recognition scores from the stored events (run with the bot stopped)',
    flags: { community: { type: 'string', value: 'ID', help: 'only this community' } },
    load: async () => (await import('./scores-rebuild.ts')).runScoresRebuild,
  },
  'eval learning': {
    summary: 'precision/coverage of knowledge-base suggestions mined from solved threads (default: the bundled dev export)',
    flags: { 'slack-export': { type: 'string', value: 'DIR|ZIP', help: 'a Slack export' }, truth: { type: 'string', value: 'FILE', help: 'its ground-truth.json' }, json: { type: 'boolean', help: 'one JSON object' }, 'miner-only': { type: 'boolean', help: 'the thread miner alone, without the pipeline (fast)' } },
    load: async () => (await import('./eval-learning.ts')).runEvalLearning,
  },
  'eval routing': {
    summary: 'hit@1/3 of routing questions to likely helpers on an export (default: the bundled dev export)',
    flags: { 'slack-export': { type: 'string', value: 'DIR|ZIP', help: 'a Slack export' }, truth: { type: 'string', value: 'FILE', help: 'its ground-truth.json (picks the questions scored)' }, json },
    load: async () => (await import('./eval-routing.ts')).runEvalRouting,
  },
  'export gaps': {
    summary: 'questions Rapport could not answer and answers that did not help, grouped by topic',
    flags: { format: { type: 'string', value: 'csv|json', help: 'output format' }, community: { type: 'string', value: 'ID', help: 'the community' }, days: { type: 'string', value: 'N', help: 'how many days back' } },
    load: async () => (await import('./export-gaps.ts')).runExportGaps,
  },
  'import slack-export': {
    summary: 'import a Slack workspace export (folder or ZIP) into the database',
    args: 'DIR|ZIP',
    flags: { community: { type: 'string', value: 'NAME', help: 'the community to import into (see it with `rapport start --community NAME`)' }, team: { type: 'string', value: 'ID', help: 'the Slack workspace id, to join history to a live Slack community' } },
    load: async () => (await import('./import-slack-export.ts')).runImportSlackExport,
  },
  'import discord-export': {
    summary: 'import DiscordChatExporter JSON files into the database',
    args: 'FILE.json...',
    flags: { community: { type: 'string', value: 'NAME', help: 'the community to import into instead of the server the files name' } },
    load: async () => (await import('./import-discord-export.ts')).runImportDiscordExport,
  },
  'import scores': {
    summary: 'starting points from the bot you leave: a MEE6 leaderboard (JSON) or a name,points CSV (karma bots, HeyTaco)',
    args: 'FILE',
    flags: {
      from: { type: 'string', value: 'mee6|csv', help: 'what FILE is' },
      community: { type: 'string', value: 'NAME|ID', help: 'the community (an id such as discord:123, or a name)' },
      'create-missing': { type: 'boolean', help: 'csv: create members for names that match nobody (MEE6 ids always do)' },
    },
    load: async () => (await import('./import-scores.ts')).runImportScores,
  },
  'export community': {
    summary: 'everything a community has (members, events, scores, knowledge base, offers, settings...) as JSON Lines: a backup',
    flags: {
      community: { type: 'string', value: 'NAME|ID', help: 'the community (an id such as slack:T123, or a name)' },
      format: { type: 'string', value: 'jsonl', help: 'output format (JSON Lines, the only one)' },
      out: { type: 'string', value: 'FILE', help: 'write here instead of standard output' },
    },
    load: async () => (await import('./export-community.ts')).runExportCommunity,
  },
  'import community': {
    summary: 'load a `rapport export community` file into this database, in one transaction',
    args: 'FILE',
    flags: { community: { type: 'string', value: 'NEW_NAME', help: 'load it as a console community of this name (a copy next to the original)' } },
    load: async () => (await import('./import-community.ts')).runImportCommunity,
  },
  'eval ambassadors': {
    summary: 'P@5/10/20 of the helper ranking on an export (no arguments: the bundled dev export)',
    flags: { split: { type: 'string', value: 'dev|train', help: 'which bundled export' }, 'slack-export': { type: 'string', value: 'DIR|ZIP', help: 'your own export (with --truth)' }, truth: { type: 'string', value: 'FILE', help: 'its ground-truth file' }, json },
    load: async () => (await import('./eval-ambassadors.ts')).runEvalAmbassadors,
  },
  'bench replay': {
    summary: 'push an export through the full pipeline: msg/s, p50/p99, peak RSS (default: the bundled train export)',
    flags: { 'slack-export': { type: 'string', value: 'DIR|ZIP', help: 'the export to replay' }, json },
    load: async () => (await import('./bench-replay.ts')).runBenchReplay,
  },
  'bench all': { summary: 'run every benchmark (replay on the bundled train export, answers)', flags: { json }, load: async () => (await import('./bench-all.ts')).runBenchAll },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return `Usage: rapport <command> [options]\n\nCommands:\n${Object.entries(COMMANDS)
    .map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`)
    .join('\n')}\n\n"rapport <command> --help" shows a command's options.\n`;
}

export function commandUsage(name: string): string {
  const { summary, args, flags } = COMMANDS[name]!;
  const shown = Object.entries(flags).map(([flag, spec]) => [`--${flag}${spec.value ? ` ${spec.value}` : ''}`, spec.help] as const);
  const width = Math.max(0, ...shown.map(([left]) => left.length));
  const options = shown.length > 0 ? `\n\nOptions:\n${shown.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`).join('\n')}` : '';
  return `Usage: rapport ${name}${args ? ` ${args}` : ''}${shown.length > 0 ? ' [options]' : ''}\n\n${summary}${options}\n  ${'--help'.padEnd(width)}  this text\n`;
}

/** Errors of a service that may come back (PostgreSQL or Redis not answering), not of the configuration. */
const UNAVAILABLE = new Set(['db.connect', 'queue.connect']);

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const match = Object.keys(COMMANDS)
    .sort((a, b) => b.split(' ').length - a.split(' ').length)
    .find((name) => name.split(' ').every((part, i) => argv[i] === part));
  if (!match) {
    const wanted = argv.filter((a) => !a.startsWith('-')).join(' ');
    if (argv.length === 0 || wanted === 'help' || wantsHelp(argv)) {
      io.stdout.write(usage());
      return 0;
    }
    const suggestion = closest(wanted, Object.keys(COMMANDS));
    io.stderr.write(`Unknown command "${wanted}".${suggestion ? ` Did you mean "rapport ${suggestion}"?` : ''}\n\n${usage()}`);
    return 2;
  }
  const rest = argv.slice(match.split(' ').length);
  const entry = COMMANDS[match]!;
  if (wantsHelp(rest)) {
    io.stdout.write(commandUsage(match));
    return 0;
  }
  const unknown = unknownFlag(rest, entry.flags);
  if (unknown) {
    io.stderr.write(`${unknown}\n\n${commandUsage(match)}`);
    return 2;
  }
  try {
    const command = await entry.load();
    return await command(rest, io);
  } catch (error) {
    if (error instanceof ConfigError || (error instanceof RapportError && /^(db|queue|config|cli|web)\./.test(error.code))) {
      io.stderr.write(`${error.message}\n`);
      // Exit code 2 tells a shard manager (DISCORD_SHARDS) that a restart cannot help and it stops
      // every shard; a database or Redis that does not answer yet may answer at the next try.
      const spawnedShard = io.env['SHARDING_MANAGER'] === 'true' && io.env['SHARDS'] !== undefined;
      return spawnedShard && error instanceof RapportError && UNAVAILABLE.has(error.code) ? 1 : 2;
    }
    throw error;
  }
}
