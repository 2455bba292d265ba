// Runs a command invocation the same way on every platform: find the command, check the
// moderator rule, turn text or typed options into validated options, run the handler, and show
// a UserError to the invoker in their language. Anything else is logged with context. Each
// command receives only the ports it declared (pickPorts).
import type { z } from 'zod';
import type { CommandInvocation, CommandResponder, ReferenceResolver } from '../adapter.ts';
import { UserError, isUserError, type Vars } from '../errors.ts';
import type { OutgoingMessage } from '../outgoing.ts';
import type { CommunityRecord, Language } from '../ports.ts';
import { pickPorts, type ChannelLookup, type MemberLookup, type Ports } from '../app-ports.ts';
import { parseId } from '../ids.ts';
import type { Translator } from '../translator.ts';
import type { CommandContext, CommandDefinition, SubcommandDefinition } from './define.ts';
import type { CommandRegistry } from './registry.ts';
import { describeOptions, type OptionKind } from './options.ts';
import { assignOptions, tokenize, usageOf, type RawOptions } from './parse-text.ts';

export interface DispatchDeps {
  commands: CommandRegistry;
  /** Every port; each command gets the ones it declared. */
  ports: Ports;
  translator: Translator;
  /** Stores the community/member and reports whether this invocation is new (replays are ignored). */
  admit(invocation: CommandInvocation): Promise<{ community: CommunityRecord; language: Language; isNew: boolean }>;
  /** Stores channels an option named that Rapport has not seen yet (a #mods nobody posted in), without renaming known ones. */
  ensureChannels?(channels: Array<{ id: string; communityId: string; name: string }>): Promise<void>;
}

export type CommandDispatcher = (invocation: CommandInvocation, responder: CommandResponder) => Promise<void>;

export function createCommandDispatcher(deps: DispatchDeps): CommandDispatcher {
  const { commands, ports, translator } = deps;
  return async (invocation, responder) => {
    const { community, language, isNew } = await deps.admit(invocation);
    if (!isNew) return;
    const t = (key: string, vars?: Vars) => translator.t(language, key, vars);
    const reply = (message: OutgoingMessage | string, ephemeral: boolean) =>
      responder.reply(typeof message === 'string' ? { text: message } : message, { ephemeral });
    try {
      const definition = commands.get(invocation.command);
      if (!definition) throw new UserError('errors.unknownCommand', { command: invocation.command });
      const target = selectTarget(definition, invocation);
      if (target.moderatorOnly && !invocation.actor.isModerator) {
        throw new UserError('errors.moderatorOnly', { command: target.path });
      }
      const named: NamedChannel[] = [];
      const options = await buildOptions(target, invocation, resolverFor(invocation, community.id, ports), named);
      const unseen = [];
      for (const channel of named) if (!(await ports.channels.get(channel.id))) unseen.push({ ...channel, communityId: community.id });
      if (unseen.length > 0 && deps.ensureChannels) await deps.ensureChannels(unseen);
      const context: CommandContext<unknown, keyof Ports> = {
        options,
        actor: invocation.actor,
        community,
        channelId: invocation.channelId,
        language,
        t,
        // A moderator's results are the moderator's own unless a command says they are meant for all.
        reply: (message, opts) => reply(message, opts?.ephemeral ?? target.moderatorOnly),
        deps: pickPorts(ports, target.needs),
      };
      await target.run(context);
    } catch (error) {
      if (isUserError(error)) {
        await reply(t(error.key, error.vars), true);
        return;
      }
      const code = `cmd-${Date.now().toString(36)}`;
      ports.logger.error({ err: error, code, command: invocation.command, invocationId: invocation.invocationId }, 'command failed');
      await reply(t('errors.internal', { code }), true);
    }
  };
}

interface Target {
  path: string;
  moderatorOnly: boolean;
  schema: z.ZodObject;
  text: string;
  needs: readonly (keyof Ports)[] | undefined;
  run(context: CommandContext<unknown, keyof Ports>): Promise<void>;
}

function selectTarget(definition: CommandDefinition, invocation: CommandInvocation): Target {
  const text = (invocation.text ?? '').trim();
  if (!definition.subcommands) {
    return { path: definition.name, moderatorOnly: definition.moderatorOnly, schema: definition.options, text, needs: definition.needs, run: definition.run };
  }
  let name = invocation.subcommand;
  let rest = text;
  if (!name) {
    const [first = '', ...others] = text.split(/\s+/);
    name = first.toLowerCase();
    rest = others.join(' ');
  }
  // Own keys only: the name is typed by a member ("constructor" is not a subcommand).
  const sub: SubcommandDefinition | undefined = Object.hasOwn(definition.subcommands, name) ? definition.subcommands[name] : undefined;
  if (!sub) {
    const choices = Object.keys(definition.subcommands);
    throw new UserError('errors.unknownSubcommand', { command: definition.name, choices: choices.join(', '), example: choices[0] ?? '' });
  }
  return {
    path: `${definition.name} ${name}`,
    moderatorOnly: sub.moderatorOnly ?? definition.moderatorOnly,
    schema: sub.options,
    text: rest,
    needs: sub.needs,
    run: sub.run as Target['run'],
  };
}

// Platform syntax ("<@U1>") is the adapter's business; a plain name or "@name" is looked up here.
function resolverFor(invocation: CommandInvocation, communityId: string, lookups: { members: MemberLookup; channels: ChannelLookup }): ReferenceResolver {
  const byName: ReferenceResolver = {
    member: async (raw) => (await lookups.members.findByName(communityId, raw))?.id ?? null,
    channel: async (raw) => (await lookups.channels.findByName(communityId, raw))?.id ?? null,
  };
  const own = invocation.resolver;
  if (!own) return byName;
  return {
    member: async (raw) => (await own.member(raw)) ?? byName.member(raw),
    channel: async (raw) => (await own.channel(raw)) ?? byName.channel(raw),
  };
}

interface NamedChannel {
  id: string;
  name: string;
}

function localOf(id: string): string {
  try {
    return parseId(id).local ?? id;
  } catch {
    return id;
  }
}

/** The name a person typed for a channel: "<#C1|mods>", "#mods" or "mods" -> "mods"; a bare mention -> its id. */
function typedChannelName(raw: string, id: string): string {
  const value = raw.trim();
  const label = /^<#[^|>]+\|([^>]+)>$/.exec(value)?.[1];
  if (label) return label;
  if (value.startsWith('<')) return localOf(id);
  return value.replace(/^#/, '');
}

/**
 * Our own words for what zod found wrong with a value, never the library's ("Too big: expected
 * string to have <=100 characters" reaches nobody).
 */
function optionError(issue: z.core.$ZodIssue, where: { option: string; value: string; usage: string; kind: OptionKind | undefined }): UserError {
  const { option, value, usage, kind } = where;
  if (kind === 'integer') return new UserError('errors.notANumber', { option, value, usage });
  if (kind === 'boolean') return new UserError('errors.notABoolean', { option, value, usage });
  if (issue.code === 'too_big' && issue.origin === 'string') return new UserError('errors.optionTooLong', { option, count: Number(issue.maximum), length: value.length, usage });
  if (issue.code === 'too_small' && issue.origin === 'string') return new UserError('errors.optionEmpty', { option, usage });
  return new UserError('errors.invalidOption', { option, usage });
}

async function buildOptions(target: Target, invocation: CommandInvocation, resolver: ReferenceResolver, named: NamedChannel[]): Promise<unknown> {
  const declared = describeOptions(target.schema);
  const usage = usageOf(target.path, declared);
  const raw: RawOptions = invocation.options ? { ...invocation.options } : assignOptions(tokenize(target.text), declared, usage);
  for (const { name, spec } of declared) {
        const value = raw[name];
    if (spec.kind === 'channel' && invocation.options && typeof value === 'string') named.push({ id: value, name: localOf(value) });
    if (typeof value !== 'string' || invocation.options) continue;
    if (spec.kind === 'member' || spec.kind === 'channel') {
      const resolved = await resolver[spec.kind](value);
      if (!resolved) throw new UserError(spec.kind === 'member' ? 'errors.memberNotFound' : 'errors.channelNotFound', { name: value });
      raw[name] = resolved;
      if (spec.kind === 'channel') named.push({ id: resolved, name: typedChannelName(value, resolved) });
    }
  }
  const parsed = target.schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const option = String(issue.path[0] ?? '');
    if (raw[option] === undefined) throw new UserError('errors.missingOption', { option, usage });
    const spec = declared.find((d) => d.name === option)?.spec;
    if (spec?.choices) throw new UserError('errors.notAChoice', { option, value: String(raw[option]), choices: spec.choices.join(', '), usage });
    throw optionError(issue, { option, value: String(raw[option]), usage, kind: spec?.kind });
  }
  return parsed.data;
}
