// What a CLI subcommand gets instead of reaching for process globals, so tests can drive it.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isUserError } from '../core/errors.ts';

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  /**
   * For long-running commands (bin/rapport.js gives it to `start`): `signal` aborts when the
   * process is asked to stop (SIGTERM, SIGINT); `request` asks for that stop from inside (a fatal
   * error). The reason is the signal's name or what went wrong.
   */
  shutdown?: { signal: AbortSignal; request(reason: string): void };
}

export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;

type ArgOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * Strict node:util parseArgs with `--help`/`-h` added: the parsed values, or the exit code when the
 * command should stop here (0 after printing `usage` for --help; 2 after naming a bad option).
 */
export function parseCommandArgs<V extends { help?: boolean }>(argv: string[], options: ArgOptions, usage: string, io: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } }): { values: V } | { exit: number } {
  let values: V;
  try {
    values = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true }).values as V;
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return { exit: 2 };
  }
  if (values.help) {
    io.stdout.write(usage);
    return { exit: 0 };
  }
  return { values };
}

/** Reads `--name value` and `--flag` arguments; repeated names collect into arrays. */
export function parseFlags(argv: string[], spec: { strings?: string[]; lists?: string[]; booleans?: string[] }): { values: Record<string, string>; lists: Record<string, string[]>; flags: Set<string>; rest: string[]; errors: string[] } {
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  const flags = new Set<string>();
  const rest: string[] = [];
  const errors: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      rest.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (spec.booleans?.includes(name)) {
      flags.add(name);
      continue;
    }
    const takesValue = spec.strings?.includes(name) || spec.lists?.includes(name);
    if (!takesValue) {
      errors.push(`unknown option --${name}`);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) {
      errors.push(`--${name} needs a value`);
      if (value !== undefined) i -= 1;
      continue;
    }
    if (spec.lists?.includes(name)) (lists[name] ??= []).push(value);
    else values[name] = value;
  }
  return { values, lists, flags, rest, errors };
}

/**
 * What a command does with an error it caught: a UserError becomes its message on stderr (after the
 * file it is about, if any) and exit code 1; anything else is rethrown.
 */
export function exitWithUserError(error: unknown, io: Pick<CliIo, 'stderr'>, t: (key: string, vars?: Record<string, string | number>) => string, file?: string): number {
  if (!isUserError(error)) throw error;
  io.stderr.write(`${file === undefined ? '' : `${file}: `}${t(error.key, error.vars as Record<string, string | number> | undefined)}\n`);
  return 1;
}
