// Proves who counts as a Slack moderator (admins, owners, the configured list and user group), that lookups are cached, and that a failed lookup does not lose the event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { createSlackDirectory } from '../../src/adapters/slack/slack-directory.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { FAKE_BOT, startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.ts';
import { memoryLogger } from '../fakes/slack/recording-handlers.ts';

describe('Slack directory', () => {
  let slack: FakeSlack;
  let client: webApi.WebClient;
  beforeAll(async () => {
    slack = await startFakeSlack();
    slack.addUser({ id: 'UADMIN', name: 'ada', isAdmin: true });
    slack.addUser({ id: 'UOWNER', name: 'olga', isOwner: true });
    slack.addUser({ id: 'UGROUP', name: 'gus' });
    slack.addUser({ id: 'UPLAIN', name: 'pat', displayName: 'Pat P.' });
    slack.addUser({ id: 'UHELPER', name: 'helperbot', isBot: true, isAdmin: true });
    slack.addUsergroup('S9', 'community-team', ['UGROUP']);
    client = new webApi.WebClient(FAKE_BOT.token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    await slack.close();
  });

  it('GIVEN admins, owners, listed users and group members THEN they are moderators; others and bots are not', async () => {
    for (const group of ['community-team', '@community-team', 'S9']) {
      const directory = createSlackDirectory({ client, clock: fixedClock(new Date()), logger: memoryLogger(), moderators: ['UPLAIN2'], moderatorGroup: group });
      const moderator = async (user: string) => (await directory.actor('T1', user)).isModerator;
      expect(await moderator('UADMIN')).toBe(true);
      expect(await moderator('UOWNER')).toBe(true);
      expect(await moderator('UGROUP')).toBe(true);
      expect(await moderator('UPLAIN2')).toBe(true);
      expect(await moderator('UPLAIN')).toBe(false);
      expect(await directory.actor('T1', 'UHELPER')).toMatchObject({ isBot: true, isModerator: false });
    }
  });

  it('GIVEN repeated lookups THEN users.info is asked once until the cache expires', async () => {
    const clock = fixedClock(new Date('2026-01-01T00:00:00Z'));
    const directory = createSlackDirectory({ client, clock, logger: memoryLogger(), ttlMs: 60_000 });
    const count = () => slack.callsTo('users.info').filter((c) => c.args.user === 'UPLAIN').length;
    const before = count();
    expect(await directory.actor('T1', 'UPLAIN')).toMatchObject({ memberId: 'slack:T1:UPLAIN', displayName: 'Pat P.' });
    await directory.actor('T1', 'UPLAIN');
    expect(count()).toBe(before + 1);
    clock.advance(61_000);
    await directory.actor('T1', 'UPLAIN');
    expect(count()).toBe(before + 2);
  });

  it('GIVEN users.info and conversations.info failing THEN the actor falls back to the id and the channel has no name', async () => {
    const lines: Array<{ level: string; object: unknown; message?: string }> = [];
    const directory = createSlackDirectory({ client, clock: fixedClock(new Date()), logger: memoryLogger(lines), moderators: ['UGONE'] });
    slack.failWith('users.info', 'user_not_found');
    try {
      expect(await directory.actor('T1', 'UGONE', 'gone-user')).toEqual({ memberId: 'slack:T1:UGONE', displayName: 'gone-user', isBot: false, isModerator: true });
    } finally {
      slack.failWith('users.info', null);
    }
    expect(await directory.channelName('CSECRET')).toBeUndefined();
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(2);
  });
});
