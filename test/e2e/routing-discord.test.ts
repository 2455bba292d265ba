// Proves "Ask a human" on Discord end to end (the real discord.js Client against the fake Discord, real pipeline and storage): the button under an answer pings the moderator role's member Rapport knows, and a reply to the handed-off question gets no bot answer.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDiscordAdapter } from '../../src/adapters/discord/index.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { recordingLogger } from '../fakes/discord/recording-logger.ts';

const eventually = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 20_000, interval: 20 });

describe('Ask a human on Discord', () => {
  let fake: FakeDiscord;
  let app: TestApp;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    app = await createTestApp({
      adapters: () => [createDiscordAdapter({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, moderatorRoleId: fake.guild.moderatorRoleId }, { logger: recordingLogger() })],
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('GIVEN an answer WHEN the asker presses Ask a human THEN the moderator is mentioned under the question and a reply to it gets no answer', async () => {
    const { alice, mod } = fake.guild.users;
    const add = fake.slashCommand({ user: mod, name: 'faq', subcommand: 'add', options: [
      { name: 'question', type: 3, value: 'How long does delivery take?' },
      { name: 'answer', type: 3, value: 'Orders arrive in 3-5 days.' },
      { name: 'id', type: 3, value: 'delivery' },
    ] });
    await eventually(() => expect(fake.rest.find('POST', new RegExp(`^/interactions/${add.id}/`))).toHaveLength(1));
    await eventually(async () => expect(await app.repos.knowledgeBase.count(`discord:${fake.guild.id}`)).toBe(1));

    const question = fake.postMessage({ author: alice, channel: fake.guild.channels.help, content: 'How long does delivery take?' });
    const answer = await eventually(() => {
      const found = [...fake.rest.messages.values()].find((m) => JSON.stringify(m).includes('3-5 days'));
      expect(found).toBeDefined();
      return found!;
    });
    const customIds: string[] = answer.components.flatMap((row: { components: Array<{ custom_id: string }> }) => row.components.map((c) => c.custom_id));
    const ask = customIds.find((id) => id.startsWith('routing.ask-human'));
    expect(ask).toBeDefined();
    fake.pressButton({ user: alice, customId: ask!, message: answer, channel: fake.guild.channels.help });
    const ping = await eventually(() => {
      const found = [...fake.rest.messages.values()].find((m) => String(m.content ?? '').includes('asked for a human'));
      expect(found).toBeDefined();
      return found!;
    });
    expect(String(ping.content)).toContain(`<@${mod.id}>`);

    const answers = () => [...fake.rest.messages.values()].filter((m) => JSON.stringify(m).includes('3-5 days')).length;
    const before = answers();
    fake.postMessage({ author: alice, channel: fake.guild.channels.help, content: 'How long does delivery take?', replyTo: question });
    // The adapter handles a channel's events in order: once the next question in the channel is
    // answered, the reply under the handed-off question was handled, and it got no answer.
    const marker = fake.postMessage({ author: alice, channel: fake.guild.channels.help, content: 'How long does delivery take?' });
    await eventually(() => expect(answers()).toBe(before + 1));
    const last = [...fake.rest.messages.values()].filter((m) => JSON.stringify(m).includes('3-5 days')).at(-1);
    expect(last?.message_reference?.message_id).toBe(marker.id);
  }, 60_000);
});
