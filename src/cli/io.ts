// What a CLI subcommand gets instead of reaching for process globals, so tests can drive it.
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
