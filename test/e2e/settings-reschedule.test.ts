// Proves that moving a community to another time zone with /settings moves its scheduled
// shout-outs and feedback digest with it (they are cron rules in the community's time zone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepeatRule } from '../../src/core/scheduler.ts';
import { createInProcessScheduler } from '../../src/jobs/in-process-scheduler.ts';
import { createLogger } from '../../src/pino-logger.ts';
import { createConsoleDriver } from '../support/console-driver.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

const repeats: Array<{ key: string; name: string; rule: RepeatRule }> = [];
let app: TestApp;
const chat = createConsoleDriver();
const send = chat.send;

beforeAll(async () => {
  const inner = createInProcessScheduler({ logger: createLogger({ level: 'silent', pretty: false }) });
  const scheduler = {
    ...inner,
    kind: inner.kind,
    async repeat<T>(key: string, name: string, data: T, rule: RepeatRule) {
      repeats.push({ key, name, rule });
      await inner.repeat(key, name, data, rule);
    },
  };
  app = await createTestApp({
    scheduler,
    adapters: ({ translator }) => [chat.adapter(translator)],
  });
});

afterAll(async () => {
  await app.close();
});

describe('/settings timezone', () => {
  it('GIVEN a scheduled shout-out and digest THEN a new time zone re-registers both in it', async () => {
    const setup = await send('/as boss mod', '/in general', 'hello', '/settings timezone:Europe/Sofia', '/shoutout schedule channel:general rule:weekly on Monday 10:00', '/feedback schedule channel:general');
    expect(setup).toContain('Europe/Sofia');
    const cronRules = () => repeats.filter((r) => 'cron' in r.rule && r.name !== 'activity.rollup' && !r.key.startsWith('ambassadors'));
    expect(cronRules().length).toBeGreaterThanOrEqual(2);
    expect(cronRules().every((r) => 'cron' in r.rule && r.rule.timeZone === 'Europe/Sofia')).toBe(true);
    const before = repeats.length;

    const moved = await send('/settings timezone:Asia/Tokyo');
    expect(moved).toContain('Asia/Tokyo');
    const again = repeats.slice(before);
    expect(again.length).toBeGreaterThanOrEqual(2);
    expect(again.every((r) => 'cron' in r.rule && r.rule.timeZone === 'Asia/Tokyo')).toBe(true);
    expect(new Set(again.map((r) => r.name)).size).toBe(2);
  });
});
