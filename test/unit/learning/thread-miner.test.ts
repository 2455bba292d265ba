// Proves the mining rules: thanks (English and Bulgarian) and "that worked" credit the member who answered the question itself; check marks by the asker or a moderator and "Save as answer" credit a reply's author; chatter, other conversations and empty answers make no suggestion.
import { describe, expect, it } from 'vitest';
import { createThreadMiner, isCheckMark, type MinerMessage } from '../../../src/core/learning/thread-miner.ts';

const C = 'slack:T:C1';
let n = 0;
let clock = Date.UTC(2026, 0, 1);

function msg(author: string, text: string, extra: Partial<MinerMessage> = {}): MinerMessage {
  clock += 30_000;
  return { communityId: 'slack:T', channelId: C, messageId: `m${++n}`, authorId: author, authorName: author, authorIsBot: false, at: clock, text, mentions: [], ...extra };
}

describe('thread miner: thanks', () => {
  it('GIVEN a question, a reply mentioning the asker and the asker thanking THEN the replier is credited with their reply as the answer', () => {
    const miner = createThreadMiner();
    const q = msg('alice', 'how do I reset my password?');
    expect(miner.onMessage(q)).toBeNull();
    expect(miner.onMessage(msg('bob', '<@alice> open settings, then security', { mentions: ['alice'] }))).toBeNull();
    const s = miner.onMessage(msg('alice', 'thanks!'));
    expect(s).toMatchObject({ askerId: 'alice', creditedId: 'bob', questionMessageId: q.messageId, questionText: 'how do I reset my password?', answerText: 'open settings, then security', signal: 'thanks', language: 'en' });
  });

  it('GIVEN a Bulgarian question answered in a thread WHEN the asker writes "благодаря" THEN a Bulgarian suggestion is made', () => {
    const miner = createThreadMiner();
    const q = msg('ана', 'Как да сменя паролата си?');
    miner.onMessage(q);
    miner.onMessage(msg('борис', 'От Настройки, после Сигурност.', { threadId: q.messageId }));
    const s = miner.onMessage(msg('ана', 'Благодаря много!', { threadId: q.messageId }));
    expect(s).toMatchObject({ creditedId: 'борис', language: 'bg', questionMessageId: q.messageId });
  });

  it('GIVEN two members replied WHEN the asker thanks one by name THEN that one is credited', () => {
    const miner = createThreadMiner();
    miner.onMessage(msg('alice', 'anyone know how to mount a usb stick?'));
    miner.onMessage(msg('bob', 'alice: use pmount'));
    miner.onMessage(msg('carol', 'alice: try udisksctl mount -b /dev/sdb1'));
    expect(miner.onMessage(msg('alice', 'thanks carol'))?.creditedId).toBe('carol');
  });

  it('GIVEN a reply WHEN the asker says "that worked" THEN it counts as thanks', () => {
    const miner = createThreadMiner();
    miner.onMessage(msg('alice', 'why is my wifi slow?'));
    miner.onMessage(msg('bob', 'alice: switch the channel to 11'));
    expect(miner.onMessage(msg('alice', 'that worked'))?.creditedId).toBe('bob');
  });

  it('GIVEN thanks in advance, or thanks with no reply to the asker THEN nothing is suggested', () => {
    const miner = createThreadMiner();
    miner.onMessage(msg('alice', 'how do I install docker? thanks in advance'));
    expect(miner.onMessage(msg('alice', 'thanks'))).toBeNull();
    miner.onMessage(msg('bob', 'alice: apt install docker.io'));
    expect(miner.onMessage(msg('alice', 'no thanks'))).toBeNull();
  });

  it('GIVEN the asker was the one helping someone else WHEN that member replies and the asker thanks THEN that member is not credited', () => {
    const miner = createThreadMiner();
    miner.onMessage(msg('dave', 'how do I get ruby 1.8.4?'));
    miner.onMessage(msg('alice', 'where is the grub config?'));
    miner.onMessage(msg('alice', 'dave: sudo apt install ruby'));
    miner.onMessage(msg('dave', 'alice: done, thanks'));
    expect(miner.onMessage(msg('alice', 'thx'))).toBeNull();
  });

  it('GIVEN a suggestion was made THEN a second thanks for the same question makes none', () => {
    const miner = createThreadMiner();
    miner.onMessage(msg('alice', 'how do I update?'));
    miner.onMessage(msg('bob', 'alice: sudo apt upgrade'));
    expect(miner.onMessage(msg('alice', 'thanks'))).not.toBeNull();
    expect(miner.onMessage(msg('alice', 'thanks again'))).toBeNull();
  });

  it('GIVEN a deleted reply THEN thanking yields an empty answer (for the queue to refuse and log), never the deleted text', () => {
    const miner = createThreadMiner();
    miner.onMessage(msg('alice', 'how do I update?'));
    const reply = msg('bob', 'alice: sudo apt upgrade');
    miner.onMessage(reply);
    miner.onDelete(C, reply.messageId);
    expect(miner.onMessage(msg('alice', 'thanks'))?.answerText).toBe('');
  });
});

describe('thread miner: check marks and Save as answer', () => {
  it('GIVEN check-mark names THEN Slack names and Discord unicode are check marks, other emoji are not', () => {
    for (const e of ['white_check_mark', 'heavy_check_mark', 'ballot_box_with_check', '✅', '✔️', '☑️']) expect(isCheckMark(e)).toBe(true);
    for (const e of ['+1', 'heart', '👍']) expect(isCheckMark(e)).toBe(false);
  });

  it('GIVEN a thread reply WHEN the asker adds ✅ THEN its author is credited; a bystander’s ✅ does nothing', () => {
    const miner = createThreadMiner();
    const q = msg('alice', 'how do I change my avatar?');
    miner.onMessage(q);
    const reply = msg('bob', 'Profile > Edit > Photo', { threadId: q.messageId });
    miner.onMessage(reply);
    expect(miner.onReaction({ channelId: C, messageId: reply.messageId, actorId: 'eve', actorIsModerator: false, emoji: 'white_check_mark', at: clock })).toBeNull();
    expect(miner.onReaction({ channelId: C, messageId: reply.messageId, actorId: 'alice', actorIsModerator: false, emoji: '✅', at: clock })).toMatchObject({ creditedId: 'bob', signal: 'check-mark', answerText: 'Profile > Edit > Photo' });
  });

  it('GIVEN a moderator’s ✅ on a reply THEN it counts like the asker’s', () => {
    const miner = createThreadMiner();
    const q = msg('alice', 'what port does ssh use?');
    miner.onMessage(q);
    const reply = msg('bob', '22 by default', { threadId: q.messageId });
    miner.onMessage(reply);
    expect(miner.onReaction({ channelId: C, messageId: reply.messageId, actorId: 'mod', actorIsModerator: true, emoji: 'heavy_check_mark', at: clock })?.creditedId).toBe('bob');
  });

  it('GIVEN a reaction on a message never seen THEN nothing; Save as answer on it says the message is unknown', () => {
    const miner = createThreadMiner();
    expect(miner.onReaction({ channelId: C, messageId: 'nope', actorId: 'alice', actorIsModerator: false, emoji: '✅', at: clock })).toBeNull();
    expect(miner.saveAsAnswer(C, 'nope', clock)).toEqual({ unknown: 'message' });
  });

  it('GIVEN a moderator saves a reply as the answer THEN a suggestion credits its author even after the question was answered', () => {
    const miner = createThreadMiner();
    const q = msg('alice', 'how do I rotate logs?');
    miner.onMessage(q);
    const reply = msg('bob', 'use logrotate', { threadId: q.messageId });
    miner.onMessage(reply);
    expect(miner.saveAsAnswer(C, reply.messageId, clock)).toMatchObject({ creditedId: 'bob', signal: 'saved', questionMessageId: q.messageId });
  });
});
