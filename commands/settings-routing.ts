// The routing options of /settings (issue 16): on/off, delay, mention or DM, daily limit per
// helper, channels. Declared here and spread into /settings' options, so that command's file
// stays about language and time zone.
import { option } from '../src/core/commands/options.ts';
import type { CommandContext } from '../src/core/commands/define.ts';
import { UserError } from '../src/core/errors.ts';
import type { RoutingSettingsRecord } from '../src/core/routing/ports.ts';

export const ROUTING_LIMITS = { delay: { min: 1, max: 1440 }, dailyLimit: { min: 1, max: 50 } } as const;

export const routingOptions = {
  routing: option.choice(['on', 'off'], { en: 'Bring unanswered questions to likely helpers', bg: 'Показвай въпросите без отговор на вероятни помощници' }),
  routing_delay: option.integer({ en: 'Minutes without an answer before helpers are asked (1-1440, default 10)', bg: 'Минути без отговор, преди да бъдат питани помощници (1-1440, по подразбиране 10)' }),
  routing_mode: option.choice(['mention', 'dm'], { en: 'Mention helpers in the thread, or DM them', bg: 'Споменавай помощниците в нишката или им пиши лично' }),
  routing_limit: option.integer({ en: 'Times a helper may be asked per day (1-50, default 3)', bg: 'Колко пъти на ден може да бъде питан помощник (1-50, по подразбиране 3)' }),
  routing_channels: option.string({ en: 'Channels to route, separated by commas, or "all"', bg: 'Канали за насочване, разделени със запетаи, или „all“' }, { max: 500 }),
};

type RoutingOptionValues = { routing?: 'on' | 'off' | undefined; routing_delay?: number | undefined; routing_mode?: 'mention' | 'dm' | undefined; routing_limit?: number | undefined; routing_channels?: string | undefined };

function inRange(value: number, limits: { min: number; max: number }): boolean {
  return Number.isInteger(value) && value >= limits.min && value <= limits.max;
}

/** Checks the routing options and saves them; returns the settings when any was given. */
export async function applyRoutingOptions(context: Pick<CommandContext<RoutingOptionValues, 'routing' | 'channels'>, 'options' | 'deps' | 'community'>): Promise<RoutingSettingsRecord | null> {
  const { options, deps, community } = context;
  const patch: Partial<RoutingSettingsRecord> = {};
  if (options.routing_delay !== undefined) {
    if (!inRange(options.routing_delay, ROUTING_LIMITS.delay)) throw new UserError('routing.settings.badDelay', { ...ROUTING_LIMITS.delay, value: options.routing_delay });
    patch.delayMinutes = options.routing_delay;
  }
  if (options.routing_limit !== undefined) {
    if (!inRange(options.routing_limit, ROUTING_LIMITS.dailyLimit)) throw new UserError('routing.settings.badLimit', { ...ROUTING_LIMITS.dailyLimit, value: options.routing_limit });
    patch.dailyLimit = options.routing_limit;
  }
  if (options.routing_channels !== undefined) patch.channels = await resolveChannels(options.routing_channels, community.id, deps.channels);
  if (options.routing) patch.enabled = options.routing === 'on';
  if (options.routing_mode) patch.mode = options.routing_mode;
  if (Object.keys(patch).length === 0) return null;
  return deps.routing.saveSettings(community.id, patch);
}

async function resolveChannels(value: string, communityId: string, channels: { findByName(communityId: string, name: string): Promise<{ id: string } | null>; get(id: string): Promise<{ id: string; communityId: string } | null> }): Promise<string[]> {
  if (value.trim().toLowerCase() === 'all') return [];
  const ids: string[] = [];
  for (const raw of value.split(/[,\s]+/).filter(Boolean)) {
    // "<#C123|help>" (Slack), "<#123>" (Discord) or a name, with or without "#".
    const platform = /^<#([^>|]+)(?:\|[^>]*)?>$/.exec(raw)?.[1];
    const found = platform ? await channels.get(`${communityId}:${platform}`) : await channels.findByName(communityId, raw.replace(/^#/, ''));
    if (!found) throw new UserError('routing.settings.badChannels', { value: raw });
    if (!ids.includes(found.id)) ids.push(found.id);
  }
  return ids;
}

/** One line describing the routing settings, in the community's language. */
export function describeRouting(settings: RoutingSettingsRecord, t: (key: string, vars?: Record<string, string | number>) => string, channelName: (id: string) => string): string {
  return t('routing.settings.current', {
    state: t(settings.enabled ? 'routing.settings.on' : 'routing.settings.off'),
    delay: settings.delayMinutes,
    mode: t(settings.mode === 'dm' ? 'routing.settings.dm' : 'routing.settings.mention'),
    limit: settings.dailyLimit,
    channels: settings.channels.length === 0 ? t('routing.settings.allChannels') : settings.channels.map(channelName).join(', '),
  });
}
