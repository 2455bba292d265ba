// Every slash command, declared once. Slack's manifest, Discord's command JSON, the console and
// /help are all generated from this list.
import type { CommandDefinition } from '../src/core/commands/define.ts';
import dashboard from './dashboard.ts';
import help from './help.ts';
import leaderboard from './leaderboard.ts';
import rank from './rank.ts';
import settings from './settings.ts';

export const commands: CommandDefinition[] = [help, rank, leaderboard, settings, dashboard];
