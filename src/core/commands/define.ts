// A slash command is declared once (commands/*.ts) with defineCommand; generators turn the
// declarations into Discord application commands and the Slack manifest, and the dispatcher runs
// them the same way on every platform.
import { z } from 'zod';
import type { Actor } from '../events.ts';
import type { OutgoingMessage } from '../outgoing.ts';
import type { CommunityRecord, Language } from '../ports.ts';
import type { Vars } from '../errors.ts';
import type { Services } from '../services.ts';
import type { Localized } from './options.ts';

export interface ReplyOptions {
  /** Only the invoking member sees it (Slack ephemeral, Discord ephemeral, console as usual). */
  ephemeral?: boolean;
}

export interface CommandContext<O> {
  options: O;
  actor: Actor;
  community: CommunityRecord;
  channelId: string;
  language: Language;
  t(key: string, vars?: Vars): string;
  reply(message: OutgoingMessage | string, options?: ReplyOptions): Promise<void>;
  services: Services;
}

export interface SubcommandDefinition<S extends z.ZodObject = z.ZodObject> {
  description: Localized;
  options: S;
  /** Overrides the command's moderatorOnly for this subcommand. */
  moderatorOnly?: boolean;
  run(context: CommandContext<z.output<S>>): Promise<void>;
}

interface BaseDefinition {
  /** Lower-case, 1-32 characters, as Discord and Slack require. */
  name: string;
  description: Localized;
  moderatorOnly: boolean;
}

export interface LeafCommandDefinition<S extends z.ZodObject = z.ZodObject> extends BaseDefinition {
  options: S;
  run(context: CommandContext<z.output<S>>): Promise<void>;
  subcommands?: undefined;
}

export interface GroupCommandDefinition extends BaseDefinition {
  subcommands: Record<string, SubcommandDefinition<any>>;
  options?: undefined;
  run?: undefined;
}

export type CommandDefinition = LeafCommandDefinition<any> | GroupCommandDefinition;

const NAME = /^[a-z][a-z0-9-]{0,31}$/;

export function defineCommand<S extends z.ZodObject>(definition: LeafCommandDefinition<S>): LeafCommandDefinition<S>;
export function defineCommand(definition: GroupCommandDefinition): GroupCommandDefinition;
export function defineCommand(definition: CommandDefinition): CommandDefinition {
  if (!NAME.test(definition.name)) throw new Error(`Command name "${definition.name}" must match ${NAME}`);
  for (const sub of Object.keys(definition.subcommands ?? {})) {
    if (!NAME.test(sub)) throw new Error(`Subcommand name "${definition.name} ${sub}" must match ${NAME}`);
  }
  return definition;
}

export function defineSubcommand<S extends z.ZodObject>(definition: SubcommandDefinition<S>): SubcommandDefinition<S> {
  return definition;
}
