// Proves no library wording reaches a person: every option of every command, sent an over-long, empty or ill-typed value (typed as text on Slack and the console, or as typed options on Discord), is answered with Rapport's own message, in English and in Bulgarian.
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import type { CommandInvocation } from '../../../src/core/adapter.ts';
import type { Ports } from '../../../src/core/app-ports.ts';
import { createCommandDispatcher } from '../../../src/core/commands/dispatch.ts';
import { describeOptions, type OptionSpec } from '../../../src/core/commands/options.ts';
import { createCommandRegistry } from '../../../src/core/commands/registry.ts';
import type { Language } from '../../../src/core/ports.ts';
import type { Translator } from '../../../src/core/translator.ts';
import { createTranslator } from '../../../src/i18n/create-translator.ts';
import { createLogger } from '../../../src/pino-logger.ts';

/** What zod (or any library) says; none of it may reach a person. */
const LIBRARY_WORDING = /too big|too small|expected|invalid (input|option|string|type|enum|value)|received|must match|<=|>=|\bundefined\b|\[object/i;
const LEAKED_VALUES = /\bNaN\b|\bnull\b/;

const none = async () => null;
const ports = {
  members: { get: none, findByName: none },
  channels: { get: none, findByName: none },
  logger: createLogger({ level: 'silent', pretty: false }),
} as unknown as Ports;

let translator: Translator;
beforeAll(async () => {
  translator = await createTranslator();
});

interface Case {
  path: string;
  option: string;
  value: string;
}

/** The bad values worth sending for an option of this kind. */
function badValues(spec: OptionSpec): string[] {
  switch (spec.kind) {
    case 'string':
      return ['x'.repeat(4_001), '" "'];
    case 'integer':
      return ['abc', '99999999999999', '-99999999999999', '1.5'];
    case 'boolean':
      return ['maybe'];
    case 'choice':
      return ['nonsense'];
    case 'member':
    case 'channel':
      return ['@nobody-here', '#no-such-channel'];
    case 'role':
      return ['nobody-role', '#no-such-channel'];
  }
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const command of commands) {
    const targets = command.subcommands ? Object.entries(command.subcommands).map(([name, sub]) => ({ path: `${command.name} ${name}`, options: sub.options })) : [{ path: command.name, options: command.options }];
    for (const target of targets) for (const { name, spec } of describeOptions(target.options)) for (const value of badValues(spec)) out.push({ path: target.path, option: name, value });
  }
  return out;
}

async function send(c: Case, language: Language, typed: boolean): Promise<string[]> {
  const replies: string[] = [];
  const dispatch = createCommandDispatcher({
    commands: createCommandRegistry(commands),
    ports,
    translator,
    admit: async () => ({ community: { id: 'console:t', platform: 'console', name: 't', language, timeZone: 'UTC' }, language, isNew: true }),
  });
  const [command = '', subcommand] = c.path.split(' ');
  const unquoted = c.value === '" "' ? ' ' : c.value;
  const invocation: CommandInvocation = {
    platform: typed ? 'discord' : 'console',
    invocationId: `i-${Math.random()}`,
    communityId: 'console:t',
    channelId: 'console:t:general',
    actor: { memberId: 'console:t:mod', displayName: 'mod', isBot: false, isModerator: true },
    command,
    occurredAt: new Date('2026-12-01T10:00:00Z'),
    ...(typed
      ? { options: { [c.option]: unquoted }, ...(subcommand ? { subcommand } : {}) }
      : { text: `${subcommand ?? ''} ${c.option}:${c.value.startsWith('"') ? c.value : `"${c.value}"`}`.trim() }),
  };
  await dispatch(invocation, { reply: async (message) => void replies.push([message.title, message.text, message.footer].filter(Boolean).join('\n')) });
  return replies;
}

describe('option errors are Rapport\'s own words', () => {
  it('GIVEN every option of every command WHEN sent a bad value THEN the reply names the option in our words, never the library\'s (en and bg, text and typed options)', async () => {
    const all = cases();
    expect(all.length).toBeGreaterThan(100);
    const leaks: string[] = [];
    for (const c of all) {
      for (const language of ['en', 'bg'] as const) {
        for (const typed of [false, true]) {
          const replies = await send(c, language, typed);
          expect(replies, `${c.path} ${c.option}`).toHaveLength(1);
          const reply = replies[0]!;
          if (LIBRARY_WORDING.test(reply) || LEAKED_VALUES.test(reply)) leaks.push(`/${c.path} ${c.option}:${c.value.slice(0, 20)} (${language}, ${typed ? 'typed' : 'text'}) -> ${reply}`);
          if (language === 'bg') expect(reply, reply).toMatch(/[а-я]/i);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('GIVEN an over-long title THEN the reply says how long it may be, in English and Bulgarian', async () => {
    const c = { path: 'offer create', option: 'title', value: 'x'.repeat(150) };
    const [en] = await send(c, 'en', false);
    expect(en).toMatch(/title can be at most \d+ characters long \(this one has 150\)/);
    const [bg] = await send(c, 'bg', true);
    expect(bg).toMatch(/Опцията title може да съдържа най-много \d+ знака \(тази стойност има 150\)/);
  });
});
