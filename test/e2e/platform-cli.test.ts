// Proves the platform set-up commands a community manager runs: `rapport slack manifest` prints
// a manifest generated from commands/, and `rapport discord sync-commands` registers every command
// once and sends nothing on a second run (real discord.js REST against the fake Discord).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { SPAWN_TIMEOUT_MS, runRapport } from '../support/run-cli.ts';

describe('rapport slack manifest', () => {
  it('GIVEN no Slack configuration THEN it prints a Socket Mode manifest with every command', async () => {
    const result = await runRapport(['slack', 'manifest']);
    expect(result.code).toBe(0);
    const manifest = JSON.parse(result.stdout);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    const names = manifest.features.slash_commands.map((c: { command: string }) => c.command);
    for (const command of commands) expect(names.some((n: string) => n.endsWith(command.name))).toBe(true);
    // The "Save as answer" message shortcut.
    expect(manifest.features.shortcuts).toEqual([{ name: 'Save as answer', type: 'message', callback_id: 'save_as_answer', description: expect.stringContaining('knowledge base') }]);
  }, SPAWN_TIMEOUT_MS);

  it('GIVEN --http and a public URL THEN events and commands point at it', async () => {
    const result = await runRapport(['slack', 'manifest', '--http', '--request-url', 'https://rapport.example.org']);
    expect(result.code).toBe(0);
    const manifest = JSON.parse(result.stdout);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://rapport.example.org/slack/events');
  }, SPAWN_TIMEOUT_MS);

  it('GIVEN a bad flag THEN it says how to use it and exits 2', async () => {
    const result = await runRapport(['slack', 'manifest', '--colour', 'red']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: rapport slack manifest');
  }, SPAWN_TIMEOUT_MS);
});

describe('rapport discord sync-commands', () => {
  let discord: FakeDiscord;
  beforeAll(async () => {
    discord = await startFakeDiscord();
  }, SPAWN_TIMEOUT_MS);
  afterAll(async () => {
    await discord.close();
  }, SPAWN_TIMEOUT_MS);

  it('GIVEN no registered commands THEN the first run sends them all and the second sends nothing', async () => {
    const env = { DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl };
    const first = await runRapport(['discord', 'sync-commands'], { env });
    expect(first.code).toBe(0);
    expect((discord.rest.commands.get('global') ?? []).map((c) => c.name).sort()).toEqual([...commands.map((c) => c.name), 'Save as answer'].sort());
    const writes = discord.rest.requests.filter((r) => r.method !== 'GET').length;
    expect(writes).toBeGreaterThan(0);

    const second = await runRapport(['discord', 'sync-commands'], { env });
    expect(second.code).toBe(0);
    expect(discord.rest.requests.filter((r) => r.method !== 'GET').length).toBe(writes);
  }, SPAWN_TIMEOUT_MS);

  it('GIVEN no Discord configuration THEN it names the missing variables and exits 2', async () => {
    const result = await runRapport(['discord', 'sync-commands']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DISCORD_TOKEN');
  }, SPAWN_TIMEOUT_MS);
});
