// Proves intoCommunity moves every id of an imported event into the named console community, keeping local parts (so replies, mentions and reactions still point at the same people and messages) and leaving the text alone.
import { describe, expect, it } from 'vitest';
import type { MessagePosted, ReactionChanged } from '../../../src/core/events.ts';
import { intoCommunity, isCommunityName } from '../../../src/import/into-community.ts';

const actor = (id: string) => ({ memberId: id, displayName: id, isBot: false, isModerator: false });

describe('intoCommunity', () => {
  it('GIVEN a Discord reply with a mention THEN every id is under console:ubuntu with the same local part', () => {
    const posted: MessagePosted = {
      type: 'message.posted', platform: 'discord', eventId: 'discord:message:42', communityId: 'discord:G1', occurredAt: new Date(0),
      channelId: 'discord:G1:C1', messageId: 'discord:G1:42', threadId: 'discord:G1:40', author: actor('discord:G1:U1'),
      text: 'see discord:G1:U9 docs', mentions: ['discord:G1:U2'], mentionsBot: false, replyTo: { messageId: 'discord:G1:40', memberId: 'discord:G1:U2' },
    };
    const moved = intoCommunity(posted, 'ubuntu') as MessagePosted;
    expect(moved).toMatchObject({
      platform: 'console', communityId: 'console:ubuntu', communityName: 'ubuntu', eventId: 'console:ubuntu/discord:message:42',
      channelId: 'console:ubuntu:C1', messageId: 'console:ubuntu:42', threadId: 'console:ubuntu:40', author: { memberId: 'console:ubuntu:U1' },
      mentions: ['console:ubuntu:U2'], replyTo: { messageId: 'console:ubuntu:40', memberId: 'console:ubuntu:U2' }, text: 'see discord:G1:U9 docs',
    });
    expect(posted.author.memberId).toBe('discord:G1:U1');
  });

  it('GIVEN a Slack reaction THEN actor and target move too', () => {
    const reaction: ReactionChanged = { type: 'reaction.added', platform: 'slack', eventId: 'e', communityId: 'slack:T1', occurredAt: new Date(0), channelId: 'slack:T1:C1', messageId: 'slack:T1:C1%2F1.0', actor: actor('slack:T1:U3'), emoji: 'pray', targetMemberId: 'slack:T1:U1' };
    expect(intoCommunity(reaction, 'demo')).toMatchObject({ actor: { memberId: 'console:demo:U3' }, targetMemberId: 'console:demo:U1', messageId: 'console:demo:C1%2F1.0' });
  });

  it('GIVEN names THEN letters, digits, _ - . pass and spaces, colons and empty fail', () => {
    expect(['ubuntu', 'общност', 'team_2.0-x'].map(isCommunityName)).toEqual([true, true, true]);
    expect(['', 'my team', 'a:b', 'x'.repeat(65)].map(isCommunityName)).toEqual([false, false, false, false]);
  });
});
