// Proves /link on real PostgreSQL: accounts link only between communities whose moderators paired them both ways; a one-time code from Slack links the named Discord account once; an expired, reused, unknown code, one typed on the same platform or by someone else is refused with its reason and links nothing (only a hash is stored); linked accounts are one row on each community's leaderboard with their scores added, have one funnel stage, share privacy choices and one DM channel of choice, are exported and erased together; /link remove separates them and the boards are as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import link from '../../commands/link.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { UserError } from '../../src/core/errors.ts';
import { parseRecognitionConfig } from '../../src/core/recognition/recognition-config.ts';
import { importScores } from '../../src/db/imported-score-repository.ts';
import { createReplayAdapter } from '../../src/import/replay-adapter.ts';
import { parseScoreCsv } from '../../src/import/score-files.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { DISCORD, SLACK, ann, annOnDiscord, bob, eve } from '../support/linked-members.ts';
import { runCommand } from '../support/run-command.ts';

const clock = fixedClock(new Date('2026-11-23T10:00:00Z'));
let app: TestApp;
const slackSide = createReplayAdapter('slack');
const discordSide = createReplayAdapter('discord');

async function issue(actor: { memberId: string; displayName: string }, as: string): Promise<string> {
  const [reply] = await runCommand(link.subcommands!['new']!, { deps: { linking: app.rapport.ports.linking }, actor, options: { as } });
  expect(reply!.ephemeral).toBe(true);
  return /Your code: ([0-9A-Z]{8})\./.exec(reply!.text)![1]!;
}

async function type(actor: { memberId: string; displayName: string }, code: string): Promise<string> {
  try {
    const [reply] = await runCommand(link.subcommands!['code']!, { deps: { linking: app.rapport.ports.linking }, actor, options: { code } });
    return reply!.text;
  } catch (error) {
    if (error instanceof UserError) return error.key;
    throw error;
  }
}

async function board(community: { id: string; timeZone: string }): Promise<Array<[string, number]>> {
  return (await app.rapport.ports.leaderboard.leaderboard(community, { period: 'all', kind: 'helpers' })).map((e) => [e.displayName, e.score]);
}

beforeAll(async () => {
  app = await createTestApp({ adapters: [slackSide, discordSide], clock });
  const { repos } = app;
  await repos.communities.ensure({ id: SLACK.id, platform: 'slack', name: 'Acme Slack' });
  await repos.communities.ensure({ id: DISCORD.id, platform: 'discord', name: 'Acme Discord' });
  for (const [m, communityId] of [[ann, SLACK.id], [bob, SLACK.id], [annOnDiscord, DISCORD.id], [eve, DISCORD.id]] as const)
    await repos.members.ensure({ id: m.memberId, communityId, platformId: m.memberId.split(':')[2]!, displayName: m.displayName, isBot: false });
  // Starting points (each karma point is a thank-you: 0.5 helper points) so both accounts have scores.
  const config = parseRecognitionConfig({});
  await importScores(app.db.prisma, { communityId: SLACK.id, source: 'csv', lines: parseScoreCsv('ann,10\nbob,8\n'), config, at: clock.now(), createMissing: false });
  await importScores(app.db.prisma, { communityId: DISCORD.id, source: 'csv', lines: parseScoreCsv('ann.d,6\neve,2\n'), config, at: clock.now(), createMissing: false });
  // ann reached "love" on Slack two months ago; her Discord account is a newcomer.
  await repos.ambassadors.changeStage({ memberId: ann.memberId, communityId: SLACK.id, from: 'newcomer', to: 'love', reasons: [], cause: 'promotion', at: new Date(clock.now().getTime() - 60 * 86_400_000) });
}, 120_000);

const stageOf = async (memberId: string) => (await app.rapport.ports.funnelRecords.getFunnel(memberId))?.stage ?? 'newcomer';

afterAll(async () => {
  await app.close();
});

describe('/link', () => {
  it('GIVEN communities their moderators have not paired both ways THEN no code is given, or a code links nothing', async () => {
    const refuse = async (run: () => Promise<unknown>) => run().then(() => 'no error', (error: unknown) => (error instanceof UserError ? error.key : String(error)));
    expect(await refuse(() => issue(ann, 'ann.d'))).toBe('link.noPair');
    const pair = link.subcommands!['pair']!;
    expect(pair.moderatorOnly).toBe(true);
    const [oneSide] = await runCommand(pair, { deps: { linking: app.rapport.ports.linking }, actor: ann, community: { id: SLACK.id, platform: 'slack' }, options: { community: DISCORD.id } });
    expect(oneSide!.text).toBe('Paired from this side with discord:900. Accounts can link once its moderators run /link pair community:slack:T1 there too.');
    const code = await issue(ann, 'ann.d');
    expect(await type(annOnDiscord, code)).toBe('link.notPaired');
    expect(await refuse(() => runCommand(pair, { deps: { linking: app.rapport.ports.linking }, actor: eve, community: { id: DISCORD.id, platform: 'discord' }, options: { community: 'slack:T1:U1' } }))).toBe('link.pair.badId');
    const [mutual] = await runCommand(pair, { deps: { linking: app.rapport.ports.linking }, actor: eve, community: { id: DISCORD.id, platform: 'discord' }, options: { community: SLACK.id } });
    expect(mutual!.text).toBe('Paired with slack:T1 both ways: members can now link their accounts with /link new.');
    expect(await app.db.prisma.memberLink.count()).toBe(0);
    await app.db.prisma.linkCode.deleteMany();
  });

  it('GIVEN a code asked for on Slack WHEN it is typed on Slack, by someone else on Discord, wrongly, too late or twice THEN each is refused and nothing is linked; typed by the named account it links once', async () => {
    const code = await issue(ann, '@ann.d');
    const stored = await app.db.prisma.linkCode.findMany();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.codeHash).not.toContain(code);
    expect(stored[0]).toMatchObject({ memberId: ann.memberId, target: 'ann.d', platform: 'discord' });

    expect(await type(bob, code)).toBe('link.code.samePlatform');
    expect(await type(eve, code)).toBe('link.code.notYou');
    expect(await type(annOnDiscord, 'ZZZZ2222')).toBe('link.code.unknown');
    expect(await app.db.prisma.memberLink.count()).toBe(0);
    expect((await app.db.prisma.linkCode.findFirstOrThrow()).usedAt).toBeNull();

    const late = await issue(ann, '111');
    clock.advance(16 * 60_000);
    expect(await type(annOnDiscord, late)).toBe('link.code.expired');
    expect(await app.db.prisma.memberLink.count()).toBe(0);
    clock.set(new Date('2026-11-23T10:00:00Z'));

    // The person typing may write it in lower case with a dash; the named account is matched by display name.
    expect(await type(annOnDiscord, `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`)).toMatch(/^Linked: your Slack account and this one are one member now/);
    expect(await type(annOnDiscord, code)).toBe('link.code.used');
    const links = await app.db.prisma.memberLink.findMany({ orderBy: { memberId: 'asc' } });
    expect(links.map((l) => [l.memberId, l.personId])).toEqual([
      [annOnDiscord.memberId, ann.memberId],
      [ann.memberId, ann.memberId],
    ]);
    // One funnel stage: linking puts the Discord account at the higher stage.
    expect(await stageOf(annOnDiscord.memberId)).toBe('love');
    expect(await stageOf(eve.memberId)).toBe('newcomer');
  });

  it('GIVEN the linked accounts WHEN the funnel review moves the Slack account THEN the Discord account moves with it, and its history says why', async () => {
    await app.rapport.ports.ambassadors.funnel.review(SLACK.id);
    const stage = await stageOf(ann.memberId);
    expect(stage).not.toBe('love');
    expect(await stageOf(annOnDiscord.memberId)).toBe(stage);
    const followed = (await app.rapport.ports.funnelRecords.history(annOnDiscord.memberId)).find((h) => h.fromStage === 'love' && h.toStage === stage);
    expect(followed?.cause).toBe('review');
    expect(followed?.reasons).toContainEqual({ key: 'ambassadors.reason.linkedAccount', vars: { platform: 'Slack' } });
  });

  it('GIVEN the linked accounts THEN each community ranks the person once with both scores added, and /rank adds them up too', async () => {
    expect(await board(SLACK)).toEqual([
      ['ann', 8],
      ['bob', 4],
    ]);
    expect(await board(DISCORD)).toEqual([
      ['ann.d', 8],
      ['eve', 1],
    ]);
    const rank = await app.rapport.ports.leaderboard.rank(DISCORD, annOnDiscord.memberId);
    expect(rank).toMatchObject({ helperRank: { all: 1 }, all: { helper: 8, thanks: 16 } });
  });

  it('GIVEN the linked accounts THEN a privacy choice made on one holds for both, and the export covers both', async () => {
    await app.rapport.ports.privacy.set(ann.memberId, SLACK.id, { noDms: true });
    expect(await app.rapport.ports.privacy.choices(annOnDiscord.memberId)).toEqual({ noProfiling: false, noDms: true });
    const exported = await app.rapport.ports.privacy.exportMember(annOnDiscord.memberId);
    expect(exported['Member']!.map((m) => m['id']).sort()).toEqual([annOnDiscord.memberId, ann.memberId].sort());
    await app.rapport.ports.privacy.set(annOnDiscord.memberId, DISCORD.id, { noDms: false });
    expect(await app.rapport.ports.privacy.choices(ann.memberId)).toEqual({ noProfiling: false, noDms: false });
  });

  it('GIVEN /link dm platform:discord on Slack THEN direct messages to either account go to Discord (an offer is answered from there), and platform:each sends each to its own', async () => {
    const dm = link.subcommands!['dm']!;
    const [chosen] = await runCommand(dm, { deps: { linking: app.rapport.ports.linking }, actor: ann, options: { platform: 'discord' } });
    expect(chosen!.text).toBe('Rapport will send your direct messages to your Discord account.');
    await app.rapport.ports.repliers.forId(ann.memberId).dm(ann.memberId, { text: 'an offer' });
    expect([slackSide.swallowed.dms, discordSide.swallowed.dms]).toEqual([0, 1]);
    await runCommand(dm, { deps: { linking: app.rapport.ports.linking }, actor: annOnDiscord, options: { platform: 'each' } });
    await app.rapport.ports.repliers.forId(ann.memberId).dm(ann.memberId, { text: 'an offer' });
    expect([slackSide.swallowed.dms, discordSide.swallowed.dms]).toEqual([1, 1]);
    // An offer DM that went to the Discord account is answered there: the recipient is found through the link.
    await app.db.prisma.offer.create({ data: { id: 'offer-1', communityId: SLACK.id, title: 'Beta', content: 'code BETA', eligibleStage: 'like', places: 1, expiresAt: new Date(clock.now().getTime() + 86_400_000) } });
    await app.db.prisma.offerRecipient.create({ data: { offerId: 'offer-1', memberId: ann.memberId, communityId: SLACK.id, state: 'sent', reasons: [], proposedAt: clock.now() } });
    expect(await app.rapport.ports.ambassadors.offers.answer('offer-1', eve.memberId, true)).toMatchObject({ result: 'not_yours' });
    expect(await app.rapport.ports.ambassadors.offers.answer('offer-1', annOnDiscord.memberId, true)).toMatchObject({ result: 'accepted', memberId: ann.memberId });
    const [lonely] = await runCommand(dm, { deps: { linking: app.rapport.ports.linking }, actor: bob, options: { platform: 'discord' } });
    expect(lonely!.text).toBe('This account is not linked to another one.');
  });

  it('GIVEN /link remove THEN the accounts are separate again and each board is what it was before the link', async () => {
    const [reply] = await runCommand(link.subcommands!['remove']!, { deps: { linking: app.rapport.ports.linking }, actor: annOnDiscord });
    expect(reply!.text).toBe('Separated: 2 accounts are on their own again.');
    expect(await app.db.prisma.memberLink.count()).toBe(0);
    expect(await board(SLACK)).toEqual([
      ['ann', 5],
      ['bob', 4],
    ]);
    expect(await board(DISCORD)).toEqual([
      ['ann.d', 3],
      ['eve', 1],
    ]);
    const [again] = await runCommand(link.subcommands!['remove']!, { deps: { linking: app.rapport.ports.linking }, actor: annOnDiscord });
    expect(again!.text).toBe('This account is not linked to another one.');
  });

  it('GIVEN a linked person who deletes their data on one platform THEN both accounts are erased', async () => {
    const code = await issue(ann, 'ann.d');
    expect(await type(annOnDiscord, code)).toMatch(/^Linked/);
    const removed = await app.rapport.ports.privacy.erase(DISCORD.id, annOnDiscord.memberId);
    expect(removed['Member']).toBe(2);
    expect(await app.db.prisma.member.count({ where: { id: { in: [ann.memberId, annOnDiscord.memberId] } } })).toBe(0);
    expect(await board(SLACK)).toEqual([['bob', 4]]);
  });
});
