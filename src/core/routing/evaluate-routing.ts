// Replays a community's messages in time order and, at each question the truth file picks, asks
// the router and two baselines whom to ping, seeing only what came before the question. The
// truth's answerers are read only to score (hit@k); the router never sees them.
//
// recentlyActive: members who spoke in the 30 minutes before, most recent first (what a person
// pinging by hand does). mostActive: all-time message count so far (an XP bot's leaderboard).
import { RoutingModel, type CandidateFeatures, type RoutedMessage } from './routing-model.ts';
import type { RoutingWeights } from './routing-weights.ts';

export interface TruthQuestion {
  /** The question message's platform timestamp (Slack ts). */
  ts: string;
  user: string;
  answeredBy: readonly string[];
}

export interface ReplayMessage extends RoutedMessage {
  /** The platform timestamp the truth file names questions by. */
  ts: string;
  /** The platform user id (what `suggested` lists). */
  userId: string;
}

export interface HitRates {
  hit1: number;
  hit3: number;
}

export interface RoutingEvaluation {
  questions: number;
  rapport: HitRates;
  recentlyActive: HitRates;
  mostActive: HitRates;
  items: Array<{ questionTs: string; suggested: string[] }>;
}

/** One scored question's candidates, for fitting weights (scripts/fit-routing.ts). */
export interface FitSample {
  answeredBy: ReadonlySet<string>;
  candidates: CandidateFeatures[];
}

const RECENT_MS = 30 * 60_000;

export async function evaluateRouting(
  messages: AsyncIterable<ReplayMessage>,
  truth: readonly TruthQuestion[],
  options: { weights?: RoutingWeights; onSample?: (sample: FitSample) => void } = {},
): Promise<RoutingEvaluation> {
  const model = new RoutingModel(options.weights ? { weights: options.weights } : {});
  const wanted = new Map(truth.map((q) => [q.ts, q]));
  const lastSpoke = new Map<string, number>();
  const counts = new Map<string, number>();
  const localOf = new Map<string, string>();
  const memberOf = new Map<string, string>();
  const items: RoutingEvaluation['items'] = [];
  const hits = { rapport: [0, 0], recentlyActive: [0, 0], mostActive: [0, 0] };
  const score = (key: keyof typeof hits, suggested: readonly string[], answered: ReadonlySet<string>): void => {
    if (suggested[0] !== undefined && answered.has(suggested[0])) hits[key][0]!++;
    if (suggested.slice(0, 3).some((id) => answered.has(id))) hits[key][1]!++;
  };
  for await (const msg of messages) {
    localOf.set(msg.authorId, msg.userId);
    memberOf.set(msg.userId, msg.authorId);
    const question = wanted.get(msg.ts);
    if (question && question.user === msg.userId) {
      wanted.delete(msg.ts);
      const answered = new Set(question.answeredBy);
      const routingQuestion = { communityId: msg.communityId, channelId: msg.channelId, authorId: msg.authorId, at: msg.at, text: msg.text, mentions: msg.mentions };
      if (options.onSample) options.onSample({ answeredBy: new Set([...answered].map((u) => memberOf.get(u) ?? u)), candidates: model.candidates(routingQuestion) });
      const suggested = model.suggest(routingQuestion).map((s) => localOf.get(s.memberId) ?? s.memberId);
      items.push({ questionTs: msg.ts, suggested });
      score('rapport', suggested, answered);
      score('recentlyActive', recentlyActive(lastSpoke, msg.authorId, msg.at, localOf), answered);
      score('mostActive', mostActive(counts, msg.authorId, localOf), answered);
    }
    model.observe(msg);
    if (!msg.isBot) {
      lastSpoke.set(msg.authorId, msg.at);
      counts.set(msg.authorId, (counts.get(msg.authorId) ?? 0) + 1);
    }
  }
  // Questions the export does not hold are misses for every method.
  const n = truth.length;
  const rate = (pair: number[]): HitRates => ({ hit1: n ? round(pair[0]! / n) : 0, hit3: n ? round(pair[1]! / n) : 0 });
  return { questions: n, rapport: rate(hits.rapport), recentlyActive: rate(hits.recentlyActive), mostActive: rate(hits.mostActive), items };
}

/** Up to three members who spoke in the 30 minutes before, most recent first. */
export function recentlyActive(lastSpoke: ReadonlyMap<string, number>, askerId: string, at: number, localOf: ReadonlyMap<string, string>): string[] {
  return [...lastSpoke]
    .filter(([id, t]) => id !== askerId && at - t <= RECENT_MS)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([id]) => localOf.get(id) ?? id);
}

/** The three members with the most messages so far. */
export function mostActive(counts: ReadonlyMap<string, number>, askerId: string, localOf: ReadonlyMap<string, string>): string[] {
  const top: Array<[string, number]> = [];
  for (const entry of counts) {
    if (entry[0] === askerId) continue;
    top.push(entry);
    top.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (top.length > 3) top.pop();
  }
  return top.map(([id]) => localOf.get(id) ?? id);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
