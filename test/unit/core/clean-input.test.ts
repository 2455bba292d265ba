// Proves the one input-hygiene function: control characters (NUL included) leave every string of an event or command, newlines and tabs stay, and nothing else is changed.
import { describe, expect, it } from 'vitest';
import { cleanHandlers, cleanInput, cleanText } from '../../../src/core/clean-input.ts';
import type { ChatEvent } from '../../../src/core/events.ts';

describe('cleanText', () => {
  it('GIVEN NUL, other C0 characters and DEL THEN they are removed; \\n and \\t stay; \\r\\n becomes \\n', () => {
    expect(cleanText('a\u0000b\u0001c\u001bd\u007fe')).toBe('abcde');
    expect(cleanText('line one\r\nline\ttwo\rthree')).toBe('line one\nline\ttwo\nthree');
    expect(cleanText('Здравейте 👋')).toBe('Здравейте 👋');
  });
});

describe('cleanInput', () => {
  it('GIVEN an event THEN its strings at any depth are cleaned, dates and raw are kept, and the original is not changed', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const raw = { text: 'keep\u0000me' };
    const event: ChatEvent = {
      type: 'message.posted', platform: 'slack', eventId: 'slack:Ev\u00001', communityId: 'slack:T1', occurredAt: at, raw,
      channelId: 'slack:T1:C1', messageId: 'm1', text: 'how do I\u0000 join?', mentions: ['slack:T1:U\u00002'], mentionsBot: false,
      author: { memberId: 'slack:T1:U1', displayName: 'ann\u0000', isBot: false, isModerator: false },
    };
    const cleaned = cleanInput(event) as Extract<ChatEvent, { type: 'message.posted' }>;
    expect(cleaned.text).toBe('how do I join?');
    expect(cleaned.eventId).toBe('slack:Ev1');
    expect(cleaned.mentions).toEqual(['slack:T1:U2']);
    expect(cleaned.author.displayName).toBe('ann');
    expect(cleaned.occurredAt).toBe(at);
    expect(cleaned.raw).toBe(raw);
    expect(event.text).toBe('how do I\u0000 join?');
  });

  it('GIVEN an object with a "__proto__" key (JSON from outside) THEN it stays a plain key and no prototype changes', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": "x\\u0000"}, "ok": 1}') as Record<string, unknown>;
    const cleaned = cleanInput(parsed);
    expect(Object.hasOwn(cleaned, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('GIVEN handlers wrapped by cleanHandlers THEN a command\'s text and options arrive cleaned and its functions still work', async () => {
    const seen: unknown[] = [];
    const handlers = cleanHandlers({ onEvent: async () => {}, onCommand: async (invocation) => void seen.push(invocation) });
    const resolver = { member: async (raw: string) => `id:${raw}`, channel: async () => null };
    await handlers.onCommand(
      { platform: 'slack', invocationId: 'i1', communityId: 'slack:T1', channelId: 'slack:T1:C1', command: 'privacy', text: 'show\u0000', options: { name: 'a\u0007b' }, occurredAt: new Date(), resolver, actor: { memberId: 'm', displayName: 'x', isBot: false, isModerator: false } },
      { reply: async () => {} },
    );
    const got = seen[0] as { text: string; options: Record<string, string>; resolver: typeof resolver };
    expect(got.text).toBe('show');
    expect(got.options.name).toBe('ab');
    expect(await got.resolver.member('ann')).toBe('id:ann');
  });
});
