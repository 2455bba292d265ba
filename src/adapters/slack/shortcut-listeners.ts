// Slack's message shortcuts ("Save as answer", src/core/commands/message-actions.ts) and the
// submissions of Rapport's forms (forms.ts): each is acknowledged at once and runs a command
// invocation in the background, like a slash command (slack-adapter.ts runInvocation).
import type { App } from '@slack/bolt';
import type { CommandInvocation } from '../../core/adapter.ts';
import { MESSAGE_ACTIONS } from '../../core/commands/message-actions.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import { FORM_CALLBACK_ID, translateFormSubmission, type SlackViewSubmission } from './forms.ts';
import { translateMessageAction, type SlackMessageActionPayload } from './message-action.ts';
import type { SlackDirectory } from './slack-directory.ts';
import { slackChannelId, slackMemberId } from './slack-ids.ts';
import type { NameLookup } from './slash-command.ts';

export interface InvocationSource {
  channelId: string;
  memberId: string;
  what: string;
  triggerId: string | undefined;
}

export interface ShortcutListenerDeps {
  directory: SlackDirectory;
  clock: Clock;
  logger: Logger;
  names?: NameLookup;
  /** The workspace a request without a team is for (Bolt's context). */
  teamOf(context: { teamId?: string }): string;
  teamName(): string | undefined;
  background(what: string, work: Promise<void>): void;
  runInvocation(source: InvocationSource, respond: ((body: never) => Promise<unknown>) | undefined, translate: () => Promise<CommandInvocation>): Promise<void>;
}

export function registerShortcutListeners(bolt: App, deps: ShortcutListenerDeps): void {
  const { directory, clock, logger, background, runInvocation } = deps;
  // Message shortcuts run their command on the message.
  for (const action of MESSAGE_ACTIONS) {
    bolt.shortcut({ callback_id: action.id, type: 'message_action' }, async ({ ack, body, respond, context }) => {
      await ack();
      const payload = body as unknown as SlackMessageActionPayload;
      const teamId = payload.team?.id ?? deps.teamOf(context);
      const teamName = deps.teamName();
      background(
        'message shortcut',
        runInvocation({ channelId: slackChannelId(teamId, payload.channel.id), memberId: slackMemberId(teamId, payload.user.id), what: action.id, triggerId: payload.trigger_id }, respond as (body: never) => Promise<unknown>, () =>
          translateMessageAction(payload, action, directory, { teamId, ...(teamName ? { teamName } : {}), ...(deps.names ? { names: deps.names } : {}), now: clock.now() }),
        ),
      );
    });
  }

  // A form's submission runs the form's command; no response_url: the reply is ephemeral in the button's channel.
  bolt.view({ callback_id: FORM_CALLBACK_ID, type: 'view_submission' }, async ({ ack, body, context }) => {
    await ack();
    const submission = body as unknown as SlackViewSubmission;
    const teamId = submission.team?.id ?? submission.user.team_id ?? deps.teamOf(context);
    background('form submission', (async () => {
      const invocation = await translateFormSubmission(submission, directory, { teamId, now: clock.now() });
      if (!invocation) {
        logger.warn({ viewId: submission.view.id }, 'slack: a form submission whose metadata is not Rapport\'s; ignored');
        return;
      }
      await runInvocation({ channelId: invocation.channelId, memberId: invocation.actor.memberId, what: invocation.command, triggerId: submission.trigger_id }, undefined, async () => invocation);
    })());
  });
}
