// The last listeners of the Slack app: requests no other listener takes are still acknowledged,
// so Slack never shows the member an error after its 3 seconds (Bolt answers 404 to what nobody
// acks). Bolt runs every listener that matches, so these skip the shortcuts and views Rapport
// handles itself; any other view submission, view_closed, shortcut or menu-options request comes
// from elsewhere (an old manifest, another app's leftovers):
// a view submission is acked with an empty body (Slack closes the modal), a shortcut gets a short
// private note, a menu gets no options. https://docs.slack.dev/interactivity/handling-user-interaction#acknowledgment_response
import type { App } from '@slack/bolt';
import type { Logger } from '../../core/logger.ts';
import type { SlackReplier } from './slack-replier.ts';
import { slackChannelId, slackMemberId } from './slack-ids.ts';

export const UNKNOWN_ACTION_TEXT = 'Rapport does not know this action. Type /help to see its commands. / Rapport не познава това действие. Напишете /help, за да видите командите му.';

export interface FallbackDeps {
  logger: Logger;
  replier: SlackReplier;
  teamId(): string;
  /** callback_ids of the shortcuts Rapport handles itself (Bolt runs every matching listener). */
  shortcuts?: readonly string[];
  /** callback_ids of the views Rapport handles itself. */
  views?: readonly string[];
}

/** Matches every callback_id except the given ones. */
function except(ids: readonly string[] | undefined): RegExp {
  if (!ids || ids.length === 0) return /[\s\S]*/;
  const escaped = ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^(?!(?:${escaped.join('|')})$)[\\s\\S]*$`);
}

interface ShortcutBody {
  type?: string;
  callback_id?: string;
  user?: { id?: string };
  channel?: { id?: string };
  team?: { id?: string } | null;
}

export function registerFallbacks(bolt: App, deps: FallbackDeps): void {
  const { logger } = deps;
  bolt.view({ callback_id: except(deps.views), type: 'view_submission' }, async ({ ack, body }) => {
    await ack();
    logger.warn({ callbackId: body.view.callback_id }, 'slack: view submission for a view Rapport does not know; acknowledged');
  });
  bolt.view({ callback_id: except(deps.views), type: 'view_closed' }, async ({ ack }) => {
    await ack();
  });
  bolt.options(/[\s\S]*/, async ({ ack }) => {
    await ack({ options: [] });
  });
  bolt.shortcut(except(deps.shortcuts), async ({ ack, body }) => {
    await ack();
    const shortcut = body as ShortcutBody;
    logger.warn({ callbackId: shortcut.callback_id, type: shortcut.type }, 'slack: shortcut Rapport does not know; acknowledged');
    const teamId = shortcut.team?.id ?? deps.teamId();
    const userId = shortcut.user?.id;
    if (!userId) return;
    const member = slackMemberId(teamId, userId);
    // A message shortcut has a channel: a private note there; a global one has none: a DM.
    const note = shortcut.channel?.id
      ? deps.replier.ephemeral(slackChannelId(teamId, shortcut.channel.id), member, { text: UNKNOWN_ACTION_TEXT })
      : deps.replier.dm(member, { text: UNKNOWN_ACTION_TEXT }).then(() => undefined);
    note.catch((error: unknown) => logger.warn({ err: error }, 'slack: could not tell the member about an unknown shortcut'));
  });
}
