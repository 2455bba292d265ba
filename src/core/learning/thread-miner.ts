// Finds answered questions in the stream of messages and reactions the pipeline sees, and turns
// each into a suggestion for the knowledge base: the asker's opening question, the credited
// member's replies to them, who gave them and where. Pure and synchronous (no storage, no clock
// of its own): the learning feature feeds it events, `rapport eval learning` feeds it an export.
//
// The signals that a question was answered (strongest evidence first):
// - a check-mark reaction (✅ ✔️ ☑️) by the asker or a moderator on a reply: the reply's author;
// - a moderator's "Save as answer" on a reply: its author;
// - the asker thanks someone after their question (thanks-detector.ts, English and Bulgarian):
//   the member the thanks names (mention, or a recent speaker's name in the text) when that member
//   replied to the asker since the question; otherwise the one member who replied to the asker
//   since the question (several repliers and no name: nobody is credited, a guess would be wrong
//   too often).
// A reply "to the asker" is one that mentions them, replies to their message, sits in their
// thread, or opens with their name ("bob: try apt"). The rules and windows were chosen on the
// train export of the Ubuntu IRC set (docs/learning.md), never on dev.
import { BoundedMap } from '../recognition/bounded-map.ts';
import { defaultQuestionDetector, questionScore } from '../answers/detect/question-detector.ts';
import { detectThanks } from '../recognition/thanks-detector.ts';
import { detectLanguage } from '../answers/index.ts';
import { addressees, answerOf, createChannelState, isCheckMark, questionFor, thanked, type ChannelState, type OpenQuestion, type Tracked } from './channel-memory.ts';
import { DEFAULT_MINER_OPTIONS, type MinedSuggestion, type MinerOptions, type SuggestionSignal, type ThreadMiner } from './miner-types.ts';

export { isCheckMark } from './channel-memory.ts';
export { DEFAULT_MINER_OPTIONS, minerMessageOf, type MinedSuggestion, type MinerMessage, type MinerOptions, type SuggestionSignal, type ThreadMiner } from './miner-types.ts';

// The asker saying the answer worked is as good as thanks (English and Bulgarian).
const WORKED_RE = /(?<![\p{L}])(?:(?:that|this|it)\s+(?:worked|works|did\s+it|fixed\s+it)|works\s+now|worked!|got\s+it\s+working|(?:problem\s+)?solved|fixed\s+it|(?:това\s+)?(?:проработи|сработи|свърши\s+работа)|вече\s+работи|стана)(?![\p{L}])/iu;

export function createThreadMiner(options: Partial<MinerOptions> = {}): ThreadMiner {
  const opts = { ...DEFAULT_MINER_OPTIONS, ...options };
  const window = opts.windowMinutes * 60_000;
  const channels = new BoundedMap<string, ChannelState>(opts.channels);

  function stateOf(channelId: string): ChannelState {
    let state = channels.get(channelId);
    if (!state) {
      state = createChannelState(opts.messagesPerChannel);
      channels.set(channelId, state);
    }
    return state;
  }

  function suggestion(communityId: string, channelId: string, state: ChannelState, askerId: string, question: OpenQuestion, creditedId: string, replyIds: readonly string[], signal: SuggestionSignal, signalMessageId: string, at: number): MinedSuggestion | null {
    // An empty answer (a deleted reply, a reply of mentions only) is still returned: the caller
    // refuses it with a log line rather than it vanishing here.
    const answer = answerOf(state, replyIds, opts.maxAnswerChars);
    question.done = true;
    return {
      communityId,
      channelId,
      askerId,
      questionMessageId: question.messageId,
      questionText: question.text,
      creditedId,
      answerText: answer.text,
      answerMessageIds: answer.ids,
      signalMessageId,
      signal,
      language: detectLanguage(`${question.text}\n${answer.text}`),
      at,
    };
  }

  const communityOfChannel = new BoundedMap<string, string>(opts.channels);

  return {
    onMessage(m) {
      if (m.authorIsBot) return null;
      const state = stateOf(m.channelId);
      communityOfChannel.set(m.channelId, m.communityId);
      const to = addressees(state, m);
      // IRC and busy channels answer the latest question without naming the asker ("there is none").
      const isReply0 = m.threadId !== undefined && m.threadId !== m.messageId;
      const guessed = to.length === 0 && !isReply0 && state.latest !== undefined && state.latest.askerId !== m.authorId && m.at - state.latest.at <= opts.unaddressedSeconds * 1000 && questionScore(defaultQuestionDetector, m.text) < opts.questionThreshold;
      if (guessed && state.latest) to.push(state.latest.askerId);
      const tracked: Tracked = { authorId: m.authorId, at: m.at, text: m.text, to, ...(m.threadId ? { threadId: m.threadId } : {}) };
      state.messages.set(m.messageId, tracked);
      const name = m.authorName.trim().replace(/^@/u, '').toLowerCase();
      if (name.length >= 2) state.names.set(name, m.authorId);

      // A reply to someone with an open question: remember it as a candidate answer.
      for (const askerId of to) {
        const question = state.open.get(askerId);
        if (question && !question.done && m.at - question.at <= window && (question.helpers.has(m.authorId) || !question.askerAddressed.has(m.authorId))) {
          const replies = question.helpers.get(m.authorId) ?? [];
          if (replies.length === 0 && !question.askerSpoke) question.direct.add(m.authorId);
          if (replies.length === 0 && guessed) question.guessed.add(m.authorId);
          replies.push(m.messageId);
          question.helpers.set(m.authorId, replies);
        }
      }

      // The asker thanks: credit whom they thanked, if that member replied to them.
      const own = state.open.get(m.authorId);
      if (own && !own.done && m.at - own.at <= window && own.helpers.size > 0 && (detectThanks(m.text) || WORKED_RE.test(m.text))) {
        const named = thanked(state, m, own.helpers).filter((id) => own.direct.has(id));
        const sure = [...own.direct].filter((id) => !own.guessed.has(id));
        const credited = named.length === 1 ? named[0] : named.length > 0 ? undefined : sure.length > 0 ? sure[0] : own.helpers.size === 1 && own.direct.size === 1 ? [...own.direct][0] : undefined;
        if (credited) return suggestion(m.communityId, m.channelId, state, m.authorId, own, credited, own.helpers.get(credited) ?? [], 'thanks', m.messageId, m.at);
        return null;
      }

      // An opening question: a question addressed to nobody (or a thread root).
      const isReply = m.threadId !== undefined && m.threadId !== m.messageId;
      if (!isReply && to.length === 0 && questionScore(defaultQuestionDetector, m.text) >= opts.questionThreshold) {
        const current = state.open.get(m.authorId);
        // A new question before anyone replied replaces the first (what a reply answers is the latest
        // question); once someone replied, the conversation stays on the question they answered.
        if (!current || current.done || current.helpers.size === current.guessed.size || m.at - current.at > window) {
          state.latest = { askerId: m.authorId, at: m.at };
          state.open.set(m.authorId, { messageId: m.messageId, text: m.text, at: m.at, helpers: new Map(), direct: new Set(), guessed: new Set(), askerSpoke: false, askerAddressed: new Set(), done: false });
          return null;
        }
      }
      if (own && !own.done) {
        if (own.helpers.size > own.guessed.size) own.askerSpoke = true;
        for (const id of to) own.askerAddressed.add(id);
      }
      return null;
    },

    onReaction(r) {
      if (!isCheckMark(r.emoji)) return null;
      const state = channels.get(r.channelId);
      const tracked = state?.messages.get(r.messageId);
      if (!state || !tracked) return null;
      const found = questionFor(state, tracked, r.at, window);
      if (!found || (found.askerId !== r.actorId && !r.actorIsModerator)) return null;
      const replies = found.question.helpers.get(tracked.authorId) ?? [];
      const ids = replies.includes(r.messageId) ? replies : [...replies, r.messageId];
      return suggestion(communityOfChannel.get(r.channelId) ?? '', r.channelId, state, found.askerId, found.question, tracked.authorId, ids, 'check-mark', r.messageId, r.at);
    },

    solvedThread(channelId, threadId, title, at) {
      const state = channels.get(channelId);
      const root = state?.messages.get(threadId);
      if (!state || !root) return { unknown: 'message' };
      const askerId = root.authorId;
      // The replies in the thread by others, oldest first (the miner keeps a channel's latest messages).
      const replies = [...state.messages.entries()].filter(([id, m]) => m.threadId === threadId && id !== threadId && m.authorId !== askerId).sort((a, b) => a[1].at - b[1].at);
      const last = replies.at(-1);
      if (!last) return { unknown: 'question' };
      const creditedId = last[1].authorId;
      const text = title && !root.text.toLowerCase().includes(title.toLowerCase()) ? `${title}\n${root.text}` : root.text;
      const open = state.open.get(askerId);
      const question: OpenQuestion = open && open.messageId === threadId ? open : { messageId: threadId, text, at: root.at, helpers: new Map(), direct: new Set(), guessed: new Set(), askerSpoke: false, askerAddressed: new Set(), done: false };
      question.text = text;
      return suggestion(communityOfChannel.get(channelId) ?? '', channelId, state, askerId, question, creditedId, replies.filter(([, m]) => m.authorId === creditedId).map(([id]) => id), 'solved-tag', threadId, at) ?? { unknown: 'message' };
    },

    saveAsAnswer(channelId, messageId, at) {
      const state = channels.get(channelId);
      const tracked = state?.messages.get(messageId);
      if (!state || !tracked) return { unknown: 'message' };
      const found = questionFor(state, tracked, at, window) ?? (() => {
        // A moderator may save a reply whose question was answered already, or asked long ago.
        for (const askerId of tracked.threadId ? [state.messages.get(tracked.threadId)?.authorId] : tracked.to) {
          const question = askerId ? state.open.get(askerId) : undefined;
          if (askerId && question) return { askerId, question };
        }
        return null;
      })();
      if (!found) return { unknown: 'question' };
      const replies = found.question.helpers.get(tracked.authorId) ?? [];
      const ids = replies.includes(messageId) ? replies : [...replies, messageId];
      return suggestion(communityOfChannel.get(channelId) ?? '', channelId, state, found.askerId, found.question, tracked.authorId, ids, 'saved', messageId, at) ?? { unknown: 'message' };
    },

    answerText(channelId, messageIds) {
      const state = channels.get(channelId);
      return state ? answerOf(state, messageIds, opts.maxAnswerChars).text : null;
    },

    onEdit(channelId, messageId, text) {
      const tracked = channels.get(channelId)?.messages.get(messageId);
      if (tracked) tracked.text = text;
    },

    onDelete(channelId, messageId) {
      const state = channels.get(channelId);
      const tracked = state?.messages.get(messageId);
      if (!state || !tracked) return;
      tracked.text = '';
      const question = state.open.get(tracked.authorId);
      if (question?.messageId === messageId) question.done = true;
    },
  };
}

