// Proves who-answers-whom is inferred from replies, threads, mentions, names at line start, names in text, timing and shared topic words.
import { describe, expect, it } from 'vitest';
import { topicWords } from '../../../src/core/recognition/topic-words.ts';
import { createRecognitionEngine, type RecognitionEngine } from '../../../src/core/recognition/recognition-engine.ts';
import { createInMemoryScoreStore } from '../../../src/core/recognition/score-store.ts';
import { chatScript, idOf } from './chat-fixture.ts';

function setup(detectQuestion?: (text: string) => boolean): { engine: RecognitionEngine; chat: ReturnType<typeof chatScript> } {
  return {
    engine: createRecognitionEngine({ store: createInMemoryScoreStore(), ...(detectQuestion ? { detectQuestion } : {}) }),
    chat: chatScript(),
  };
}

describe('answer inference', () => {
  it('GIVEN a mention after a question THEN the mentioned asker is answered', async () => {
    const { engine, chat } = setup();
    await engine.onMessage(chat.say('alice', 'how do I mount a usb drive?'));
    const outcome = await engine.onMessage(chat.say('bob', '@alice try udisksctl mount -b /dev/sdb1'));
    expect(outcome.targets).toMatchObject([{ memberId: idOf('alice'), via: 'mention', toQuestion: true }]);
    expect(outcome.credits.find((c) => c.reason === 'answer')?.memberId).toBe(idOf('bob'));
  });

  it('GIVEN "alice: try apt" from a known member name THEN alice is the target', async () => {
    const { engine, chat } = setup();
    await engine.onMessage(chat.say('alice', 'what installs packages on ubuntu?'));
    const outcome = await engine.onMessage(chat.say('bob', 'alice: try apt'));
    expect(outcome.targets).toMatchObject([{ memberId: idOf('alice'), via: 'name' }]);
  });

  it('GIVEN a recently active member named inside the message THEN they are the target', async () => {
    const { engine, chat } = setup();
    await engine.onMessage(chat.say('alice', 'my screen stays black after suspend, any idea?'));
    const outcome = await engine.onMessage(chat.say('bob', 'try the nomodeset option alice'));
    expect(outcome.targets[0]).toMatchObject({ memberId: idOf('alice'), via: 'name' });
  });

  it('GIVEN a name of someone nobody has seen THEN it is not taken as an address', async () => {
    const { engine, chat } = setup();
    const outcome = await engine.onMessage(chat.say('bob', 'carol: are you there'));
    expect(outcome.targets).toEqual([]);
  });

  it('GIVEN an explicit reply link THEN the replied-to author is answered with full confidence', async () => {
    const { engine, chat } = setup();
    const question = await engine.onMessage(chat.say('alice', 'is there a dark theme?'));
    expect(question.isQuestion).toBe(true);
    const outcome = await engine.onMessage(chat.say('bob', 'yes, in Settings > Appearance', 30, { replyTo: { messageId: 'console:test:general:m1', memberId: idOf('alice') } }));
    expect(outcome.targets).toMatchObject([{ memberId: idOf('alice'), via: 'reply', confidence: 1, toQuestion: true }]);
  });

  it('GIVEN a thread reply THEN the thread root author is answered', async () => {
    const { engine, chat } = setup();
    const root = chat.say('alice', 'why is my laptop fan always on?');
    await engine.onMessage(root);
    const outcome = await engine.onMessage(chat.say('bob', 'check powertop', 30, { threadId: root.messageId }));
    expect(outcome.targets).toMatchObject([{ memberId: idOf('alice'), via: 'thread', toQuestion: true }]);
  });

  it('GIVEN an unaddressed reply shortly after a question THEN it answers the open question with low confidence', async () => {
    const { engine, chat } = setup();
    await engine.onMessage(chat.say('alice', 'how can I see which process uses port 80?'));
    const outcome = await engine.onMessage(chat.say('bob', 'sudo ss -ltnp', 40));
    expect(outcome.targets).toMatchObject([{ memberId: idOf('alice'), via: 'question', toQuestion: true }]);
    expect(outcome.targets[0]?.confidence).toBeLessThan(1);
  });

  it('GIVEN the same reply an hour later THEN the question is no longer open', async () => {
    const { engine, chat } = setup();
    await engine.onMessage(chat.say('alice', 'how can I see which process uses port 80?'));
    const outcome = await engine.onMessage(chat.say('bob', 'sudo ss -ltnp', 3600));
    expect(outcome.targets).toEqual([]);
  });

  it('GIVEN two members in an exchange THEN an unaddressed message continues it', async () => {
    const { engine, chat } = setup();
    await engine.onMessage(chat.say('alice', 'how do I upgrade to the next release?'));
    await engine.onMessage(chat.say('bob', '@alice run do-release-upgrade'));
    const outcome = await engine.onMessage(chat.say('bob', 'but back up your home folder first', 20));
    expect(outcome.targets).toMatchObject([{ memberId: idOf('alice'), via: 'conversation' }]);
  });

  it('GIVEN a member in an exchange whose unaddressed message shares topic words with another open question THEN it answers that question', async () => {
    const { engine, chat } = setup();
    await engine.onMessage(chat.say('alice', 'my log fills with too much work for irq 11 errors on shutdown, what is that?'));
    await engine.onMessage(chat.say('bob', 'which desktop should I pick for an old laptop?', 20));
    await engine.onMessage(chat.say('carol', '@bob xfce runs fine on old hardware', 20));
    const onTopic = await engine.onMessage(chat.say('carol', 'and the xfce panel is easy to set up too', 20));
    expect(onTopic.targets).toMatchObject([{ memberId: idOf('bob'), via: 'conversation' }]);
    const topical = await engine.onMessage(chat.say('carol', 'irq 11 is overloaded, disable the onboard sound card in the bios', 20));
    expect(topical.targets).toMatchObject([{ memberId: idOf('alice'), via: 'question', toQuestion: true }]);
  });

  it('GIVEN a message THEN its topic words skip mentions, links, stop words and short words, and stop at 12', () => {
    expect(topicWords('<@U1> the irq 11 is overloaded on it, see https://example.com/x and the BIOS')).toEqual(['irq', 'overloaded', 'bios']);
    expect(topicWords(Array.from({ length: 30 }, (_, i) => `word${i}`).join(' '))).toHaveLength(12);
  });

  it('GIVEN the asker replying to the member who answered them THEN it is a follow-up that earns no helper points', async () => {
    const { engine, chat } = setup();
    await engine.onMessage(chat.say('alice', 'how do I upgrade to the next release?'));
    await engine.onMessage(chat.say('bob', '@alice run do-release-upgrade'));
    const outcome = await engine.onMessage(chat.say('alice', '@bob it says no new release found'));
    expect(outcome.targets).toMatchObject([{ memberId: idOf('bob'), followUp: true, toQuestion: false }]);
    expect(outcome.credits.filter((c) => c.helper > 0)).toEqual([]);
  });

  it('GIVEN thanks naming nobody THEN the member who just helped is thanked', async () => {
    const { engine, chat } = setup();
    await engine.onMessage(chat.say('alice', 'how do I unzip a .tar.xz file?'));
    await engine.onMessage(chat.say('bob', '@alice tar xf file.tar.xz'));
    const outcome = await engine.onMessage(chat.say('alice', 'that worked, благодаря!'));
    expect(outcome.thanks).not.toBeNull();
    expect(outcome.credits.find((c) => c.reason === 'thanks')).toMatchObject({ memberId: idOf('bob'), from: idOf('alice') });
  });

  it('GIVEN "thanks for the help" THEN it is not a question, and the thanker\'s next reply to someone else is help, not a follow-up', async () => {
    const { engine, chat } = setup();
    await engine.onMessage(chat.say('alice', 'how do I unzip a .tar.xz file?'));
    await engine.onMessage(chat.say('bob', '@alice tar xf file.tar.xz'));
    const thanks = await engine.onMessage(chat.say('alice', "going to reboot now, thanks for the help"));
    expect(thanks.isQuestion).toBe(false);
    await engine.onMessage(chat.say('carol', 'how do I list usb devices?'));
    const outcome = await engine.onMessage(chat.say('alice', '@carol lsusb lists them'));
    expect(outcome.targets).toMatchObject([{ memberId: idOf('carol'), followUp: false, toQuestion: true }]);
    expect(outcome.credits.find((c) => c.reason === 'answer')?.memberId).toBe(idOf('alice'));
  });

  it('GIVEN a thank-you that asks something outright THEN it is still a question', async () => {
    const { engine, chat } = setup();
    const outcome = await engine.onMessage(chat.say('alice', 'thanks! will that survive a reboot?'));
    expect(outcome.isQuestion).toBe(true);
  });

  it('GIVEN an injected question detector THEN recognition uses it', async () => {
    const { engine, chat } = setup((text) => text.startsWith('Q:'));
    const outcome = await engine.onMessage(chat.say('alice', 'Q: tabs or spaces'));
    expect(outcome.isQuestion).toBe(true);
    const plain = await engine.onMessage(chat.say('carol', 'how do I do this?'));
    expect(plain.isQuestion).toBe(false);
  });

  it('GIVEN a message mentioning five people THEN each gets a reduced share', async () => {
    const { engine, chat } = setup();
    const outcome = await engine.onMessage(chat.say('bob', '@a1 @a2 @a3 @a4 @a5 meeting at noon'));
    expect(outcome.targets).toHaveLength(5);
    for (const target of outcome.targets) expect(target.confidence).toBeLessThan(1);
  });
});
