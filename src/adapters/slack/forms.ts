// Forms (src/core/adapter.ts FormSpec) as Slack modals: views.open with the press's trigger_id
// (valid 3 seconds), one plain_text_input per field. The command to run and the channel travel in
// private_metadata; the submission (view_submission, callback_id rapport_form) becomes that
// command's invocation with the typed texts as options. A forged submission is only a command
// invocation: the command checks the member's rights and the values as it does for typed ones.
// https://docs.slack.dev/surfaces/modals  https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element
import type { CommandInvocation, FormSpec } from '../../core/adapter.ts';
import type { SlackDirectory } from './slack-directory.ts';
import { slackCommunityId } from './slack-ids.ts';

export const FORM_CALLBACK_ID = 'rapport_form';
/** Slack's limits: modal title and submit label 24 characters, a plain_text_input 3,000. */
const TITLE_MAX = 24;
const INPUT_MAX = 3000;
const METADATA_MAX = 3000;

interface FormMetadata {
  command: string;
  subcommand?: string;
  options: Record<string, string | number | boolean>;
  /** The channel the button was in (replies go there, to the member alone). */
  channelId: string;
  fields: string[];
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The modal view for views.open; null when the form does not fit a modal (metadata too long). */
export function formView(spec: FormSpec, channelId: string): Record<string, unknown> | null {
  const metadata: FormMetadata = { command: spec.command, options: spec.options, channelId, fields: spec.fields.map((f) => f.id), ...(spec.subcommand ? { subcommand: spec.subcommand } : {}) };
  const privateMetadata = JSON.stringify(metadata);
  if (privateMetadata.length > METADATA_MAX) return null;
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: clip(spec.title, TITLE_MAX) },
    submit: { type: 'plain_text', text: clip(spec.submitLabel, TITLE_MAX) },
    blocks: spec.fields.map((field) => ({
      type: 'input',
      block_id: field.id,
      label: { type: 'plain_text', text: clip(field.label, 2000) },
      element: {
        type: 'plain_text_input',
        action_id: field.id,
        multiline: field.multiline,
        max_length: Math.min(field.maxLength, INPUT_MAX),
        // A longer text cannot be shown whole: the member sees its first 3,000 characters.
        ...(field.value ? { initial_value: field.value.slice(0, INPUT_MAX) } : {}),
      },
    })),
  };
}

/** The fields Rapport reads from a view_submission. */
export interface SlackViewSubmission {
  team?: { id: string } | null;
  user: { id: string; name?: string; username?: string; team_id?: string };
  trigger_id?: string;
  view: { id?: string; callback_id?: string; private_metadata?: string; state?: { values?: Record<string, Record<string, { value?: string | null }>> } };
}

/** The submission as the invocation of the form's command; null when its metadata is not Rapport's. */
export async function translateFormSubmission(body: SlackViewSubmission, directory: SlackDirectory, options: { teamId: string; now: Date }): Promise<CommandInvocation | null> {
  let metadata: FormMetadata;
  try {
    metadata = JSON.parse(body.view.private_metadata ?? '') as FormMetadata;
  } catch {
    return null;
  }
  if (!metadata || typeof metadata.command !== 'string' || typeof metadata.channelId !== 'string' || !Array.isArray(metadata.fields) || typeof metadata.options !== 'object') return null;
  const teamId = body.team?.id ?? body.user.team_id ?? options.teamId;
  // Only the channel's own workspace: a channel id of another one is not taken from the form.
  if (!metadata.channelId.startsWith(`${slackCommunityId(teamId)}:`)) return null;
  const values = new Map<string, string>();
  const state = body.view.state?.values ?? {};
  for (const field of metadata.fields) {
    if (typeof field !== 'string' || !/^[a-z][a-z0-9_-]{0,31}$/.test(field)) continue;
    const block = Object.hasOwn(state, field) ? state[field] : undefined;
    const input = block && Object.hasOwn(block, field) ? block[field] : undefined;
    values.set(field, input?.value ?? '');
  }
  const invocation: CommandInvocation = {
    platform: 'slack',
    invocationId: `slack:view:${body.view.id ?? ''}:${body.trigger_id ?? options.now.getTime()}`,
    communityId: slackCommunityId(teamId),
    channelId: metadata.channelId,
    actor: await directory.actor(teamId, body.user.id, body.user.username ?? body.user.name),
    command: metadata.command,
    options: { ...metadata.options, ...Object.fromEntries(values) },
    occurredAt: options.now,
  };
  if (metadata.subcommand) invocation.subcommand = metadata.subcommand;
  return invocation;
}
