// Forms (src/core/adapter.ts FormSpec) as Discord modals. A modal must be the first answer to the
// button's interaction (within 3 seconds), so the adapter asks for the form before acknowledging
// the press. What to run on submission travels in the modal's custom_id (at most 100 characters);
// the text inputs carry the fields. A forged submission is only a command invocation: the command
// checks the member's rights and the values as for typed options.
// https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-modal
// https://discord.com/developers/docs/components/reference#text-input
import type { FormSpec } from '../../core/adapter.ts';
import { truncate } from './render.ts';

const PREFIX = 'rapport-form:';
const CUSTOM_ID_MAX = 100;
/** Discord's limits: modal title and input labels 45 characters, an input's text 4,000. */
const TITLE_MAX = 45;
const INPUT_MAX = 4000;

export interface FormTarget {
  command: string;
  subcommand?: string;
  options: Record<string, string | number | boolean>;
}

/** The modal for interaction.showModal; null when the form does not fit one (custom_id too long). */
export function discordModal(spec: FormSpec): Record<string, unknown> | null {
  const target = { c: spec.command, ...(spec.subcommand ? { s: spec.subcommand } : {}), o: spec.options };
  const customId = `${PREFIX}${JSON.stringify(target)}`;
  if (customId.length > CUSTOM_ID_MAX || spec.fields.length > 5) return null;
  return {
    custom_id: customId,
    title: truncate(spec.title, TITLE_MAX),
    components: spec.fields.map((field) => ({
      type: 1,
      components: [
        {
          type: 4,
          custom_id: field.id,
          label: truncate(field.label, TITLE_MAX),
          style: field.multiline ? 2 : 1,
          max_length: Math.min(field.maxLength, INPUT_MAX),
          required: true,
          ...(field.value ? { value: field.value.slice(0, INPUT_MAX) } : {}),
        },
      ],
    })),
  };
}

export function isFormCustomId(customId: string): boolean {
  return customId.startsWith(PREFIX);
}

/** What a submitted modal runs; null when its custom_id is not a Rapport form's. */
export function decodeFormCustomId(customId: string): FormTarget | null {
  if (!isFormCustomId(customId)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(customId.slice(PREFIX.length));
  } catch {
    return null;
  }
  const value = raw as { c?: unknown; s?: unknown; o?: unknown };
  if (!value || typeof value.c !== 'string' || (value.s !== undefined && typeof value.s !== 'string') || !value.o || typeof value.o !== 'object' || Array.isArray(value.o)) return null;
  const options: Record<string, string | number | boolean> = {};
  for (const [key, option] of Object.entries(value.o as Record<string, unknown>)) {
    if (typeof option === 'string' || typeof option === 'number' || typeof option === 'boolean') options[key] = option;
  }
  return { command: value.c, ...(typeof value.s === 'string' ? { subcommand: value.s } : {}), options };
}
