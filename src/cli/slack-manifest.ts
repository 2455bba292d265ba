// `rapport slack manifest [--socket-mode|--http] [--request-url URL] [--name NAME]`: prints the
// Slack app manifest generated from commands/, ready to paste into "Create an app -> From a manifest".
import { commands } from '../../commands/index.ts';
import { slackManifest } from '../adapters/slack/index.ts';
import { loadConfig } from '../config.ts';
import { RapportError } from '../core/errors.ts';
import { parseFlags, type CliCommand } from './io.ts';

export const runSlackManifest: CliCommand = async (argv, io) => {
  const config = loadConfig(io.env);
  const flags = parseFlags(argv, { strings: ['request-url', 'name'], booleans: ['socket-mode', 'http'] });
  if (flags.errors.length > 0 || flags.rest.length > 0) {
    throw new RapportError('cli.usage', `${[...flags.errors, ...flags.rest.map((r) => `unexpected "${r}"`)].join('; ')}\nUsage: rapport slack manifest [--socket-mode | --http] [--request-url https://your-host] [--name Rapport]`);
  }
  // Socket Mode unless HTTP is asked for (or configured without an app token): it needs no public URL.
  const socketMode = flags.flags.has('socket-mode') || (!flags.flags.has('http') && !(config.slack && !config.slack.appToken));
  const requestUrl = flags.values['request-url'] ?? config.publicUrl;
  if (!socketMode && !/^https:\/\//.test(requestUrl)) {
    io.stderr.write(`Note: Slack only delivers events to a public https:// URL; ${requestUrl} will not work from Slack. Pass --request-url https://your-host or use --socket-mode.\n`);
  }
  const manifest = slackManifest(commands, {
    socketMode,
    ...(socketMode ? {} : { requestUrl }),
    ...(flags.values['name'] ? { name: flags.values['name'] } : {}),
    language: config.language,
    ...(config.slackCommandPrefix ? { commandPrefix: config.slackCommandPrefix } : {}),
  });
  io.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
  return 0;
};
