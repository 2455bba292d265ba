// Proves brand talk is recognised in English and Bulgarian: recommendations, praise and complaints
// about the named brand (and nothing without it), and defence: answering someone's complaint.
import { describe, expect, it } from 'vitest';
import { classifyBrandTalk, createBrandMatcher, parseBrandNames } from '../../../src/core/ambassadors/brand-talk.ts';
import { ComplaintTracker } from '../../../src/core/ambassadors/complaint-tracker.ts';
import type { MessagePosted } from '../../../src/core/events.ts';

const acme = createBrandMatcher(parseBrandNames('Acme, acme.io; Акме'));

describe('parseBrandNames', () => {
  it('GIVEN names with quotes, repeats and separators THEN distinct trimmed names', () => {
    expect(parseBrandNames('"Acme", acme.io; ACME\nАкме, x')).toEqual(['Acme', 'acme.io', 'Акме']);
  });
});

describe('classifyBrandTalk', () => {
  it.each([
    ['You should try Acme for this, it is much simpler', ['recommendation']],
    ['I recommend acme.io, it works great', ['recommendation', 'praise']],
    ['Acme is awesome, love the new dashboard', ['praise']],
    ['Acme is broken again, sync keeps crashing', ['complaint']],
    ['acme is not great anymore', ['complaint']],
    ['Acme is not slow at all for me', []],
    ['Препоръчвам Акме на всички', ['recommendation']],
    ['пробвайте Акме, страхотно е', ['recommendation', 'praise']],
    ['Акме е супер, обичам го', ['praise']],
    ['Акме пак не работи, разочарован съм', ['complaint']],
  ])('GIVEN "%s" THEN %j', (text, kinds) => {
    expect(classifyBrandTalk(text, acme)).toEqual(kinds);
  });

  it('GIVEN praise without the brand named, or a word that only contains it THEN nothing', () => {
    expect(classifyBrandTalk('I recommend this, it is awesome', acme)).toEqual([]);
    expect(classifyBrandTalk('Acmeville is awesome', acme)).toEqual([]);
    expect(classifyBrandTalk('acme-users is awesome, see shipit.acme.com', acme)).toEqual([]);
    expect(classifyBrandTalk('Acme. It is awesome', acme)).toEqual(['praise']);
    expect(classifyBrandTalk('Acme is awesome', createBrandMatcher([]))).toEqual([]);
  });
});

function message(id: string, author: string, text: string, minute: number, extra: Partial<MessagePosted> = {}): MessagePosted {
  return {
    type: 'message.posted', platform: 'console', eventId: id, communityId: 'console:local', occurredAt: new Date(Date.UTC(2026, 10, 2, 10, minute)),
    channelId: 'console:local:general', messageId: id, author: { memberId: author, displayName: author, isBot: false, isModerator: false }, text, mentions: [], mentionsBot: false, ...extra,
  };
}

describe('ComplaintTracker', () => {
  it('GIVEN a complaint WHEN someone else answers with a fix THEN it is a defence, once per defender', () => {
    const tracker = new ComplaintTracker();
    tracker.recordComplaint(message('c1', 'carl', 'Acme is broken again', 0));
    expect(tracker.defends(message('d1', 'helen', 'Try restarting the sync, it was fixed in 2.3', 2, { replyTo: { messageId: 'c1', memberId: 'carl' } }), acme)).toBe('c1');
    expect(tracker.defends(message('d2', 'helen', 'Also try clearing the cache', 3, { replyTo: { messageId: 'c1', memberId: 'carl' } }), acme)).toBeNull();
  });

  it('GIVEN a complaint THEN the complainer, an agreeing complaint, a reply to someone else or a late answer is no defence', () => {
    const tracker = new ComplaintTracker({ windowMinutes: 30 });
    tracker.recordComplaint(message('c1', 'carl', 'Acme is broken again', 0));
    expect(tracker.defends(message('x1', 'carl', 'try again?', 1), acme)).toBeNull();
    expect(tracker.defends(message('x2', 'dan', 'Yes, Acme is terrible lately', 2), acme)).toBeNull();
    expect(tracker.defends(message('x3', 'eve', 'you can update it', 3, { replyTo: { messageId: 'q', memberId: 'someone' } }), acme)).toBeNull();
    expect(tracker.defends(message('x4', 'fay', 'you can update it', 45), acme)).toBeNull();
  });

  it('GIVEN a Bulgarian complaint WHEN the next message offers a fix THEN it is a defence', () => {
    const tracker = new ComplaintTracker();
    tracker.recordComplaint(message('c1', 'карл', 'Акме пак не работи', 0));
    expect(tracker.defends(message('d1', 'елена', 'Пробвай да рестартираш, оправено е в 2.3', 1), acme)).toBe('c1');
  });
});
