// Holds the declared commands; built once in main.ts from commands/index.ts. It is also the
// `commands` port /help reads (CommandCatalog).
import type { CommandCatalog, CommandEntry } from './catalog.ts';
import type { CommandDefinition } from './define.ts';

export interface CommandRegistry extends CommandCatalog {
  get(name: string): CommandDefinition | undefined;
  all(): CommandDefinition[];
}

/** A command's entries for /help: itself, or each of its subcommands. */
export function entriesOf(command: CommandDefinition): CommandEntry[] {
  return command.subcommands
    ? Object.entries(command.subcommands).map(([name, sub]) => ({ path: `${command.name} ${name}`, options: sub.options, description: sub.description, moderatorOnly: sub.moderatorOnly ?? command.moderatorOnly }))
    : [{ path: command.name, options: command.options, description: command.description, moderatorOnly: command.moderatorOnly }];
}

export function createCommandRegistry(definitions: CommandDefinition[]): CommandRegistry {
  const byName = new Map<string, CommandDefinition>();
  for (const definition of definitions) {
    if (byName.has(definition.name)) throw new Error(`Command /${definition.name} is declared twice`);
    byName.set(definition.name, definition);
  }
  return {
    get: (name) => byName.get(name.toLowerCase()),
    all: () => [...byName.values()],
    entries: () => [...byName.values()].flatMap(entriesOf),
  };
}
