// Registers Rapport's slash commands with Discord, sending only what changed (compare sapphire's
// computeDifferences): fetch what is registered, compare normalized JSON per command, then create,
// edit or delete just those. A first sync (nothing registered) is one bulk overwrite of the set.
// https://discord.com/developers/docs/interactions/application-commands#registering-a-command
import { REST, Routes, type APIApplicationCommand } from 'discord.js';
import type { CommandDefinition } from '../../core/commands/define.ts';
import { MESSAGE_ACTIONS, type MessageActionDefinition } from '../../core/commands/message-actions.ts';
import { discordCommands, discordMessageCommand, type DiscordCommandJson } from './commands-json.ts';
import { toPlatformError } from './errors.ts';

export interface SyncCommandsInput {
  rest: REST;
  applicationId: string;
  /** Register in one guild (changes show at once; good for testing); omitted = global commands. */
  guildId?: string;
  commands: readonly CommandDefinition[];
  /** Message context-menu commands (default: every declared message action). */
  messageActions?: readonly MessageActionDefinition[];
  /** What is registered, when the caller already fetched it (skips the GET). */
  previous?: readonly APIApplicationCommand[];
  /** Report what would change without sending it. */
  dryRun?: boolean;
}

export interface SyncCommandsSummary {
  scope: 'global' | { guildId: string };
  created: string[];
  updated: string[];
  deleted: string[];
  unchanged: string[];
  /** Write requests sent (0 when nothing changed or dryRun). */
  writes: number;
  mode: 'none' | 'bulk' | 'individual';
}

/** A REST client for sync-commands (no gateway connection needed). apiUrl as DISCORD_API_URL. */
export function createDiscordRest(options: { token: string; apiUrl?: string }): REST {
  return new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
}

/** One line for the CLI, in English or Bulgarian. */
export function describeSyncSummary(summary: SyncCommandsSummary, language: 'en' | 'bg'): string {
  const where = summary.scope === 'global' ? (language === 'bg' ? 'глобално' : 'globally') : `${language === 'bg' ? 'в сървър' : 'in server'} ${summary.scope.guildId}`;
  const list = (names: string[]) => (names.length ? names.map((n) => `/${n}`).join(', ') : '—');
  if (summary.writes === 0 && summary.created.length + summary.updated.length + summary.deleted.length === 0) {
    return language === 'bg'
      ? `Discord командите ${where} вече са актуални (${summary.unchanged.length}); нищо не е изпратено.`
      : `Discord commands ${where} are already up to date (${summary.unchanged.length}); nothing sent.`;
  }
  return language === 'bg'
    ? `Discord команди ${where}: нови ${list(summary.created)}; променени ${list(summary.updated)}; изтрити ${list(summary.deleted)}; без промяна ${summary.unchanged.length}; заявки ${summary.writes}.`
    : `Discord commands ${where}: created ${list(summary.created)}; updated ${list(summary.updated)}; deleted ${list(summary.deleted)}; unchanged ${summary.unchanged.length}; requests ${summary.writes}.`;
}

export interface CommandDifferences {
  create: DiscordCommandJson[];
  update: Array<{ id: string; json: DiscordCommandJson }>;
  remove: Array<{ id: string; name: string }>;
  unchanged: string[];
}

export async function syncDiscordCommands(input: SyncCommandsInput): Promise<SyncCommandsSummary> {
  const { rest, applicationId, guildId } = input;
  const listRoute = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const oneRoute = (id: string) => (guildId ? Routes.applicationGuildCommand(applicationId, guildId, id) : Routes.applicationCommand(applicationId, id));
  try {
    // Without with_localizations Discord returns only the caller's locale, and every sync would look changed.
    const registered = input.previous ?? ((await rest.get(listRoute, { query: new URLSearchParams({ with_localizations: 'true' }) })) as APIApplicationCommand[]);
    const desired = [...discordCommands(input.commands), ...(input.messageActions ?? MESSAGE_ACTIONS).map(discordMessageCommand)];
    const diff = computeDifferences(registered, desired);
    const summary: SyncCommandsSummary = {
      scope: guildId ? { guildId } : 'global',
      created: diff.create.map((c) => c.name),
      updated: diff.update.map((u) => u.json.name),
      deleted: diff.remove.map((r) => r.name),
      unchanged: diff.unchanged,
      writes: 0,
      mode: 'none',
    };
    const changes = diff.create.length + diff.update.length + diff.remove.length;
    if (changes === 0 || input.dryRun) return summary;
    if (registered.length === 0) {
      await rest.put(listRoute, { body: desired });
      return { ...summary, writes: 1, mode: 'bulk' };
    }
    for (const json of diff.create) await rest.post(listRoute, { body: json });
    for (const { id, json } of diff.update) await rest.patch(oneRoute(id), { body: json });
    for (const { id } of diff.remove) await rest.delete(oneRoute(id));
    return { ...summary, writes: changes, mode: 'individual' };
  } catch (error) {
    throw toPlatformError(error, `sync Discord commands (${guildId ? `guild ${guildId}` : 'global'})`);
  }
}

export function computeDifferences(registered: readonly APIApplicationCommand[], desired: readonly DiscordCommandJson[]): CommandDifferences {
  const diff: CommandDifferences = { create: [], update: [], remove: [], unchanged: [] };
  const key = (type: number | undefined, name: string) => `${type ?? 1}:${name}`;
  const byKey = new Map(registered.map((command) => [key(command.type, command.name), command]));
  for (const json of desired) {
    const existing = byKey.get(key(json.type, json.name));
    byKey.delete(key(json.type, json.name));
    if (!existing) diff.create.push(json);
    else if (sameCommand(existing, json)) diff.unchanged.push(json.name);
    else diff.update.push({ id: existing.id, json });
  }
  for (const leftover of byKey.values()) diff.remove.push({ id: leftover.id, name: leftover.name });
  return diff;
}

export function sameCommand(a: APIApplicationCommand | DiscordCommandJson, b: APIApplicationCommand | DiscordCommandJson): boolean {
  return stableJson(normalizeCommand(a)) === stableJson(normalizeCommand(b));
}

type Loose = Record<string, any>;

/** The fields Discord keeps, with its defaults filled in, so registered and generated JSON compare equal. */
export function normalizeCommand(command: Loose): Loose {
  return {
    type: command.type ?? 1,
    name: command.name,
    name_localizations: localizations(command.name_localizations),
    description: command.description ?? '',
    description_localizations: localizations(command.description_localizations),
    default_member_permissions: command.default_member_permissions ?? null,
    nsfw: command.nsfw ?? false,
    contexts: command.contexts ?? null,
    integration_types: command.integration_types ?? [0],
    options: (command.options ?? []).map(normalizeOption),
  };
}

function normalizeOption(option: Loose): Loose {
  return {
    type: option.type,
    name: option.name,
    name_localizations: localizations(option.name_localizations),
    description: option.description ?? '',
    description_localizations: localizations(option.description_localizations),
    required: option.required ?? false,
    autocomplete: option.autocomplete ?? false,
    choices: (option.choices ?? []).map((c: Loose) => ({ name: c.name, value: c.value, name_localizations: localizations(c.name_localizations) })),
    channel_types: option.channel_types ?? [],
    min_value: option.min_value ?? null,
    max_value: option.max_value ?? null,
    min_length: option.min_length ?? null,
    max_length: option.max_length ?? null,
    options: (option.options ?? []).map(normalizeOption),
  };
}

function localizations(map: Record<string, string> | null | undefined): Record<string, string> | null {
  if (!map) return null;
  const entries = Object.entries(map).filter(([, value]) => value !== null && value !== undefined);
  return entries.length ? Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b))) : null;
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Loose).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
