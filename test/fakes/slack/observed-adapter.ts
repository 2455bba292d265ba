// Wraps a ChatAdapter so a test knows when the core has finished with what the adapter delivered
// (adapters ack Slack first and process afterwards, so an HTTP 200 does not mean "stored").
import { EventEmitter } from 'node:events';
import type { ChatAdapter } from '../../../src/core/adapter.ts';

export interface ObservedAdapter extends ChatAdapter {
  /** Resolves once `count` events (in total, since start) have been handled by the core. */
  eventsHandled(count: number, timeoutMs?: number): Promise<void>;
  commandsHandled(count: number, timeoutMs?: number): Promise<void>;
  handled: { events: number; commands: number };
}

export function observeAdapter(adapter: ChatAdapter): ObservedAdapter {
  const emitter = new EventEmitter();
  const handled = { events: 0, commands: 0 };
  const until = (key: 'events' | 'commands', count: number, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (handled[key] < count) return false;
        emitter.off('change', check);
        clearTimeout(timer);
        resolve();
        return true;
      };
      const timer = setTimeout(() => {
        emitter.off('change', check);
        reject(new Error(`timed out waiting for ${count} ${key} (handled ${handled[key]})`));
      }, timeoutMs);
      if (!check()) emitter.on('change', check);
    });
  return {
    platform: adapter.platform,
    replier: adapter.replier,
    handled,
    start: (handlers) =>
      adapter.start({
        async onEvent(event) {
          try {
            await handlers.onEvent(event);
          } finally {
            handled.events += 1;
            emitter.emit('change');
          }
        },
        async onCommand(invocation, responder) {
          try {
            await handlers.onCommand(invocation, responder);
          } finally {
            handled.commands += 1;
            emitter.emit('change');
          }
        },
        ...(handlers.formFor ? { formFor: handlers.formFor.bind(handlers) } : {}),
      }),
    stop: () => adapter.stop(),
    eventsHandled: (count, timeoutMs = 20_000) => until('events', count, timeoutMs),
    commandsHandled: (count, timeoutMs = 20_000) => until('commands', count, timeoutMs),
  };
}
