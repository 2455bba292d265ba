// Proves on real PostgreSQL that a person linked across Slack and Discord (/link) is one row beyond
// /leaderboard too: the weekly shout-out (its preview and its post) thanks them once with both
// accounts' scores added, and the dashboard's leaderboards API lists them once with the sum; after
// /link remove each account is ranked on its own again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import link from '../../commands/link.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { resolvePeriod } from '../../src/core/dashboard/periods.ts';
import { withRecognitionLeaderboards } from '../../src/core/dashboard/recognition-leaderboards.ts';
import type { MessagePosted } from '../../src/core/events.ts';
import { createDashboardQueries } from '../../src/db/dashboard-queries.ts';
import { createReplayAdapter } from '../../src/import/replay-adapter.ts';
import { panelJson } from '../../src/web/dashboard-api.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { DISCORD, SLACK, ann, annOnDiscord, bob, eve } from '../support/linked-members.ts';
import { runCommand } from '../support/run-command.ts';

// A Wednesday: the weekly shout-out looks at this week, when the members helped each other.
const clock = fixedClock(new Date('2026-11-25T10:00:00Z'));
let app: TestApp;
const slackSide = createReplayAdapter('slack');
const discordSide = createReplayAdapter('discord');

async function linkAnn(): Promise<void> {
  const deps = { linking: app.rapport.ports.linking };
  const pair = link.subcommands!['pair']!;
  await runCommand(pair, { deps, actor: ann, community: { id: SLACK.id, platform: 'slack' }, options: { community: DISCORD.id } });
  await runCommand(pair, { deps, actor: eve, community: { id: DISCORD.id, platform: 'discord' }, options: { community: SLACK.id } });
  const [issued] = await runCommand(link.subcommands!['new']!, { deps, actor: ann, options: { as: 'ann.d' } });
  const code = /Your code: ([0-9A-Z]{8})\./.exec(issued!.text)![1]!;
  const [typed] = await runCommand(link.subcommands!['code']!, { deps, actor: annOnDiscord, options: { code } });
  expect(typed!.text).toMatch(/^Linked/);
}

/** The dashboard's leaderboards JSON, as /dashboard/<community>/api/leaderboards returns it (7 days: this week). */
async function dashboardHelpers(communityId: string): Promise<Array<[string, number]>> {
  const data = withRecognitionLeaderboards(createDashboardQueries(app.db.prisma), app.rapport.ports.leaderboard, app.repos.communities);
  const json = (await panelJson('leaderboards', data, communityId, resolvePeriod('7d', clock.now(), 'UTC'), app.translator, 'en')) as { helpers: Array<{ name: string; score: number }> };
  return json.helpers.map((r) => [r.name, r.score]);
}

const record = async (community: { id: string }) => (await app.repos.communities.get(community.id))!;
const preview = async (community: { id: string }) => (await app.rapport.ports.shoutouts.preview(await record(community), { period: 'week', language: 'en' })).text;
/** Each account's own helper score this week (recognition, without the linked view). */
const ownScores = async (community: { id: string }) => new Map((await app.rapport.ports.recognition.shoutout(await record(community), { period: 'week', which: 'current', limit: 10 })).topHelpers.map((e) => [e.displayName, e.score]));
const round = (n: number) => Math.round(n * 10) / 10;

/** A question, a helpful reply mentioning the asker, and the asker's thanks, on Monday of this week. */
function help(community: string, asker: { memberId: string; displayName: string }, helper: { memberId: string; displayName: string }, n: number): MessagePosted[] {
  const platform = community.split(':')[0] as 'slack' | 'discord';
  const channelId = `${community}:C1`;
  const at = (minutes: number) => new Date(Date.parse('2026-11-23T09:00:00Z') + n * 3_600_000 + minutes * 60_000);
  const who = (m: { memberId: string; displayName: string }) => ({ ...m, isBot: false, isModerator: false });
  const message = (i: number, author: typeof asker, text: string, mentions: string[]): MessagePosted => ({
    type: 'message.posted', platform, eventId: `${channelId}:e${n}.${i}`, communityId: community, occurredAt: at(i), channelId, messageId: `${channelId}:m${n}.${i}`, author: who(author), text, mentions, mentionsBot: false,
  });
  return [
    message(1, asker, 'how do I update my graphics driver?', []),
    message(2, helper, `@${asker.displayName} open Additional Drivers and pick the recommended one`, [asker.memberId]),
    message(3, asker, `thanks @${helper.displayName}, works now`, [helper.memberId]),
  ];
}

const cat = { memberId: 'slack:T1:U3', displayName: 'cat' };
let before: { slack: Map<string, number>; discord: Map<string, number> };

beforeAll(async () => {
  app = await createTestApp({ adapters: [slackSide, discordSide], clock });
  const { repos } = app;
  await repos.communities.ensure({ id: SLACK.id, platform: 'slack', name: 'Acme Slack', timeZone: 'UTC' });
  await repos.communities.ensure({ id: DISCORD.id, platform: 'discord', name: 'Acme Discord', timeZone: 'UTC' });
  // On Slack bob helps twice and ann once; on Discord ann helps twice: linked, ann has helped most.
  await app.rapport.pipeline.handleBatch([
    ...help(SLACK.id, cat, bob, 0),
    ...help(SLACK.id, ann, bob, 1),
    ...help(SLACK.id, bob, ann, 2),
    ...help(DISCORD.id, eve, annOnDiscord, 3),
    ...help(DISCORD.id, eve, annOnDiscord, 4),
  ]);
  await app.rapport.ports.recognition.flush();
  before = { slack: await ownScores(SLACK), discord: await ownScores(DISCORD) };
}, 120_000);

afterAll(async () => {
  await app.close();
});

describe('linked accounts beyond /leaderboard', () => {
  it('GIVEN no link THEN the shout-out and the dashboard rank each account on its own', async () => {
    expect(before.slack.get('bob')!).toBeGreaterThan(before.slack.get('ann')!);
    expect(before.slack.get('ann')! + before.discord.get('ann.d')!).toBeGreaterThan(before.slack.get('bob')!);
    expect((await dashboardHelpers(SLACK.id)).map(([name]) => name)).toEqual(['bob', 'ann']);
    const text = await preview(SLACK);
    expect(text.indexOf('bob')).toBeGreaterThan(-1);
    expect(text.indexOf('bob')).toBeLessThan(text.indexOf('ann'));
  });

  it('GIVEN ann linked across Slack and Discord THEN the dashboard API lists her once with both scores added, on each side', async () => {
    await linkAnn();
    const sum = before.slack.get('ann')! + before.discord.get('ann.d')!;
    expect(await dashboardHelpers(SLACK.id)).toEqual([
      ['ann', round(sum)],
      ['bob', round(before.slack.get('bob')!)],
    ]);
    const discord = await dashboardHelpers(DISCORD.id);
    expect(discord.filter(([name]) => name.startsWith('ann'))).toEqual([['ann.d', round(sum)]]);
    expect(discord[0]![0]).toBe('ann.d');
  });

  it('GIVEN ann linked THEN the weekly shout-out thanks her once, first, and posting it posts once', async () => {
    const text = await preview(SLACK);
    expect(text.match(/\bann\b/g)).toHaveLength(1);
    expect(text).not.toContain('ann.d');
    expect(text.indexOf('ann')).toBeLessThan(text.indexOf('bob'));
    const discordText = await preview(DISCORD);
    expect(discordText.match(/\bann\.d\b/g)).toHaveLength(1);
    const { schedule } = await app.rapport.ports.shoutouts.schedule({ community: await record(SLACK), channelId: `${SLACK.id}:C1`, rule: 'weekly on monday 10:00' });
    const posted = slackSide.swallowed.posts;
    expect(await app.rapport.ports.shoutouts.post(schedule.id, 'tick-1')).toBe('posted');
    expect(slackSide.swallowed.posts).toBe(posted + 1);
  });

  it('GIVEN /link remove THEN the shout-out and the dashboard rank each account on its own again', async () => {
    await runCommand(link.subcommands!['remove']!, { deps: { linking: app.rapport.ports.linking }, actor: annOnDiscord });
    expect((await dashboardHelpers(SLACK.id)).map(([name, score]) => [name, score])).toEqual([
      ['bob', round(before.slack.get('bob')!)],
      ['ann', round(before.slack.get('ann')!)],
    ]);
    const text = await preview(SLACK);
    expect(text.indexOf('bob')).toBeLessThan(text.indexOf('ann'));
  });
});
