// AdapterHandlers that record what an adapter delivers, so adapter tests can assert on the core's
// side of the boundary without the pipeline. Commands are answered by `answer` (default: echo).
import { EventEmitter } from 'node:events';
import type { AdapterHandlers, CommandInvocation, CommandResponder } from '../../../src/core/adapter.ts';
import type { ChatEvent } from '../../../src/core/events.ts';
import type { Logger } from '../../../src/core/logger.ts';

export interface RecordingHandlers extends AdapterHandlers {
  events: ChatEvent[];
  commands: CommandInvocation[];
  /** Every onEvent call, duplicates included. */
  delivered: ChatEvent[];
  waitForDelivered(count: number, timeoutMs?: number): Promise<ChatEvent[]>;
  waitForEvents(count: number, timeoutMs?: number): Promise<ChatEvent[]>;
  waitForCommands(count: number, timeoutMs?: number): Promise<CommandInvocation[]>;
}

export function recordingHandlers(answer?: (invocation: CommandInvocation, responder: CommandResponder) => Promise<void>): RecordingHandlers {
  const emitter = new EventEmitter();
  const events: ChatEvent[] = [];
  const commands: CommandInvocation[] = [];
  const seen = new Set<string>();
  const delivered: ChatEvent[] = [];
  function waitFor<T>(list: T[], count: number, timeoutMs: number, what: string): Promise<T[]> {
    if (list.length >= count) return Promise.resolve(list);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        emitter.off('change', check);
        reject(new Error(`timed out waiting for ${count} ${what} (have ${list.length})`));
      }, timeoutMs);
      const check = () => {
        if (list.length < count) return;
        clearTimeout(timer);
        emitter.off('change', check);
        resolve(list);
      };
      emitter.on('change', check);
    });
  }
  return {
    events,
    commands,
    delivered,
    waitForDelivered: (count, timeoutMs = 20_000) => waitFor(delivered, count, timeoutMs, 'deliveries'),
    // Like storage, an event id is taken once: redeliveries and message/app_mention twins are dropped.
    async onEvent(event) {
      delivered.push(event);
      emitter.emit('change');
      if (seen.has(event.eventId)) return;
      seen.add(event.eventId);
      events.push(event);
      emitter.emit('change');
    },
    async onCommand(invocation, responder) {
      commands.push(invocation);
      emitter.emit('change');
      if (answer) await answer(invocation, responder);
      // "privately" asks for an ephemeral answer, as command errors are.
      else await responder.reply({ text: `ran /${invocation.command} ${invocation.text ?? ''}`.trim() }, { ephemeral: invocation.text === 'privately' });
    },
    waitForEvents: (count, timeoutMs = 20_000) => waitFor(events, count, timeoutMs, 'events'),
    waitForCommands: (count, timeoutMs = 20_000) => waitFor(commands, count, timeoutMs, 'commands'),
  };
}

/** A Logger that keeps lines in memory (tests stay quiet and can assert on warnings). */
export function memoryLogger(lines: Array<{ level: string; object: unknown; message?: string }> = []): Logger {
  const write = (level: string) => (objectOrMessage: object | string, message?: string) => {
    if (typeof objectOrMessage === 'string') lines.push({ level, object: {}, message: objectOrMessage });
    else lines.push({ level, object: objectOrMessage, ...(message !== undefined ? { message } : {}) });
  };
  const logger: Logger = { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), child: () => logger };
  return logger;
}
