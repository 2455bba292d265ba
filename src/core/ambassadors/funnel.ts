// The funnel at work: listens to messages for brand talk, moves members up as soon as their
// signals allow, and reviews every member periodically (the only time anyone moves down).
// Per message the work is a few regular expressions; a member is re-evaluated at most once per
// `evaluateEveryMs` unless they just talked about the brand (then at once).
import type { Clock } from '../clock.ts';
import type { MessagePosted } from '../events.ts';
import type { Logger } from '../logger.ts';
import type { PrivacyGuard } from '../privacy/privacy-guard.ts';
import { classifyBrandTalk, createBrandMatcher, type BrandMatcher, type BrandTalkKind } from './brand-talk.ts';
import { ComplaintTracker } from './complaint-tracker.ts';
import { defaultFunnelRules, evaluateStage, NO_BRAND_TALK, promote, review, type Evaluation, type FunnelInput, type FunnelRules } from './funnel-rules.ts';
import { NO_SIGNALS, type SignalsSource } from './member-signals.ts';
import type { AmbassadorRepository, FunnelRecord } from './ports.ts';
import { stageRank, type Stage } from './stages.ts';

const DAY_MS = 86_400_000;

export interface FunnelDeps {
  repo: AmbassadorRepository;
  privacy: PrivacyGuard;
  signals: SignalsSource;
  clock: Clock;
  logger: Logger;
  rules?: FunnelRules;
  evaluateEveryMs?: number;
  brandCacheMs?: number;
}

export interface EvaluationResult extends Evaluation {
  previous: Stage;
  changed: boolean;
}

export type Trend = 'up' | 'down' | 'steady';

export interface Funnel {
  readonly rules: FunnelRules;
  brand(communityId: string): Promise<BrandMatcher>;
  setBrandNames(communityId: string, names: string[]): Promise<void>;
  onMessage(message: MessagePosted): Promise<void>;
  /** Evaluates one member now; 'promotion' only moves up, 'review' may also move down one stage. */
  evaluate(communityId: string, memberId: string, mode: 'promotion' | 'review'): Promise<EvaluationResult | null>;
  /** Reviews every member above newcomer in a community; returns how many changed stage. */
  review(communityId: string): Promise<{ reviewed: number; changed: number }>;
  /** The evaluation without storing anything (for /ambassadors and /member). */
  explain(communityId: string, memberId: string): Promise<Evaluation>;
  trend(record: FunnelRecord): Promise<Trend>;
  /** Called after a member's stage changed (role rewards follow it); a failing listener is logged. */
  onStageChange(listener: (change: { communityId: string; memberId: string; from: Stage; to: Stage }) => Promise<void>): void;
}

export function createFunnel(deps: FunnelDeps): Funnel {
  const { repo, privacy, clock, logger } = deps;
  const rules = deps.rules ?? defaultFunnelRules;
  const evaluateEveryMs = deps.evaluateEveryMs ?? 10 * 60_000;
  const brandCacheMs = deps.brandCacheMs ?? 60_000;
  const brands = new Map<string, { at: number; matcher: BrandMatcher }>();
  const lastEvaluated = new Map<string, number>();
  const complaints = new ComplaintTracker();
  const stageListeners: Array<Parameters<Funnel['onStageChange']>[0]> = [];

  async function brand(communityId: string): Promise<BrandMatcher> {
    const now = clock.now().getTime();
    const cached = brands.get(communityId);
    if (cached && Math.abs(now - cached.at) < brandCacheMs) return cached.matcher;
    const matcher = createBrandMatcher((await repo.settings(communityId)).brandNames);
    brands.set(communityId, { at: now, matcher });
    return matcher;
  }

  async function inputFor(communityId: string, memberId: string, record: FunnelRecord | null, now: Date): Promise<FunnelInput> {
    const since = new Date(now.getTime() - rules.windowDays * DAY_MS);
    const brandSince = new Date(now.getTime() - rules.brandWindowDays * DAY_MS);
    const talked = record?.lastBrandTalkAt && record.lastBrandTalkAt >= brandSince;
    const [signals, activeDays, talk, matcher] = await Promise.all([
      deps.signals(communityId, memberId),
      repo.activeDays(memberId, since, new Date(now.getTime() + 1)),
      talked ? repo.brandTalk(memberId, brandSince) : Promise.resolve(NO_BRAND_TALK),
      brand(communityId),
    ]);
    return { signals: signals ?? NO_SIGNALS, activeDays, brand: talk, brandKnown: matcher.names.length > 0 };
  }

  async function evaluate(communityId: string, memberId: string, mode: 'promotion' | 'review'): Promise<EvaluationResult | null> {
    if (!(await privacy.mayProfile(communityId, memberId))) return null;
    const now = clock.now();
    lastEvaluated.set(memberId, now.getTime());
    if (lastEvaluated.size > 100_000) lastEvaluated.delete(lastEvaluated.keys().next().value!);
    const record = await repo.getFunnel(memberId);
    const current: Stage = record?.stage ?? 'newcomer';
    const evaluation = evaluateStage(await inputFor(communityId, memberId, record, now), rules);
    const decision = mode === 'review' ? review(current, evaluation.stage, record?.stageSince ?? now, now, rules) : promote(current, evaluation.stage);
    if (!decision.changed) {
      remember(memberId, current);
      return { ...evaluation, stage: current, previous: current, changed: false };
    }
    const changed = await repo.changeStage({ memberId, communityId, from: current, to: decision.stage, reasons: evaluation.reasons, cause: mode, at: now });
    if (changed) logger.info({ memberId, from: current, to: decision.stage, cause: mode }, 'funnel stage changed');
    if (changed) remember(memberId, decision.stage);
    else knownStages.delete(memberId);
    if (changed) {
      for (const listener of stageListeners) {
        await listener({ communityId, memberId, from: current, to: decision.stage }).catch((error: unknown) => logger.error({ err: error, memberId }, 'a stage-change listener failed'));
      }
    }
    return { ...evaluation, stage: changed ? decision.stage : current, previous: current, changed };
  }

  // Stages this process has seen (for an hour: another process's review may change them), so that
  // per message most members are skipped without a query.
  const knownStages = new Map<string, { stage: Stage; at: number }>();
  function remember(memberId: string, stage: Stage): void {
    knownStages.set(memberId, { stage, at: clock.now().getTime() });
    if (knownStages.size > 100_000) knownStages.delete(knownStages.keys().next().value!);
  }
  privacy.onErase(async (memberId) => {
    knownStages.delete(memberId);
    lastEvaluated.delete(memberId);
  });

  /** Cheap pre-check from the scores alone: could the next stage be within reach? */
  async function couldRise(communityId: string, memberId: string, talked: boolean): Promise<boolean> {
    const known = knownStages.get(memberId);
    const stage = known && clock.now().getTime() - known.at < 3_600_000 ? known.stage : 'newcomer';
    if (stage === 'advocate') return false;
    if (talked) return true;
    const signals = (await deps.signals(communityId, memberId)) ?? NO_SIGNALS;
    if (stage === 'newcomer') return signals.messages >= rules.like.messages;
    if (stage === 'like') return signals.engagement >= rules.love.engagement;
    return signals.helpedPeople >= rules.advocate.helpedPeople && signals.thanksReceived >= rules.advocate.thanks;
  }

  function due(memberId: string, everyMs = evaluateEveryMs): boolean {
    const last = lastEvaluated.get(memberId);
    return last === undefined || clock.now().getTime() - last >= everyMs;
  }

  return {
    rules,
    brand,
    onStageChange(listener) {
      stageListeners.push(listener);
    },
    async setBrandNames(communityId, names) {
      await repo.setBrandNames(communityId, names);
      brands.delete(communityId);
    },

    async onMessage(message) {
      if (message.author.isBot) return;
      const { communityId } = message;
      const matcher = await brand(communityId);
      const kinds: BrandTalkKind[] = matcher.names.length > 0 ? classifyBrandTalk(message.text, matcher) : [];
      if (kinds.includes('complaint')) complaints.recordComplaint(message);
      else if (matcher.names.length > 0 && complaints.defends(message, matcher)) kinds.push('defence');
      const author = message.author.memberId;
      const profiled = await privacy.mayProfile(communityId, author);
      let talked = false;
      if (profiled) {
        for (const kind of kinds) {
          const excerpt = message.text.length > 200 ? `${message.text.slice(0, 197)}...` : message.text;
          talked = (await repo.recordBrandTalk({ communityId, memberId: author, kind, channelId: message.channelId, messageId: message.messageId, excerpt, occurredAt: message.occurredAt })) || talked;
        }
        // Brand talk is evaluated at once (at most once a minute, so repeating it is no load).
        if (due(author, talked ? 60_000 : evaluateEveryMs) && (await couldRise(communityId, author, talked))) await evaluate(communityId, author, 'promotion');
      }
      // Thanks and answers credit the people this message points at; look at them too.
      const others = new Set([...(message.replyTo?.memberId ? [message.replyTo.memberId] : []), ...message.mentions.slice(0, 3)]);
      others.delete(author);
      for (const other of others) if (due(other) && (await couldRise(communityId, other, false))) await evaluate(communityId, other, 'promotion');
    },

    evaluate,

    async review(communityId) {
      const members = await repo.listStages(communityId);
      let changed = 0;
      for (const member of members) {
        const result = await evaluate(communityId, member.memberId, 'review');
        if (result?.changed) changed += 1;
      }
      await repo.markReviewed(members.map((m) => m.memberId), clock.now());
      return { reviewed: members.length, changed };
    },

    async explain(communityId, memberId) {
      const record = await repo.getFunnel(memberId);
      return evaluateStage(await inputFor(communityId, memberId, record, clock.now()), rules);
    },

    async trend(record) {
      const now = clock.now().getTime();
      if (now - record.stageSince.getTime() < rules.graceDays * DAY_MS) {
        const history = await repo.history(record.memberId);
        const last = history.at(-1);
        if (last && last.toStage === record.stage) return stageRank(last.toStage) < stageRank(last.fromStage) ? 'down' : 'up';
      }
      const window = rules.windowDays * DAY_MS;
      const [recent, before] = await Promise.all([
        repo.activeDays(record.memberId, new Date(now - window), new Date(now + 1)),
        repo.activeDays(record.memberId, new Date(now - 2 * window), new Date(now - window)),
      ]);
      if (recent > before * 1.25 + 1) return 'up';
      if (recent < before * 0.75 - 1) return 'down';
      return 'steady';
    },
  };
}
