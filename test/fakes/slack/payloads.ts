// Builders for the payloads Slack delivers, shaped like the examples in Slack's reference
// (https://docs.slack.dev/reference/events, .../interaction-payloads/block_actions-payload,
// .../interactivity/implementing-slash-commands). Defaults: workspace T1, channel C1.
import { FAKE_TEAM } from './fake-slack.ts';

let counter = 0;
const nextEventId = () => `Ev${String(++counter).padStart(6, '0')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The event_callback envelope around an inner event. */
export function envelope(event: Record<string, unknown>, eventId: string = nextEventId()): Record<string, unknown> {
  return {
    token: 'verification-token-unused',
    team_id: FAKE_TEAM.id,
    api_app_id: 'A1',
    event: { event_ts: event.ts ?? `${nowSeconds()}.000100`, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: nowSeconds(),
    authorizations: [{ enterprise_id: null, team_id: FAKE_TEAM.id, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function messageEvent(fields: { user?: string; text: string; ts: string; channel?: string; thread_ts?: string; parent_user_id?: string; subtype?: string; bot_id?: string }, eventId?: string) {
  return envelope({ type: 'message', channel: 'C1', channel_type: 'channel', user: 'U1', team: FAKE_TEAM.id, ...fields }, eventId);
}

export function appMentionEvent(fields: { user?: string; text: string; ts: string; channel?: string }, eventId?: string) {
  return envelope({ type: 'app_mention', channel: 'C1', user: 'U1', team: FAKE_TEAM.id, ...fields }, eventId);
}

export function messageChangedEvent(fields: { user?: string; channel?: string; ts: string; text: string; previousText: string }, eventId?: string) {
  const { user = 'U1', channel = 'C1', ts, text, previousText } = fields;
  return envelope(
    {
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel,
      ts: `${Number(ts) + 10}.000000`,
      message: { type: 'message', user, text, ts, edited: { user, ts: `${Number(ts) + 10}.000000` } },
      previous_message: { type: 'message', user, text: previousText, ts },
    },
    eventId,
  );
}

export function messageDeletedEvent(fields: { user?: string; channel?: string; ts: string }, eventId?: string) {
  const { user = 'U1', channel = 'C1', ts } = fields;
  return envelope({ type: 'message', subtype: 'message_deleted', hidden: true, channel, deleted_ts: ts, ts: `${Number(ts) + 20}.000000`, previous_message: { type: 'message', user, text: 'gone', ts } }, eventId);
}

export function reactionEvent(type: 'reaction_added' | 'reaction_removed', fields: { user?: string; reaction: string; channel?: string; ts: string; item_user?: string }, eventId?: string) {
  const { user = 'U2', reaction, channel = 'C1', ts, item_user = 'U1' } = fields;
  return envelope({ type, user, reaction, item_user, item: { type: 'message', channel, ts }, event_ts: `${nowSeconds()}.000200` }, eventId);
}

export function memberJoinedEvent(fields: { user: string; channel?: string }, eventId?: string) {
  return envelope({ type: 'member_joined_channel', user: fields.user, channel: fields.channel ?? 'C1', channel_type: 'C', team: FAKE_TEAM.id, event_ts: `${nowSeconds()}.000300` }, eventId);
}

export function slashCommand(fields: { command: string; text?: string; user?: string; userName?: string; channel?: string; responseUrl: string; triggerId?: string }): Record<string, string> {
  return {
    token: 'verification-token-unused',
    team_id: FAKE_TEAM.id,
    team_domain: 'fake',
    channel_id: fields.channel ?? 'C1',
    channel_name: 'general',
    user_id: fields.user ?? 'U1',
    user_name: fields.userName ?? (fields.user ?? 'U1').toLowerCase(),
    command: fields.command,
    text: fields.text ?? '',
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? `trigger-${++counter}`,
  };
}

export function blockActions(fields: { user?: string; actionId: string; value: string; channel?: string; messageTs?: string; responseUrl?: string }): Record<string, unknown> {
  const { user = 'U1', channel = 'C1', messageTs = '1700000000.000001' } = fields;
  const actionTs = `${nowSeconds()}.${String(++counter).padStart(6, '0')}`;
  return {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_TEAM.id },
    api_app_id: 'A1',
    token: 'verification-token-unused',
    container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: false },
    trigger_id: `trigger-${counter}`,
    team: { id: FAKE_TEAM.id, domain: 'fake' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: 'general' },
    message: { type: 'message', user: 'UBOT', bot_id: 'BBOT', text: 'Did this help?', ts: messageTs },
    response_url: fields.responseUrl ?? 'http://127.0.0.1:9/unused',
    actions: [{ type: 'button', action_id: fields.actionId, block_id: 'b1', text: { type: 'plain_text', text: 'Yes' }, value: fields.value, action_ts: actionTs }],
  };
}

/** A message shortcut used on a message (https://docs.slack.dev/reference/interaction-payloads/shortcuts-interaction-payload#message_actions). */
export function messageShortcut(fields: { callbackId: string; user?: string; channel?: string; message: { ts: string; user: string; text: string; thread_ts?: string }; responseUrl: string }): Record<string, unknown> {
  const { user = 'U1', channel = 'C1' } = fields;
  return {
    type: 'message_action',
    token: 'verification-token-unused',
    action_ts: `${nowSeconds()}.${String(++counter).padStart(6, '0')}`,
    team: { id: FAKE_TEAM.id, domain: 'fake' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_TEAM.id },
    channel: { id: channel, name: 'general' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: fields.callbackId,
    trigger_id: `trigger-${counter}`,
    response_url: fields.responseUrl,
    message_ts: fields.message.ts,
    message: { type: 'message', ...fields.message },
  };
}

/** A modal submitted (https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload#view_submission): `view` as views.open returned it, `values` by block/action id. */
export function viewSubmitted(fields: { user?: string; view: Record<string, any>; values: Record<string, string> }): Record<string, unknown> {
  const { user = 'U1' } = fields;
  return {
    type: 'view_submission',
    team: { id: FAKE_TEAM.id, domain: 'fake' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_TEAM.id },
    api_app_id: 'A1',
    token: 'verification-token-unused',
    trigger_id: `trigger-${++counter}`,
    view: {
      ...fields.view,
      state: { values: Object.fromEntries(Object.entries(fields.values).map(([id, value]) => [id, { [id]: { type: 'plain_text_input', value } }])) },
    },
    response_urls: [],
  };
}
