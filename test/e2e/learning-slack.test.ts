// Proves learning on Slack end to end (the real Bolt App against the fake Slack, HTTP Events API): the asker's ✅ on a thread reply makes a suggestion, /faq suggestions shows it to a moderator with Approve / Edit / Reject buttons, pressing Approve writes the entry and thanks the answerer by DM, a deleted reply removes a pending suggestion, and a moderator's "Save as answer" message shortcut makes a suggestion from a reply (a member's is refused, privately), and Edit opens a modal (views.open) whose submission changes the texts, while an empty or huge answer gets a clear private message and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, namesFromRepositories, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { learningFeature } from '../../src/core/learning/register-learning.ts';
import { recognitionFeature } from '../../src/core/recognition/register-recognition.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { FAKE_BOT, startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.ts';
import { observeAdapter, type ObservedAdapter } from '../fakes/slack/observed-adapter.ts';
import { blockActions, messageDeletedEvent, messageEvent, messageShortcut, reactionEvent, slashCommand, viewSubmitted } from '../fakes/slack/payloads.ts';
import { memoryLogger } from '../fakes/slack/recording-handlers.ts';
import { createSlackSender, type SlackSender } from '../fakes/slack/slack-sender.ts';

const SECRET = 'learning-signing-secret';
const COMMUNITY = 'slack:T1';
const nowTs = (offset: number) => `${Math.floor(Date.now() / 1000) - 600 + offset}.000100`;

describe('learning on Slack', () => {
  let slack: FakeSlack;
  let app: TestApp;
  let adapter: ObservedAdapter;
  let sender: SlackSender;

  beforeAll(async () => {
    slack = await startFakeSlack();
    slack.addUser({ id: 'U1', name: 'ann', displayName: 'Ann' });
    slack.addUser({ id: 'U2', name: 'bob', displayName: 'Bob' });
    slack.addUser({ id: 'UADMIN', name: 'ada', displayName: 'Ada', isAdmin: true });
    let slackAdapter: SlackAdapter | undefined;
    app = await createTestApp({
      clock: fixedClock(new Date()),
      features: [recognitionFeature, learningFeature],
      adapters: ({ repos }) => {
        slackAdapter = createSlackAdapter({ botToken: FAKE_BOT.token, signingSecret: SECRET, apiUrl: slack.apiUrl, port: 0, host: '127.0.0.1' }, { logger: memoryLogger(), names: namesFromRepositories(repos) });
        adapter = observeAdapter(slackAdapter);
        return [adapter];
      },
    });
    sender = createSlackSender(`http://127.0.0.1:${slackAdapter!.address()!.port}/slack/events`, SECRET);
  });

  afterAll(async () => {
    await app?.close();
    await slack?.close();
  });

  const event = async (envelope: Record<string, unknown>) => expect((await sender.event(envelope)).status).toBe(200);

  it('GIVEN the asker ticks a thread reply THEN a moderator approves it from /faq suggestions and the answerer is thanked by DM', async () => {
    const q = nowTs(1);
    const a = nowTs(2);
    const before = adapter.handled.events;
    await event(messageEvent({ user: 'U1', text: 'How do I rotate my API key?', ts: q }));
    await event(messageEvent({ user: 'U2', text: 'Settings > API > Rotate, then update your clients.', ts: a, thread_ts: q, parent_user_id: 'U1' }));
    await event(reactionEvent('reaction_added', { user: 'U1', reaction: 'white_check_mark', ts: a, item_user: 'U2' }));
    await adapter.eventsHandled(before + 3);
    const [suggestion] = await app.repos.learning.pending(COMMUNITY, 5);
    expect(suggestion).toMatchObject({ signal: 'check-mark', creditedMemberId: 'slack:T1:U2', questionText: 'How do I rotate my API key?' });

    expect((await sender.command(slashCommand({ command: '/faq', text: 'suggestions', user: 'UADMIN', responseUrl: slack.responseUrl('sugg') }))).status).toBe(200);
    await slack.waitForResponse('sugg');
    const deadline = Date.now() + 30_000;
    let card: Record<string, unknown> | undefined;
    while (!card && Date.now() < deadline) {
      card = slack.responses.find((r) => r.id === 'sugg' && JSON.stringify(r.body).includes('learning.approve'))?.body;
      if (!card) await new Promise((r) => setTimeout(r, 20));
    }
    expect(JSON.stringify(card)).toContain('How do I rotate my API key?');
    expect(JSON.stringify(card)).toContain('learning.reject');

    expect((await sender.action(blockActions({ user: 'UADMIN', actionId: 'learning.approve', value: String(suggestion!.id) }))).status).toBe(200);
    const confirmed = await slack.waitForCall('chat.postMessage', (c) => String(c.args.text).includes(`Suggestion #${suggestion!.id} approved`), 30_000);
    expect(String(confirmed.args.text)).toContain('Bob is credited');
    await slack.waitForCall('chat.postMessage', (c) => String(c.args.text).includes('The moderators added your answer'), 30_000);
    expect(slack.callsTo('conversations.open').some((c) => c.args.users === 'U2')).toBe(true);
    expect((await app.rapport.ports.answering.admin.list(COMMUNITY)).map((e) => e.answer)).toContain('Settings > API > Rotate, then update your clients.');
  });

  it('GIVEN a thread reply nobody thanked WHEN a moderator uses the "Save as answer" shortcut on it THEN a suggestion credits its author for the thread\'s question, confirmed privately; a member gets a private refusal', async () => {
    const q = nowTs(20);
    const a = nowTs(21);
    const before = adapter.handled.events;
    await event(messageEvent({ user: 'U1', text: 'How do I export the billing report?', ts: q }));
    await event(messageEvent({ user: 'U2', text: 'Billing > Reports > Export as CSV.', ts: a, thread_ts: q, parent_user_id: 'U1' }));
    await adapter.eventsHandled(before + 2);
    const pendingBefore = await app.repos.learning.countPending(COMMUNITY);
    const reply = { ts: a, user: 'U2', text: 'Billing > Reports > Export as CSV.', thread_ts: q };

    expect((await sender.action(messageShortcut({ callbackId: 'save_as_answer', user: 'U1', message: reply, responseUrl: slack.responseUrl('save-member') }))).status).toBe(200);
    const refused = await slack.waitForResponse('save-member');
    expect(refused).toMatchObject({ response_type: 'ephemeral' });
    expect(String(refused.text)).toContain('/faq suggestions is for moderators only.');
    expect(await app.repos.learning.countPending(COMMUNITY)).toBe(pendingBefore);

    expect((await sender.action(messageShortcut({ callbackId: 'save_as_answer', user: 'UADMIN', message: reply, responseUrl: slack.responseUrl('save-mod') }))).status).toBe(200);
    const saved = await slack.waitForResponse('save-mod');
    expect(saved).toMatchObject({ response_type: 'ephemeral' });
    expect(String(saved.text)).toMatch(/^Saved as suggestion #\d+\.$/);
    const suggestion = (await app.repos.learning.pending(COMMUNITY, 10)).find((s) => s.signal === 'saved');
    expect(suggestion).toMatchObject({ questionText: 'How do I export the billing report?', answerText: 'Billing > Reports > Export as CSV.', creditedMemberId: 'slack:T1:U2', askerMemberId: 'slack:T1:U1' });
    expect(String(saved.text)).toBe(`Saved as suggestion #${suggestion!.id}.`);
    // Nothing was posted in the channel for it.
    expect(slack.callsTo('chat.postMessage').some((c) => String(c.args.text).includes('Saved as suggestion'))).toBe(false);
    await app.repos.learning.removePending(suggestion!.id);
  });

  it('GIVEN a pending suggestion WHEN a moderator presses Edit THEN a modal opens with its texts; a submission changes them, an empty or huge answer is refused with a clear private message and nothing written', async () => {
    const q = nowTs(30);
    const a = nowTs(31);
    const before = adapter.handled.events;
    await event(messageEvent({ user: 'U1', text: 'How do I turn on dark mode?', ts: q }));
    await event(messageEvent({ user: 'U2', text: 'Prefs > Theme.', ts: a, thread_ts: q, parent_user_id: 'U1' }));
    await event(messageEvent({ user: 'U1', text: 'thanks Bob!', ts: nowTs(32), thread_ts: q, parent_user_id: 'U1' }));
    await adapter.eventsHandled(before + 3);
    const suggestion = (await app.repos.learning.pending(COMMUNITY, 10)).find((s) => s.questionText === 'How do I turn on dark mode?')!;
    expect(suggestion).toBeDefined();

    expect((await sender.action(blockActions({ user: 'UADMIN', actionId: 'learning.edit', value: String(suggestion.id) }))).status).toBe(200);
    const opened = await slack.waitForCall('views.open', undefined, 30_000);
    const view = (typeof opened.args.view === 'string' ? JSON.parse(opened.args.view) : opened.args.view) as Record<string, any>;
    expect(view).toMatchObject({ type: 'modal', callback_id: 'rapport_form', title: { text: `Edit suggestion #${suggestion.id}` }, submit: { text: 'Save' } });
    expect(view.blocks.map((b: any) => [b.block_id, b.label.text, b.element.initial_value])).toEqual([
      ['question', 'Question', 'How do I turn on dark mode?'],
      ['answer', 'Answer', 'Prefs > Theme.'],
    ]);
    // Pressing Edit opened the form and posted nothing.
    expect(slack.callsTo('chat.postMessage').some((c) => String(c.args.text).includes('/faq suggestions edit'))).toBe(false);

    const submit = async (values: Record<string, string>) => expect((await sender.action(viewSubmitted({ user: 'UADMIN', view, values }))).status).toBe(200);
    const ephemeralCount = () => slack.callsTo('chat.postEphemeral').length;
    let seen = ephemeralCount();
    await submit({ question: 'How do I turn on dark mode?', answer: '   ' });
    const empty = await slack.waitForCall('chat.postEphemeral', (c) => slack.callsTo('chat.postEphemeral').indexOf(c) >= seen, 30_000);
    expect(empty.args).toMatchObject({ channel: 'C1', user: 'UADMIN', text: 'The question and the answer cannot be empty.' });
    seen = ephemeralCount();
    await submit({ question: 'How do I turn on dark mode?', answer: 'x'.repeat(4001) });
    const huge = await slack.waitForCall('chat.postEphemeral', (c) => slack.callsTo('chat.postEphemeral').indexOf(c) >= seen, 30_000);
    expect(String(huge.args.text)).toBe('Too long: a question may have up to 500 characters and an answer up to 4000.');
    expect((await app.repos.learning.get(suggestion.id))?.answerText).toBe('Prefs > Theme.');

    seen = ephemeralCount();
    await submit({ question: 'How do I switch to dark mode?', answer: 'Preferences > Themes > Dark.' });
    const changed = await slack.waitForCall('chat.postEphemeral', (c) => slack.callsTo('chat.postEphemeral').indexOf(c) >= seen, 30_000);
    expect(String(changed.args.text)).toBe(`Suggestion #${suggestion.id} changed. Approve it with /faq suggestions approve id:${suggestion.id}.`);
    expect(await app.repos.learning.get(suggestion.id)).toMatchObject({ status: 'pending', questionText: 'How do I switch to dark mode?', answerText: 'Preferences > Themes > Dark.' });

    // A member pressing Edit gets no form: the press says it is for moderators.
    const opens = slack.callsTo('views.open').length;
    expect((await sender.action(blockActions({ user: 'U1', actionId: 'learning.edit', value: String(suggestion.id) }))).status).toBe(200);
    await slack.waitForCall('chat.postMessage', (c) => String(c.args.text).includes('for moderators only'), 30_000);
    expect(slack.callsTo('views.open')).toHaveLength(opens);
    await app.repos.learning.removePending(suggestion.id);
  });

  it('GIVEN a pending suggestion WHEN Slack reports its reply deleted THEN the suggestion is removed', async () => {
    const q = nowTs(10);
    const a = nowTs(11);
    const before = adapter.handled.events;
    await event(messageEvent({ user: 'U1', text: 'Where are the audit logs?', ts: q }));
    await event(messageEvent({ user: 'U2', text: 'Admin > Audit.', ts: a, thread_ts: q, parent_user_id: 'U1' }));
    await event(messageEvent({ user: 'U1', text: 'thanks Bob!', ts: nowTs(12), thread_ts: q, parent_user_id: 'U1' }));
    await adapter.eventsHandled(before + 3);
    expect(await app.repos.learning.countPending(COMMUNITY)).toBe(1);
    await event(messageDeletedEvent({ user: 'U2', ts: a }));
    await adapter.eventsHandled(before + 4);
    expect(await app.repos.learning.countPending(COMMUNITY)).toBe(0);
  });
});
