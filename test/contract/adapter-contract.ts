// One contract every adapter (console, Slack, Discord) passes: ids round-trip and carry the
// platform, the bot ignores its own messages, moderator-only commands check the invoker, and
// platform errors map to PlatformError with the right retry decision.
import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../src/core/errors.ts';
import { communityOf, parseId, scopedId, type Platform } from '../../src/core/ids.ts';
import type { TestApp } from '../support/harness.ts';

export interface ContractDriver {
  app: TestApp;
  /** A member (or moderator) posts a message in a watched channel; resolves once handled. */
  memberSays(member: { name: string; moderator?: boolean }, text: string): Promise<void>;
  /** The platform delivers the bot's own message back (Slack and Discord do); resolves once handled. */
  botSays(text: string): Promise<void>;
  /** Runs a slash command line ("settings language:bg") and returns the text of the reply. */
  command(member: { name: string; moderator?: boolean }, line: string): Promise<string>;
  close(): Promise<void>;
}

export interface ContractSubject {
  platform: Platform;
  start(): Promise<ContractDriver>;
  toPlatformError(error: unknown): PlatformError;
  /** Errors the platform's SDK raises, and what they must map to. */
  errorCases: Array<{ error: unknown; code: string; retryable: boolean }>;
}

export function adapterContract(subject: ContractSubject): void {
  describe(`${subject.platform} adapter contract`, () => {
    it('GIVEN a member message THEN it is stored once under ids that carry the platform and round-trip', async () => {
      const driver = await subject.start();
      try {
        await driver.memberSays({ name: 'alice' }, 'hello there, how is everyone?');
        const events = await driver.app.db.prisma.activityEvent.findMany({ include: { member: true, channel: true, community: true } });
        expect(events).toHaveLength(1);
        const event = events[0]!;
        for (const id of [event.communityId, event.memberId, event.channelId!]) {
          const parsed = parseId(id);
          expect(parsed.platform).toBe(subject.platform);
          expect(parsed.local === undefined ? id : scopedId(parsed.platform, parsed.scope, parsed.local)).toBe(id);
        }
        expect(communityOf(event.memberId)).toBe(event.communityId);
        expect(communityOf(event.channelId!)).toBe(event.communityId);
        expect(event.member.isBot).toBe(false);
      } finally {
        await driver.close();
      }
    });

    it('GIVEN the bot\'s own message THEN nothing is stored', async () => {
      const driver = await subject.start();
      try {
        await driver.botSays('I am the bot talking');
        expect(await driver.app.db.prisma.activityEvent.count({ where: { kind: { in: ['message', 'reply'] } } })).toBe(0);
      } finally {
        await driver.close();
      }
    });

    it('GIVEN a moderator-only command THEN a member is refused and a moderator is served', async () => {
      const driver = await subject.start();
      try {
        const refused = await driver.command({ name: 'mallory' }, 'settings language:bg');
        expect(refused).toContain('/settings is for moderators only.');
        const served = await driver.command({ name: 'mod', moderator: true }, 'settings timezone:Europe/Sofia');
        expect(served).toContain('Europe/Sofia');
        const communities = await driver.app.repos.communities.list();
        expect(communities.map((c) => c.timeZone)).toContain('Europe/Sofia');
        expect(communities.map((c) => c.language)).not.toContain('bg');
      } finally {
        await driver.close();
      }
    });

    it('GIVEN platform errors THEN they map to PlatformError with the right retry decision', () => {
      for (const { error, code, retryable } of subject.errorCases) {
        const mapped = subject.toPlatformError(error);
        expect(mapped).toBeInstanceOf(PlatformError);
        expect(mapped.code).toBe(`platform.${subject.platform}.${code}`);
        expect(mapped.retryable).toBe(retryable);
        expect(mapped.cause).toBe(error);
      }
    });
  });
}
