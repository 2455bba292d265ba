// Proves routing and "Ask a human" on Slack end to end (the real Bolt App against the fake Slack, real pipeline and storage): a question nobody answers brings the member who answered a similar one into its thread with a mention, and the Ask a human button under an answer pings the listed moderator in the thread and keeps Rapport quiet there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, namesFromRepositories, type SlackAdapter } from '../../src/adapters/slack/index.ts';
import { fixedClock } from '../../src/core/clock.ts';
import type { EnqueueOptions, JobScheduler } from '../../src/core/scheduler.ts';
import { createInProcessScheduler } from '../../src/jobs/in-process-scheduler.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { FAKE_BOT, startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.ts';
import { observeAdapter, type ObservedAdapter } from '../fakes/slack/observed-adapter.ts';
import { blockActions, messageEvent, slashCommand } from '../fakes/slack/payloads.ts';
import { memoryLogger } from '../fakes/slack/recording-handlers.ts';
import { createSlackSender, type SlackSender } from '../fakes/slack/slack-sender.ts';

const SECRET = 'routing-signing-secret';

/** The in-process scheduler; delayed jobs wait until the test has moved the fake clock past them. */
function heldScheduler(): JobScheduler & { release(): Promise<number> } {
  const inner = createInProcessScheduler({ logger: createLogger({ level: 'silent', pretty: false }), backoffBaseMs: 10 });
  const held: Array<{ name: string; data: unknown; options: EnqueueOptions }> = [];
  return {
    ...inner,
    kind: inner.kind,
    define: (definition) => inner.define(definition),
    start: () => inner.start(),
    close: () => inner.close(),
    async enqueue(name, data, options = {}) {
      if (options.delayMs) held.push({ name, data, options });
      else await inner.enqueue(name, data, options);
    },
    async release() {
      const jobs = held.splice(0);
      for (const job of jobs) await inner.enqueue(job.name, job.data, job.options.jobId ? { jobId: job.options.jobId } : {});
      return jobs.length;
    },
  };
}

describe('routing on Slack', () => {
  const clock = fixedClock(new Date());
  const scheduler = heldScheduler();
  let slack: FakeSlack;
  let app: TestApp;
  let adapter: ObservedAdapter;
  let sender: SlackSender;
  let seq = 0;
  const ts = () => `${Math.floor(Date.now() / 1000) - 600 + ++seq}.000100`;
  const post = async (user: string, text: string, extra: { thread_ts?: string; parent_user_id?: string } = {}) => {
    const at = ts();
    const before = adapter.handled.events;
    expect((await sender.event(messageEvent({ user, text, ts: at, ...extra }))).status).toBe(200);
    await adapter.eventsHandled(before + 1);
    return at;
  };
  const command = async (user: string, name: string, text: string) => {
    const key = `${name}-${++seq}`;
    expect((await sender.command(slashCommand({ command: name, text, user, responseUrl: slack.responseUrl(key) }))).status).toBe(200);
    return String((await slack.waitForResponse(key)).text);
  };

  beforeAll(async () => {
    slack = await startFakeSlack();
    slack.addUser({ id: 'U1', name: 'ann', displayName: 'Ann' });
    slack.addUser({ id: 'U2', name: 'bob', displayName: 'Bob' });
    slack.addUser({ id: 'U3', name: 'cy', displayName: 'Cy' });
    slack.addUser({ id: 'ULISTED', name: 'lin', displayName: 'Lin' });
    let slackAdapter: SlackAdapter | undefined;
    app = await createTestApp({
      clock,
      scheduler,
      adapters: ({ repos }) => {
        slackAdapter = createSlackAdapter(
          { botToken: FAKE_BOT.token, signingSecret: SECRET, apiUrl: slack.apiUrl, port: 0, host: '127.0.0.1', moderators: ['ULISTED'] },
          { logger: memoryLogger(), names: namesFromRepositories(repos) },
        );
        adapter = observeAdapter(slackAdapter);
        return [adapter];
      },
    });
    // The adapter listens on a free port once started.
    sender = createSlackSender(`http://127.0.0.1:${slackAdapter!.address()!.port}/slack/events`, SECRET);
    expect(await command('ULISTED', '/settings', 'routing:on')).toMatch(/Routing is on/);
    expect(await command('ULISTED', '/faq', 'add question:"How long does delivery take?" answer:"Orders arrive in 3-5 days." id:delivery')).toContain('delivery');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await slack?.close();
  });

  it('GIVEN Bob answered a printer question WHEN Cy asks about the printer and nobody answers for 10 minutes THEN Bob is mentioned in the thread of Cy\'s question', async () => {
    const first = await post('U1', 'how do I install the printer driver for the office printer?');
    await post('U2', 'download the printer driver from the vendor and run the installer', { thread_ts: first, parent_user_id: 'U1' });
    await scheduler.release();
    const question = await post('U3', 'the printer driver fails to install, how do I fix it?');
    clock.advance(10 * 60_000);
    expect(await scheduler.release()).toBe(1);
    const ping = await slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === question && String(c.args.text).includes('asked this a while ago'));
    expect(String(ping.args.text)).toMatch(/^<@U2>/);
    expect(String(ping.args.text)).not.toMatch(/<@U3> |<@U3>:/);
  }, 60_000);

  it('GIVEN an answer WHEN the asker presses Ask a human THEN the listed moderator is mentioned in the thread and a question there gets no answer', async () => {
    const question = await post('U1', 'How long does delivery take?');
    const answer = await slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === question && String(c.args.text).includes('3-5 days'));
    const actions = (answer.args.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find((b) => b.type === 'actions');
    const ask = actions?.elements?.find((e) => e.action_id.startsWith('routing.ask-human'));
    expect(ask).toBeDefined();
    expect((await sender.action(blockActions({ user: 'U1', actionId: ask!.action_id, value: ask!.value }))).status).toBe(200);
    const ping = await slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === question && String(c.args.text).includes('asked for a human'));
    expect(String(ping.args.text)).toContain('<@ULISTED>');
    const answersBefore = slack.callsTo('chat.postMessage').filter((c) => String(c.args.text).includes('3-5 days')).length;
    await post('U1', 'How long does delivery take?', { thread_ts: question, parent_user_id: 'U1' });
    expect(slack.callsTo('chat.postMessage').filter((c) => String(c.args.text).includes('3-5 days')).length).toBe(answersBefore);
  }, 60_000);
});
