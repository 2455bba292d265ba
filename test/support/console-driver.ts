// Drives the console adapter in-process: lines go in, and `send` resolves with what Rapport printed
// once every line before it was handled (lines are handled in order, so a marker line that prints
// something tells us the others are done).
import { PassThrough } from 'node:stream';
import { createConsoleAdapter } from '../../src/adapters/console/index.ts';
import type { Clock } from '../../src/core/clock.ts';
import type { ChatAdapter } from '../../src/core/adapter.ts';
import type { Translator } from '../../src/core/translator.ts';

export interface ConsoleDriver {
  /** Sends lines and returns what was printed while they were handled. */
  send(...lines: string[]): Promise<string>;
  printed(): string;
  /** The console adapter reading this driver's input (for createTestApp's adapters). */
  adapter(translator: Translator, options?: { clock?: Clock; language?: 'en' | 'bg'; user?: string }): ChatAdapter;
}

export function createConsoleDriver(options: { timeoutMs?: number } = {}): ConsoleDriver {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  let marker = 0;
  output.on('data', (d) => (printed += d));
  return {
    async send(...lines) {
      const before = printed.length;
      marker += 1;
      input.write(`${lines.join('\n')}\n/in sync${marker}\n`);
      const done = `You are now in #sync${marker}.`;
      const deadline = Date.now() + (options.timeoutMs ?? 60_000);
      while (!printed.slice(before).includes(done)) {
        if (Date.now() > deadline) throw new Error(`The console did not finish these lines in time:\n${lines.join('\n')}\nPrinted:\n${printed.slice(before)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return printed.slice(before);
    },
    printed: () => printed,
    adapter(translator, adapterOptions = {}) {
      const language = adapterOptions.language ?? 'en';
      return createConsoleAdapter({
        input,
        output,
        user: adapterOptions.user ?? 'you',
        clock: adapterOptions.clock ?? { now: () => new Date() },
        t: (k, v) => translator.t(language, k, v),
        onError: (error) => {
          throw error;
        },
      });
    },
  };
}
