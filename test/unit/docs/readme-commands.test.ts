// Proves every slash-command example in README.md uses only options its command declares (the README once said `expiry:` where /offer create takes `expires:`), and that the README makes no start-up time claim it does not measure.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { describeOptions } from '../../../src/core/commands/options.ts';
import { tokenize } from '../../../src/core/commands/parse-text.ts';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

function optionsOf(name: string, sub: string | undefined): string[] | undefined {
  const command = commands.find((c) => c.name === name) as unknown as { options?: Parameters<typeof describeOptions>[0]; subcommands?: Record<string, { options: Parameters<typeof describeOptions>[0] }> } | undefined;
  if (!command) return undefined;
  const schema = command.subcommands ? (sub ? command.subcommands[sub]?.options : undefined) : command.options;
  return schema ? describeOptions(schema).map((o) => o.name) : undefined;
}

describe('README slash-command examples', () => {
  it('GIVEN every `/command sub name:value` example in backticks THEN each name is an option of that command', () => {
    const examples = [...README.matchAll(/`\/([a-z]+)((?: [^`|\[]+)?)`/g)].filter((m) => /\w:\S/.test(m[2]!));
    expect(examples.length).toBeGreaterThan(3);
    const wrong: string[] = [];
    for (const [text, name, rest] of examples) {
      const words = tokenize(rest!.trim());
      const sub = words[0] && !words[0].includes(':') ? words[0] : undefined;
      const known = optionsOf(name!, sub);
      if (!known) continue; // a console control or a command of another branch
      for (const word of words) {
        const option = /^([a-z]+):/.exec(word)?.[1];
        if (option && !known.includes(option)) wrong.push(`${text}: ${option}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(README).toContain('expires:14d');
  });

  it('GIVEN the benchmark table THEN it claims no `npm start` time', () => {
    expect(README).not.toMatch(/`npm start` on an empty data folder \| ready in/);
  });
});
