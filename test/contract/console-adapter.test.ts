// Proves the console adapter keeps the adapter contract.
import { toPlatformError } from '../../src/adapters/console/errors.ts';
import { createConsoleDriver } from '../support/console-driver.ts';
import { createTestApp } from '../support/harness.ts';
import { adapterContract, type ContractDriver } from './adapter-contract.ts';

async function startConsole(): Promise<ContractDriver> {
  const chat = createConsoleDriver();
  const app = await createTestApp({ adapters: ({ translator }) => [chat.adapter(translator)] });
  const send = (lines: string[]) => chat.send(...lines);
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
