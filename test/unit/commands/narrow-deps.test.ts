// Proves that commands receive only the ports they declare: each handler runs here with exactly its declared ports (and is refused any other), and the dispatcher hands a command those ports and no others.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from '../../../commands/index.ts';
import help from '../../../commands/help.ts';
import rank from '../../../commands/rank.ts';
import settings from '../../../commands/settings.ts';
import type { Ambassadors } from '../../../src/core/ambassadors/create-ambassadors.ts';
import type { Ports } from '../../../src/core/app-ports.ts';
import { fixedClock } from '../../../src/core/clock.ts';
import { defineCommand, defineSubcommand } from '../../../src/core/commands/define.ts';
import { createCommandDispatcher } from '../../../src/core/commands/dispatch.ts';
import { createCommandRegistry } from '../../../src/core/commands/registry.ts';
import type { CommunityRecord } from '../../../src/core/ports.ts';
import type { Routing } from '../../../src/core/routing/create-routing.ts';
import { DEFAULT_ROUTING_SETTINGS } from '../../../src/core/routing/ports.ts';
import type { Shoutouts } from '../../../src/core/shoutouts/create-shoutouts.ts';
import { createTranslator } from '../../../src/i18n/create-translator.ts';
import { createLogger } from '../../../src/pino-logger.ts';
import { runCommand } from '../../support/run-command.ts';

const member = { id: 'console:local:ann', communityId: 'console:local', platformId: 'ann', displayName: 'Ann', isBot: false, isModerator: false, language: null };

describe('a command with only its declared ports', () => {
  it('GIVEN /rank with only the leaderboard and members ports WHEN the member has no score THEN it says so with their name', async () => {
    const asked: string[] = [];
    const replies = await runCommand(rank, {
      deps: {
        leaderboard: { rank: async (_community, memberId) => (asked.push(memberId), null), leaderboard: async () => [] },
        members: { get: async (id) => (id === member.id ? member : null), findByName: async () => null },
      },
      options: { member: member.id },
    });
    expect(asked).toEqual([member.id]);
    expect(replies.map((r) => r.text)).toEqual(['Ann has no score yet.']);
  });

  it('GIVEN /help with only the commands port WHEN a member who is not a moderator asks THEN moderator-only commands are left out', async () => {
    const port = { commands: createCommandRegistry(commands) };
    const forMember = (await runCommand(help, { deps: port, actor: { isModerator: false } }))[0]!.text;
    const forModerator = (await runCommand(help, { deps: port, actor: { isModerator: true } }))[0]!.text;
    expect(forMember).toContain('/rank');
    expect(forMember).not.toContain('/settings');
    expect(forModerator).toContain('/settings');
  });

  it('GIVEN /settings with its six ports WHEN the time zone changes THEN the community is updated and both kinds of schedules move with it', async () => {
    const community: CommunityRecord = { id: 'console:local', platform: 'console', name: 'local', language: 'en', timeZone: 'Europe/Sofia' };
    const moved: string[] = [];
    const replies = await runCommand(settings, {
      deps: {
        communities: { get: async () => community, list: async () => [community], update: async (_id, patch) => ({ ...community, ...patch }) },
        // Only what /settings calls; the rest of these services is not reachable from it.
        shoutouts: { reschedule: async (c: CommunityRecord) => (moved.push(`shoutouts ${c.timeZone}`), 1) } as unknown as Shoutouts,
        ambassadors: { feedback: { reschedule: async (id: string) => void moved.push(`feedback ${id}`) } } as unknown as Ambassadors,
        translator: await createTranslator(),
        routing: { settings: async () => DEFAULT_ROUTING_SETTINGS } as unknown as Routing,
        channels: { get: async () => null, findByName: async () => null },
      },
      options: { timezone: 'America/New_York' },
      community,
    });
    expect(moved).toEqual(['shoutouts America/New_York', 'feedback console:local']);
    expect(replies[0]!.text.split('\n')).toEqual(['Saved. Language: English. Time zone: America/New_York.', expect.stringMatching(/^Routing is off: after 10 minutes/)]);
  });

  it('GIVEN a test that passes a port the command did not declare THEN the run is refused', async () => {
    const deps = { commands: createCommandRegistry(commands), clock: fixedClock(new Date()) };
    await expect(runCommand(help, { deps: deps as never })).rejects.toThrow('port "clock", which the command does not declare');
  });
});

describe('the dispatcher', () => {
  it('GIVEN every port WHEN commands run THEN each receives exactly the ports it declared, and one that declared none receives none', async () => {
    const seen: Record<string, string[]> = {};
    const probe = defineCommand({
      name: 'probe',
      description: { en: 'probe', bg: 'проба' },
      moderatorOnly: false,
      needs: ['clock', 'members'],
      options: z.object({}),
      async run({ deps }) {
        seen.probe = Object.keys(deps).sort();
        deps.clock.now();
      },
    });
    const group = defineCommand({
      name: 'group',
      description: { en: 'group', bg: 'група' },
      moderatorOnly: false,
      subcommands: {
        bare: defineSubcommand({ description: { en: 'bare', bg: 'гол' }, options: z.object({}), run: async ({ deps }) => void (seen.bare = Object.keys(deps)) }),
        timed: defineSubcommand({ description: { en: 'timed', bg: 'с час' }, needs: ['clock'], options: z.object({}), run: async ({ deps }) => void (seen.timed = Object.keys(deps)) }),
      },
    });
    const registry = createCommandRegistry([probe, group]);
    // Every port a command could ask for; the dispatcher must hand over only the declared ones.
    const lookups = { get: async () => null, findByName: async () => null };
    const ports = { clock: fixedClock(new Date()), members: lookups, channels: lookups, logger: createLogger({ level: 'silent', pretty: false }), commands: registry, translator: await createTranslator() } as unknown as Ports;
    const community: CommunityRecord = { id: 'console:local', platform: 'console', name: 'local', language: 'en', timeZone: 'UTC' };
    const dispatch = createCommandDispatcher({ commands: registry, ports, translator: await createTranslator(), admit: async () => ({ community, language: 'en', isNew: true }) });
    const replies: string[] = [];
    const invoke = (command: string, text: string) =>
      dispatch(
        { platform: 'console', invocationId: `${command}-${text}`, communityId: community.id, channelId: 'console:local:general', actor: { memberId: 'console:local:you', displayName: 'you', isBot: false, isModerator: true }, command, text, occurredAt: new Date() },
        { reply: async (message) => void replies.push(message.text) },
      );
    await invoke('probe', '');
    await invoke('group', 'bare');
    await invoke('group', 'timed');
    expect(replies).toEqual([]);
    expect(seen).toEqual({ probe: ['clock', 'members'], bare: [], timed: ['clock'] });
  });
});
