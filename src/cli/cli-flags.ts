// What every `rapport` command shares before it runs: `--help`/`-h` asks for its usage (printed,
// nothing else done), and an option the command does not know is an error that names the closest
// one it does know. The commands keep parsing their own values; this only guards the door.

export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
}

export type FlagTable = Readonly<Record<string, FlagSpec>>;

/** `--help` or `-h` anywhere before a `--` that ends the options. */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/** Levenshtein distance (insertions, deletions and substitutions each cost 1). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The known word nearest to `word`, when it is near enough to be a typo (or a prefix of it). */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: { name: string; score: number } | undefined;
  for (const name of known) {
    const score = name.startsWith(word) && word.length >= 2 ? 0.5 : editDistance(word, name);
    if (!best || score < best.score) best = { name, score };
  }
  return best && best.score <= Math.max(2, Math.floor(word.length / 3)) ? best.name : undefined;
}

/** The first option in `argv` that `flags` does not know, as a message with a suggestion; undefined when all are known. */
export function unknownFlag(argv: readonly string[], flags: FlagTable): string | undefined {
  const longs = Object.keys(flags);
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') return undefined;
    if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) continue;
    const long = arg.startsWith('--');
    const name = long ? arg.slice(2).split('=', 1)[0]! : arg.slice(1, 2);
    const known = long ? (Object.hasOwn(flags, name) ? name : undefined) : longs.find((l) => flags[l]!.short === name);
    if (known === undefined) {
      const suggestion = long ? closest(name, longs) : undefined;
      return `Unknown option ${long ? `--${name}` : `-${name}`}.${suggestion ? ` Did you mean --${suggestion}?` : ''}`;
    }
    // A value given as the next word is not an option, whatever it looks like.
    if (flags[known]!.type === 'string' && !(long && arg.includes('='))) i += 1;
  }
  return undefined;
}
