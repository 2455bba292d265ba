// Every slash command, declared once. Slack's manifest, Discord's command JSON, the console and
// /help are all generated from this list.
import type { CommandDefinition } from '../src/core/commands/define.ts';
import dashboard from './dashboard.ts';
import ambassadors from './ambassadors.ts';
import feedback from './feedback.ts';
import help from './help.ts';
import member from './member.ts';
import offer from './offer.ts';
import privacy from './privacy.ts';
import leaderboard from './leaderboard.ts';
import rank from './rank.ts';
import settings from './settings.ts';
import shoutout from './shoutout.ts';
import faq from './faq.ts';
import askHuman from './ask-human.ts';
import rewards from './rewards.ts';
import link from './link.ts';

export const commands: CommandDefinition[] = [help, rank, leaderboard, settings, dashboard, ambassadors, member, offer, feedback, privacy, shoutout, faq, askHuman, rewards, link];
