// Proves OutgoingMessages render to valid Block Kit, the manifest is generated from the declared commands, and Slack errors map to retryable or final PlatformErrors.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { webApi } from '@slack/bolt';
import { commandFromSlack, slackCommandName, SLACK_RESERVED_COMMANDS } from '../../../src/adapters/slack/command-names.ts';
import { toPlatformError } from '../../../src/adapters/slack/errors.ts';
import { slackManifest, SLACK_BOT_EVENTS, usageHint } from '../../../src/adapters/slack/manifest.ts';
import { buttonActionId, renderMessage } from '../../../src/adapters/slack/render.ts';
import { parseSlackMessageId, slackMemberId, slackMessageId } from '../../../src/adapters/slack/slack-ids.ts';
import { createSlackResolver } from '../../../src/adapters/slack/slash-command.ts';
import { defineCommand, defineSubcommand } from '../../../src/core/commands/define.ts';
import { option } from '../../../src/core/commands/options.ts';
import { PlatformError } from '../../../src/core/errors.ts';
import { parseId } from '../../../src/core/ids.ts';
import { commands } from '../../../commands/index.ts';

const noop = async () => {};
const leaderboard = defineCommand({
  name: 'leaderboard',
  description: { en: 'Show the most active members', bg: 'Покажи най-активните' },
  moderatorOnly: false,
  options: z.object({
    period: option.choice(['day', 'week', 'month'], { en: 'Time window', bg: 'Период' }),
    channel: option.channel({ en: 'Only this channel', bg: 'Само този канал' }),
  }),
  run: noop,
});
const kb = defineCommand({
  name: 'kb',
  description: { en: 'Knowledge base', bg: 'База знания' },
  moderatorOnly: true,
  subcommands: {
    add: defineSubcommand({ description: { en: 'Add', bg: 'Добави' }, options: z.object({ question: option.requiredString({ en: 'Question', bg: 'Въпрос' }) }), run: noop }),
    list: defineSubcommand({ description: { en: 'List', bg: 'Списък' }, options: z.object({}), run: noop }),
  },
});

describe('renderMessage', () => {
  it('GIVEN title, text, fields, buttons and footer THEN header, section, fields, actions and context blocks', () => {
    const rendered = renderMessage({
      title: 'Leaderboard',
      text: 'Top <members> & friends',
      fields: [{ label: 'Ann', value: '12' }],
      buttons: [
        { actionId: 'answer.helped', value: 'yes', label: 'Yes', style: 'primary' },
        { actionId: 'answer.helped', value: 'no', label: 'No' },
      ],
      footer: 'From entry 4',
    });
    expect(rendered.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'actions', 'context']);
    expect(rendered.blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'Top &lt;members&gt; &amp; friends' } });
    expect(rendered.blocks[2]).toEqual({ type: 'section', fields: [{ type: 'mrkdwn', text: '*Ann*\n12' }] });
    const elements = rendered.blocks[3]!.elements as Array<{ action_id: string; value: string; style?: string }>;
    expect(elements.map((e) => e.action_id)).toEqual(['answer.helped', 'answer.helped#1']);
    expect(elements.map((e) => buttonActionId(e.action_id))).toEqual(['answer.helped', 'answer.helped']);
    expect(elements[0]!.style).toBe('primary');
    expect(rendered.text).toBe('Leaderboard: Top &lt;members&gt; &amp; friends');
  });

  it('GIVEN text longer than a section allows THEN it is split over several sections', () => {
    const rendered = renderMessage({ text: 'x'.repeat(7000) });
    expect(rendered.blocks.map((b) => (b.text as { text: string }).text.length)).toEqual([3000, 3000, 1000]);
  });

  it('GIVEN 12 fields THEN two sections (Slack allows 10 fields per section)', () => {
    const rendered = renderMessage({ text: 't', fields: Array.from({ length: 12 }, (_, i) => ({ label: `L${i}`, value: `${i}` })) });
    expect(rendered.blocks.filter((b) => b.fields).map((b) => (b.fields as unknown[]).length)).toEqual([10, 2]);
  });
});

describe('slackManifest', () => {
  it('GIVEN commands and Socket Mode THEN slash commands with usage hints, events, scopes and no request URLs', () => {
    const manifest = slackManifest([leaderboard, kb], { socketMode: true });
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions).toEqual({ bot_events: [...SLACK_BOT_EVENTS] });
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true });
    expect(manifest.features.slash_commands).toEqual([
      { command: '/leaderboard', description: 'Show the most active members', should_escape: true, usage_hint: '[period:day|week|month] [channel:channel]' },
      { command: '/kb', description: 'Knowledge base', should_escape: true, usage_hint: 'add question:question | list' },
    ]);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'channels:history', 'reactions:read', 'users:read', 'im:write']));
  });

  it('GIVEN HTTP mode THEN every request URL points at /slack/events', () => {
    const manifest = slackManifest([leaderboard], { socketMode: false, requestUrl: 'https://rapport.example.org/', name: 'Rapport Beta', language: 'bg' });
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://rapport.example.org/slack/events');
    expect(manifest.settings.interactivity.request_url).toBe('https://rapport.example.org/slack/events');
    expect(manifest.features.slash_commands?.[0]).toMatchObject({ url: 'https://rapport.example.org/slack/events', description: 'Покажи най-активните' });
    expect(manifest.features.bot_user.display_name).toBe('rapport-beta');
  });

  it('GIVEN HTTP mode THEN the OAuth redirect URL, the Home tab and the install events are in the manifest', () => {
    const manifest = slackManifest([leaderboard], { socketMode: false, requestUrl: 'https://rapport.example.org' });
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://rapport.example.org/slack/oauth_redirect']);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['chat:write', 'users:read', 'commands']));
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_home_opened', 'app_uninstalled', 'tokens_revoked']));
    expect(slackManifest([leaderboard], { socketMode: true }).oauth_config.redirect_urls).toBeUndefined();
  });

  it('GIVEN HTTP mode without a URL THEN a clear error', () => {
    expect(() => slackManifest([leaderboard], { socketMode: false })).toThrow(/public https URL/);
  });

  it('GIVEN no commands and no shortcuts THEN no commands scope; GIVEN only the "Save as answer" shortcut THEN the commands scope and the shortcut', () => {
    expect(slackManifest([], { socketMode: true }, []).oauth_config.scopes.bot).not.toContain('commands');
    const withShortcut = slackManifest([], { socketMode: true });
    expect(withShortcut.oauth_config.scopes.bot).toContain('commands');
    expect(withShortcut.features.shortcuts).toEqual([{ name: 'Save as answer', type: 'message', callback_id: 'save_as_answer', description: 'Suggest this reply for the knowledge base, as the answer to its question' }]);
    expect(slackManifest([], { socketMode: true, language: 'bg' }).features.shortcuts?.[0]?.name).toBe('Запази като отговор');
  });

  it('GIVEN the real commands/ THEN every command fits Slack limits', () => {
    const manifest = slackManifest(commands, { socketMode: true });
    for (const command of manifest.features.slash_commands ?? []) {
      expect(command.command).toMatch(/^\/[a-z][a-z0-9-]{0,30}$/);
      expect((command.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
    }
    expect(usageHint(leaderboard)).toBe('[period:day|week|month] [channel:channel]');
  });

  it('GIVEN a command Slack reserves (/feedback, /status) THEN it is declared as /rapport-<name> and maps back', () => {
    const feedback = defineCommand({ ...leaderboard, name: 'feedback' });
    const manifest = slackManifest([feedback, leaderboard], { socketMode: true });
    const names = (manifest.features.slash_commands ?? []).map((c) => c.command);
    expect(names).toEqual(['/rapport-feedback', '/leaderboard']);
    for (const command of commands) {
      for (const prefix of ['', 'rp-']) {
        const slash = slackCommandName(command.name, prefix);
        expect(SLACK_RESERVED_COMMANDS.has(slash)).toBe(false);
        expect(commandFromSlack(`/${slash}`, prefix)).toBe(command.name);
      }
    }
  });

  it('GIVEN a command prefix THEN every command carries it', () => {
    const manifest = slackManifest([leaderboard, kb], { socketMode: true, commandPrefix: 'rp-' });
    expect((manifest.features.slash_commands ?? []).map((c) => c.command)).toEqual(['/rp-leaderboard', '/rp-kb']);
  });
});

describe('Slack ids and references', () => {
  it('GIVEN a message id THEN it round-trips through the core id parser', () => {
    const id = slackMessageId('T1', 'C1', '1700000000.000100');
    expect(parseId(id)).toEqual({ platform: 'slack', scope: 'T1', local: 'C1/1700000000.000100' });
    expect(parseSlackMessageId(id)).toEqual({ teamId: 'T1', channel: 'C1', ts: '1700000000.000100' });
  });

  it('GIVEN escaped mentions and channels THEN the resolver returns opaque ids; GIVEN an unknown name without lookup THEN null', async () => {
    const resolver = createSlackResolver('T1');
    expect(await resolver.member('<@U123|ann>')).toBe(slackMemberId('T1', 'U123'));
    expect(await resolver.member('<@U123>')).toBe('slack:T1:U123');
    expect(await resolver.channel('<#C77|help>')).toBe('slack:T1:C77');
    expect(await resolver.member('@ann')).toBeNull();
  });

  it('GIVEN a name lookup THEN plain names are looked up in the community', async () => {
    const resolver = createSlackResolver('T1', { member: async (community, name) => `${community}:${name}`, channel: async () => null });
    expect(await resolver.member('@ann')).toBe('slack:T1:ann');
  });
});

describe('toPlatformError', () => {
  const platformError = (error: string) => Object.assign(new Error(error), { code: webApi.ErrorCode.PlatformError, data: { ok: false, error } });

  it('GIVEN channel_not_found THEN a final error with the Slack code', () => {
    const mapped = toPlatformError(platformError('channel_not_found'), 'chat.postMessage');
    expect(mapped).toBeInstanceOf(PlatformError);
    expect(mapped).toMatchObject({ code: 'platform.slack.channel_not_found', retryable: false });
  });

  it('GIVEN rate limiting, 503 or a network failure THEN retryable', () => {
    expect(toPlatformError(Object.assign(new Error('rl'), { code: webApi.ErrorCode.RateLimitedError, retryAfter: 3 }), 'x').retryable).toBe(true);
    expect(toPlatformError(Object.assign(new Error('h'), { code: webApi.ErrorCode.HTTPError, statusCode: 503 }), 'x')).toMatchObject({ code: 'platform.slack.http_503', retryable: true });
    expect(toPlatformError(Object.assign(new Error('ECONNRESET'), { code: webApi.ErrorCode.RequestError }), 'x').retryable).toBe(true);
    expect(toPlatformError(platformError('internal_error'), 'x').retryable).toBe(true);
  });

  it('GIVEN a closed DM THEN final, so the job is not retried forever', () => {
    expect(toPlatformError(platformError('cannot_dm_bot'), 'conversations.open').retryable).toBe(false);
  });
});
