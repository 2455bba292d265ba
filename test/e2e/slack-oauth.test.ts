// Proves Rapport installable in many Slack workspaces (and a single-token app paused and resumed) with the real Bolt App against the fake Slack: two workspaces install through /slack/install and /slack/oauth_redirect (state + cookie), their tokens are sealed in PostgreSQL, each workspace's events and Rapport's own calls use that workspace's token, app_uninstalled pauses one community (its data stays, nothing is posted, its jobs do not run) and reinstalling resumes it, a forged or replayed state is refused with nothing written, and the App Home shows a member their standing and a moderator the suggestions with a working Approve button.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createInstallationStore, createSlackAdapter, namesFromRepositories, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { CommunityPausedError } from '../../src/core/community-pauses.ts';
import { learningFeature } from '../../src/core/learning/register-learning.ts';
import { recognitionFeature } from '../../src/core/recognition/register-recognition.ts';
import { ambassadorsFeature } from '../../src/core/ambassadors/register-ambassadors.ts';
import { createSecretBox } from '../../src/db/secret-box.ts';
import { createSlackInstallationRepository, createSlackOAuthStateRepository } from '../../src/db/slack-installation-repository.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { waitFor } from '../support/wait-for.ts';
import { FAKE_BOT, FAKE_TEAM, startFakeSlack, type FakeSlack, type FakeWorkspace } from '../fakes/slack/fake-slack.ts';
import { envelope } from '../fakes/slack/payloads.ts';
import { buildRapport } from '../../src/main.ts';
import { createInProcessScheduler } from '../../src/jobs/in-process-scheduler.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { memoryLogger } from '../fakes/slack/recording-handlers.ts';
import { createSlackSender, type SlackSender } from '../fakes/slack/slack-sender.ts';

const SIGNING = 'oauth-signing-secret';
const STATE_SECRET = 'oauth-state-secret-0123456789';
const KEY = randomBytes(32);
const A: FakeWorkspace = { teamId: 'TA', teamName: 'Team A', botToken: 'xoxb-team-a', botUserId: 'UBOTA', botId: 'BBOTA', code: 'code-a' };
const B: FakeWorkspace = { teamId: 'TB', teamName: 'Team B', botToken: 'xoxb-team-b', botUserId: 'UBOTB', botId: 'BBOTB', code: 'code-b' };
const nowTs = (offset: number) => `${Math.floor(Date.now() / 1000) - 600 + offset}.000100`;
let eventCounter = 0;

function teamEvent(team: FakeWorkspace, event: Record<string, unknown>): Record<string, unknown> {
  const id = `EvO${++eventCounter}`;
  return {
    token: 'unused',
    team_id: team.teamId,
    api_app_id: 'A1',
    event: { event_ts: event.ts ?? `${Math.floor(Date.now() / 1000)}.000${eventCounter}`, ...event },
    type: 'event_callback',
    event_id: id,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: team.teamId, user_id: team.botUserId, is_bot: true, is_enterprise_install: false }],
  };
}

describe('Slack installed in many workspaces (OAuth)', () => {
  let slack: FakeSlack;
  let app: TestApp;
  let adapter: SlackAdapter | undefined;
  let base: string;
  let sender: SlackSender;

  beforeAll(async () => {
    slack = await startFakeSlack();
    slack.addWorkspace(A);
    slack.addWorkspace(B);
    slack.addUser({ id: 'UA1', name: 'ann', displayName: 'Ann' });
    slack.addUser({ id: 'UA2', name: 'bob', displayName: 'Bob' });
    slack.addUser({ id: 'UB1', name: 'cleo', displayName: 'Cleo' });
    slack.addUser({ id: 'UADMIN', name: 'ada', displayName: 'Ada', isAdmin: true });
    app = await createTestApp({
      clock: fixedClock(new Date()),
      features: [recognitionFeature, learningFeature, ambassadorsFeature],
      adapters: ({ repos, db }) => {
        adapter = createSlackAdapter(
          {
            signingSecret: SIGNING,
            apiUrl: slack.apiUrl,
            port: 0,
            host: '127.0.0.1',
            oauth: {
              clientId: slack.oauthClient.id,
              clientSecret: slack.oauthClient.secret,
              stateSecret: STATE_SECRET,
              installations: createInstallationStore(createSlackInstallationRepository(db.prisma, createSecretBox(KEY))),
              states: createSlackOAuthStateRepository(db.prisma),
              scopes: ['chat:write', 'commands', 'users:read'],
              authorizationUrl: `${slack.baseUrl}/oauth/v2/authorize`,
            },
          },
          { logger: memoryLogger(), names: namesFromRepositories(repos) },
        );
        return [adapter];
      },
    });
    base = `http://127.0.0.1:${adapter!.address()!.port}`;
    sender = createSlackSender(`${base}/slack/events`, SIGNING);
  });

  afterAll(async () => {
    await app?.close();
    await slack?.close();
  });

  /** /slack/install: Bolt sets the state cookie and sends the browser to Slack's consent page with the state. */
  async function startInstall(): Promise<{ state: string; cookie: string }> {
    const response = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.href.startsWith(`${slack.baseUrl}/oauth/v2/authorize`)).toBe(true);
    expect(location.searchParams.get('client_id')).toBe(slack.oauthClient.id);
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    return { state: location.searchParams.get('state')!, cookie };
  }

  const redirect = (code: string, state: string, cookie: string) =>
    fetch(`${base}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });

  async function install(workspace: FakeWorkspace): Promise<{ state: string; cookie: string }> {
    const started = await startInstall();
    const done = await redirect(workspace.code, started.state, started.cookie);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Rapport is installed');
    return started;
  }

  const installationRows = () => app.db.prisma.slackInstallation.findMany({ orderBy: { key: 'asc' } });

  it('GIVEN two workspaces install through the OAuth redirect THEN both are stored sealed and each speaks with its own token', async () => {
    await install(A);
    await install(B);
    const rows = await installationRows();
    expect(rows.map((r) => [r.key, r.teamId])).toEqual([
      ['TTA', 'TA'],
      ['TTB', 'TB'],
    ]);
    // Tokens are not stored in clear, and the key opens them again.
    for (const row of rows) {
      expect(row.sealed).not.toContain('xoxb-');
      expect(row.sealed).not.toContain('Team ');
      expect(createSecretBox(KEY).open(row.sealed)).toContain(row.teamId === 'TA' ? A.botToken : B.botToken);
    }
    // oauth.v2.access was called with the client's credentials, without a token.
    expect(slack.callsTo('oauth.v2.access').map((c) => c.args.code)).toEqual(['code-a', 'code-b']);

    // Events from each workspace are looked up with that workspace's token.
    expect((await sender.event(teamEvent(A, { type: 'message', channel: 'C1', channel_type: 'channel', user: 'UA1', text: 'hello from A', ts: nowTs(1) }))).status).toBe(200);
    expect((await sender.event(teamEvent(B, { type: 'message', channel: 'C1', channel_type: 'channel', user: 'UB1', text: 'hello from B', ts: nowTs(2) }))).status).toBe(200);
    const infoA = await slack.waitForCall('users.info', (c) => c.args.user === 'UA1');
    const infoB = await slack.waitForCall('users.info', (c) => c.args.user === 'UB1');
    expect(infoA.token).toBe(A.botToken);
    expect(infoB.token).toBe(B.botToken);
    await waitFor(async () => (await app.repos.members.get('slack:TB:UB1')) !== null && (await app.repos.members.get('slack:TA:UA1')) !== null, 'both members stored');
    expect((await app.repos.communities.get('slack:TA'))?.name).toBe('Team A');

    // Rapport's own posts (features, scheduled shout-outs, DMs) go out with the community's token.
    await app.rapport.ports.repliers.forId('slack:TA:C1').post({ channelId: 'slack:TA:C1' }, { text: 'to A' });
    await app.rapport.ports.repliers.forId('slack:TB:UB1').dm('slack:TB:UB1', { text: 'to B' });
    expect((await slack.waitForCall('chat.postMessage', (c) => c.args.text === 'to A')).token).toBe(A.botToken);
    expect((await slack.waitForCall('chat.postMessage', (c) => c.args.text === 'to B')).token).toBe(B.botToken);
    expect((await slack.waitForCall('conversations.open', (c) => c.args.users === 'UB1')).token).toBe(B.botToken);
  });

  it('GIVEN a state already used THEN the replayed redirect is refused and nothing is written', async () => {
    const extra: FakeWorkspace = { teamId: 'TC', teamName: 'Team C', botToken: 'xoxb-team-c', botUserId: 'UBOTC', botId: 'BBOTC', code: 'code-c' };
    slack.addWorkspace(extra);
    const used = await install(extra);
    const exchanges = slack.callsTo('oauth.v2.access').length;
    await app.db.prisma.slackInstallation.delete({ where: { key: 'TTC' } });
    // The same state and cookie again (a replay), with a fresh code.
    slack.addWorkspace({ ...extra, code: 'code-c2' });
    const replay = await redirect('code-c2', used.state, used.cookie);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('already used');
    expect(slack.callsTo('oauth.v2.access')).toHaveLength(exchanges);
    expect(await app.db.prisma.slackInstallation.findUnique({ where: { key: 'TTC' } })).toBeNull();
  });

  it('GIVEN a forged state THEN the redirect is refused with a clear page and nothing is written', async () => {
    const before = (await installationRows()).length;
    const exchanges = slack.callsTo('oauth.v2.access').length;
    slack.addWorkspace({ teamId: 'TF', teamName: 'Forged', botToken: 'xoxb-forged', botUserId: 'UBOTF', botId: 'BBOTF', code: 'code-f' });
    // A state the attacker made up, with a cookie to match it.
    const forged = `${randomBytes(24).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
    const response = await redirect('code-f', forged, `slack-app-oauth-state=${forged}`);
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('Nothing was installed');
    expect(page).toContain('/slack/install');
    // A real state without its browser cookie is refused too.
    const real = await startInstall();
    expect((await redirect('code-f', real.state, 'slack-app-oauth-state=other')).status).toBe(400);
    expect(slack.callsTo('oauth.v2.access')).toHaveLength(exchanges);
    expect(await installationRows()).toHaveLength(before);
  });

  it('GIVEN app_uninstalled from one workspace THEN its community is paused with its data kept, and reinstalling resumes it', async () => {
    const membersBefore = await app.db.prisma.member.count({ where: { communityId: 'slack:TA' } });
    expect(membersBefore).toBeGreaterThan(0);
    slack.revokeToken(A.botToken);
    expect((await sender.event(teamEvent(A, { type: 'app_uninstalled' }))).status).toBe(200);
    await waitFor(async () => (await app.repos.communityPauses.pausedAt('slack:TA')) !== null, 'community A paused');
    expect((await app.db.prisma.community.findUnique({ where: { id: 'slack:TA' } }))?.pauseReason).toBe('app_uninstalled');
    expect(await app.db.prisma.slackInstallation.findUnique({ where: { key: 'TTA' } })).toBeNull();
    expect(await app.db.prisma.member.count({ where: { communityId: 'slack:TA' } })).toBe(membersBefore);
    expect(await app.repos.communityPauses.pausedAt('slack:TB')).toBeNull();

    // Nothing is posted there, and a job for it does not run; workspace B goes on.
    const posts = slack.callsTo('chat.postMessage').length;
    await expect(app.rapport.ports.repliers.forId('slack:TA:C1').post({ channelId: 'slack:TA:C1' }, { text: 'paused?' })).rejects.toBeInstanceOf(CommunityPausedError);
    const ran: string[] = [];
    app.rapport.ports.scheduler.define({ name: 'test.paused-probe', schema: z.object({ communityId: z.string() }), process: async ({ communityId }) => void ran.push(communityId) });
    await app.rapport.ports.scheduler.enqueue('test.paused-probe', { communityId: 'slack:TA' });
    await app.rapport.ports.scheduler.enqueue('test.paused-probe', { communityId: 'slack:TB' });
    await waitFor(() => ran.includes('slack:TB'), 'the job for B ran');
    await app.rapport.ports.repliers.forId('slack:TB:C1').post({ channelId: 'slack:TB:C1' }, { text: 'B still here' });
    expect(slack.callsTo('chat.postMessage').map((c) => c.args.text).slice(posts)).toEqual(['B still here']);
    expect(ran).not.toContain('slack:TA');

    // Events from the uninstalled workspace are not authorized (no token): nothing stored.
    const eventsBefore = await app.db.prisma.activityEvent.count({ where: { communityId: 'slack:TA' } });
    expect((await sender.event(teamEvent(A, { type: 'message', channel: 'C1', channel_type: 'channel', user: 'UA1', text: 'anyone?', ts: nowTs(5) }))).status).toBe(200);
    expect(await app.db.prisma.activityEvent.count({ where: { communityId: 'slack:TA' } })).toBe(eventsBefore);

    // Reinstalling (a new token) resumes it.
    const again: FakeWorkspace = { ...A, botToken: 'xoxb-team-a-2', code: 'code-a-2' };
    slack.addWorkspace(again);
    await install(again);
    expect(await app.repos.communityPauses.pausedAt('slack:TA')).toBeNull();
    await app.rapport.ports.repliers.forId('slack:TA:C1').post({ channelId: 'slack:TA:C1' }, { text: 'back in A' });
    expect((await slack.waitForCall('chat.postMessage', (c) => c.args.text === 'back in A')).token).toBe('xoxb-team-a-2');
  });

  it('GIVEN tokens_revoked for the bot THEN the community is paused too', async () => {
    expect((await sender.event(teamEvent(B, { type: 'tokens_revoked', tokens: { bot: [B.botUserId] } }))).status).toBe(200);
    await waitFor(async () => (await app.repos.communityPauses.pausedAt('slack:TB')) !== null, 'community B paused');
    expect(await app.db.prisma.slackInstallation.findUnique({ where: { key: 'TTB' } })).toBeNull();
  });

  it('GIVEN a member and a moderator open the App Home THEN each sees their page, and Approve there works', async () => {
    const event = async (body: Record<string, unknown>) => expect((await sender.event(teamEvent(A, body))).status).toBe(200);
    const q = nowTs(20);
    const a = nowTs(21);
    await event({ type: 'message', channel: 'C1', channel_type: 'channel', user: 'UA1', text: 'How do I rotate my API key?', ts: q });
    await event({ type: 'message', channel: 'C1', channel_type: 'channel', user: 'UA2', text: 'Settings > API > Rotate, then update your clients.', ts: a, thread_ts: q, parent_user_id: 'UA1' });
    await event({ type: 'reaction_added', user: 'UA1', reaction: 'white_check_mark', item_user: 'UA2', item: { type: 'message', channel: 'C1', ts: a }, event_ts: nowTs(22) });
    await waitFor(async () => (await app.repos.learning.pending('slack:TA', 5)).length > 0, 'a suggestion from the ticked reply');
    const [suggestion] = await app.repos.learning.pending('slack:TA', 5);

    await event({ type: 'app_home_opened', user: 'UA2', channel: 'DA2', tab: 'home' });
    const member = await slack.waitForCall('views.publish', (c) => c.args.user_id === 'UA2');
    expect(member.token).toBe('xoxb-team-a-2');
    const memberView = JSON.stringify(member.args.view);
    expect(memberView).toContain('Your standing in Team A');
    expect(memberView).toContain('Helper score');
    expect(memberView).toContain('Thanks received');
    expect(memberView).toContain('Top helpers this week');
    expect(memberView).toContain('Bob');
    expect(memberView).not.toContain('learning.approve');

    await event({ type: 'app_home_opened', user: 'UADMIN', channel: 'DADMIN', tab: 'home' });
    const moderator = await slack.waitForCall('views.publish', (c) => c.args.user_id === 'UADMIN');
    const moderatorView = JSON.stringify(moderator.args.view);
    expect(moderatorView).toContain('How do I rotate my API key?');
    expect(moderatorView).toContain('learning.approve');
    expect(moderatorView).toContain('Members proposed for offers');

    const publishes = slack.callsTo('views.publish').length;
    const press = await sender.action({
      type: 'block_actions',
      user: { id: 'UADMIN', username: 'ada', name: 'ada', team_id: 'TA' },
      api_app_id: 'A1',
      token: 'unused',
      container: { type: 'view', view_id: 'V1' },
      trigger_id: 'trigger-home-1',
      team: { id: 'TA', domain: 'team-a' },
      enterprise: null,
      is_enterprise_install: false,
      view: { id: 'V1', type: 'home', team_id: 'TA' },
      actions: [{ type: 'button', action_id: 'learning.approve', block_id: 'b1', text: { type: 'plain_text', text: 'Approve' }, value: String(suggestion!.id), action_ts: `${Math.floor(Date.now() / 1000)}.000777` }],
    });
    expect(press.status).toBe(200);
    await waitFor(async () => (await app.rapport.ports.answering.admin.list('slack:TA')).some((e) => e.answer === 'Settings > API > Rotate, then update your clients.'), 'the approved entry in the knowledge base');
    expect(await app.repos.learning.pending('slack:TA', 5)).toEqual([]);
    // The moderator is told, by DM in their workspace (the press came from the Home tab, not a channel).
    expect((await slack.waitForCall('chat.postMessage', (c) => String(c.args.text).includes(`Suggestion #${suggestion!.id} approved`))).token).toBe('xoxb-team-a-2');
    // The page is published again after the press.
    await waitFor(() => slack.callsTo('views.publish').length > publishes, 'the home republished');

    // A member who chose Bulgarian sees their page in Bulgarian.
    await app.repos.members.setLanguage('slack:TA:UA2', 'bg');
    const before = slack.callsTo('views.publish').length;
    await event({ type: 'app_home_opened', user: 'UA2', channel: 'DA2', tab: 'home' });
    await waitFor(() => slack.callsTo('views.publish').slice(before).some((c) => c.args.user_id === 'UA2'), 'the Bulgarian home');
    const bg = JSON.stringify(slack.callsTo('views.publish').slice(before).find((c) => c.args.user_id === 'UA2')!.args.view);
    expect(bg).toContain('Вашето място в Team A');
    expect(bg).toContain('Получени благодарности');
  });
});

describe('one workspace with SLACK_BOT_TOKEN', () => {
  it('GIVEN app_uninstalled THEN its community is paused; started again with a working token THEN it resumes', async () => {
    const slack = await startFakeSlack();
    const logger = memoryLogger();
    const single = () => createSlackAdapter({ botToken: FAKE_BOT.token, signingSecret: SIGNING, apiUrl: slack.apiUrl, port: 0, host: '127.0.0.1' }, { logger });
    let first: SlackAdapter | undefined;
    const app = await createTestApp({ features: [], adapters: () => [(first = single())] });
    try {
      expect(await app.repos.communities.get('slack:T1')).toMatchObject({ name: FAKE_TEAM.name });
      const sender = createSlackSender(`http://127.0.0.1:${first!.address()!.port}/slack/events`, SIGNING);
      expect((await sender.event(envelope({ type: 'app_uninstalled' }))).status).toBe(200);
      await waitFor(async () => (await app.repos.communityPauses.pausedAt('slack:T1')) !== null, 'the community paused');
      await expect(app.rapport.ports.repliers.forId('slack:T1:C1').post({ channelId: 'slack:T1:C1' }, { text: 'x' })).rejects.toBeInstanceOf(CommunityPausedError);
      await first!.stop();

      // Rapport started again (same database) with a token that works: the community runs again.
      const again = await buildRapport({
        repos: app.repos,
        scheduler: createInProcessScheduler({ logger: createLogger({ level: 'silent', pretty: false }) }),
        logger: createLogger({ level: 'silent', pretty: false }),
        clock: app.clock,
        translator: app.translator,
        commands: [],
        features: [],
        adapters: [single()],
        defaults: { language: 'en', timeZone: 'UTC' },
      });
      await again.start();
      expect(await app.repos.communityPauses.pausedAt('slack:T1')).toBeNull();
      await again.ports.repliers.forId('slack:T1:C1').post({ channelId: 'slack:T1:C1' }, { text: 'back' });
      expect((await slack.waitForCall('chat.postMessage', (c) => c.args.text === 'back')).token).toBe(FAKE_BOT.token);
      await again.stop();
    } finally {
      await app.close();
      await slack.close();
    }
  });
});
