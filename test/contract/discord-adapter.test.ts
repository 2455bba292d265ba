// Proves the Discord adapter (the real discord.js Client against the fake Discord) keeps the adapter contract.
import { DiscordAPIError, HTTPError } from 'discord.js';
import { commands } from '../../commands/index.ts';
import { createDiscordAdapter } from '../../src/adapters/discord/index.ts';
import { toPlatformError } from '../../src/adapters/discord/errors.ts';
import { OPTION_TYPE } from '../../src/adapters/discord/translate.ts';
import { describeOptions, type OptionKind } from '../../src/core/commands/options.ts';
import { createTestApp } from '../support/harness.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { member as fixtureMember, snowflake, user, type FakeUser } from '../fakes/discord/fixtures.ts';
import { recordingLogger } from '../fakes/discord/recording-logger.ts';
import { observeAdapter } from '../fakes/slack/observed-adapter.ts';
import { adapterContract, type ContractDriver } from './adapter-contract.ts';

const TYPE_OF: Record<OptionKind, number> = {
  string: OPTION_TYPE.string, choice: OPTION_TYPE.string, integer: OPTION_TYPE.integer, boolean: OPTION_TYPE.boolean, member: OPTION_TYPE.user, channel: OPTION_TYPE.channel, role: OPTION_TYPE.role,
};

async function startDiscord(): Promise<ContractDriver> {
  const fake: FakeDiscord = await startFakeDiscord();
  const adapter = observeAdapter(
    createDiscordAdapter({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, moderatorRoleId: fake.guild.moderatorRoleId }, { logger: recordingLogger() }),
  );
  const app = await createTestApp({ adapters: [adapter] });
  const users = new Map<string, FakeUser>();
  const userFor = (m: { name: string; moderator?: boolean }): FakeUser => {
    const existing = users.get(m.name);
    if (existing) return existing;
    const created = user(snowflake(), m.name);
    fake.guild.members.push(fixtureMember(created, m.moderator ? [fake.guild.moderatorRoleId] : []));
    users.set(m.name, created);
    return created;
  };
  const replyText = async (interaction: { id: string; token: string }): Promise<string> => {
    for (let waited = 0; waited < 20_000; waited += 20) {
      const callback = fake.rest.find('POST', new RegExp(`^/interactions/${interaction.id}/`))[0];
      const later = fake.rest.requests.find((r) => r.path.startsWith(`/webhooks/${fake.applicationId}/${interaction.token}`) && r.method !== 'DELETE');
      const body = callback?.body?.type === 4 ? callback.body.data : later?.body;
      if (body) return [body.content, ...(body.embeds ?? []).map((e: { title?: string; description?: string }) => `${e.title ?? ''}\n${e.description ?? ''}`)].filter(Boolean).join('\n');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no reply to interaction ${interaction.id}`);
  };
  return {
    app,
    async memberSays(m, text) {
      const handled = adapter.handled.events;
      fake.postMessage({ author: userFor(m), channel: fake.guild.channels.general, content: text });
      await adapter.eventsHandled(handled + 1, 20_000);
    },
    async botSays(text) {
      const handled = adapter.handled.events;
      const own = fake.postMessage({ author: fake.guild.users.bot, channel: fake.guild.channels.general, content: text });
      // A reaction dispatched afterwards is handled once the bot's own message had its turn.
      fake.addReaction({ user: userFor({ name: 'sentinel' }), message: own, emoji: '👀' });
      await adapter.eventsHandled(handled + 1, 20_000);
    },
    async command(m, line) {
      const [name = '', ...words] = line.split(' ');
      const definition = commands.find((c) => c.name === name);
      const declared = definition?.options ? describeOptions(definition.options) : [];
      const options = words.map((word) => {
        const [key = '', ...value] = word.split(':');
        const kind = declared.find((d) => d.name === key)?.spec.kind ?? 'string';
        return { name: key, type: TYPE_OF[kind], value: value.join(':') };
      });
      return replyText(fake.slashCommand({ user: userFor(m), name, options }));
    },
    async close() {
      await app.close();
      await fake.close();
    },
  };
}

const apiError = (code: number, status: number) => new DiscordAPIError({ code, message: 'x' }, code, status, 'POST', 'https://discord.test/api/v10/x', { body: undefined, files: undefined });

adapterContract({
  platform: 'discord',
  start: startDiscord,
  toPlatformError: (error) => toPlatformError(error, 'send'),
  errorCases: [
    { error: apiError(50007, 403), code: 'dm_closed', retryable: false },
    { error: apiError(10003, 404), code: 'unknown_channel', retryable: false },
    { error: apiError(50013, 403), code: 'missing_permissions', retryable: false },
    { error: apiError(0, 500), code: 'server_error', retryable: true },
    { error: new HTTPError(502, 'Bad Gateway', 'GET', 'https://discord.test', { body: undefined, files: undefined }), code: 'server_error', retryable: true },
    { error: new Error('ECONNREFUSED'), code: 'network', retryable: true },
  ],
});
