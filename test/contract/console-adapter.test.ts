// Proves the console adapter keeps the adapter contract.
import { PassThrough } from 'node:stream';
import { createConsoleAdapter } from '../../src/adapters/console/index.ts';
import { toPlatformError } from '../../src/adapters/console/errors.ts';
import { createTestApp } from '../support/harness.ts';
import { adapterContract, type ContractDriver } from './adapter-contract.ts';

async function startConsole(): Promise<ContractDriver> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d) => (printed += d));
  const app = await createTestApp({
    adapters: ({ translator }) => [
      createConsoleAdapter({ input, output, user: 'you', clock: { now: () => new Date() }, t: (k, v) => translator.t('en', k, v), onError: (e) => { throw e; } }),
    ],
  });
  // Lines are handled in order; a marker line that prints something tells us all before it are done.
  let marker = 0;
  async function send(lines: string[]): Promise<string> {
    const before = printed.length;
    marker += 1;
    input.write(`${lines.join('\n')}\n/in sync${marker}\n`);
    const done = `You are now in #sync${marker}.`;
    while (!printed.slice(before).includes(done)) await new Promise((r) => setTimeout(r, 10));
    return printed.slice(before);
  }
  return {
    app,
    async memberSays(member, text) {
      await send([`/as ${member.name}${member.moderator ? ' mod' : ''}`, '/in general', text]);
    },
    async botSays() {
      // The console never feeds the bot's output back as input: nothing arrives.
      await send([]);
    },
    async command(member, line) {
      return send([`/as ${member.name}${member.moderator ? ' mod' : ''}`, `/${line}`]);
    },
    close: () => app.close(),
  };
}

adapterContract({
  platform: 'console',
  start: startConsole,
  toPlatformError,
  errorCases: [
    { error: Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }), code: 'closed', retryable: false },
    { error: new Error('odd'), code: 'unknown', retryable: true },
  ],
});
