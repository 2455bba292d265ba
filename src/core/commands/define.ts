// A slash command is declared once (commands/*.ts) with defineCommand; generators turn the
// declarations into Discord application commands and the Slack manifest, and the dispatcher runs
// them the same way on every platform. A command (or each subcommand) names the ports it needs;
// its handler receives exactly those as `deps`, typed from the names:
//
//   defineCommand({ name: 'rank', needs: ['leaderboard', 'members'], ..., run({ deps: { leaderboard, members } }) { ... } })
import { z } from 'zod';
import type { Deps, PortName } from '../app-ports.ts';
import type { Actor } from '../events.ts';
import type { OutgoingMessage } from '../outgoing.ts';
import type { CommunityRecord, Language } from '../ports.ts';
import type { Vars } from '../errors.ts';
import type { Localized } from './options.ts';

export interface ReplyOptions {
  /**
   * Only the invoking member sees it (Slack ephemeral, Discord ephemeral, marked as private in the
   * console). Defaults to true for moderator-only commands and subcommands (their results are for
   * the moderator, not the channel), false otherwise.
   */
  ephemeral?: boolean;
}

export interface CommandContext<O, N extends PortName = never> {
  options: O;
  actor: Actor;
  community: CommunityRecord;
  channelId: string;
  language: Language;
  t(key: string, vars?: Vars): string;
  reply(message: OutgoingMessage | string, options?: ReplyOptions): Promise<void>;
  /** The ports this command declared in `needs`, and only those. */
  deps: Deps<N>;
}

/** What the dispatcher runs: options, the moderator rule and the ports to hand over. */
export interface Runnable<S extends z.ZodObject = z.ZodObject, N extends PortName = PortName> {
  options: S;
  /** The ports `run` receives as `deps` (none when omitted). */
  needs?: readonly N[];
  run(context: CommandContext<z.output<S>, N>): Promise<void>;
}

export interface SubcommandDefinition<S extends z.ZodObject = z.ZodObject, N extends PortName = PortName> extends Runnable<S, N> {
  description: Localized;
  /** Overrides the command's moderatorOnly for this subcommand. */
  moderatorOnly?: boolean;
}

interface BaseDefinition {
  /** Lower-case, 1-32 characters, as Discord and Slack require. */
  name: string;
  description: Localized;
  moderatorOnly: boolean;
}

export interface LeafCommandDefinition<S extends z.ZodObject = z.ZodObject, N extends PortName = PortName> extends BaseDefinition, Runnable<S, N> {
  subcommands?: undefined;
}

export type Subcommands = Record<string, SubcommandDefinition<any, any>>;

export interface GroupCommandDefinition<Subs extends Subcommands = Subcommands> extends BaseDefinition {
  /** Each subcommand declares its own `needs`. */
  subcommands: Subs;
  options?: undefined;
  needs?: undefined;
  run?: undefined;
}

export type CommandDefinition = LeafCommandDefinition<any, PortName> | GroupCommandDefinition;

const NAME = /^[a-z][a-z0-9-]{0,31}$/;

export function defineCommand<S extends z.ZodObject, N extends PortName = never>(definition: LeafCommandDefinition<S, N>): LeafCommandDefinition<S, N>;
export function defineCommand<Subs extends Subcommands>(definition: GroupCommandDefinition<Subs>): GroupCommandDefinition<Subs>;
export function defineCommand(definition: CommandDefinition): CommandDefinition {
  if (!NAME.test(definition.name)) throw new Error(`Command name "${definition.name}" must match ${NAME}`);
  for (const sub of Object.keys(definition.subcommands ?? {})) {
    if (!NAME.test(sub)) throw new Error(`Subcommand name "${definition.name} ${sub}" must match ${NAME}`);
  }
  return definition;
}

export function defineSubcommand<S extends z.ZodObject, N extends PortName = never>(definition: SubcommandDefinition<S, N>): SubcommandDefinition<S, N> {
  return definition;
}
