// Proves the unanswered list counts a member's answer posted in the channel (not in a thread) that the conversation tracker attributes to the question, and not the asker's own follow-up or a thank-you.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleDriver } from '../support/console-driver.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
const chat = createConsoleDriver();
const send = chat.send;

beforeAll(async () => {
  app = await createTestApp({ adapters: ({ translator }) => [chat.adapter(translator)] });
  await send('/in general', '/faq add question:"How do I reset my password?" answer:"Open Settings, choose Account, then Reset password." id:reset-password');
});

afterAll(async () => {
  await app.close();
});

describe('the unanswered list and answers in the channel', () => {
  it('GIVEN a question Rapport could not answer and a member answering it in the channel THEN /faq unanswered shows that reply', async () => {
    // Each send ends in a marker channel: go back to #general first.
    await send('/in general', '/as ann', 'how do I mount an ntfs drive on ubuntu?', 'it is an external usb disk by the way');
    await send('/in general', '/as bob', 'sudo mount -t ntfs-3g /dev/sdb1 /mnt works, or just click it in the file manager');
    await send('/in general', '/as ann', 'thanks bob, that worked');
    const list = await send('/as mod mod', '/faq unanswered');
    expect(list).toContain('how do I mount an ntfs drive on ubuntu?');
    expect(list).toMatch(/best reply from bob: sudo mount -t ntfs-3g/);
    expect(list).not.toContain('no member reply yet');
    const id = /#(\d+) \(1× asked\): how do I mount an ntfs drive/.exec(list)?.[1];
    const replies = await send(`/faq unanswered id:${id}`);
    expect(replies).toMatch(/reply \d+ from bob/);
    expect(replies).not.toMatch(/from ann/);
  });
});
