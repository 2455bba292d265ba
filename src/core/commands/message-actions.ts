// Actions a member runs on a message (Slack message shortcuts, Discord message context-menu
// commands), declared once here like the slash commands in commands/. Each runs a command on the
// message it was used on: the adapter turns the action into that command's invocation (typed
// options, the message's opaque id), so the command's own rules apply (moderator-only, errors in
// the invoker's language, replies to them alone). Slack's manifest and Discord's command sync are
// generated from this list.
// https://docs.slack.dev/interactivity/implementing-shortcuts
// https://discord.com/developers/docs/interactions/application-commands#message-commands
import type { Localized } from './options.ts';

export interface MessageActionDefinition {
  /** Slack's callback_id (lower-case, underscores). */
  id: string;
  /** What the member sees in the message's menu (Slack at most 24 characters, Discord 32). */
  name: Localized;
  /** Slack shows it under the shortcut (at most 150 characters). */
  description: Localized;
  /** Shown only to moderators where the platform can (Discord); the command checks again. */
  moderatorOnly: boolean;
  command: string;
  subcommand?: string;
  /** The command's options for the message (its opaque id). */
  options(messageId: string): Record<string, string | number | boolean>;
}

export const SAVE_AS_ANSWER: MessageActionDefinition = {
  id: 'save_as_answer',
  name: { en: 'Save as answer', bg: 'Запази като отговор' },
  description: { en: 'Suggest this reply for the knowledge base, as the answer to its question', bg: 'Предложете този отговор за базата знания като отговор на въпроса му' },
  moderatorOnly: true,
  command: 'faq',
  subcommand: 'suggestions',
  options: (messageId) => ({ action: 'save', message: messageId }),
};

export const MESSAGE_ACTIONS: readonly MessageActionDefinition[] = [SAVE_AS_ANSWER];

/** The action with this Slack callback_id or Discord command name (English or Bulgarian), if any. */
export function findMessageAction(key: string): MessageActionDefinition | undefined {
  return MESSAGE_ACTIONS.find((action) => action.id === key || action.name.en === key || action.name.bg === key);
}
