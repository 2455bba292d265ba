// Proves learning on Discord end to end (the real discord.js Client against the fake Discord): a reply to a question thanked by the asker makes a suggestion, /faq suggestions shows a moderator its Approve / Edit / Reject buttons, pressing Approve writes the entry and thanks the answerer by DM, a ✅ on a message Rapport never saw stores nothing, and a moderator's "Save as answer" message context-menu command makes a suggestion from a reply (a member's is refused), answered privately; Edit opens a modal whose submission changes the texts, and an empty or huge answer gets a clear private message with nothing written; a forum post whose tags gain "Solved" (THREAD_UPDATE) becomes a suggestion from the post and the last reply's author.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/index.ts';
import { discordMessageCommand, MODERATOR_DEFAULT_PERMISSIONS } from '../../src/adapters/discord/commands-json.ts';
import { encodeCustomId } from '../../src/adapters/discord/render.ts';
import { SAVE_AS_ANSWER } from '../../src/core/commands/message-actions.ts';
import { communityId, scopedId } from '../../src/core/ids.ts';
import { learningFeature } from '../../src/core/learning/register-learning.ts';
import { recognitionFeature } from '../../src/core/recognition/register-recognition.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { snowflake } from '../fakes/discord/fixtures.ts';
import { recordingLogger } from '../fakes/discord/recording-logger.ts';

const eventually = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 30_000, interval: 20 });

let fake: FakeDiscord;
let app: TestApp;
let adapter: DiscordAdapter;

beforeAll(async () => {
  fake = await startFakeDiscord();
  app = await createTestApp({
    features: [recognitionFeature, learningFeature],
    adapters: () => {
      adapter = createDiscordAdapter({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, moderatorRoleId: fake.guild.moderatorRoleId }, { logger: recordingLogger() });
      return [adapter];
    },
  });
});

afterAll(async () => {
  await app?.close();
  await fake?.close();
});

const community = () => communityId('discord', fake.guild.id);
const member = (id: string) => scopedId('discord', fake.guild.id, id);
const callbackOf = (interaction: { id: string }) => fake.rest.find('POST', /^\/interactions\/\d+\/[^/]+\/callback$/).find((c) => c.path.startsWith(`/interactions/${interaction.id}/`));

describe('learning on Discord', () => {
  it('GIVEN a reply thanked by the asker THEN a moderator approves the suggestion with its button and the answerer gets a thank-you DM', async () => {
    const { alice, bob, mod } = fake.guild.users;
    const question = fake.postMessage({ author: alice, channel: fake.guild.channels.general, content: 'How do I enable two-factor login?' });
    fake.postMessage({ author: bob, channel: fake.guild.channels.general, content: 'User Settings > Security > Enable 2FA.', replyTo: question });
    fake.postMessage({ author: alice, channel: fake.guild.channels.general, content: 'thanks Bob, that worked!' });
    await eventually(async () => expect(await app.repos.learning.countPending(community())).toBe(1));
    const [suggestion] = await app.repos.learning.pending(community(), 5);
    expect(suggestion).toMatchObject({ creditedMemberId: member(bob.id), askerMemberId: member(alice.id), signal: 'thanks' });

    const refused = fake.slashCommand({ user: alice, name: 'faq', subcommand: 'suggestions' });
    await eventually(() => expect(callbackOf(refused)).toBeDefined());
    expect(JSON.stringify(callbackOf(refused)!.body)).not.toContain('learning.approve');

    const listed = fake.slashCommand({ user: mod, name: 'faq', subcommand: 'suggestions' });
    let card: Record<string, any> | undefined;
    await eventually(() => {
      card = [...fake.rest.messages.values(), ...fake.rest.find('POST', /webhooks|callback/).map((c) => c.body.data ?? c.body)].find((m) => JSON.stringify(m ?? {}).includes('learning.approve'));
      expect(card).toBeDefined();
    });
    expect(listed.id).toBeDefined();
    const approve = (card!.components as Array<{ components: Array<{ custom_id: string }> }>).flatMap((row) => row.components).find((c) => c.custom_id.startsWith('learning.approve'))!;
    const message = card!.id ? card! : { ...card!, id: '1', channel_id: fake.guild.channels.general.id };
    fake.pressButton({ user: mod, customId: approve.custom_id, message, channel: fake.guild.channels.general });
    // The status is claimed first and the entry written after: wait for the entry's key.
    await eventually(async () => expect((await app.repos.learning.get(suggestion!.id))?.resultKey).toBeTruthy());
    expect((await app.repos.learning.get(suggestion!.id))?.status).toBe('approved');
    expect((await app.rapport.ports.answering.admin.list(community())).map((e) => e.answer)).toContain('User Settings > Security > Enable 2FA.');
    await eventually(() => expect(fake.rest.dmChannels.get(bob.id)).toBeDefined());
    const dm = fake.rest.dmChannels.get(bob.id)!;
    await eventually(() => expect(JSON.stringify(fake.rest.find('POST', new RegExp(`^/channels/${dm.id}/messages$`))[0]?.body)).toContain('The moderators added your answer'));
  });

  it('GIVEN a reply nobody thanked WHEN a moderator uses "Save as answer" on it THEN a suggestion credits its author for the question it replied to, confirmed privately; a member is refused', async () => {
    const { alice, bob, mod } = fake.guild.users;
    const question = fake.postMessage({ author: alice, channel: fake.guild.channels.general, content: 'How do I change my server nickname?' });
    const reply = fake.postMessage({ author: bob, channel: fake.guild.channels.general, content: 'Right-click your name > Edit Server Profile.', replyTo: question });
    const count = async () => (await app.repos.activity.totals(community(), { limit: 100 })).find((row) => row.memberId === member(bob.id))?.count ?? 0;
    await eventually(async () => expect(await count()).toBeGreaterThan(0));
    const pendingBefore = await app.repos.learning.countPending(community());
    const saveOn = (user: typeof mod) =>
      fake.interaction({ user, type: 2, data: { id: '77', name: 'Save as answer', type: 3, target_id: reply.id, resolved: { messages: { [reply.id]: reply } } } });

    const refused = saveOn(alice);
    await eventually(() => expect(callbackOf(refused)).toBeDefined());
    expect(callbackOf(refused)!.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(callbackOf(refused)!.body)).toContain('/faq suggestions is for moderators only.');
    expect(await app.repos.learning.countPending(community())).toBe(pendingBefore);

    const saved = saveOn(mod);
    await eventually(() => expect(callbackOf(saved)).toBeDefined());
    const suggestion = (await app.repos.learning.pending(community(), 10)).find((s) => s.signal === 'saved');
    expect(suggestion).toMatchObject({ questionText: 'How do I change my server nickname?', answerText: 'Right-click your name > Edit Server Profile.', creditedMemberId: member(bob.id), askerMemberId: member(alice.id) });
    expect(callbackOf(saved)!.body).toMatchObject({ type: 4, data: { flags: 64, content: `Saved as suggestion #${suggestion!.id}.` } });
    await app.repos.learning.removePending(suggestion!.id);
  });

  it('GIVEN a pending suggestion WHEN a moderator presses Edit THEN a modal opens with its texts; its submission changes them, an empty or huge answer is refused privately and nothing is written', async () => {
    const { alice, bob, mod } = fake.guild.users;
    const question = fake.postMessage({ author: alice, channel: fake.guild.channels.general, content: 'How do I mute a channel?' });
    fake.postMessage({ author: bob, channel: fake.guild.channels.general, content: 'Right-click it > Mute.', replyTo: question });
    fake.postMessage({ author: alice, channel: fake.guild.channels.general, content: 'thanks Bob, that worked!' });
    let suggestion: Awaited<ReturnType<typeof app.repos.learning.pending>>[number] | undefined;
    await eventually(async () => {
      suggestion = (await app.repos.learning.pending(community(), 10)).find((s) => s.questionText === 'How do I mute a channel?');
      expect(suggestion).toBeDefined();
    });
    const id = suggestion!.id;
    const card = { id: '5', channel_id: fake.guild.channels.general.id, author: fake.guild.users.bob, content: 'card' };

    const pressed = fake.pressButton({ user: mod, customId: encodeCustomId('learning.edit', String(id)), message: card, channel: fake.guild.channels.general });
    await eventually(() => expect(callbackOf(pressed)).toBeDefined());
    const modal = callbackOf(pressed)!.body as { type: number; data: { custom_id: string; title: string; components: Array<{ components: Array<{ custom_id: string; label: string; value: string; style: number }> }> } };
    expect(modal.type).toBe(9);
    expect(modal.data.title).toBe(`Edit suggestion #${id}`);
    expect(modal.data.components.map((row) => [row.components[0]!.custom_id, row.components[0]!.label, row.components[0]!.value, row.components[0]!.style])).toEqual([
      ['question', 'Question', 'How do I mute a channel?', 1],
      ['answer', 'Answer', 'Right-click it > Mute.', 2],
    ]);

    const submit = (question: string, answer: string) =>
      fake.interaction({
        user: mod,
        type: 5,
        data: { custom_id: modal.data.custom_id, components: [{ type: 1, components: [{ type: 4, custom_id: 'question', value: question }] }, { type: 1, components: [{ type: 4, custom_id: 'answer', value: answer }] }] },
      });
    const reply = async (interaction: { id: string }) => {
      await eventually(() => expect(callbackOf(interaction)).toBeDefined());
      return callbackOf(interaction)!.body as { type: number; data: { content: string; flags: number } };
    };
    expect(await reply(submit('How do I mute a channel?', '  '))).toMatchObject({ type: 4, data: { flags: 64, content: 'The question and the answer cannot be empty.' } });
    expect(await reply(submit('How do I mute a channel?', 'y'.repeat(4001)))).toMatchObject({ data: { flags: 64, content: 'Too long: a question may have up to 500 characters and an answer up to 4000.' } });
    expect((await app.repos.learning.get(id))?.answerText).toBe('Right-click it > Mute.');

    expect(await reply(submit('How can I mute a channel?', 'Right-click the channel > Mute Channel.'))).toMatchObject({ data: { flags: 64, content: `Suggestion #${id} changed. Approve it with /faq suggestions approve id:${id}.` } });
    expect(await app.repos.learning.get(id)).toMatchObject({ status: 'pending', questionText: 'How can I mute a channel?', answerText: 'Right-click the channel > Mute Channel.' });

    // A member's press opens no modal (it is acknowledged as a press, and answered "for moderators").
    const memberPress = fake.pressButton({ user: alice, customId: encodeCustomId('learning.edit', String(id)), message: card, channel: fake.guild.channels.general });
    await eventually(() => expect(callbackOf(memberPress)).toBeDefined());
    expect((callbackOf(memberPress)!.body as { type: number }).type).toBe(6);
    await app.repos.learning.removePending(id);
  });

  it('GIVEN a forum post with a reply WHEN its tags gain "Solved" THEN a suggestion holds the post (with its title) and credits the member who replied; another tag does nothing', async () => {
    const { alice, bob } = fake.guild.users;
    const guildId = fake.guild.id;
    const forum = { id: snowflake(), type: 15, name: 'questions', guild_id: guildId, parent_id: null, position: 5, permission_overwrites: [], flags: 0, available_tags: [{ id: snowflake(), name: 'Bug', moderated: false, emoji_id: null, emoji_name: null }, { id: snowflake(), name: '✅ Solved', moderated: false, emoji_id: null, emoji_name: null }] };
    const [bug, solvedTag] = forum.available_tags;
    fake.gateway.dispatch('CHANNEL_CREATE', forum);
    const post = { id: snowflake(), type: 11, name: 'Password reset link never arrives', guild_id: guildId, parent_id: forum.id, owner_id: alice.id, applied_tags: [] as string[], flags: 0, thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false }, newly_created: true };
    fake.gateway.dispatch('THREAD_CREATE', post);
    fake.postMessage({ id: post.id, author: alice, channel: post, content: 'I asked for a reset twice and got no email.' });
    fake.postMessage({ author: bob, channel: post, content: 'Check the spam folder, then add noreply@example.com to your contacts.' });
    const count = async () => (await app.repos.activity.totals(community(), { limit: 100 })).find((row) => row.memberId === member(bob.id))?.count ?? 0;
    const bobBefore = await count();
    await eventually(async () => expect(await count()).toBeGreaterThan(bobBefore - 1));
    await eventually(async () => expect((await app.db.prisma.activityEvent.count({ where: { messageId: post.id } }))).toBe(1));
    const pendingBefore = await app.repos.learning.countPending(community());

    fake.gateway.dispatch('THREAD_UPDATE', { ...post, newly_created: undefined, applied_tags: [bug!.id] });
    // The update is kept as the post author's activity ("tagged"); a Bug tag makes no suggestion.
    await eventually(async () => expect(await app.db.prisma.activityEvent.count({ where: { kind: 'tagged', memberId: member(alice.id) } })).toBe(1));
    expect(await app.repos.learning.countPending(community())).toBe(pendingBefore);
    fake.gateway.dispatch('THREAD_UPDATE', { ...post, newly_created: undefined, applied_tags: [bug!.id, solvedTag!.id] });
    let suggestion: Awaited<ReturnType<typeof app.repos.learning.pending>>[number] | undefined;
    await eventually(async () => {
      suggestion = (await app.repos.learning.pending(community(), 20)).find((s) => s.signal === 'solved-tag');
      expect(suggestion).toBeDefined();
    });
    expect(suggestion).toMatchObject({
      questionMessageId: post.id,
      questionText: 'Password reset link never arrives I asked for a reset twice and got no email.',
      answerText: 'Check the spam folder, then add noreply@example.com to your contacts.',
      askerMemberId: member(alice.id),
      creditedMemberId: member(bob.id),
    });
    expect(await app.repos.learning.countPending(community())).toBe(pendingBefore + 1);
    await app.repos.learning.removePending(suggestion!.id);
  });

  it('GIVEN the commands are synced THEN "Save as answer" is registered as a moderator-only message command, in English and Bulgarian', () => {
    const json = discordMessageCommand(SAVE_AS_ANSWER);
    expect(json).toMatchObject({ type: 3, name: 'Save as answer', name_localizations: { bg: 'Запази като отговор' }, default_member_permissions: MODERATOR_DEFAULT_PERMISSIONS });
  });

  it('GIVEN a ✅ on a message Rapport never saw THEN nothing is stored', async () => {
    const { alice } = fake.guild.users;
    const before = await app.repos.learning.countPending(community());
    fake.addReaction({ user: alice, message: { id: '999999999999', channel_id: fake.guild.channels.general.id, author: fake.guild.users.bob }, emoji: '✅' });
    const count = async () => (await app.repos.activity.totals(community(), { limit: 100 })).find((row) => row.memberId === member(alice.id))?.count ?? 0;
    const messages = await count();
    fake.postMessage({ author: alice, channel: fake.guild.channels.general, content: 'marker after the reaction' });
    await eventually(async () => expect(await count()).toBe(messages + 1));
    expect(await app.repos.learning.countPending(community())).toBe(before);
  });
});
