// Console input -> core events. One line is a chat message from the current speaker, a slash
// command, or a console control (/as, /in, /press, /reply, /quit).
import type { CommandInvocation, ReferenceResolver } from '../../core/adapter.ts';
import type { Actor, ChatEvent } from '../../core/events.ts';
import { communityId, scopedId } from '../../core/ids.ts';

export const CONSOLE_SCOPE = 'local';
export const CONSOLE_COMMUNITY = communityId('console', CONSOLE_SCOPE);
export const BOT_NAMES = ['rapport', 'bot'];

export interface ConsoleState {
  /** The console community's name ("local" unless `rapport start --community NAME`). */
  scope: string;
  speaker: string;
  moderator: boolean;
  channel: string;
  /** Unique per process run, so event ids never collide across restarts. */
  session: string;
  sequence: number;
}

export type ConsoleInput =
  | { kind: 'event'; event: ChatEvent }
  | { kind: 'command'; invocation: CommandInvocation }
  | { kind: 'as'; name: string; moderator: boolean }
  | { kind: 'in'; channel: string }
  | { kind: 'community'; name: string }
  | { kind: 'press'; number: number }
  | { kind: 'quit' }
  | { kind: 'empty' };

export function memberIdFor(name: string, scope = CONSOLE_SCOPE): string {
  return scopedId('console', scope, name.toLowerCase());
}

export function channelIdFor(name: string, scope = CONSOLE_SCOPE): string {
  return scopedId('console', scope, name.replace(/^#/, '').toLowerCase());
}

/** A console channel is its name, so "#mods" names one even before anybody spoke there (like /in mods); members are looked up by name. */
function consoleResolver(scope: string): ReferenceResolver {
  return {
    member: async () => null,
    channel: async (raw) => {
      const name = raw.trim().replace(/^#/, '');
      return /^[\p{L}\p{N}_.-]+$/u.test(name) ? channelIdFor(name, scope) : null;
    },
  };
}

export function actorFor(state: ConsoleState): Actor {
  return { memberId: memberIdFor(state.speaker, state.scope), displayName: state.speaker, isBot: false, isModerator: state.moderator };
}

export function nextId(state: ConsoleState, prefix: string): string {
  state.sequence += 1;
  return `${prefix}${state.sequence}-${state.session}`;
}

const CONTROL = /^\/(as|in|community|press|reply|quit|exit)\b\s*(.*)$/i;

export function translateLine(line: string, state: ConsoleState, now: Date): ConsoleInput {
  const text = line.trim();
  if (text === '') return { kind: 'empty' };
  const control = CONTROL.exec(text);
  if (control) {
    const verb = control[1]!.toLowerCase();
    const args = control[2]!.trim();
    if (verb === 'quit' || verb === 'exit') return { kind: 'quit' };
    if (verb === 'as') {
      const [name = '', flag = ''] = args.split(/\s+/);
      return { kind: 'as', name: name.replace(/^@/, '') || state.speaker, moderator: /^(mod|moderator)$/i.test(flag) };
    }
    if (verb === 'community') return { kind: 'community', name: args };
    if (verb === 'in') return { kind: 'in', channel: args.replace(/^#/, '') || state.channel };
    if (verb === 'press') return { kind: 'press', number: Number.parseInt(args, 10) };
    const [target = '', ...rest] = args.split(/\s+/);
    return { kind: 'event', event: messageEvent(rest.join(' '), state, now, target) };
  }
  if (text.startsWith('/')) {
    const [name = '', ...rest] = text.slice(1).split(/\s+/);
    const channelId = channelIdFor(state.channel, state.scope);
    return {
      kind: 'command',
      invocation: {
        platform: 'console',
        invocationId: `console:${nextId(state, 'c')}`,
        communityId: communityId('console', state.scope),
        communityName: state.scope === CONSOLE_SCOPE ? 'console' : state.scope,
        channelId,
        channelName: state.channel,
        actor: actorFor(state),
        command: name.toLowerCase(),
        text: rest.join(' '),
        occurredAt: now,
        resolver: consoleResolver(state.scope),
      },
    };
  }
  return { kind: 'event', event: messageEvent(text, state, now) };
}

function messageEvent(text: string, state: ConsoleState, now: Date, threadId?: string): ChatEvent {
  const messageId = nextId(state, 'm');
  const mentioned = [...text.matchAll(/@([\p{L}\p{N}_.-]+)/gu)].map((m) => m[1]!.toLowerCase());
  return {
    type: 'message.posted',
    platform: 'console',
    eventId: `console:${messageId}`,
    communityId: communityId('console', state.scope),
    occurredAt: now,
    channelId: channelIdFor(state.channel, state.scope),
    channelName: state.channel,
    messageId,
    ...(threadId ? { threadId, replyTo: { messageId: threadId } } : {}),
    author: actorFor(state),
    text,
    mentions: mentioned.filter((name) => !BOT_NAMES.includes(name)).map((name) => memberIdFor(name, state.scope)),
    mentionsBot: mentioned.some((name) => BOT_NAMES.includes(name)),
  };
}
