// The `rapport` command line. Each subcommand lives in its own file; this table is the only
// dispatch. Configuration and connection problems exit with code 2 and a message that says
// what to fix, never a stack trace.
import { ConfigError, RapportError } from '../core/errors.ts';
import type { CliCommand, CliIo } from './io.ts';

type Loader = () => Promise<CliCommand>;

const COMMANDS: Record<string, { summary: string; load: Loader }> = {
  start: { summary: 'run the bot (console chat when Slack and Discord are not configured)', load: async () => (await import('./start.ts')).runStart },
  'db migrate': { summary: 'apply database migrations to DATABASE_URL', load: async () => (await import('./db-migrate.ts')).runDbMigrate },
  'slack manifest': { summary: 'print the Slack app manifest [--socket-mode|--http] [--request-url URL]', load: async () => (await import('./slack-manifest.ts')).runSlackManifest },
  'discord sync-commands': { summary: 'register slash commands on Discord, sending only changes [--guild ID]', load: async () => (await import('./discord-sync-commands.ts')).runDiscordSyncCommands },
  'eval answers': { summary: 'top-1 and answered right/wrong of the answer engine (no arguments: the bundled knowledge bases) [--kb FILE --queries FILE ...] [--json]', load: async () => (await import('./eval-answers.ts')).runEvalAnswers },
  'bench answers': { summary: 'p50/p99 from question event to reply call on a 10,000-entry knowledge base [--entries N] [--json]', load: async () => (await import('./bench-answers.ts')).runBenchAnswers },
  'bench answer-path': { summary: 'p50/p99 from a message event to the reply call through the answering feature (in-memory stores) [--entries N] [--json]', load: async () => (await import('./bench-answer-path.ts')).runBenchAnswerPath },
  'faq import': { summary: 'import a knowledge-base file (.json, .md, .csv) into a community FILE [--community ID] [--replace]', load: async () => (await import('./faq-import.ts')).runFaqImport },
  'scores rebuild': { summary: 'recompute recognition scores from the stored events (run with the bot stopped) [--community ID]', load: async () => (await import('./scores-rebuild.ts')).runScoresRebuild },
  'import slack-export': { summary: 'import a Slack workspace export (folder or ZIP) into the database [--team ID]', load: async () => (await import('./import-slack-export.ts')).runImportSlackExport },
  'import discord-export': { summary: 'import DiscordChatExporter JSON files into the database', load: async () => (await import('./import-discord-export.ts')).runImportDiscordExport },
  'eval ambassadors': { summary: 'P@5/10/20 of the helper ranking on an export (no arguments: the bundled dev export) [--split dev|train | --slack-export DIR|ZIP --truth FILE] [--json]', load: async () => (await import('./eval-ambassadors.ts')).runEvalAmbassadors },
  'eval routing': { summary: 'hit@1/3 of routing questions to helpers on an export [--slack-export DIR] [--truth FILE] [--json]', load: async () => (await import('./eval-routing.ts')).runEvalRouting },
  'bench replay': { summary: 'push an export through the full pipeline: msg/s, p50/p99, peak RSS (default: the bundled train export) [--slack-export DIR|ZIP] [--json]', load: async () => (await import('./bench-replay.ts')).runBenchReplay },
  'bench all': { summary: 'run every benchmark (replay on the bundled train export, answers)', load: async () => (await import('./bench-all.ts')).runBenchAll },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return `Usage: rapport <command> [options]\n\nCommands:\n${Object.entries(COMMANDS)
    .map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`)
    .join('\n')}\n`;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const match = Object.keys(COMMANDS)
    .sort((a, b) => b.split(' ').length - a.split(' ').length)
    .find((name) => name.split(' ').every((part, i) => argv[i] === part));
  if (!match) {
    const wanted = argv.join(' ');
    io.stderr.write(wanted && wanted !== 'help' && wanted !== '--help' ? `Unknown command "${wanted}".\n\n${usage()}` : usage());
    return wanted && wanted !== 'help' && wanted !== '--help' ? 2 : 0;
  }
  try {
    const command = await COMMANDS[match]!.load();
    return await command(argv.slice(match.split(' ').length), io);
  } catch (error) {
    if (error instanceof ConfigError || (error instanceof RapportError && /^(db|queue|config|cli)\./.test(error.code))) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
