// Command declarations (commands/*.ts) -> Discord application command JSON, with English text and
// Bulgarian localizations. Pure: the same input always gives the same JSON, which is what lets
// sync-commands compare it with what Discord has registered.
// https://discord.com/developers/docs/interactions/application-commands#application-command-object
import type { RESTPostAPIChatInputApplicationCommandsJSONBody, RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord.js';
import type { CommandDefinition } from '../../core/commands/define.ts';
import type { MessageActionDefinition } from '../../core/commands/message-actions.ts';
import { describeOptions, type Localized, type OptionSpec } from '../../core/commands/options.ts';
import type { z } from 'zod';
import { truncate } from './render.ts';
import { OPTION_TYPE } from './translate.ts';

export type DiscordCommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody | RESTPostAPIContextMenuApplicationCommandsJSONBody;
type ChatInputJson = RESTPostAPIChatInputApplicationCommandsJSONBody;
type OptionJson = NonNullable<ChatInputJson['options']>[number];

/** Manage Server: who sees moderator-only commands by default; Rapport checks again at run time. */
export const MODERATOR_DEFAULT_PERMISSIONS = (1n << 5n).toString();
/** Text, announcement, public and private threads, forum (https://discord.com/developers/docs/resources/channel#channel-object-channel-types). */
export const TEXT_CHANNEL_TYPES = [0, 5, 10, 11, 12, 15] as const;
const DESCRIPTION_MAX = 100;
const MAX_OPTIONS = 25;
const CHOICE_MAX = 25;
const OPTION_NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;

const KIND_TO_TYPE: Record<OptionSpec['kind'], number> = {
  string: OPTION_TYPE.string,
  integer: OPTION_TYPE.integer,
  boolean: OPTION_TYPE.boolean,
  member: OPTION_TYPE.user,
  channel: OPTION_TYPE.channel,
  role: OPTION_TYPE.role,
  choice: OPTION_TYPE.string,
};

export function discordCommands(commands: readonly CommandDefinition[]): ChatInputJson[] {
  return commands.map(discordCommand);
}

/**
 * A message action (src/core/commands/message-actions.ts) as a message context-menu command
 * (type 3): a name (at most 32 characters, any case and spaces), no description, no options.
 * https://discord.com/developers/docs/interactions/application-commands#message-commands
 */
export function discordMessageCommand(action: MessageActionDefinition): DiscordCommandJson {
  return {
    type: 3,
    name: truncate(action.name.en, 32),
    name_localizations: { bg: truncate(action.name.bg, 32) },
    contexts: [0],
    integration_types: [0],
    ...(action.moderatorOnly ? { default_member_permissions: MODERATOR_DEFAULT_PERMISSIONS } : {}),
  };
}

export function discordCommand(definition: CommandDefinition): ChatInputJson {
  const json: ChatInputJson = {
    type: 1,
    name: definition.name,
    ...describe(definition.description),
    // Guild only: every command works on a community (contexts 0 = GUILD, integration type 0 = GUILD_INSTALL).
    contexts: [0],
    integration_types: [0],
  };
  if (definition.subcommands) {
    const entries = Object.entries(definition.subcommands);
    json.options = entries.map(([name, sub]) => ({ type: OPTION_TYPE.subcommand, name, ...describe(sub.description), options: options(`${definition.name} ${name}`, sub.options) }) as OptionJson);
    // Discord hides a whole command, not a subcommand: restrict only when every subcommand is moderator-only.
    if (entries.every(([, sub]) => sub.moderatorOnly ?? definition.moderatorOnly)) json.default_member_permissions = MODERATOR_DEFAULT_PERMISSIONS;
  } else {
    json.options = options(definition.name, definition.options);
    if (definition.moderatorOnly) json.default_member_permissions = MODERATOR_DEFAULT_PERMISSIONS;
  }
  return json;
}

function describe(description: Localized): { description: string; description_localizations: { bg: string } } {
  return { description: truncate(description.en, DESCRIPTION_MAX), description_localizations: { bg: truncate(description.bg, DESCRIPTION_MAX) } };
}

function options(path: string, schema: z.ZodObject): OptionJson[] {
  const declared = describeOptions(schema);
  if (declared.length > MAX_OPTIONS) throw new Error(`/${path} declares ${declared.length} options; Discord allows ${MAX_OPTIONS}`);
  const json = declared.map(({ name, spec }) => {
    if (!OPTION_NAME.test(name)) throw new Error(`Option "${name}" of /${path} must be lower-case (Discord option names match ${OPTION_NAME})`);
    const option: Record<string, unknown> = { type: KIND_TO_TYPE[spec.kind], name, ...describe(spec.description), required: spec.required };
    if (spec.kind === 'channel') option.channel_types = [...TEXT_CHANNEL_TYPES];
    if (spec.choices) {
      if (spec.choices.length > CHOICE_MAX) throw new Error(`Option "${name}" of /${path} has more than ${CHOICE_MAX} choices`);
      option.choices = spec.choices.map((choice) => ({ name: choice, value: choice }));
    }
    return option as unknown as OptionJson;
  });
  // Discord requires required options before optional ones; keep declaration order otherwise.
  return [...json.filter((o) => 'required' in o && o.required), ...json.filter((o) => !('required' in o && o.required))];
}
