// Rapport command names <-> Slack slash commands. Slack refuses a manifest that declares one of its
// built-in commands (/status, /remind, /topic, ...), so such a command is declared as
// "/rapport-<name>"; an optional prefix (SLACK_COMMAND_PREFIX-style) keeps every command apart from
// other apps' ("/rp-leaderboard"). Incoming commands have either prefix removed again.
// https://slack.com/help/articles/201259356-Use-built-in-slash-commands

/** Slack's built-in commands; apps cannot declare them. */
export const SLACK_RESERVED_COMMANDS: ReadonlySet<string> = new Set([
  'active', 'apps', 'archive', 'away', 'call', 'collapse', 'dm', 'dnd', 'expand', 'feed', 'feedback',
  'invite', 'join', 'kick', 'leave', 'me', 'msg', 'mute', 'open', 'pro', 'remind', 'remove', 'rename',
  'search', 'shortcuts', 'shrug', 'status', 'topic', 'who',
]);

/** Used for commands whose own name Slack reserves. */
export const RESERVED_NAME_PREFIX = 'rapport-';

/** The slash command (without "/") Slack should show for a Rapport command. */
export function slackCommandName(name: string, prefix = ''): string {
  const prefixed = `${prefix}${name}`;
  return SLACK_RESERVED_COMMANDS.has(prefixed) ? `${RESERVED_NAME_PREFIX}${prefixed}` : prefixed;
}

/** The Rapport command name for a slash command Slack delivered ("/rapport-feedback" -> "feedback"). */
export function commandFromSlack(command: string, prefix = ''): string {
  let name = command.replace(/^\//, '').toLowerCase();
  if (name.startsWith(RESERVED_NAME_PREFIX) && SLACK_RESERVED_COMMANDS.has(name.slice(RESERVED_NAME_PREFIX.length))) {
    name = name.slice(RESERVED_NAME_PREFIX.length);
  }
  if (prefix && name.startsWith(prefix)) name = name.slice(prefix.length);
  return name;
}
