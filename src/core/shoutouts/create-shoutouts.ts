// Scheduled shout-outs: a moderator schedules a post to a channel (a cron rule or "weekly on
// Monday 10:00", run in the community's time zone); each tick posts the top helpers and the most
// improved members of the period. Schedules live in the database and are registered with the
// job scheduler under their own id (on Redis a BullMQ job scheduler, so several processes make
// one job per tick), re-registered when Rapport starts. The processor claims a row per
// (schedule, due time) before posting (INSERT ... ON CONFLICT DO NOTHING), so a tick is posted
// once however many processes or jobs run it, with or without Redis. A tick missed while Redis or
// Rapport was away is posted when they are back (catchUp), unless it is older than its period.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { UserError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { OutgoingMessage, ReplierDirectory } from '../outgoing.ts';
import type { CommunityRecord, CommunityRepository, Language } from '../ports.ts';
import type { Recognition } from '../recognition/create-recognition.ts';
import { createPeriodCalendar } from '../recognition/period-calendar.ts';
import type { JobScheduler } from '../scheduler.ts';
import type { Translator } from '../translator.ts';
import type { ShoutoutPeriod, ShoutoutRepository, ShoutoutSchedule } from './ports.ts';
import { missingPlaceholder, PLACEHOLDERS, renderShoutout, unknownPlaceholders } from './render-shoutout.ts';
import { nextRuns, parseScheduleRule, previousRun } from './schedule-rule.ts';

export const SHOUTOUT_JOB = 'shoutout.post';
const DAY_MS = 86_400_000;
/** A tick older than this is not posted late: its period's post would be stale. */
const PERIOD_MS: Record<ShoutoutPeriod, number> = { week: 7 * DAY_MS, month: 28 * DAY_MS };
const jobSchema = z.object({ scheduleId: z.string().min(1), dueAt: z.iso.datetime().optional() });

export interface Shoutouts {
  defineJobs(): void;
  /** Registers every stored schedule with the job scheduler; returns how many. */
  restoreSchedules(): Promise<number>;
  /** Registers a community's schedules again, in its (changed) time zone; call after /settings timezone. */
  reschedule(community: CommunityRecord): Promise<number>;
  schedule(input: { community: CommunityRecord; channelId: string; rule: string; period?: ShoutoutPeriod; template?: string }): Promise<{ schedule: ShoutoutSchedule; next: Date | null }>;
  list(community: CommunityRecord): Promise<Array<{ schedule: ShoutoutSchedule; next: Date | null }>>;
  remove(community: CommunityRecord, id: string): Promise<boolean>;
  /** What a post would say now. */
  preview(community: CommunityRecord, options: { period: ShoutoutPeriod; language: Language; template?: string }): Promise<OutgoingMessage>;
  template(communityId: string, language: Language): Promise<{ text: string; custom: boolean }>;
  setTemplate(communityId: string, language: Language, text: string | null): Promise<void>;
  /** The job: posts one tick of a schedule unless it was posted already. */
  post(scheduleId: string, tick: string): Promise<'posted' | 'duplicate' | 'gone'>;
  /** Queues the latest due tick of every schedule that was not posted (after an outage or a restart); returns how many. */
  catchUp(): Promise<number>;
}

export interface ShoutoutsDeps {
  repo: ShoutoutRepository;
  communities: CommunityRepository;
  /** Linked accounts are one row here when main wires the linked view (src/core/linking/linked-shoutouts.ts). */
  recognition: Pick<Recognition, 'shoutout'>;
  scheduler: JobScheduler;
  repliers: ReplierDirectory;
  translator: Translator;
  clock: Clock;
  logger: Logger;
}

/** A template must thank the helpers and use only placeholders Rapport fills; otherwise the moderator is told which ones it knows. */
function checkTemplate(template: string): void {
  const unknown = unknownPlaceholders(template);
  if (unknown.length > 0) throw new UserError('recognition.shoutout.templateUnknown', { count: unknown.length, unknown: unknown.join(', '), known: PLACEHOLDERS.join(', ') });
  const missing = missingPlaceholder(template);
  if (missing) throw new UserError('recognition.shoutout.templateMissing', { placeholder: missing });
}

export function createShoutouts(deps: ShoutoutsDeps): Shoutouts {
  const { repo, communities, recognition, scheduler, repliers, translator, clock, logger } = deps;

  const register = (schedule: ShoutoutSchedule, timeZone: string) =>
    scheduler.repeat(schedule.id, SHOUTOUT_JOB, { scheduleId: schedule.id }, { cron: schedule.cron, timeZone });

  /** The schedule's latest run at or before now, in its community's time zone. */
  async function lastDue(schedule: ShoutoutSchedule): Promise<Date | null> {
    const timeZone = (await communities.get(schedule.communityId))?.timeZone ?? 'UTC';
    return previousRun(schedule.cron, timeZone, clock.now());
  }

  const nextOf = (schedule: ShoutoutSchedule, timeZone: string): Date | null => nextRuns(schedule.cron, timeZone, clock.now(), 1)[0] ?? null;

  /** Right after a period starts (within a day), a post looks back on the one that ended. */
  function whichPeriod(period: ShoutoutPeriod, timeZone: string): 'previous' | 'current' {
    const calendar = createPeriodCalendar(timeZone);
    const now = clock.now().getTime();
    const a = calendar.index(now);
    const b = calendar.index(now - DAY_MS);
    return (period === 'week' ? a.week !== b.week : a.month !== b.month) ? 'previous' : 'current';
  }

  async function templateFor(communityId: string, language: Language): Promise<{ text: string; custom: boolean }> {
    const custom = await repo.template(communityId, language);
    return custom ? { text: custom, custom: true } : { text: translator.t(language, 'recognition.shoutout.defaultTemplate'), custom: false };
  }

  async function build(community: CommunityRecord, period: ShoutoutPeriod, language: Language, template?: string | null): Promise<OutgoingMessage> {
    const which = whichPeriod(period, community.timeZone);
    const data = await recognition.shoutout(community, { period, which });
    const text = template ?? (await templateFor(community.id, language)).text;
    return renderShoutout({ data, which, template: text, language, t: (key, vars) => translator.t(language, key, vars) });
  }

  const self: Shoutouts = {
    defineJobs() {
      scheduler.define<z.infer<typeof jobSchema>>({
        name: SHOUTOUT_JOB,
        schema: jobSchema,
        attempts: 3,
        async process({ scheduleId, dueAt }, context) {
          const schedule = await repo.get(scheduleId);
          const due = dueAt ? new Date(dueAt) : context.dueAt ?? (schedule ? await lastDue(schedule) : null);
          if (schedule && due && clock.now().getTime() - due.getTime() > PERIOD_MS[schedule.period]) {
            logger.warn({ scheduleId, dueAt: due.toISOString(), period: schedule.period }, 'shout-out tick skipped: older than its period');
            return;
          }
          // The tick is named by its due time, the same in every process, so the claim is shared.
          const tick = due ? due.toISOString() : context.jobId;
          const result = await self.post(scheduleId, tick);
          logger.info({ scheduleId, tick, result }, 'shout-out tick');
        },
      });
    },

    async catchUp() {
      let queued = 0;
      for (const schedule of await repo.listAll()) {
        const due = await lastDue(schedule);
        // Only ticks since the schedule was made, and not yet claimed by any process.
        if (!due || due.getTime() < schedule.createdAt.getTime() || (await repo.tickClaimed(schedule.id, due.toISOString()))) continue;
        if (clock.now().getTime() - due.getTime() > PERIOD_MS[schedule.period]) {
          logger.warn({ scheduleId: schedule.id, dueAt: due.toISOString(), period: schedule.period }, 'missed shout-out not posted: older than its period');
          continue;
        }
        await scheduler.enqueue(SHOUTOUT_JOB, { scheduleId: schedule.id, dueAt: due.toISOString() }, { jobId: `shoutout-catch-up:${schedule.id}:${due.getTime()}` });
        queued += 1;
      }
      return queued;
    },

    async restoreSchedules() {
      const schedules = await repo.listAll();
      const zones = new Map<string, string>();
      for (const schedule of schedules) {
        if (!zones.has(schedule.communityId)) zones.set(schedule.communityId, (await communities.get(schedule.communityId))?.timeZone ?? 'UTC');
        await register(schedule, zones.get(schedule.communityId)!);
      }
      return schedules.length;
    },

    async reschedule(community) {
      const schedules = await repo.list(community.id);
      for (const schedule of schedules) await register(schedule, community.timeZone);
      return schedules.length;
    },

    async schedule({ community, channelId, rule, period, template }) {
      const cron = parseScheduleRule(rule);
      if (!cron) throw new UserError('recognition.shoutout.badRule', { rule });
      if (template) checkTemplate(template);
      // Weekly and daily rules look back on a week, monthly rules on a month, unless asked.
      const chosen = period ?? (/^\S+ \S+ \d+ \* \*$/.test(cron) ? 'month' : 'week');
      const schedule = await repo.create({ id: `so-${randomBytes(4).toString('hex')}`, communityId: community.id, channelId, cron, rule: rule.trim(), period: chosen, template: template ?? null });
      await register(schedule, community.timeZone);
      return { schedule, next: nextOf(schedule, community.timeZone) };
    },

    async list(community) {
      return (await repo.list(community.id)).map((schedule) => ({ schedule, next: nextOf(schedule, community.timeZone) }));
    },

    async remove(community, id) {
      const removed = await repo.remove(community.id, id);
      if (removed) await scheduler.unrepeat(id);
      return removed;
    },

    preview: (community, { period, language, template }) => build(community, period, language, template ?? null),
    template: templateFor,
    async setTemplate(communityId, language, text) {
      if (text !== null) checkTemplate(text);
      await repo.setTemplate(communityId, language, text);
    },

    async post(scheduleId, tick) {
      const schedule = await repo.get(scheduleId);
      const community = schedule ? await communities.get(schedule.communityId) : null;
      if (!schedule || !community) {
        // Removed while its job waited (or on another process): stop the repeat here too.
        await scheduler.unrepeat(scheduleId);
        return 'gone';
      }
      if (!(await repo.claimTick(schedule.id, tick))) return 'duplicate';
      try {
        const message = await build(community, schedule.period, community.language, schedule.template);
        await repliers.forId(schedule.channelId).post({ channelId: schedule.channelId }, message);
        return 'posted';
      } catch (error) {
        await repo.releaseTick(schedule.id, tick);
        throw error;
      }
    },
  };
  return self;
}
