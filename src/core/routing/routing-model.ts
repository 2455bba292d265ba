// The router's memory of a community, learned from the message stream alone (incremental, pure):
// who spoke when and where, who answered whose questions (the recognition engine's own inference,
// ConversationTracker), the words of the questions each member answered (stemmed like answers'
// search, src/core/answers/text/analyze.ts), and who is waiting for help themselves. Given a new
// question it ranks the members likely to know: never the asker, a bot, a member silent for two
// weeks, or one the caller excludes (opted out, asked too often today).
import { analyzeTerms } from '../answers/text/analyze.ts';
import { ConversationTracker } from '../recognition/conversation-tracker.ts';
import { MemberDirectory } from '../recognition/member-directory.ts';
import { defaultQuestionDetector, questionScore } from '../answers/detect/question-detector.ts';
import { parseRecognitionConfig, type RecognitionConfig } from '../recognition/recognition-config.ts';
import { rankCandidates, withRanks, type CandidateFeatures, type Suggestion } from './routing-score.ts';

export type { CandidateFeatures, Suggestion } from './routing-score.ts';
import { ROUTING_WEIGHTS, type RoutingWeights } from './routing-weights.ts';

export const INACTIVE_AFTER_MS = 14 * 24 * 60 * 60_000;
const MINUTE = 60_000;
/** Answer times kept per member (enough for "answering lately"). */
const RECENT_ANSWERS = 16;
/** Distinct answered-question terms kept per member. */
const MAX_TERMS = 400;
/** Channels remembered per member for channel presence. */
const MAX_CHANNELS = 8;
const SEEKING_MS = 30 * MINUTE;
const RECENT_MESSAGES = 16;
/** Members remembered per community (the least recently active are forgotten first) and question terms counted. */
const MAX_MEMBERS = 50_000;
const MAX_DF_TERMS = 200_000;
const RECENT_MS = 30 * MINUTE;
const MAX_PARTNERS = 32;

export interface RoutedMessage {
  communityId: string;
  channelId: string;
  messageId: string;
  threadId?: string;
  authorId: string;
  displayName: string;
  isBot: boolean;
  /** Epoch ms. */
  at: number;
  text: string;
  mentions: readonly string[];
  replyTo?: { messageId: string; memberId?: string };
}

export interface RoutingQuestion {
  communityId: string;
  channelId: string;
  authorId: string;
  at: number;
  text: string;
  /** Members the question names (an asker often addresses someone: "bob: how do I ..."). */
  mentions?: readonly string[];
}

// The collections a member needs only once they answer or address someone are made then: most
// members of a community never do, and five empty Maps and Sets each cost ~1 KB per member (about
// two thirds of the router's memory when replaying 59,000 messages from 6,300 members).
interface MemberStats {
  lastAt: number;
  /** Times of the member's latest messages, newest first (at most RECENT_MESSAGES). */
  recentTimes: number[];
  channels: Map<string, number>;
  messages: number;
  questions: number;
  answers: number;
  answerTimes: number[] | undefined;
  terms: Map<string, number> | undefined;
  termTotal: number;
  askedAt: number | undefined;
  lastAnsweredAt: number;
  lastAddressedAt: number;
  answered: Set<string> | undefined;
  /** Whom the member addressed, or was addressed by, and when (at most MAX_PARTNERS, latest last). */
  partners: Map<string, number> | undefined;
  /** Whom the member addressed lately, and when (at most MAX_PARTNERS, latest last). */
  addressed: Map<string, number> | undefined;
}

interface CommunityState {
  members: Map<string, MemberStats>;
  /** Question documents each term appeared in, for idf. */
  df: Map<string, number>;
  questionDocs: number;
  /** Each member's latest question: its terms, so whoever answers it learns them. */
  lastQuestion: Map<string, { at: number; terms: string[] }>;
}

export interface RoutingModelOptions {
  weights?: RoutingWeights;
  recognition?: RecognitionConfig;
}

export class RoutingModel {
  readonly #weights: RoutingWeights;
  readonly #config: RecognitionConfig;
  readonly #directory = new MemberDirectory(100_000);
  readonly #tracker: ConversationTracker;
  readonly #communities = new Map<string, CommunityState>();

  constructor(options: RoutingModelOptions = {}) {
    this.#weights = options.weights ?? ROUTING_WEIGHTS;
    this.#config = options.recognition ?? parseRecognitionConfig({});
    this.#tracker = new ConversationTracker(this.#config, this.#directory);
  }

  /** Learns from one message (call in time order). Returns whether it reads as a question. */
  observe(msg: RoutedMessage): boolean {
    this.#directory.learn(msg.communityId, { memberId: msg.authorId, displayName: msg.displayName, isBot: msg.isBot, isModerator: false });
    if (msg.isBot) return false;
    const isQuestion = isQuestionText(msg.text, this.#config);
    const tracked = { communityId: msg.communityId, channelId: msg.channelId, messageId: msg.messageId, authorId: msg.authorId, at: msg.at, text: msg.text, mentions: msg.mentions, isQuestion, ...(msg.threadId ? { threadId: msg.threadId } : {}), ...(msg.replyTo ? { replyTo: msg.replyTo } : {}) };
    const targets = this.#tracker.infer(tracked);
    this.#tracker.record(tracked, targets);
    const state = this.#community(msg.communityId);
    const author = this.#member(state, msg.authorId, msg.at);
    // Most recently active last: the first entries are the ones to forget when the map is full.
    state.members.delete(msg.authorId);
    state.members.set(msg.authorId, author);
    if (state.members.size > MAX_MEMBERS) {
      const oldest = state.members.keys().next().value as string;
      state.members.delete(oldest);
      state.lastQuestion.delete(oldest);
    }
    author.lastAt = msg.at;
    author.channels.delete(msg.channelId);
    author.channels.set(msg.channelId, msg.at);
    if (author.channels.size > MAX_CHANNELS) author.channels.delete(author.channels.keys().next().value as string);
    author.messages++;
    author.recentTimes.unshift(msg.at);
    if (author.recentTimes.length > RECENT_MESSAGES) author.recentTimes.length = RECENT_MESSAGES;
    for (const target of targets) {
      if (target.confidence < this.#config.minConfidence || target.memberId === msg.authorId) continue;
      author.lastAddressedAt = msg.at;
      remember((author.addressed ??= new Map()), target.memberId, msg.at);
      remember((author.partners ??= new Map()), target.memberId, msg.at);
      const other = state.members.get(target.memberId);
      if (other) remember((other.partners ??= new Map()), msg.authorId, msg.at);
    }
    for (const target of targets) {
      if (!target.toQuestion || target.followUp || target.confidence < this.#config.minConfidence) continue;
      const question = state.lastQuestion.get(target.memberId);
      if (!question || msg.at - question.at > this.#config.answerWindowMinutes * MINUTE * 2) continue;
      this.#learnAnswer(author, target.memberId, question.terms, msg.at);
    }
    if (isQuestion) {
      author.questions++;
      const addressed = targets.some((t) => t.via !== 'conversation' && t.via !== 'question');
      if (!addressed) {
        const terms = [...new Set(analyzeTerms(msg.text))];
        state.lastQuestion.set(msg.authorId, { at: msg.at, terms });
        author.askedAt = msg.at;
        state.questionDocs++;
        for (const term of terms) if (state.df.has(term) || state.df.size < MAX_DF_TERMS) state.df.set(term, (state.df.get(term) ?? 0) + 1);
      }
    }
    return isQuestion;
  }

  /** What the router knows about every eligible candidate for this question. */
  candidates(question: RoutingQuestion, exclude: (memberId: string) => boolean = () => false): CandidateFeatures[] {
    const state = this.#communities.get(question.communityId);
    if (!state) return [];
    const terms = [...new Set(analyzeTerms(question.text))];
    const idf = terms.map((t) => Math.log(1 + (state.questionDocs + 1) / ((state.df.get(t) ?? 0) + 1)));
    const idfTotal = idf.reduce((a, b) => a + b, 0);
    const out: CandidateFeatures[] = [];
    for (const [memberId, m] of state.members) {
      if (memberId === question.authorId || question.at - m.lastAt > INACTIVE_AFTER_MS || question.at < m.lastAt - MINUTE) continue;
      if (this.#directory.get(memberId)?.isBot || exclude(memberId)) continue;
      let topic = 0;
      if (m.terms && m.termTotal > 0 && idfTotal > 0) {
        for (let i = 0; i < terms.length; i++) {
          const count = m.terms.get(terms[i] as string);
          if (count) topic += (idf[i] as number) * Math.min(1, count / 2);
        }
        topic /= idfTotal;
      }
      const inChannel = m.channels.get(question.channelId);
      const talkedWithAsker = m.partners?.get(question.authorId);
      out.push({
        memberId,
        minutesSinceSpoke: Math.max(0, question.at - m.lastAt) / MINUTE,
        minutesSinceSpokeInChannel: inChannel === undefined ? Infinity : Math.max(0, question.at - inChannel) / MINUTE,
        answers: m.answers,
        recentAnswerAges: m.answerTimes?.map((t) => Math.max(0, question.at - t) / MINUTE) ?? [],
        topic,
        answeredAsker: m.answered?.has(question.authorId) ?? false,
        seeking: m.askedAt !== undefined && question.at - m.askedAt <= SEEKING_MS && m.lastAnsweredAt < m.askedAt,
        askerShare: m.messages > 0 ? m.questions / m.messages : 0,
        mentioned: question.mentions?.includes(memberId) ?? false,
        recentMessages: m.recentTimes.filter((t) => question.at - t <= RECENT_MS).length,
        answerShare: m.messages > 0 ? m.answers / m.messages : 0,
        minutesSinceAddressed: Number.isFinite(m.lastAddressedAt) ? Math.max(0, question.at - m.lastAddressedAt) / MINUTE : Infinity,
        recencyRank: 0,
        channelRecencyRank: Infinity,
        minutesSinceTalkedWithAsker: talkedWithAsker !== undefined ? Math.max(0, question.at - talkedWithAsker) / MINUTE : Infinity,
        partnersLately: m.addressed ? countSince(m.addressed, question.at - RECENT_MS) : 0,
        answersLastHour: m.answerTimes?.filter((t) => question.at - t <= 60 * MINUTE).length ?? 0,
      });
    }
    withRanks(out);
    return out;
  }

  /** Up to `limit` members likely to answer, best first. */
  suggest(question: RoutingQuestion, options: { limit?: number; exclude?: (memberId: string) => boolean } = {}): Suggestion[] {
    return rankCandidates(this.candidates(question, options.exclude), this.#weights, options.limit ?? 3);
  }

  /** When the member last spoke in the community (epoch ms), if known. */
  lastSpokeAt(communityId: string, memberId: string): number | undefined {
    return this.#communities.get(communityId)?.members.get(memberId)?.lastAt;
  }

  /** Forgets a member (privacy erasure). */
  forget(memberId: string): void {
    for (const state of this.#communities.values()) {
      state.members.delete(memberId);
      state.lastQuestion.delete(memberId);
      for (const m of state.members.values()) m.answered?.delete(memberId);
    }
  }

  #learnAnswer(helper: MemberStats, askerId: string, terms: readonly string[], at: number): void {
    helper.answers++;
    helper.lastAnsweredAt = at;
    const answerTimes = (helper.answerTimes ??= []);
    answerTimes.unshift(at);
    if (answerTimes.length > RECENT_ANSWERS) answerTimes.length = RECENT_ANSWERS;
    const answered = (helper.answered ??= new Set());
    if (answered.size < 1_000) answered.add(askerId);
    const known = (helper.terms ??= new Map());
    for (const term of terms) {
      if (!known.has(term) && known.size >= MAX_TERMS) continue;
      known.set(term, (known.get(term) ?? 0) + 1);
      helper.termTotal++;
    }
  }

  #community(id: string): CommunityState {
    let state = this.#communities.get(id);
    if (!state) {
      state = { members: new Map(), df: new Map(), questionDocs: 0, lastQuestion: new Map() };
      this.#communities.set(id, state);
    }
    return state;
  }

  #member(state: CommunityState, id: string, at: number): MemberStats {
    let m = state.members.get(id);
    if (!m) {
      m = { lastAt: at, recentTimes: [], channels: new Map(), messages: 0, questions: 0, answers: 0, answerTimes: undefined, terms: undefined, termTotal: 0, askedAt: undefined, lastAnsweredAt: -Infinity, lastAddressedAt: -Infinity, answered: undefined, partners: undefined, addressed: undefined };
      state.members.set(id, m);
    }
    return m;
  }
}

export function isQuestionText(text: string, config: RecognitionConfig): boolean {
  return questionScore(defaultQuestionDetector, text) >= config.questionThreshold;
}

/** Keeps the latest time per key, at most MAX_PARTNERS keys (the oldest go first). */
function remember(map: Map<string, number>, key: string, at: number): void {
  map.delete(key);
  map.set(key, at);
  if (map.size > MAX_PARTNERS) map.delete(map.keys().next().value as string);
}

function countSince(map: ReadonlyMap<string, number>, since: number): number {
  let n = 0;
  for (const at of map.values()) if (at >= since) n++;
  return n;
}

