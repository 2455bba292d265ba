// The console adapter: a terminal chat for trying Rapport locally. Lines typed (or piped) become
// chat messages and commands from the current speaker; the bot's replies are printed.
import { randomBytes } from 'node:crypto';
import readline from 'node:readline';
import type { AdapterHandlers, ChatAdapter } from '../../core/adapter.ts';
import { cleanHandlers } from '../../core/clean-input.ts';
import type { Clock } from '../../core/clock.ts';
import type { Vars } from '../../core/errors.ts';
import type { OutgoingMessage, Replier } from '../../core/outgoing.ts';
import { communityId, parseId } from '../../core/ids.ts';
import { isCommunityName } from '../../import/into-community.ts';
import { HISTORY_SIZE, appendHistory, readHistory, saveSentFile } from './console-files.ts';
import { renderMessage, type NumberedButton } from './render.ts';
import { CONSOLE_SCOPE, actorFor, channelIdFor, nextId, translateLine, type ConsoleState } from './translate.ts';

export interface ConsoleAdapterOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  user: string;
  channel?: string;
  /** The community to chat in (`rapport start --community NAME`); "local" by default. */
  community?: string;
  clock: Clock;
  t(key: string, vars?: Vars): string;
  /** A line could not be handled (database down, a bug); the console keeps going. */
  onError(error: unknown): void;
  /** Line editing and Up/Down history (default: when the input is a terminal). */
  terminal?: boolean;
  /** Where typed lines are kept across runs; none without it. */
  historyFile?: string;
  /** Where files sent by DM are written (/privacy export); without it they are only named. */
  filesDir?: string;
}

export interface ConsoleAdapter extends ChatAdapter {
  /** Resolves when the person quits or the input ends, after pending lines were handled. */
  readonly finished: Promise<void>;
}

export function createConsoleAdapter(options: ConsoleAdapterOptions): ConsoleAdapter {
  const state: ConsoleState = { scope: options.community ?? CONSOLE_SCOPE, speaker: options.user, moderator: true, channel: options.channel ?? 'general', session: randomBytes(4).toString('hex'), sequence: 0 };
  const buttons = new Map<number, NumberedButton>();
  let buttonCount = 0;
  let rl: readline.Interface | undefined;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const print = (text: string) => options.output.write(`${text}\n`);

  function numbered(message: OutgoingMessage, messageId: string, channelId?: string): NumberedButton[] {
    return (message.buttons ?? []).map((button) => {
      buttonCount += 1;
      const entry: NumberedButton = { ...button, number: buttonCount, messageId, ...(channelId ? { channelId } : {}) };
      buttons.set(buttonCount, entry);
      return entry;
    });
  }

  const replier: Replier = {
    async post(target, message) {
      const messageId = nextId(state, 'b');
      const channel = parseId(target.channelId).local ?? target.channelId;
      const where = target.threadOf ? `#${channel}, thread ${target.threadOf}` : `#${channel}`;
      print(renderMessage(`Rapport [${where}] (${messageId}):`, message, numbered(message, messageId, target.channelId)));
      return { messageId, channelId: target.channelId };
    },
    async dm(memberId, message) {
      const messageId = nextId(state, 'd');
      const name = parseId(memberId).local ?? memberId;
      print(renderMessage(`Rapport [DM to ${name}] (${messageId}):`, message, numbered(message, messageId)));
      if (message.file && options.filesDir) print(`  ${options.t('consoleRun.fileSaved', { path: saveSentFile(options.filesDir, message.file) })}`);
      return { messageId, channelId: `dm:${memberId}` };
    },
    async ephemeral(channelId, _memberId, message) {
      print(renderMessage(`Rapport (only you see this):`, message, numbered(message, nextId(state, 'b'), channelId)));
    },
  };

  async function handleLine(line: string, handlers: AdapterHandlers): Promise<boolean> {
    const input = translateLine(line, state, options.clock.now());
    switch (input.kind) {
      case 'empty':
        return true;
      case 'quit':
        return false;
      case 'as':
        state.speaker = input.name;
        state.moderator = input.moderator;
        print(options.t('common.console.as', { name: input.name, mod: input.moderator ? options.t('common.console.modSuffix') : '' }));
        return true;
      case 'community': {
        // Another console community: one an import made with --community NAME, or a new one.
        if (input.name === '') print(options.t('common.console.communityNow', { name: state.scope }));
        else if (!isCommunityName(input.name)) print(options.t('consoleRun.badCommunity', { name: input.name }));
        else {
          state.scope = input.name;
          print(options.t('common.console.community', { name: input.name, channel: state.channel }));
        }
        return true;
      }
      case 'in':
        state.channel = input.channel;
        print(options.t('common.console.in', { channel: input.channel }));
        return true;
      case 'press': {
        const button = buttons.get(input.number);
        if (!button) {
          print(options.t('common.console.noButton', { number: Number.isNaN(input.number) ? '?' : input.number }));
          return true;
        }
        const pressId = nextId(state, 'p');
        await handlers.onEvent({
          type: 'button.pressed',
          platform: 'console',
          eventId: `console:${pressId}`,
          communityId: communityId('console', state.scope),
          occurredAt: options.clock.now(),
          ...(button.channelId ? { channelId: button.channelId } : {}),
          messageId: button.messageId,
          actor: actorFor(state),
          actionId: button.actionId,
          value: button.value,
        });
        return true;
      }
      case 'command':
        await handlers.onCommand(input.invocation, {
          async reply(message, { ephemeral }) {
            const header = ephemeral ? `Rapport (only you see this):` : `Rapport [#${state.channel}]:`;
            print(renderMessage(header, message, numbered(message, nextId(state, 'b'), input.invocation.channelId)));
          },
        });
        return true;
      case 'event':
        await handlers.onEvent(input.event);
        return true;
    }
  }

  return {
    platform: 'console',
    replier,
    finished,
    async start(handlers) {
      print(options.t('common.console.welcome', { name: state.speaker, channel: state.channel }));
      const terminal = options.terminal ?? (options.input as { isTTY?: boolean }).isTTY === true;
      rl = readline.createInterface({
        input: options.input,
        ...(terminal ? { output: options.output, terminal: true, historySize: HISTORY_SIZE, removeHistoryDuplicates: true, history: options.historyFile ? readHistory(options.historyFile) : [], prompt: '' } : { terminal: false }),
      });
      const cleaned = cleanHandlers(handlers);
      // Lines are handled strictly in order: piped input must behave like typed input.
      let chain = Promise.resolve(true);
      rl.on('line', (line) => {
        if (options.historyFile) appendHistory(options.historyFile, line);
        chain = chain.then(async (go) => {
          if (!go) return false;
          let keepGoing = true;
          try {
            keepGoing = await handleLine(line, cleaned);
          } catch (error) {
            options.onError(error);
          }
          if (!keepGoing) rl?.close();
          return keepGoing;
        });
      });
      rl.on('close', () => {
        void chain.then(() => finish());
      });
    },
    async stop() {
      rl?.close();
      await finished;
    },
  };
}

export { channelIdFor };
