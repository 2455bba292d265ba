// Proves DiscordChatExporter files become the live adapter's events (same ids, replies resolved, bots and pins skipped) and that a broken file is reported with its name and position.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { translateReaction } from '../../../src/adapters/discord/translate.ts';
import { DiscordExportError, discordExportEvents, parseDiscordExport, readDiscordExport } from '../../../src/import/discord-export-reader.ts';

const FIXTURES = new URL('../../fixtures/discord-export/', import.meta.url).pathname;

describe('DiscordChatExporter reader', () => {
  it('GIVEN an export THEN messages, replies, mentions, reactions and joins become events with the live ids', async () => {
    const exp = await readDiscordExport(`${FIXTURES}general.json`);
    expect(exp.guild).toEqual({ id: '900000000000000001', name: 'Rapport Test Guild' });
    const events = discordExportEvents(exp);
    expect(events.map((e) => [e.type, e.eventId])).toEqual([
      ['member.joined', 'discord:member:900000000000000001:800000000000000003:join:1709542800000'],
      ['message.posted', 'discord:message:1000000000000000002'],
      ['message.posted', 'discord:message:1000000000000000003'],
      ['reaction.added', 'discord:reaction:1000000000000000003:800000000000000003:🙏:add'],
      ['message.posted', 'discord:message:1000000000000000004'],
      ['message.posted', 'discord:message:1000000000000000005'],
    ]);
    const reply = events[2];
    expect(reply?.type === 'message.posted' && reply).toMatchObject({
      communityId: 'discord:900000000000000001',
      channelId: 'discord:900000000000000001:900000000000000010',
      channelName: 'general',
      author: { memberId: 'discord:900000000000000001:800000000000000001', displayName: 'Alice', isBot: false },
      mentions: ['discord:900000000000000001:800000000000000003'],
      replyTo: { messageId: '1000000000000000002', memberId: 'discord:900000000000000001:800000000000000003' },
    });
    const reaction = events[3];
    expect(reaction?.type === 'reaction.added' && reaction.targetMemberId).toBe('discord:900000000000000001:800000000000000001');
  });

  it('GIVEN a custom-emoji reaction THEN its event id uses the emoji id, as the live adapter does, so a live and an imported reaction are one event', async () => {
    const text = (await readFile(`${FIXTURES}general.json`, 'utf8')).replace('"id": "", "name": "🙏"', '"id": "333", "name": "party"');
    const reaction = discordExportEvents(parseDiscordExport('custom.json', text)).find((e) => e.type === 'reaction.added');
    const live = translateReaction(
      { guildId: '900000000000000001', channelId: '900000000000000010', messageId: '1000000000000000003', actor: { userId: '800000000000000003', displayName: 'Carol', isBot: false, permissions: 0n, roleIds: [] }, emoji: { id: '333', name: 'party' }, messageAuthorId: '800000000000000001', added: true, occurredAt: new Date('2024-03-04T09:03:00Z') },
      { botUserId: '999', moderatorRoleId: undefined },
    );
    expect(reaction).toMatchObject({ eventId: 'discord:reaction:1000000000000000003:800000000000000003:333:add', emoji: 'party' });
    expect(live?.eventId).toBe(reaction?.eventId);
  });

  it('GIVEN an invalid timestamp THEN the error names the file and the message', async () => {
    const error = await readDiscordExport(`${FIXTURES}broken-timestamp.json`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordExportError);
    expect((error as DiscordExportError).message).toMatch(/broken-timestamp\.json \(message #2, id \d+\): "timestamp" must be an ISO date, got "yesterday"/);
  });

  it('GIVEN a truncated file THEN the error names the file and where the JSON ends', async () => {
    const error = await readDiscordExport(`${FIXTURES}truncated.json`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordExportError);
    expect((error as DiscordExportError).file).toMatch(/truncated\.json$/);
    expect((error as DiscordExportError).position).toBeDefined();
  });

  it('GIVEN a DM export without a guild THEN it is refused with a reason', async () => {
    const text = (await readFile(`${FIXTURES}help.json`, 'utf8')).replace('"guild"', '"notGuild"');
    expect(() => parseDiscordExport('dm.json', text)).toThrow(/dm\.json: needs "guild\.id" and "channel\.id"/);
  });
});
