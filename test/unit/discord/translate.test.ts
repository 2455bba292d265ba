// Proves the pure Discord -> core translation: opaque ids, event ids that repeat on replays, thread and reply mapping, moderator detection and the bot filter.
import { describe, expect, it } from 'vitest';
import { parseId } from '../../../src/core/ids.ts';
import {
  isModerator, optionValues, parseMention, translateButton, translateCommand, translateDelete, translateEdit, translateMemberJoin, translateMessage, translateReaction,
  type AuthorFacts, type InteractionFacts, type MessageFacts,
} from '../../../src/adapters/discord/translate.ts';

const context = { botUserId: '900', moderatorRoleId: '555' };
const person: AuthorFacts = { userId: '100', displayName: 'Alice', isBot: false, permissions: 1024n, roleIds: [] };
const at = new Date('2026-01-02T03:04:05Z');
const message = (extra: Partial<MessageFacts> = {}): MessageFacts => ({
  id: '42', guildId: 'G1', channelId: 'C1', channelName: 'general', author: person, content: 'hi', createdAt: at, mentionedUserIds: [], ...extra,
});
const interaction: InteractionFacts = { id: '77', guildId: 'G1', channelId: 'C1', actor: person, createdAt: at, guildName: 'Guild', channelName: 'general' };

describe('translateMessage', () => {
  it('GIVEN a member message THEN it becomes message.posted with opaque ids and a replay-stable event id', () => {
    const event = translateMessage(message(), context)!;
    expect(event).toMatchObject({
      type: 'message.posted', platform: 'discord', eventId: 'discord:message:42', communityId: 'discord:G1', channelId: 'discord:G1:C1',
      channelName: 'general', messageId: '42', text: 'hi', author: { memberId: 'discord:G1:100', isModerator: false }, occurredAt: at,
    });
    expect(translateMessage(message(), context)!.eventId).toBe(event.eventId);
    expect(parseId(event.author.memberId)).toEqual({ platform: 'discord', scope: 'G1', local: '100' });
  });

  it('GIVEN a message in a thread THEN the channel is the parent and threadId the thread', () => {
    expect(translateMessage(message({ channelId: 'T9', threadParentId: 'C1' }), context)).toMatchObject({ channelId: 'discord:G1:C1', threadId: 'T9' });
  });

  it('GIVEN a reply that mentions the bot THEN replyTo and mentionsBot are set and the bot is not a mention', () => {
    const event = translateMessage(message({ mentionedUserIds: ['900', '101'], reference: { messageId: '41', authorId: '101' } }), context)!;
    expect(event).toMatchObject({ mentionsBot: true, mentions: ['discord:G1:101'], replyTo: { messageId: '41', memberId: 'discord:G1:101' } });
  });

  it('GIVEN a bot, Rapport itself, a webhook or a DM THEN nothing is produced', () => {
    expect(translateMessage(message({ author: { ...person, isBot: true } }), context)).toBeNull();
    expect(translateMessage(message({ author: { ...person, userId: '900' } }), context)).toBeNull();
    expect(translateMessage(message({ webhookId: 'W1' }), context)).toBeNull();
    expect(translateMessage(message({ guildId: null }), context)).toBeNull();
  });
});

describe('edits, deletions, reactions, joins', () => {
  it('GIVEN an update without edited_timestamp (a link preview) THEN it is not an edit', () => {
    expect(translateEdit(message(), context)).toBeNull();
    expect(translateEdit(message({ editedAt: at }), context)).toMatchObject({ type: 'message.edited', eventId: `discord:message:42:edit:${at.getTime()}` });
  });

  it('GIVEN a deleted uncached message THEN it is reported without author', () => {
    const event = translateDelete(message({ author: null }), context, at)!;
    expect(event).toMatchObject({ eventId: 'discord:message:42:delete', channelId: 'discord:G1:C1' });
    expect(event.author).toBeUndefined();
  });

  it('GIVEN a reaction THEN its event id names message, user, emoji and direction, and the author is the target', () => {
    const reaction = { guildId: 'G1', channelId: 'C1', messageId: '42', actor: person, emoji: { id: null, name: '🙏' }, messageAuthorId: '101', added: true, occurredAt: at };
    expect(translateReaction(reaction, context)).toMatchObject({ type: 'reaction.added', eventId: 'discord:reaction:42:100:🙏:add', emoji: '🙏', targetMemberId: 'discord:G1:101' });
    expect(translateReaction({ ...reaction, added: false, emoji: { id: '333', name: 'party' } }, context)).toMatchObject({ type: 'reaction.removed', eventId: 'discord:reaction:42:100:333:remove', emoji: 'party' });
  });

  it('GIVEN a member join THEN it names the system channel; a bot join is ignored', () => {
    expect(translateMemberJoin('G1', person, at, 'C0', context)).toMatchObject({ type: 'member.joined', channelId: 'discord:G1:C0', member: { memberId: 'discord:G1:100' } });
    expect(translateMemberJoin('G1', { ...person, isBot: true }, at, 'C0', context)).toBeNull();
  });
});

describe('moderators', () => {
  it('GIVEN Manage Server, Administrator or the moderator role THEN the member is a moderator', () => {
    expect(isModerator({ ...person, permissions: 1n << 5n }, context)).toBe(true);
    expect(isModerator({ ...person, permissions: 1n << 3n }, context)).toBe(true);
    expect(isModerator({ ...person, permissions: null, roleIds: ['555'] }, context)).toBe(true);
    expect(isModerator(person, context)).toBe(false);
    expect(isModerator({ ...person, roleIds: ['555'] }, { botUserId: '900' })).toBe(false);
  });
});

describe('commands and buttons', () => {
  it('GIVEN typed options THEN member and channel options become opaque ids and others stay typed', () => {
    expect(optionValues('G1', [
      { name: 'member', type: 6, value: '101' }, { name: 'channel', type: 7, value: 'C2' }, { name: 'days', type: 4, value: 7 }, { name: 'public', type: 5, value: true }, { name: 'text', type: 3, value: 'x' },
    ])).toEqual({ member: 'discord:G1:101', channel: 'discord:G1:C2', days: 7, public: true, text: 'x' });
  });

  it('GIVEN a subcommand THEN the invocation names it and takes its options', () => {
    const invocation = translateCommand(interaction, { name: 'kb', options: [{ name: 'add', type: 1, options: [{ name: 'title', type: 3, value: 'Deploy' }] }] }, context)!;
    expect(invocation).toMatchObject({ invocationId: 'discord:interaction:77', command: 'kb', subcommand: 'add', options: { title: 'Deploy' }, communityName: 'Guild', channelName: 'general', channelId: 'discord:G1:C1' });
  });

  it('GIVEN a command or button in a thread THEN the channel is the thread\'s parent', () => {
    const inThread = { ...interaction, channelId: 'T9', threadParentId: 'C1' };
    expect(translateCommand(inThread, { name: 'rank', options: [] }, context)).toMatchObject({ channelId: 'discord:G1:C1' });
    expect(translateButton(inThread, 'a|b', '50', context)).toMatchObject({ channelId: 'discord:G1:C1' });
  });

  it('GIVEN a button custom_id THEN the action and value come back; in a DM the guild comes from the custom_id', () => {
    expect(translateButton(interaction, 'answer.helped|kb-1|x', '50', context)).toMatchObject({ eventId: 'discord:interaction:77', actionId: 'answer.helped', value: 'kb-1|x', messageId: '50', channelId: 'discord:G1:C1' });
    const dm = translateButton({ ...interaction, guildId: null, channelId: 'D1' }, '@G1|dm.ok|1', '51', context)!;
    expect(dm).toMatchObject({ communityId: 'discord:G1', actionId: 'dm.ok', value: '1', actor: { memberId: 'discord:G1:100' } });
    expect(dm.channelId).toBeUndefined();
    expect(translateButton({ ...interaction, guildId: null }, 'answer.helped|1', '51', context)).toBeNull();
  });

  it('GIVEN mention syntax THEN the snowflake is extracted', () => {
    expect(parseMention('<@!123456789012345678>', 'member')).toBe('123456789012345678');
    expect(parseMention('<#123456789012345678>', 'channel')).toBe('123456789012345678');
    expect(parseMention('alice', 'member')).toBeNull();
  });
});
