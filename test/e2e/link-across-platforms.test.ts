// Proves /link end to end with the real Bolt App and the real discord.js Client against the fake Slack and Discord, in one Rapport: a code asked for on Slack is refused when someone else types it on Discord and links the named Discord account when it types it, once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDiscordAdapter } from '../../src/adapters/discord/index.ts';
import { createSlackAdapter, namesFromRepositories, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import { scopedId } from '../../src/core/ids.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { recordingLogger } from '../fakes/discord/recording-logger.ts';
import { FAKE_BOT, startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.ts';
import { slashCommand } from '../fakes/slack/payloads.ts';
import { memoryLogger } from '../fakes/slack/recording-handlers.ts';
import { createSlackSender } from '../fakes/slack/slack-sender.ts';

const SECRET = 'link-signing-secret';
// Generous: the machine may be busy; this waits for an outcome, it does not measure speed.
const eventually = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 30_000, interval: 25 });

let slack: FakeSlack;
let discord: FakeDiscord;
let app: TestApp;
let slackAdapter: SlackAdapter;

beforeAll(async () => {
  slack = await startFakeSlack();
  slack.addUser({ id: 'U1', name: 'ann', displayName: 'Ann' });
  discord = await startFakeDiscord();
  app = await createTestApp({
    adapters: ({ repos }) => {
      slackAdapter = createSlackAdapter({ botToken: FAKE_BOT.token, signingSecret: SECRET, apiUrl: slack.apiUrl, port: 0, host: '127.0.0.1' }, { logger: memoryLogger(), names: namesFromRepositories(repos) });
      const discordAdapter = createDiscordAdapter({ token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl, moderatorRoleId: discord.guild.moderatorRoleId }, { logger: recordingLogger() });
      return [slackAdapter, discordAdapter];
    },
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await slack?.close();
  await discord?.close();
});

const callbackOf = (interaction: { id: string }) => discord.rest.find('POST', /^\/interactions\/\d+\/[^/]+\/callback$/).find((c) => c.path.startsWith(`/interactions/${interaction.id}/`));

async function typeOnDiscord(user: FakeDiscord['guild']['users']['alice'], code: string): Promise<{ content: string; flags: number }> {
  const interaction = discord.slashCommand({ user, name: 'link', subcommand: 'code', options: [{ name: 'code', type: 3, value: code }] });
  await eventually(() => expect(callbackOf(interaction)).toBeDefined());
  const data = callbackOf(interaction)!.body.data as { content?: string; flags?: number; embeds?: unknown[] };
  return { content: `${data.content ?? ''}${JSON.stringify(data.embeds ?? [])}`, flags: data.flags ?? 0 };
}

describe('/link across Slack and Discord', () => {
  it('GIVEN ann asks for a code on Slack for "alice" WHEN bob types it on Discord THEN it is refused privately; WHEN alice types it THEN the accounts are linked, once', async () => {
    const sender = createSlackSender(`http://127.0.0.1:${slackAdapter.address()!.port}/slack/events`, SECRET);
    expect((await sender.command(slashCommand({ command: '/link', text: 'new as:alice', user: 'U1', responseUrl: slack.responseUrl('link-new') }))).status).toBe(200);
    const asked = await slack.waitForResponse('link-new');
    expect(asked.response_type).toBe('ephemeral');
    const code = /Your code: ([0-9A-Z]{8})\./.exec(String(asked.text))?.[1];
    expect(code).toMatch(/^[0-9A-Z]{8}$/);

    const { alice, bob } = discord.guild.users;
    const refused = await typeOnDiscord(bob, code!);
    expect(refused.content).toContain('That code was made for alice, not for you');
    expect(refused.flags).toBe(64);
    expect(await app.db.prisma.memberLink.count()).toBe(0);

    const linked = await typeOnDiscord(alice, code!);
    expect(linked.content).toContain('Linked: your Slack account and this one are one member now');
    const aliceId = scopedId('discord', discord.guild.id, alice.id);
    expect(await app.rapport.ports.linking.accounts(aliceId)).toEqual([aliceId, 'slack:T1:U1']);

    const again = await typeOnDiscord(alice, code!);
    expect(again.content).toContain('That code was already used');
  }, 180_000);
});
