// OutgoingMessage -> discord.js message options: plain content, or an embed (title, fields,
// footer) when the core asks for structure, plus button rows. Limits from
// https://discord.com/developers/docs/resources/message#embed-object-embed-limits and
// https://discord.com/developers/docs/components/reference#button
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed } from 'discord.js';
import { RapportError } from '../../core/errors.ts';
import { localPart } from '../../core/ids.ts';
import type { OutgoingButton, OutgoingMessage } from '../../core/outgoing.ts';

export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  customId: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
} as const;

const BUTTON_STYLE = { primary: 1, secondary: 2, danger: 4 } as const;

export interface RenderedMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  files?: Array<{ attachment: Buffer; name: string }>;
  /** Only user mentions ping; text from members can never ping @everyone or roles through the bot. */
  allowedMentions: { parse: Array<'users'>; repliedUser: boolean };
}

export interface RenderOptions {
  /** Guild the buttons belong to, for messages outside a guild (DMs): presses carry it back. */
  guildId?: string;
}

export function renderMessage(message: OutgoingMessage, options: RenderOptions = {}): RenderedMessage {
  const rendered: RenderedMessage = { allowedMentions: { parse: ['users'], repliedUser: true } };
  const pings = (message.mentions ?? []).map((id) => `<@${localPart(id)}>`).join(' ');
  const structured = message.title !== undefined || (message.fields?.length ?? 0) > 0 || message.footer !== undefined;
  if (structured) {
    const embed: APIEmbed = { description: truncate(message.text, LIMITS.embedDescription) };
    if (message.title) embed.title = truncate(message.title, LIMITS.embedTitle);
    if (message.fields?.length) {
      embed.fields = message.fields.slice(0, LIMITS.embedFields).map((field) => ({
        name: truncate(field.label, LIMITS.fieldName) || '\u200b',
        value: truncate(field.value, LIMITS.fieldValue) || '—',
        inline: field.value.length <= 40,
      }));
    }
    if (message.footer) embed.footer = { text: truncate(message.footer, LIMITS.footer) };
    rendered.embeds = [embed];
    if (pings) rendered.content = pings;
  } else {
    rendered.content = truncate(pings ? `${pings} ${message.text}` : message.text, LIMITS.content);
  }
  if (message.buttons?.length) rendered.components = buttonRows(message.buttons, options.guildId);
  if (message.file) rendered.files = [{ attachment: Buffer.from(message.file.content, 'utf8'), name: message.file.name }];
  return rendered;
}

function buttonRows(buttons: OutgoingButton[], guildId: string | undefined): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const max = LIMITS.buttonsPerRow * LIMITS.rows;
  if (buttons.length > max) throw new RapportError('discord.too_many_buttons', `Discord shows at most ${max} buttons; got ${buttons.length}`);
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  buttons.forEach((button, index) => {
    if (index % LIMITS.buttonsPerRow === 0) rows.push({ type: 1, components: [] });
    rows[rows.length - 1]!.components.push({
      type: 2,
      style: BUTTON_STYLE[button.style ?? 'secondary'],
      label: truncate(button.label, LIMITS.buttonLabel),
      custom_id: encodeCustomId(button.actionId, button.value, guildId),
    });
  });
  return rows;
}

/**
 * custom_id = "<actionId>|<value>" in a guild, "@<guildId>|<actionId>|<value>" in a DM (a DM
 * interaction has no guild_id, and the core needs the community). At most 100 characters: longer
 * ids are a programming error in the feature, never silently cut (the value would be corrupted).
 */
export function encodeCustomId(actionId: string, value: string, guildId?: string): string {
  if (actionId.includes('|') || actionId.startsWith('@')) throw new RapportError('discord.bad_action_id', `Action id "${actionId}" must not contain "|" or start with "@"`);
  const id = `${guildId ? `@${guildId}|` : ''}${actionId}|${value}`;
  if (id.length > LIMITS.customId) {
    throw new RapportError('discord.custom_id_too_long', `Button "${actionId}" needs ${id.length} characters of custom_id; Discord allows ${LIMITS.customId}`);
  }
  return id;
}

export function decodeCustomId(customId: string): { actionId: string; value: string; guildId?: string } | null {
  let rest = customId;
  let guildId: string | undefined;
  if (rest.startsWith('@')) {
    const bar = rest.indexOf('|');
    if (bar < 0) return null;
    guildId = rest.slice(1, bar);
    rest = rest.slice(bar + 1);
  }
  const bar = rest.indexOf('|');
  if (bar <= 0) return null;
  const decoded: { actionId: string; value: string; guildId?: string } = { actionId: rest.slice(0, bar), value: rest.slice(bar + 1) };
  if (guildId) decoded.guildId = guildId;
  return decoded;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
