// Proves the production wiring of OAuth (what `rapport start` builds from the environment): with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_SIGNING_SECRET and RAPPORT_ENCRYPTION_KEY and no SLACK_BOT_TOKEN, /slack/install sends the installer to Slack with the public redirect URL, and the redirect stores the installation sealed in PostgreSQL.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../src/adapters/slack/index.ts';
import { createPlatformAdapters } from '../../src/cli/platform-adapters.ts';
import { loadConfig } from '../../src/config.ts';
import { noopMetrics } from '../../src/core/metrics.ts';
import { createRepositories } from '../../src/db/create-repositories.ts';
import { openDatabase, type Database } from '../../src/db/open-database.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.ts';
import { memoryLogger } from '../fakes/slack/recording-handlers.ts';
import { POSTGRES_URL, dropSchema, uniqueName } from '../support/services.ts';

describe('OAuth from the environment', () => {
  const schema = uniqueName('oauth');
  let slack: FakeSlack;
  let db: Database;
  let adapter: SlackAdapter;

  beforeAll(async () => {
    slack = await startFakeSlack();
    slack.addWorkspace({ teamId: 'TW', teamName: 'Wired', botToken: 'xoxb-wired', botUserId: 'UBOTW', botId: 'BBOTW', code: 'code-w' });
    db = await openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema }, { migrate: true });
  });
  afterAll(async () => {
    await adapter?.stop();
    await db?.close();
    await dropSchema(schema);
    await slack?.close();
  });

  it('GIVEN the OAuth variables THEN the install link and redirect work and the token is sealed', async () => {
    const config = loadConfig({
      SLACK_CLIENT_ID: slack.oauthClient.id,
      SLACK_CLIENT_SECRET: slack.oauthClient.secret,
      SLACK_STATE_SECRET: 'wired-state-secret-0123',
      SLACK_SIGNING_SECRET: 'wired-signing',
      RAPPORT_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      SLACK_API_URL: slack.apiUrl,
      RAPPORT_PUBLIC_URL: 'https://rapport.example.org',
      PORT: '0',
    });
    expect(config.slack?.botToken).toBeUndefined();
    const [made] = await createPlatformAdapters(config, { logger: memoryLogger(), repos: createRepositories(db.prisma), webRoutes: [], metrics: noopMetrics, prisma: db.prisma });
    adapter = made as SlackAdapter;
    await adapter.start({ onEvent: async () => {}, onCommand: async () => {} });
    expect(adapter.identity()).toBeUndefined();
    const base = `http://127.0.0.1:${adapter.address()!.port}`;

    const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('redirect_uri')).toBe('https://rapport.example.org/slack/oauth_redirect');
    expect(location.searchParams.get('scope')?.split(',')).toEqual(expect.arrayContaining(['chat:write', 'users:read', 'commands']));
    const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
    const state = location.searchParams.get('state')!;

    const done = await fetch(`${base}/slack/oauth_redirect?code=code-w&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });
    expect(done.status).toBe(200);
    expect(slack.callsTo('oauth.v2.access')[0]?.args).toMatchObject({ code: 'code-w', redirect_uri: 'https://rapport.example.org/slack/oauth_redirect' });
    const [row] = await db.prisma.slackInstallation.findMany();
    expect(row).toMatchObject({ key: 'TTW', teamId: 'TW' });
    expect(row!.sealed).not.toContain('xoxb-wired');
  });
});
