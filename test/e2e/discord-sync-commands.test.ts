// Proves `syncDiscordCommands` registers every command in commands/ once, and afterwards sends only what changed (nothing when nothing did), using discord.js's REST client against the fake Discord.
import { MESSAGE_ACTIONS } from '../../src/core/commands/message-actions.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import type { CommandDefinition } from '../../src/core/commands/define.ts';
import { createDiscordRest, describeSyncSummary, syncDiscordCommands } from '../../src/adapters/discord/sync-commands.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.ts';

let fake: FakeDiscord;
let rest: ReturnType<typeof createDiscordRest>;

beforeEach(async () => {
  fake = await startFakeDiscord();
  rest = createDiscordRest({ token: fake.token, apiUrl: fake.apiUrl });
});

afterEach(async () => {
  await fake.close();
});

const writes = () => fake.rest.requests.filter((r) => r.method !== 'GET' && r.path.includes('/commands'));
// Slash commands, then the message context-menu commands (src/core/commands/message-actions.ts).
const names = [...commands.map((c) => c.name), ...MESSAGE_ACTIONS.map((a) => a.name.en)];

describe('discord sync-commands', () => {
  it('sends the full set once, then nothing on a second run with no change', async () => {
    const first = await syncDiscordCommands({ rest, applicationId: fake.applicationId, commands });
    expect(first).toMatchObject({ scope: 'global', mode: 'bulk', writes: 1, created: names, updated: [], deleted: [] });
    expect(writes()).toHaveLength(1);
    expect(writes()[0]!).toMatchObject({ method: 'PUT', path: `/applications/${fake.applicationId}/commands` });
    expect(writes()[0]!.body.map((c: { name: string }) => c.name)).toEqual(names);
    expect(fake.rest.commands.get('global')!.map((c) => c.name)).toEqual(names);

    const second = await syncDiscordCommands({ rest, applicationId: fake.applicationId, commands });
    expect(second).toMatchObject({ mode: 'none', writes: 0, unchanged: names, created: [], updated: [], deleted: [] });
    expect(writes()).toHaveLength(1);
    expect(fake.rest.find('GET', /\/commands$/).every((r) => r.query.get('with_localizations') === 'true')).toBe(true);
    expect(describeSyncSummary(second, 'en')).toContain('already up to date');
    expect(describeSyncSummary(first, 'bg')).toContain('нови /help');
  });

  it('edits a changed command, creates a new one and deletes a removed one, each individually', async () => {
    await syncDiscordCommands({ rest, applicationId: fake.applicationId, commands });
    const help = commands.find((c) => c.name === 'help')!;
    const rank = commands.find((c) => c.name === 'rank')!;
    const changedRank = { ...rank, description: { en: 'Show a rank', bg: 'Покажи класиране' } } as CommandDefinition;
    const added = { ...help, name: 'about' } as CommandDefinition;
    const registered = fake.rest.commands.get('global')!;
    const rankId = registered.find((c) => c.name === 'rank')!.id;
    const removed = registered.filter((c) => c.name !== 'help' && c.name !== 'rank' && !MESSAGE_ACTIONS.some((a) => a.name.en === c.name));

    const summary = await syncDiscordCommands({ rest, applicationId: fake.applicationId, commands: [help, changedRank, added] });

    expect(summary).toMatchObject({ mode: 'individual', writes: 2 + removed.length, created: ['about'], updated: ['rank'], deleted: removed.map((c) => c.name), unchanged: ['help', ...MESSAGE_ACTIONS.map((a) => a.name.en)] });
    expect(writes().slice(1).map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /applications/${fake.applicationId}/commands`,
      `PATCH /applications/${fake.applicationId}/commands/${rankId}`,
      ...removed.map((c) => `DELETE /applications/${fake.applicationId}/commands/${c.id}`),
    ]);
    expect(fake.rest.commands.get('global')!.find((c) => c.name === 'rank')).toMatchObject({ id: rankId, description: 'Show a rank', description_localizations: { bg: 'Покажи класиране' } });
  });

  it('registers in one guild when given --guild, through one 429', async () => {
    fake.rest.rateLimitNext('GET', /\/guilds\/\d+\/commands$/, 0.05);
    const summary = await syncDiscordCommands({ rest, applicationId: fake.applicationId, guildId: fake.guild.id, commands });
    expect(summary).toMatchObject({ scope: { guildId: fake.guild.id }, mode: 'bulk', writes: 1 });
    expect(fake.rest.find('GET', /\/guilds\/\d+\/commands$/)).toHaveLength(2);
    expect(fake.rest.commands.get(fake.guild.id)!.map((c) => c.name)).toEqual(names);
    expect(fake.rest.commands.get('global')).toBeUndefined();
  });
});
