// The recognition engine: turns chat events into engagement and helper scores (the model is
// described in recognition-config.ts, what each credit is worth in scoring-rules.ts); its
// leaderboard, rank and shout-out answers are in recognition-queries.ts. Per message it does
// O(mentions) work plus a few store reads and writes; conversation tracking lives in bounded
// memory (lost on restart, which only affects the next few minutes' inference).
import { systemClock } from '../clock.ts';
import type { ReactionChanged } from '../events.ts';
import { BoundedMap } from './bounded-map.ts';
import { countWords } from './count-words.ts';
import { ConversationTracker, type TrackedMessage } from './conversation-tracker.ts';
import { MemberDirectory, type KnownMember } from './member-directory.ts';
import { applyCredit, createScoreState, rollTallies, type Credit, type MemberScoreState } from './member-score-state.ts';
import { channelMessageEngagement, helpAmount, messageEngagement, pairShare } from './scoring-rules.ts';
import { createPeriodCalendar, type PeriodIndex } from './period-calendar.ts';
import { createBrandMatcher } from '../ambassadors/brand-talk.ts';
import { classifyFeedback } from '../feedback/classify-feedback.ts';
import { defaultQuestionDetector, questionScore } from '../answers/detect/question-detector.ts';
import { parseRecognitionConfig } from './recognition-config.ts';
import { wouldBeNewDistinct } from './distinct-sketch.ts';
import { classifyReaction, detectThanks } from './thanks-detector.ts';

export type { CreditReason, GivenCredit, MessageOutcome, RecognitionEngine, RecognitionEngineDeps } from './recognition-engine-types.ts';
export type { LeaderboardQuery, RankResult, ShoutoutData, ShoutoutQuery } from './recognition-queries.ts';
import { createRecognitionQueries } from './recognition-queries.ts';
import type { GivenCredit, MessageOutcome, RecognitionEngine, RecognitionEngineDeps } from './recognition-engine-types.ts';

/** What one reaction earned, kept to take it back if the reaction is removed. */
interface ReactionCredit {
  given: GivenCredit;
  receiver: KnownMember;
  scopes: string[];
  at: number;
}

export function createRecognitionEngine(deps: RecognitionEngineDeps): RecognitionEngine {
  const config = parseRecognitionConfig(deps.config ?? {});
  const { store } = deps;
  const clock = deps.clock ?? systemClock;
  const detectQuestion = deps.detectQuestion ?? defaultQuestionDetector;
  const calendar = createPeriodCalendar(config.timeZone);
  const directory = new MemberDirectory();
  const tracker = new ConversationTracker(config, directory);
  const seenEvents = new BoundedMap<string, true>(10_000);
  // What each recent reaction earned, so that removing it takes exactly that back. Bounded like
  // seenEvents (~3 MB at most): a reaction removed after 10,000 newer ones keeps its points.
  const reactionCredits = new BoundedMap<string, ReactionCredit>(10_000);
  const reactionKey = (r: ReactionChanged, giverId: string): string => `${r.communityId}|${r.messageId}|${giverId}|${r.emoji}`;
  const mayScore = deps.mayScore ?? (() => true);

  async function known(communityId: string, memberId: string): Promise<KnownMember | undefined> {
    const member = directory.get(memberId);
    if (member || !deps.resolveMember) return member;
    const actor = await deps.resolveMember(communityId, memberId);
    return actor ? directory.learn(communityId, actor) : undefined;
  }

  function eligible(member: KnownMember | undefined): boolean {
    return !!member && !member.isBot && !(config.excludeStaff && member.isStaff);
  }

  async function load(scopeId: string, member: KnownMember, at: number): Promise<MemberScoreState> {
    const state = await store.getOrCreate(scopeId, member.memberId, () => createScoreState(scopeId, member.memberId, member.displayName, member.isStaff, at));
    state.displayName = member.displayName;
    state.isStaff = member.isStaff;
    return state;
  }

  async function credit(scopes: readonly string[], member: KnownMember, c: Credit, at: number, period: PeriodIndex): Promise<void> {
    for (const scopeId of scopes) {
      const state = await load(scopeId, member, at);
      await keep(state, c, at, period);
    }
  }

  /** Applies a credit to the member's state and puts it back, saying what was added (the store keeps that). */
  async function keep(state: MemberScoreState, c: Credit, at: number, period: PeriodIndex): Promise<void> {
    applyCredit(state, c, at, period, config);
    await store.put(state, { credit: c, at, period });
  }

  /** The share of a credit still due for this pair today (pairDecay^n, zero past the cap). */
  async function pairFactor(kind: string, giver: string, receiver: string, day: number): Promise<number> {
    return pairShare(await store.bumpPair(`${kind}|${giver}|${receiver}`, day), config);
  }

  function scopesOf(communityId: string, channelId: string | undefined): string[] {
    return config.channelScores && channelId ? [communityId, channelId] : [communityId];
  }

  /**
   * A removed reaction takes back exactly what adding it earned: the same amounts, applied as of
   * the moment it was added (so the decayed standing loses what is left of it, and a week or month
   * since closed keeps its figures). The pair's daily allowance stays used, so adding and removing
   * a reaction over and over earns nothing, and "helped N people" keeps the person (a distinct
   * count cannot forget one).
   */
  async function takeBack(reaction: ReactionChanged): Promise<GivenCredit[]> {
    const key = reactionKey(reaction, reaction.actor.memberId);
    const earned = reactionCredits.get(key);
    if (!earned) return [];
    reactionCredits.delete(key);
    const { given, receiver, scopes, at } = earned;
    // An erased or opted-out member has no score to take from (and must not get one back).
    if (!(await mayScore(reaction.communityId, receiver.memberId)) || !(await store.get(scopes[0]!, receiver.memberId))) return [];
    const counters = given.reason === 'thanks-reaction' ? { thanks: -1 } : { reactions: -1 };
    await credit(scopes, receiver, { engagement: -given.engagement, helper: -given.helper, counters }, at, calendar.index(at));
    return [{ memberId: given.memberId, reason: given.reason, engagement: -given.engagement, helper: -given.helper, ...(given.from ? { from: given.from } : {}) }];
  }

  async function helpCredit(
    scopes: readonly string[],
    helper: KnownMember | undefined,
    helpedId: string,
    reason: 'reply' | 'answer' | 'thanks' | 'thanks-reaction',
    weight: number,
    confidence: number,
    at: number,
    period: PeriodIndex,
  ): Promise<GivenCredit | null> {
    if (!helper || !eligible(helper) || helper.memberId === helpedId) return null;
    const helping = reason === 'reply' || reason === 'answer';
    const giver = helping ? helper.memberId : helpedId;
    const receiver = helping ? helpedId : helper.memberId;
    const factor = await pairFactor(reason === 'answer' ? 'reply' : reason, giver, receiver, period.day);
    if (factor <= 0 || weight * confidence <= 0) return null;
    const [home, ...others] = scopes as [string, ...string[]];
    const state = await load(home, helper, at);
    rollTallies(state, period, config);
    const isNew = state.month.key === period.month && wouldBeNewDistinct(state.month.helped, helpedId, config.distinctSketchSize);
    const amount = helpAmount(weight, factor, confidence, isNew, config);
    const counters = reason === 'reply' ? { replies: 1 } : reason === 'answer' ? { replies: 1, answers: 1 } : { thanks: 1 };
    const c: Credit = { helper: amount, engagement: amount * config.engagementFromHelp, counters, helped: helpedId };
    await keep(state, c, at, period);
    await credit(others, helper, c, at, period);
    return { memberId: helper.memberId, reason, engagement: c.engagement ?? 0, helper: amount, from: helpedId };
  }

  return {
    config,

    async onMessage(message) {
      const outcome: MessageOutcome = { counted: false, isQuestion: false, thanks: null, targets: [], credits: [] };
      if (seenEvents.has(message.eventId)) return outcome;
      seenEvents.set(message.eventId, true);
      const author = directory.learn(message.communityId, message.author);
      if (author.isBot || !(await mayScore(message.communityId, author.memberId))) return outcome;
      const at = message.occurredAt.getTime();
      const period = calendar.index(at);
      const scopes = scopesOf(message.communityId, message.channelId);
      const thanks = detectThanks(message.text);
      // "thanks for the help" names help without asking for it: a thank-you is a question only
      // when it asks one outright ("thanks! will that survive a reboot?").
      // A feature request or a complaint speaks to the product: it asks no member for help and answers nobody.
      const feedback = !thanks && isRequestOrComplaint(message.text);
      const isQuestion = !feedback && questionScore(detectQuestion, message.text) >= config.questionThreshold && (!thanks || message.text.includes('?'));
      const tracked: TrackedMessage = {
        communityId: message.communityId,
        channelId: message.channelId,
        messageId: message.messageId,
        authorId: author.memberId,
        at,
        text: message.text,
        mentions: message.mentions,
        isQuestion,
      };
      if (message.threadId !== undefined) tracked.threadId = message.threadId;
      if (message.replyTo !== undefined) tracked.replyTo = message.replyTo;
      const words = countWords(message.text);
      let targets = tracker.infer(tracked);
      // Timing alone never makes "lol" an answer: guesses need a message with some substance.
      if (words <= config.shortMessageMaxWords || feedback) targets = targets.filter((t) => t.via !== 'conversation' && t.via !== 'question');
      if (feedback) targets = targets.map((t) => ({ ...t, toQuestion: false }));
      if (thanks) {
        // Thanks go to whoever is named; else to whoever most recently helped the author.
        targets = targets.filter((t) => t.via === 'reply' || t.via === 'thread' || t.via === 'mention' || t.via === 'name');
        if (targets.length === 0) {
          const helper = tracker.recentHelperOf(message.channelId, author.memberId, at);
          if (helper) targets = [{ memberId: helper, via: 'conversation', confidence: config.conversationConfidence, toQuestion: false, followUp: false }];
        }
      }
      tracker.record(tracked, thanks ? [] : targets);
      Object.assign(outcome, { counted: true, isQuestion, thanks, targets });

      for (const target of targets) {
        if (target.confidence < config.minConfidence) continue;
        const other = await known(message.communityId, target.memberId);
        if (!eligible(other) && other !== undefined) continue;
        if (!(await mayScore(message.communityId, target.memberId))) continue;
        if (!thanks && target.followUp && config.followUpWeight <= 0) continue;
        const given = thanks
          ? await helpCredit(scopes, other, author.memberId, 'thanks', config.thanksWeight * thanks.strength, target.confidence, at, period)
          : await helpCredit(scopes, author, target.memberId, target.toQuestion ? 'answer' : 'reply', target.toQuestion ? config.answerWeight : target.followUp ? config.followUpWeight : config.replyWeight, target.confidence, at, period);
        if (given) outcome.credits.push(given);
      }

      if (eligible(author)) {
        for (const scopeId of scopes) {
          const state = await load(scopeId, author, at);
          const engagement = scopeId === message.communityId || !config.channelScores ? messageEngagement(state, words, at, config) : channelMessageEngagement(outcome.credits);
          await keep(state, { engagement, counters: { messages: 1 } }, at, period);
          if (scopeId === message.communityId) outcome.credits.push({ memberId: author.memberId, reason: 'message', engagement, helper: 0 });
        }
      }
      return outcome;
    },

    async onReaction(reaction) {
      if (!reaction.targetMemberId) return [];
      if (seenEvents.has(reaction.eventId)) return [];
      seenEvents.set(reaction.eventId, true);
      if (reaction.type === 'reaction.removed') return takeBack(reaction);
      const giver = directory.learn(reaction.communityId, reaction.actor);
      const receiver = await known(reaction.communityId, reaction.targetMemberId);
      if (giver.isBot || reaction.targetMemberId === giver.memberId || receiver?.isBot || !receiver || !eligible(receiver)) return [];
      if (!(await mayScore(reaction.communityId, giver.memberId)) || !(await mayScore(reaction.communityId, receiver.memberId))) return [];
      const at = reaction.occurredAt.getTime();
      const period = calendar.index(at);
      const scopes = scopesOf(reaction.communityId, reaction.channelId);
      if (classifyReaction(reaction.emoji) === 'thanks') {
        const given = await helpCredit(scopes, receiver, giver.memberId, 'thanks-reaction', config.thanksReactionWeight, 1, at, period);
        if (given) reactionCredits.set(reactionKey(reaction, giver.memberId), { given, receiver, scopes, at });
        return given ? [given] : [];
      }
      const amount = config.reactionWeight * (await pairFactor('reaction', giver.memberId, receiver.memberId, period.day));
      if (amount <= 0) return [];
      await credit(scopes, receiver, { engagement: amount, counters: { reactions: 1 } }, at, period);
      const given: GivenCredit = { memberId: receiver.memberId, reason: 'reaction', engagement: amount, helper: 0, from: giver.memberId };
      reactionCredits.set(reactionKey(reaction, giver.memberId), { given, receiver, scopes, at });
      return [given];
    },

    async onAnswerAccepted(input) {
      if (seenEvents.has(`accepted:${input.creditId}`)) return null;
      seenEvents.set(`accepted:${input.creditId}`, true);
      const helper = await known(input.communityId, input.memberId);
      if (!helper || !eligible(helper) || helper.memberId === input.helpedId || !(await mayScore(input.communityId, helper.memberId))) return null;
      const at = input.at.getTime();
      const period = calendar.index(at);
      const scopes = scopesOf(input.communityId, input.channelId);
      const amount = config.acceptedAnswerWeight;
      if (amount <= 0) return null;
      const c: Credit = { helper: amount, engagement: amount * config.engagementFromHelp, counters: { answers: 1 }, helped: input.helpedId };
      await credit(scopes, helper, c, at, period);
      return { memberId: helper.memberId, reason: 'accepted-answer', engagement: c.engagement ?? 0, helper: amount, from: input.helpedId };
    },

    async onMemberJoined(event) {
      const member = directory.learn(event.communityId, event.member);
      if (!eligible(member) || !(await mayScore(event.communityId, member.memberId))) return;
      const at = event.occurredAt.getTime();
      let created = false;
      const state = await store.getOrCreate(event.communityId, member.memberId, () => ((created = true), createScoreState(event.communityId, member.memberId, member.displayName, member.isStaff, at)));
      if (created) await store.put(state);
    },

    ...createRecognitionQueries({ store, clock, calendar, config }),
  };
}

const NO_BRAND = createBrandMatcher([]);
function isRequestOrComplaint(text: string): boolean {
  const kind = classifyFeedback(text, NO_BRAND);
  return kind === 'feature_request' || kind === 'complaint';
}
