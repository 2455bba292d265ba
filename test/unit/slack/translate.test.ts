// Proves Slack event payloads become the right core events, and that bot messages, joins and link-preview edits are not counted.
import { describe, expect, it } from 'vitest';
import type { SlackDirectory } from '../../../src/adapters/slack/slack-directory.ts';
import { mentionedUsers, plainText, translateBlockActions, translateEvent, type SlackBlockActions, type SlackEnvelope, type TranslateContext } from '../../../src/adapters/slack/translate.ts';
import { appMentionEvent, blockActions, memberJoinedEvent, messageChangedEvent, messageDeletedEvent, messageEvent, reactionEvent } from '../../fakes/slack/payloads.ts';

const directory: SlackDirectory = {
  actor: async (teamId, userId) => ({ memberId: `slack:${teamId}:${userId}`, displayName: userId.toLowerCase(), isBot: false, isModerator: userId === 'UMOD' }),
  channelName: async (channel) => (channel === 'C1' ? 'general' : undefined),
};
const ctx: TranslateContext = { teamId: 'T1', botUserId: 'UBOT', botId: 'BBOT', directory };
const translate = (payload: Record<string, unknown>) => translateEvent(payload as unknown as SlackEnvelope, ctx);

describe('translateEvent', () => {
  it('GIVEN a channel message THEN it is a message.posted with opaque ids and a message-derived event id', async () => {
    const event = await translate(messageEvent({ text: 'hi', ts: '1700000000.000100' }, 'Ev1'));
    expect(event).toMatchObject({
      type: 'message.posted',
      platform: 'slack',
      eventId: 'slack:message:T1:C1:1700000000.000100',
      communityId: 'slack:T1',
      channelId: 'slack:T1:C1',
      channelName: 'general',
      messageId: 'slack:T1:C1%2F1700000000.000100',
      author: { memberId: 'slack:T1:U1', displayName: 'u1' },
      text: 'hi',
      mentionsBot: false,
    });
    expect(event?.occurredAt.toISOString()).toBe('2023-11-14T22:13:20.000Z');
  });

  it('GIVEN the same message as message and as app_mention THEN both carry one event id and the mention is seen', async () => {
    const message = await translate(messageEvent({ text: '<@UBOT> where are the docs?', ts: '1700000000.000200' }, 'Ev2'));
    const mention = await translate(appMentionEvent({ text: '<@UBOT> where are the docs?', ts: '1700000000.000200' }, 'Ev3'));
    expect(message?.eventId).toBe(mention?.eventId);
    expect(message).toMatchObject({ mentionsBot: true, text: 'where are the docs?', mentions: [] });
    expect(mention).toMatchObject({ type: 'message.posted', mentionsBot: true });
  });

  it('GIVEN a thread reply THEN threadId and replyTo point at the root and its author', async () => {
    const event = await translate(messageEvent({ text: 'answer', ts: '1700000000.000300', thread_ts: '1700000000.000100', parent_user_id: 'U9' }));
    expect(event).toMatchObject({ threadId: 'slack:T1:C1%2F1700000000.000100', replyTo: { messageId: 'slack:T1:C1%2F1700000000.000100', memberId: 'slack:T1:U9' } });
  });

  it('GIVEN a thread root (thread_ts equals ts) THEN it is not a reply', async () => {
    const event = await translate(messageEvent({ text: 'root', ts: '1700000000.000100', thread_ts: '1700000000.000100' }));
    expect(event).not.toHaveProperty('threadId');
  });

  it('GIVEN messages from the bot itself, another bot or a bot_message subtype THEN nothing is counted', async () => {
    expect(await translate(messageEvent({ text: 'mine', ts: '1.1', user: 'UBOT' }))).toBeNull();
    expect(await translate(messageEvent({ text: 'other bot', ts: '1.2', user: 'U7', bot_id: 'B7' }))).toBeNull();
    expect(await translate(messageEvent({ text: 'webhook', ts: '1.3', subtype: 'bot_message', bot_id: 'B8' }))).toBeNull();
  });

  it('GIVEN a channel_join message THEN nothing is counted (member_joined_channel covers it)', async () => {
    expect(await translate(messageEvent({ text: '<@U3> has joined', ts: '1.4', subtype: 'channel_join', user: 'U3' }))).toBeNull();
  });

  it('GIVEN a thread_broadcast or file_share THEN it counts as a message', async () => {
    expect((await translate(messageEvent({ text: 'also to channel', ts: '1.5', subtype: 'thread_broadcast' })))?.type).toBe('message.posted');
    expect((await translate(messageEvent({ text: 'see file', ts: '1.6', subtype: 'file_share' })))?.type).toBe('message.posted');
  });

  it('GIVEN message_changed with new words THEN message.edited with the Slack event id', async () => {
    const event = await translate(messageChangedEvent({ ts: '1700000000.000100', text: 'fixed typo', previousText: 'fixd typo' }, 'EvEdit'));
    expect(event).toMatchObject({ type: 'message.edited', eventId: 'slack:EvEdit', messageId: 'slack:T1:C1%2F1700000000.000100', text: 'fixed typo', author: { memberId: 'slack:T1:U1' } });
  });

  it('GIVEN message_changed that only added a link preview THEN nothing', async () => {
    expect(await translate(messageChangedEvent({ ts: '1700000000.000100', text: 'same', previousText: 'same' }))).toBeNull();
  });

  it('GIVEN message_deleted THEN message.deleted with the former author', async () => {
    const event = await translate(messageDeletedEvent({ ts: '1700000000.000100' }, 'EvDel'));
    expect(event).toMatchObject({ type: 'message.deleted', eventId: 'slack:EvDel', messageId: 'slack:T1:C1%2F1700000000.000100', author: { memberId: 'slack:T1:U1' } });
  });

  it('GIVEN reactions THEN reaction.added/removed with the skin tone dropped and the target author', async () => {
    const added = await translate(reactionEvent('reaction_added', { reaction: '+1::skin-tone-3', ts: '1700000000.000100' }, 'EvR1'));
    expect(added).toMatchObject({ type: 'reaction.added', eventId: 'slack:EvR1', emoji: '+1', actor: { memberId: 'slack:T1:U2' }, targetMemberId: 'slack:T1:U1', messageId: 'slack:T1:C1%2F1700000000.000100' });
    const removed = await translate(reactionEvent('reaction_removed', { reaction: 'tada', ts: '1700000000.000100' }));
    expect(removed?.type).toBe('reaction.removed');
  });

  it('GIVEN a member joining THEN member.joined; GIVEN the bot joining THEN nothing', async () => {
    expect(await translate(memberJoinedEvent({ user: 'U5' }, 'EvJ'))).toMatchObject({ type: 'member.joined', eventId: 'slack:EvJ', member: { memberId: 'slack:T1:U5' }, channelId: 'slack:T1:C1' });
    expect(await translate(memberJoinedEvent({ user: 'UBOT' }))).toBeNull();
  });

  it('GIVEN an event type Rapport does not use THEN nothing', async () => {
    expect(await translate({ team_id: 'T1', event_id: 'Ev9', event: { type: 'channel_created' } })).toBeNull();
  });
});

describe('translateBlockActions', () => {
  it('GIVEN a button press THEN button.pressed with the rendered suffix removed from the action id', async () => {
    const [event] = await translateBlockActions(blockActions({ user: 'UMOD', actionId: 'answer.helped#2', value: 'kb-7', messageTs: '1700000000.000900' }) as unknown as SlackBlockActions, ctx);
    expect(event).toMatchObject({ type: 'button.pressed', actionId: 'answer.helped', value: 'kb-7', channelId: 'slack:T1:C1', messageId: 'slack:T1:C1%2F1700000000.000900', actor: { memberId: 'slack:T1:UMOD', isModerator: true } });
  });
});

describe('Slack text', () => {
  it('GIVEN Slack markup THEN plainText reads like what a person typed', () => {
    expect(plainText('<@UBOT> ask <@U1|ann> in <#C2|help> about <https://x.dev|docs> &amp; <https://y.dev> &lt;3 <!here>', 'UBOT')).toBe('ask @ann in #help about docs (https://x.dev) & https://y.dev <3 @here');
  });

  it('GIVEN repeated mentions THEN mentionedUsers lists each user once', () => {
    expect(mentionedUsers('<@U1> <@U2|bo> <@U1>')).toEqual(['U1', 'U2']);
  });
});
