// The moderators' unanswered list: questions Rapport stayed silent on and answers someone said
// did not help, grouped when the same question was asked again (same words), most asked first.
// One step turns a group into knowledge: adopt it as a new entry answered by the best member reply
// in its thread (most reactions, other members before the asker, then the latest), or add it as a
// phrasing of an existing entry (the moderator's approval of what the asker's vote would teach).
import { detectLanguage, type KbEntry } from '../index.ts';
import { UserError } from '../../errors.ts';
import type { KnowledgeAdmin } from './knowledge-admin.ts';
import { withPhrasing } from '../learn/learning.ts';
import { searchTextOf } from '../text/question-text.ts';
import type { AnswerLogRecord, AnswerLogRepository, AnswerReplyRecord, OpenQuestionRow } from '../storage/ports.ts';

export interface UnansweredGroup {
  /** The newest question of the group: what moderators type in /faq adopt id:N. */
  id: number;
  question: string;
  asked: number;
  unhelpful: number;
  lastAskedAt: Date;
  logIds: number[];
  askerIds: string[];
  bestReply: AnswerReplyRecord | null;
  replyCount: number;
}

export type AdoptOutcome =
  | { kind: 'created'; entry: KbEntry; reply: AnswerReplyRecord; resolved: number }
  | { kind: 'phrasing'; entry: KbEntry; resolved: number }
  | { kind: 'already'; entry: KbEntry; resolved: number };

/** How many recent open questions are grouped for the list. */
const SCAN = 1_000;

/** Other members' replies first, then the most reacted to, then the latest. */
export function bestReply(replies: readonly AnswerReplyRecord[], askerIds: ReadonlySet<string>): AnswerReplyRecord | null {
  let best: AnswerReplyRecord | null = null;
  const rank = (r: AnswerReplyRecord) => [askerIds.has(r.authorId) ? 0 : 1, r.reactions, r.createdAt.getTime()] as const;
  for (const reply of replies) {
    if (!best) {
      best = reply;
      continue;
    }
    const [a, b] = [rank(reply), rank(best)];
    if (a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] >= b[2])))) best = reply;
  }
  return best;
}

export function groupOpenQuestions(rows: readonly OpenQuestionRow[]): Array<Omit<UnansweredGroup, 'bestReply' | 'replyCount'>> {
  const groups = new Map<string, Omit<UnansweredGroup, 'bestReply' | 'replyCount'>>();
  for (const row of rows) {
    const group = groups.get(row.normalized);
    if (!group) {
      groups.set(row.normalized, { id: row.id, question: row.question, asked: 1, unhelpful: row.unhelpfulVotes, lastAskedAt: row.createdAt, logIds: [row.id], askerIds: [row.askerMemberId] });
      continue;
    }
    group.asked += 1;
    group.unhelpful += row.unhelpfulVotes;
    group.logIds.push(row.id);
    group.askerIds.push(row.askerMemberId);
    if (row.createdAt > group.lastAskedAt) Object.assign(group, { id: row.id, question: row.question, lastAskedAt: row.createdAt });
  }
  return [...groups.values()].sort((a, b) => b.asked - a.asked || b.unhelpful - a.unhelpful || b.lastAskedAt.getTime() - a.lastAskedAt.getTime());
}

export function createUnansweredList(deps: { answerLogs: AnswerLogRepository; admin: KnowledgeAdmin }) {
  const { answerLogs, admin } = deps;

  async function openGroupOf(communityId: string, id: number): Promise<{ log: AnswerLogRecord; group: AnswerLogRecord[] }> {
    const log = await answerLogs.get(id);
    if (!log || log.communityId !== communityId || log.status !== 'open') throw new UserError('answers.adopt.notFound', { id });
    const group = await answerLogs.openWithSameQuestion(communityId, log.normalized);
    return { log, group: group.length > 0 ? group : [log] };
  }

  return {
    async list(communityId: string, limit = 10): Promise<UnansweredGroup[]> {
      const groups = groupOpenQuestions(await answerLogs.openQuestions(communityId, SCAN)).slice(0, limit);
      const replies = await answerLogs.replies(groups.flatMap((g) => g.logIds));
      return groups.map((g) => {
        const own = replies.filter((r) => g.logIds.includes(r.answerLogId));
        return { ...g, bestReply: bestReply(own, new Set(g.askerIds)), replyCount: own.length };
      });
    },

    /**
     * `entry`: add the question to that entry's phrasings. Otherwise a new entry from the question
     * and the best reply in its thread (or the reply named by id or message id).
     */
    async adopt(communityId: string, id: number, options: { entry?: string; reply?: string } = {}): Promise<AdoptOutcome> {
      const { log, group } = await openGroupOf(communityId, id);
      const ids = group.map((g) => g.id);
      if (options.entry !== undefined) {
        const target = await admin.get(communityId, options.entry);
        if (!target) throw new UserError('answers.notFound', { key: options.entry });
        const changed = withPhrasing(target, searchTextOf(log.question, true));
        const entry = changed ? await admin.edit(communityId, target.id, { phrasings: changed.phrasings }) : target;
        await answerLogs.setStatus(ids, 'adopted');
        return { kind: changed ? 'phrasing' : 'already', entry, resolved: ids.length };
      }
      const replies = await answerLogs.replies(ids);
      const reply = options.reply !== undefined ? replies.find((r) => String(r.id) === options.reply || r.messageId === options.reply) : bestReply(replies, new Set(group.map((g) => g.askerMemberId)));
      if (!reply) throw new UserError(options.reply !== undefined ? 'answers.adopt.replyNotFound' : 'answers.adopt.noReply', { id, reply: options.reply ?? '' });
      const question = searchTextOf(log.question, true);
      const phrasings = [...new Set(group.map((g) => searchTextOf(g.question, true)))].filter((q) => q !== question && q !== '').slice(0, 20);
      const entry = await admin.add(communityId, { question, answer: reply.text, phrasings, language: detectLanguage(question) });
      await answerLogs.setStatus(ids, 'adopted');
      return { kind: 'created', entry, reply, resolved: ids.length };
    },

    /** Every member reply in the threads of the question's group, oldest first. */
    async repliesOf(communityId: string, id: number): Promise<{ question: string; replies: AnswerReplyRecord[] }> {
      const { log, group } = await openGroupOf(communityId, id);
      return { question: log.question, replies: await answerLogs.replies(group.map((g) => g.id)) };
    },

    async dismiss(communityId: string, id: number): Promise<number> {
      const { group } = await openGroupOf(communityId, id);
      await answerLogs.setStatus(group.map((g) => g.id), 'dismissed');
      return group.length;
    },
  };
}

export type UnansweredList = ReturnType<typeof createUnansweredList>;
