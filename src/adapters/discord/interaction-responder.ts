// Answers a slash command interaction: Discord requires a response within 3 seconds, and an
// interaction token then stays valid for 15 minutes for edits and follow-ups.
// https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
//
// The first reply answers the interaction directly. If the handler is still working after
// `deferAfterMs`, the interaction is deferred ("Rapport is thinking...") and the reply edits that
// placeholder later. A deferred response fixes visibility: an ephemeral reply to a public deferral
// becomes an ephemeral follow-up and the public placeholder is deleted. Later replies are follow-ups.
import type { CommandResponder } from '../../core/adapter.ts';
import type { Logger } from '../../core/logger.ts';
import type { OutgoingMessage } from '../../core/outgoing.ts';
import { toPlatformError } from './errors.ts';
import { renderMessage, type RenderedMessage } from './render.ts';

export const EPHEMERAL_FLAG = 1 << 6;

export type InteractionPayload = Omit<RenderedMessage, 'files'> & { files?: RenderedMessage['files']; flags?: number };

/** The interaction calls the responder needs; index.ts binds them to a discord.js interaction. */
export interface InteractionCalls {
  reply(payload: InteractionPayload): Promise<unknown>;
  deferReply(options: { flags?: number }): Promise<unknown>;
  editReply(payload: InteractionPayload): Promise<unknown>;
  followUp(payload: InteractionPayload): Promise<unknown>;
  deleteReply(): Promise<unknown>;
}

export interface InteractionResponder extends CommandResponder {
  /** Call when the handler is done: stops the defer timer and closes a deferral nobody answered. */
  finish(fallback: OutgoingMessage): Promise<void>;
  readonly state: 'fresh' | 'deferred' | 'replied';
}

export function createInteractionResponder(calls: InteractionCalls, options: { deferAfterMs: number; logger: Logger }): InteractionResponder {
  let state: 'fresh' | 'deferred' | 'replied' = 'fresh';
  let deferredEphemeral = false;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  const timer = setTimeout(() => {
    void serial(async () => {
      if (state !== 'fresh') return;
      await calls.deferReply({});
      state = 'deferred';
      deferredEphemeral = false;
    }).catch((error: unknown) => options.logger.warn({ err: toPlatformError(error, 'defer interaction') }, 'could not defer a Discord interaction'));
  }, options.deferAfterMs);
  timer.unref?.();

  const send = async (message: OutgoingMessage, ephemeral: boolean): Promise<void> => {
    const payload: InteractionPayload = { ...renderMessage(message), ...(ephemeral ? { flags: EPHEMERAL_FLAG } : {}) };
    if (state === 'fresh') {
      clearTimeout(timer);
      await calls.reply(payload);
      state = 'replied';
    } else if (state === 'deferred') {
      if (ephemeral === deferredEphemeral) {
        await calls.editReply(withoutFlags(payload));
        state = 'replied';
      } else {
        await calls.followUp(payload);
        state = 'replied';
        await calls.deleteReply();
      }
    } else {
      await calls.followUp(payload);
    }
  };

  return {
    get state() {
      return state;
    },
    reply(message, { ephemeral }) {
      return serial(() => send(message, ephemeral)).catch((error: unknown) => {
        throw toPlatformError(error, 'reply to interaction');
      });
    },
    async finish(fallback) {
      clearTimeout(timer);
      await serial(async () => {
        if (state === 'replied') return;
        // A handler that never replied would leave "The application did not respond" (fresh) or an
        // endless "thinking..." (deferred): answer with the fallback, only to the invoking member.
        options.logger.warn({ state }, 'Discord command finished without a reply');
        await send(fallback, true);
      }).catch((error: unknown) => options.logger.warn({ err: toPlatformError(error, 'finish interaction') }, 'could not close a Discord interaction'));
    },
  };
}

function withoutFlags(payload: InteractionPayload): InteractionPayload {
  const { flags: _flags, ...rest } = payload;
  return rest;
}
