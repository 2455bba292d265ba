// OutgoingMessage -> Slack Block Kit. Limits from https://docs.slack.dev/reference/block-kit/blocks:
// header 150 chars, section text 3000, 10 fields of 2000, 25 elements per actions block, button
// label 75, value 2000, action_id 255 and unique inside its block.
import type { OutgoingButton, OutgoingMessage } from '../../core/outgoing.ts';
import { localPart } from '../../core/ids.ts';

export interface SlackBlock {
  type: string;
  [key: string]: unknown;
}

export interface RenderedMessage {
  /** Notification and fallback text (mrkdwn). */
  text: string;
  blocks: SlackBlock[];
}

const SECTION_MAX = 3000;
const FIELD_MAX = 2000;

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [''];
}

export function renderMessage(message: OutgoingMessage): RenderedMessage {
  const blocks: SlackBlock[] = [];
  if (message.title) blocks.push({ type: 'header', text: { type: 'plain_text', text: clip(message.title, 150), emoji: true } });
  // Mentions are the only markup Rapport writes itself; everything else is escaped.
  const pings = (message.mentions ?? []).map((id) => `<@${localPart(id)}> `).join('');
  const body = pings + escapeMrkdwn(message.text);
  if (body.trim() !== '') {
    for (const part of chunks(body, SECTION_MAX)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: part } });
  }
  const fields = message.fields ?? [];
  for (let i = 0; i < fields.length; i += 10) {
    blocks.push({
      type: 'section',
      fields: fields.slice(i, i + 10).map((f) => ({ type: 'mrkdwn', text: clip(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, FIELD_MAX) })),
    });
  }
  const buttons = message.buttons ?? [];
  for (let i = 0; i < buttons.length; i += 25) {
    blocks.push({ type: 'actions', elements: renderButtons(buttons.slice(i, i + 25), i) });
  }
  if (message.footer) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(escapeMrkdwn(message.footer), SECTION_MAX) }] });
  const fallback = message.title ? `${message.title}: ${message.text}` : message.text;
  return { text: clip(pings + escapeMrkdwn(fallback), 40000), blocks };
}

// Several buttons may share one actionId (the value tells them apart), but Slack requires unique
// action_ids inside a block, so repeats get a "#n" suffix that buttonActionId() strips again.
function renderButtons(buttons: OutgoingButton[], offset: number): SlackBlock[] {
  const seen = new Set<string>();
  return buttons.map((button, index) => {
    let actionId = button.actionId;
    if (seen.has(actionId)) actionId = `${button.actionId}#${offset + index}`;
    seen.add(button.actionId);
    const element: SlackBlock = {
      type: 'button',
      action_id: clip(actionId, 255),
      text: { type: 'plain_text', text: clip(button.label, 75), emoji: true },
      value: clip(button.value, 2000),
    };
    if (button.style) element.style = button.style;
    return element;
  });
}

/** The OutgoingButton.actionId a rendered action_id came from. */
export function buttonActionId(actionId: string): string {
  return actionId.replace(/#\d+$/, '');
}
