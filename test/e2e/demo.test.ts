// Proves `rapport demo` opens the console on a sample community whose seeded weeks of activity give non-empty, sensible /leaderboard, /ambassadors, /offer queue, /feedback digest and /shoutout preview results and a knowledge base, in its own data folder, and that a second run adds nothing.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEvents } from '../../src/demo/demo-events.ts';
import { SPAWN_TIMEOUT_MS, runRapport } from '../support/run-cli.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rapport-demo-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('demo events', () => {
  it('GIVEN the same seed and day THEN the events are the same, span about six weeks, and are in English and Bulgarian', () => {
    const now = new Date('2026-12-06T12:00:00Z');
    const a = demoEvents(now);
    expect(JSON.stringify(demoEvents(now))).toBe(JSON.stringify(a));
    const times = a.map((e) => e.occurredAt.getTime());
    expect((Math.max(...times) - Math.min(...times)) / 86_400_000).toBeGreaterThan(35);
    expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
    const texts = a.flatMap((e) => (e.type === 'message.posted' ? [e.text] : []));
    expect(texts.some((t) => /благодаря|мерси/.test(t))).toBe(true);
    expect(texts.some((t) => /thank/.test(t))).toBe(true);
  });
});

describe('rapport demo', () => {
  it('GIVEN a fresh folder WHEN the demo runs THEN /leaderboard ranks helpers, /ambassadors shows an advocate, /offer queue has maria waiting on an offer, /faq list has the knowledge base, /feedback digest quotes the feedback, /shoutout preview thanks the helpers, data stays in data/demo, and a second run stores nothing new', async () => {
    const env = { RAPPORT_DATA_DIR: path.join(dir, 'data'), PORT: '0' };
    const first = await runRapport(['demo'], { env, input: ['/leaderboard period:all kind:helpers', '/ambassadors', '/offer queue', '/faq list', '/feedback digest period:month', '/shoutout preview', '/quit', ''].join('\n') });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Console community: demo.');
    const board = first.stdout.slice(first.stdout.indexOf('Leaderboard'));
    expect(board).toMatch(/1\. (maria|georgi|alex|ivana): /);
    expect(board).toMatch(/2\. \w+: /);
    const ambassadors = first.stdout.slice(first.stdout.indexOf('Ambassadors'));
    const queue = first.stdout.slice(first.stdout.indexOf('Beta access'));
    expect(queue).toMatch(/maria/);
    expect(first.stdout).toContain('How do I reset my password?');
    expect(ambassadors).toMatch(/maria \[advocate\]/);
    expect(ambassadors).toMatch(/georgi \[(like|love|advocate)\]/);
    // The moderators' feedback digest has the seeded feedback, quoted, English and Bulgarian.
    const digest = first.stdout.slice(first.stdout.indexOf('Feedback digest: the last 30 days'));
    expect(digest).toMatch(/\d+ messages of feedback/);
    expect(digest).toMatch(/complaint/);
    expect(digest).toMatch(/feature request/);
    expect(digest).toMatch(/• \w+: "/);
    // Feedback in two languages meaning the same is one theme (the demo's synonym groups join them).
    expect(digest).toContain('"dark mode / тъмна тема"');
    // The shout-out preview thanks the seeded helpers, privately.
    const preview = first.stdout.slice(first.stdout.indexOf('Preview (not posted)'));
    expect(first.stdout).toMatch(/Rapport \(only you see this\): Preview \(not posted\)/);
    expect(preview).toMatch(/Thank you to the people who helped others (this|last) week!/);
    expect(preview).toMatch(/1\. (maria|georgi|alex|ivana): helped \d+ (people|person)/);
    expect(existsSync(path.join(dir, 'data', 'demo'))).toBe(true);
    const second = await runRapport(['demo'], { env, input: ['/leaderboard period:all kind:helpers', '/quit', ''].join('\n') });
    expect(second.code).toBe(0);
    // Stored twice, every score would double: the same leader with the same points shows nothing new was stored.
    const leader = (out: string) => /1\. \w+: [\d.,]+ points?/.exec(out.slice(out.indexOf('Leaderboard')))?.[0];
    expect(leader(second.stdout)).toBe(leader(first.stdout));
    expect(leader(first.stdout)).toBeDefined();
  }, SPAWN_TIMEOUT_MS * 2);
});
