// What /help reads about the declared commands: one entry per command or subcommand. A leaf
// module (types only), so the ports a command may ask for never import the command declarations.
import type { z } from 'zod';
import type { Localized } from './options.ts';

export interface CommandEntry {
  /** "rank", or "faq list" for a subcommand. */
  path: string;
  options: z.ZodObject;
  description: Localized;
  moderatorOnly: boolean;
}

export interface CommandCatalog {
  /** Every command and subcommand, in declaration order. */
  entries(): CommandEntry[];
}
