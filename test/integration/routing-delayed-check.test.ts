// Proves the delayed routing check through the real in-process scheduler, a fake clock and PostgreSQL: a question nobody answers within the delay brings the member who answered similar questions (a mention in its thread, exactly once even when the job runs twice); a human reply, a helper's daily limit, a mention opt-out or closed DMs keep Rapport from asking; an out-of-range setting is refused with nothing saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import type { EnqueueOptions, JobScheduler } from '../../src/core/scheduler.ts';
import { createInProcessScheduler } from '../../src/jobs/in-process-scheduler.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { CONSOLE_COMMUNITY, memberIdFor } from '../../src/adapters/console/translate.ts';
import { createConsoleDriver } from '../support/console-driver.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

/** The real in-process scheduler; delayed jobs are held until the test moves the fake clock past them. */
function heldScheduler(): JobScheduler & { held: Array<{ name: string; data: unknown; options: EnqueueOptions }>; release(): Promise<void> } {
  const inner = createInProcessScheduler({ logger: createLogger({ level: 'silent', pretty: false }), backoffBaseMs: 10 });
  const held: Array<{ name: string; data: unknown; options: EnqueueOptions }> = [];
  return {
    ...inner,
    kind: inner.kind,
    held,
    define: (definition) => inner.define(definition),
    start: () => inner.start(),
    close: () => inner.close(),
    async enqueue(name, data, options = {}) {
      if (options.delayMs) held.push({ name, data, options });
      else await inner.enqueue(name, data, options);
    },
    async release() {
      for (const job of held.splice(0)) await inner.enqueue(job.name, job.data, { ...(job.options.jobId ? { jobId: job.options.jobId } : {}) });
    },
  };
}

async function until<T>(probe: () => Promise<T | undefined | null | false>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('routing: the delayed check', () => {
  const clock = fixedClock(new Date('2026-11-23T10:00:00Z'));
  const scheduler = heldScheduler();
  const chat = createConsoleDriver();
  let app: TestApp;
  const say = (speaker: string, ...lines: string[]) => chat.send(`/as ${speaker}`, '/in help', ...lines);
  /** Waits until the question's check is over, including what a routed check prints. */
  const settled = async (text: string, before: number) => {
    const status = await until(async () => {
      const value = await statusOf(text);
      return value !== 'waiting' && value;
    }, `the check of "${text}"`);
    if (status === 'routed') await until(async () => /asked this a while ago|asked in #/.test(chat.printed().slice(before)) && 'printed', 'the helpers to be asked');
    return status;
  };
  const statusOf = async (text: string) => (await app.db.prisma.routingQuestion.findFirst({ where: { question: text } }))?.status;

  beforeAll(async () => {
    app = await createTestApp({ adapters: ({ translator }) => [chat.adapter(translator, { clock })], clock, scheduler });
    expect(await chat.send('/as mod moderator', '/settings routing:on')).toMatch(/Routing is on: after 10 minutes/);
    // grubby answers two grub questions; chatty only chats.
    await say('asker1', 'how do I reinstall grub after installing windows?');
    await say('grubby', '@asker1 run grub-install from a live cd');
    await say('asker2', 'grub shows a rescue prompt, how do I fix the grub config?');
    await say('grubby', '@asker2 boot the live cd and reinstall grub');
    await say('chatty', 'nice weather today');
    // The history's own questions were answered (grubby named their askers): their checks send nothing.
    expect(scheduler.held).toHaveLength(2);
    await scheduler.release();
    await until(async () => (await app.db.prisma.routingQuestion.count({ where: { status: 'waiting' } })) === 0 && 'done', 'the history to settle');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('GIVEN a grub question nobody answers WHEN the 10-minute check runs (twice) THEN the member who answered grub questions is mentioned in its thread, once', async () => {
    const before = chat.printed().length;
    await say('newbie', 'grub will not boot, how do I repair grub?');
    expect(scheduler.held).toHaveLength(1);
    expect(scheduler.held[0]!.options.delayMs).toBe(10 * 60_000);
    const job = scheduler.held[0]!;
    clock.advance(10 * 60_000);
    await scheduler.release();
    await until(async () => chat.printed().slice(before).includes('asked this a while ago'), 'the helpers to be mentioned');
    expect(await statusOf('grub will not boot, how do I repair grub?')).toBe('routed');
    // The same job again (another process, a retry): nothing more is sent.
    scheduler.held.push(job);
    await scheduler.release();
    await app.rapport.ports.routing.check((job.data as { questionId: number }).questionId);
    await chat.send('/as newbie');
    const printed = chat.printed().slice(before);
    const pings = printed.match(/@grubby.*newbie asked this a while ago/g) ?? [];
    expect(pings).toHaveLength(1);
    expect(printed).toMatch(/Rapport \[#help, thread m\d+-\w+\] \(b\d+-\w+\):\n {2}@grubby/);
    expect(printed).not.toMatch(/@newbie /);
    const asks = await app.db.prisma.routingAsk.findMany({ where: { helperMemberId: memberIdFor('grubby') } });
    expect(asks).toHaveLength(1);
  }, 60_000);

  it('GIVEN a question a person answers in its thread WHEN the check runs THEN nobody is pinged', async () => {
    const before = chat.printed().length;
    await say('newbie2', 'how do I update grub menu entries?');
    const question = await app.db.prisma.routingQuestion.findFirstOrThrow({ where: { question: 'how do I update grub menu entries?' } });
    await say('chatty', `/reply ${question.messageId} run sudo update-grub`);
    clock.advance(10 * 60_000);
    await scheduler.release();
    await settled('how do I update grub menu entries?', before);
    expect(await statusOf('how do I update grub menu entries?')).toBe('answered');
    expect(chat.printed().slice(before)).not.toMatch(/asked this a while ago/);
  }, 60_000);

  it('GIVEN a daily limit of 1 that grubby has reached WHEN another grub question waits THEN grubby is not asked again today', async () => {
    expect(await chat.send('/as mod moderator', '/settings routing_limit:1')).toMatch(/at most 1 times a day/);
    const before = chat.printed().length;
    await say('newbie3', 'grub rescue prompt again, how do I repair grub?');
    clock.advance(10 * 60_000);
    await scheduler.release();
    await settled('grub rescue prompt again, how do I repair grub?', before);
    expect(chat.printed().slice(before)).not.toMatch(/@grubby/);
    expect(await app.db.prisma.routingAsk.count({ where: { helperMemberId: memberIdFor('grubby') } })).toBe(1);
  }, 60_000);

  it('GIVEN grubby opted out of mentions, on a new day WHEN a grub question waits THEN grubby is not mentioned', async () => {
    expect(await say('grubby', '/privacy mentions off')).toMatch(/no longer mention you/);
    clock.advance(24 * 60 * 60_000);
    await say('grubby', '@chatty hi again');
    const before = chat.printed().length;
    await say('newbie4', 'how do I repair grub after an update?');
    clock.advance(10 * 60_000);
    await scheduler.release();
    await settled('how do I repair grub after an update?', before);
    expect(chat.printed().slice(before)).not.toMatch(/@grubby/);
  }, 60_000);

  it('GIVEN DM mode and grubby closed DMs WHEN a grub question waits THEN grubby gets no DM, others may', async () => {
    await say('grubby', '/privacy mentions on', '/privacy dms off');
    expect(await chat.send('/as mod moderator', '/settings routing_mode:dm routing_limit:5')).toMatch(/by a direct message/);
    const before = chat.printed().length;
    await say('grubby', '@chatty still here');
    await say('newbie5', 'how do I reinstall grub on a new disk?');
    clock.advance(10 * 60_000);
    await scheduler.release();
    expect(await settled('how do I reinstall grub on a new disk?', before)).toBe('routed');
    expect(chat.printed().slice(before)).toMatch(/Rapport \[DM to \w+\]/);
    expect(chat.printed().slice(before)).not.toMatch(/DM to grubby/);
  }, 60_000);

  it('GIVEN a routing delay out of range WHEN a moderator sets it THEN a clear message names the range and nothing is saved', async () => {
    const out = await chat.send('/as mod moderator', '/settings routing:off routing_delay:0');
    expect(out).toMatch(/whole number of minutes from 1 to 1440, not 0/);
    const saved = await app.repos.routing.settings(CONSOLE_COMMUNITY);
    expect(saved.enabled).toBe(true);
    expect(saved.delayMinutes).toBe(10);
  }, 60_000);
});
