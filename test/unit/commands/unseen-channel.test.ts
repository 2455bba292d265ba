// Proves a channel option may name a channel Rapport has not seen (Slack's <#C9|mods>, Discord's typed id): the command runs with its id and the channel is stored under the name typed, without renaming a channel already known.
import { describe, expect, it } from 'vitest';
import feedback from '../../../commands/feedback.ts';
import type { CommandInvocation } from '../../../src/core/adapter.ts';
import type { Ports } from '../../../src/core/app-ports.ts';
import { createCommandDispatcher } from '../../../src/core/commands/dispatch.ts';
import { createCommandRegistry } from '../../../src/core/commands/registry.ts';
import { createTranslator } from '../../../src/i18n/create-translator.ts';
import { createLogger } from '../../../src/pino-logger.ts';

async function run(invocation: Partial<CommandInvocation>, known: Record<string, string> = {}) {
  const ensured: Array<{ id: string; name: string }> = [];
  const scheduled: string[] = [];
  const replies: string[] = [];
  const get = async (id: string) => (Object.hasOwn(known, id) ? { id, communityId: 'slack:T1', name: known[id]!, watched: true } : null);
  const ports = {
    members: { get: async () => null, findByName: async () => null },
    channels: { get, findByName: async () => null },
    ambassadors: { feedback: { schedule: async (_c: string, channelId: string) => void scheduled.push(channelId) } },
    logger: createLogger({ level: 'silent', pretty: false }),
  } as unknown as Ports;
  const dispatch = createCommandDispatcher({
    commands: createCommandRegistry([feedback]),
    ports,
    translator: await createTranslator(),
    admit: async () => ({ community: { id: 'slack:T1', platform: 'slack', name: 't', language: 'en', timeZone: 'UTC' }, language: 'en', isNew: true }),
    ensureChannels: async (channels) => void ensured.push(...channels.map(({ id, name }) => ({ id, name }))),
  });
  await dispatch(
    { platform: 'slack', invocationId: `i${Math.random()}`, communityId: 'slack:T1', channelId: 'slack:T1:C1', actor: { memberId: 'slack:T1:U1', displayName: 'mod', isBot: false, isModerator: true }, command: 'feedback', occurredAt: new Date(), ...invocation } as CommandInvocation,
    { reply: async (m) => void replies.push(m.text) },
  );
  return { ensured, scheduled, replies };
}

const slackResolver = { member: async () => null, channel: async (raw: string) => (/^<#(C\w+)\|/.exec(raw) ? `slack:T1:${/^<#(C\w+)\|/.exec(raw)![1]}` : null) };

describe('a channel option naming a channel Rapport has not seen', () => {
  it('GIVEN Slack\'s <#C9|mods> THEN the digest is scheduled there and #mods is stored by that name', async () => {
    const { ensured, scheduled, replies } = await run({ text: 'schedule channel:<#C9|mods>', resolver: slackResolver });
    expect(scheduled).toEqual(['slack:T1:C9']);
    expect(ensured).toEqual([{ id: 'slack:T1:C9', name: 'mods' }]);
    expect(replies.join('\n')).not.toContain('No channel called');
  });

  it('GIVEN a typed Discord option THEN the channel is stored under its id until its name is seen', async () => {
    const { ensured, scheduled } = await run({ platform: 'discord', communityId: 'discord:G1', subcommand: 'schedule', options: { channel: 'discord:G1:555' } });
    expect(scheduled).toEqual(['discord:G1:555']);
    expect(ensured).toEqual([{ id: 'discord:G1:555', name: '555' }]);
  });

  it('GIVEN a channel already known THEN nothing is stored again', async () => {
    const { ensured, scheduled } = await run({ text: 'schedule channel:<#C9|renamed>', resolver: slackResolver }, { 'slack:T1:C9': 'mods' });
    expect(scheduled).toEqual(['slack:T1:C9']);
    expect(ensured).toEqual([]);
  });
});
