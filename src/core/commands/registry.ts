// Holds the declared commands; built once in main.ts from commands/index.ts.
import type { CommandDefinition } from './define.ts';

export interface CommandRegistry {
  get(name: string): CommandDefinition | undefined;
  all(): CommandDefinition[];
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
  };
}
