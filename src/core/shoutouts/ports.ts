// Storage of scheduled shout-outs, the ticks already posted and the community's own templates.
import type { Language } from '../language.ts';

export type ShoutoutPeriod = 'week' | 'month';

export interface ShoutoutSchedule {
  id: string;
  communityId: string;
  channelId: string;
  /** Cron pattern run in the community's time zone. */
  cron: string;
  /** The rule as the moderator typed it. */
  rule: string;
  period: ShoutoutPeriod;
  /** This schedule's own template; null uses the community's (or the catalogue default). */
  template: string | null;
  createdAt: Date;
}

export interface ShoutoutRepository {
  create(input: Omit<ShoutoutSchedule, 'createdAt'>): Promise<ShoutoutSchedule>;
  get(id: string): Promise<ShoutoutSchedule | null>;
  list(communityId: string): Promise<ShoutoutSchedule[]>;
  /** Every schedule of every community (re-registered when Rapport starts). */
  listAll(): Promise<ShoutoutSchedule[]>;
  remove(communityId: string, id: string): Promise<boolean>;
  /** Records that `tick` of the schedule is being posted; false when someone already did. */
  claimTick(scheduleId: string, tick: string): Promise<boolean>;
  /** Whether `tick` of the schedule was claimed (posted or being posted). */
  tickClaimed(scheduleId: string, tick: string): Promise<boolean>;
  /** Undoes a claim whose post failed, so the retry can post. */
  releaseTick(scheduleId: string, tick: string): Promise<void>;
  template(communityId: string, language: Language): Promise<string | null>;
  /** null removes the community's template (the default applies again). */
  setTemplate(communityId: string, language: Language, text: string | null): Promise<void>;
}
