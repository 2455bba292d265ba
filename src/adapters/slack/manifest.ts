// The Slack app manifest for Rapport, generated from the declared commands so creating the app is
// one paste at https://api.slack.com/apps ("From an app manifest"). Pure: no I/O.
// Schema and limits: https://docs.slack.dev/reference/app-manifest
import { RapportError } from '../../core/errors.ts';
import type { CommandDefinition } from '../../core/commands/define.ts';
import { MESSAGE_ACTIONS, type MessageActionDefinition } from '../../core/commands/message-actions.ts';
import { describeOptions } from '../../core/commands/options.ts';
import { usageOf } from '../../core/commands/parse-text.ts';
import { slackCommandName } from './command-names.ts';
import type { Language } from '../../core/ports.ts';

export interface SlackManifestOptions {
  /** Socket Mode (no public URL needed) or the HTTP Events API at `requestUrl`. */
  socketMode: boolean;
  /** Public URL of Rapport, e.g. "https://rapport.example.org"; "/slack/events" is added unless present. */
  requestUrl?: string;
  /** App name shown in Slack (max 35 characters); default "Rapport". */
  name?: string;
  /** Language of the descriptions (Slack manifests are not localised); default English. */
  language?: Language;
  /** Put before every command ("rp-" -> /rp-leaderboard); the adapter needs the same prefix. */
  commandPrefix?: string;
}

export interface SlackManifestCommand {
  command: string;
  description: string;
  usage_hint?: string;
  should_escape: boolean;
  url?: string;
}

/** https://docs.slack.dev/reference/app-manifest#shortcuts */
export interface SlackManifestShortcut {
  name: string;
  type: 'message' | 'global';
  callback_id: string;
  description: string;
}

export interface SlackManifest {
  _metadata: { major_version: 1; minor_version: 1 };
  display_information: { name: string; description: string; background_color: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string; always_online: boolean };
    slash_commands?: SlackManifestCommand[];
    shortcuts?: SlackManifestShortcut[];
  };
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

/** Events the adapter translates (src/adapters/slack/translate.ts). */
export const SLACK_BOT_EVENTS = [
  'message.channels', // messages in public channels the bot is in (threads included)
  'message.groups', // ... and in private channels it was invited to
  'app_mention', // "@Rapport ..." questions
  'reaction_added',
  'reaction_removed',
  'member_joined_channel',
  'app_home_opened', // the App Home tab (home-tab.ts)
  'app_uninstalled', // pause the workspace's community (workspace-listeners.ts)
  'tokens_revoked',
] as const;

/** Each scope and the call or event that needs it. https://docs.slack.dev/reference/scopes */
export const SLACK_BOT_SCOPES: Record<string, string> = {
  'app_mentions:read': 'app_mention events',
  'channels:history': 'message.channels events',
  'groups:history': 'message.groups events',
  'channels:read': 'member_joined_channel in public channels, conversations.info',
  'groups:read': 'member_joined_channel in private channels, conversations.info',
  'reactions:read': 'reaction_added / reaction_removed events',
  'chat:write': 'chat.postMessage, chat.postEphemeral, chat.update',
  'im:write': 'conversations.open for direct messages',
  'users:read': 'users.info: display names, bots, workspace admins and owners',
  'usergroups:read': 'usergroups.list / usergroups.users.list for SLACK_MODERATOR_GROUP',
  'files:write': 'files.uploadV2 for exports',
  commands: 'slash commands and the "Save as answer" message shortcut',
};

const DESCRIPTION: Record<Language, string> = {
  en: 'Rapport keeps your community engaged: answers questions, recognises helpers and finds ambassadors.',
  bg: 'Rapport поддържа общността ви активна: отговаря на въпроси, признава помагащите и открива посланици.',
};

const EVENTS_PATH = '/slack/events';
/** Bolt's default OAuth redirect path (install-flow.ts); /slack/install starts the flow. */
export const OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

export function slackManifest(commands: CommandDefinition[], options: SlackManifestOptions, actions: readonly MessageActionDefinition[] = MESSAGE_ACTIONS): SlackManifest {
  const language = options.language ?? 'en';
  const name = clip(options.name ?? 'Rapport', 35);
  const url = options.socketMode ? undefined : eventsUrl(options.requestUrl);
  const slashCommands = commands.map((definition) => slashCommand(definition, language, url, options.commandPrefix ?? ''));
  // Slash commands and shortcuts both need the commands scope.
  const scopes = Object.keys(SLACK_BOT_SCOPES).filter((scope) => scope !== 'commands' || slashCommands.length > 0 || actions.length > 0);
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: { name, description: clip(DESCRIPTION[language], 140), background_color: '#2c2d30' },
    features: {
      // The Home tab shows a member's standing (home-tab.ts). The Messages tab shows the DMs Rapport
      // sends; members do not chat with it there.
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: botDisplayName(name), always_online: true },
      ...(slashCommands.length > 0 ? { slash_commands: slashCommands } : {}),
      // Message shortcuts (src/core/commands/message-actions.ts), e.g. "Save as answer".
      ...(actions.length > 0 ? { shortcuts: actions.map((action) => ({ name: clip(action.name[language], 24), type: 'message' as const, callback_id: action.id, description: clip(action.description[language], 150) })) } : {}),
    },
    // Over HTTP Rapport can be installed in many workspaces (SLACK_CLIENT_ID...): Slack sends the
    // installer back to this URL. https://docs.slack.dev/reference/app-manifest#oauth
    oauth_config: { ...(url ? { redirect_urls: [url.replace(new RegExp(`${EVENTS_PATH}$`), OAUTH_REDIRECT_PATH)] } : {}), scopes: { bot: scopes } },
    settings: {
      event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: [...SLACK_BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: options.socketMode,
      token_rotation_enabled: false,
    },
  };
}

function slashCommand(definition: CommandDefinition, language: Language, url: string | undefined, prefix: string): SlackManifestCommand {
  const name = slackCommandName(definition.name, prefix);
  if (name.length > 31) throw new RapportError('slack.manifest.commandName', `Slack command names have at most 32 characters: /${name}`);
  const command: SlackManifestCommand = {
    command: `/${name}`,
    description: clip(definition.description[language], 2000),
    // Mentions arrive as <@U123|name> and <#C123|name>, so the resolver gets ids, not names.
    should_escape: true,
  };
  const hint = usageHint(definition);
  if (hint) command.usage_hint = clip(hint, 1000);
  if (url) command.url = url;
  return command;
}

/** "[period:day|week|month] [channel:channel]" for a command; "add … | remove …" for a group. */
export function usageHint(definition: CommandDefinition): string {
  if (definition.subcommands) {
    return Object.entries(definition.subcommands)
      .map(([sub, spec]) => usageOf(sub, describeOptions(spec.options)))
      .join(' | ');
  }
  return usageOf('', describeOptions(definition.options)).trim();
}

function eventsUrl(requestUrl: string | undefined): string {
  if (!requestUrl || !/^https?:\/\//.test(requestUrl)) {
    throw new RapportError(
      'slack.manifest.requestUrl',
      'The Slack manifest for the Events API over HTTP needs the public https URL of Rapport (e.g. https://rapport.example.org), or Socket Mode. / ' +
        'Манифестът за Slack с Events API по HTTP изисква публичния https адрес на Rapport (напр. https://rapport.example.org) или Socket Mode.',
    );
  }
  const trimmed = requestUrl.replace(/\/+$/, '');
  return trimmed.endsWith(EVENTS_PATH) ? trimmed : `${trimmed}${EVENTS_PATH}`;
}

function botDisplayName(name: string): string {
  const cleaned = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return (cleaned || 'rapport').slice(0, 80);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
