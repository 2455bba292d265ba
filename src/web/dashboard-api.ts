// The JSON each dashboard panel's page fetches: DashboardData's answer for the period, with
// reasons, stage names and themes already translated into the session's language.
import { DateTime } from 'luxon';
import type { DashboardData, DashboardPeriod, Reason } from '../core/dashboard/ports.ts';
import type { Language } from '../core/ports.ts';
import type { Translator } from '../core/translator.ts';
import type { PageName } from './pages/layout.ts';

export async function panelJson(page: PageName, data: DashboardData, communityId: string, period: DashboardPeriod, translator: Translator, language: Language): Promise<unknown> {
  // Plural keys ("..._one", "..._other") exist only with their suffix; i18next picks the form by `count`.
  const known = (key: string) => translator.has(key) || translator.has(`${key}_other`);
  const reasons = (list: Reason[]) => list.map((r) => (known(r.key) ? translator.t(language, r.key, plainVars(r.vars)) : r.key)).join(', ');
  const stage = (name: string) => (translator.has(`dashboard.funnel.stage.${name}`) ? translator.t(language, `dashboard.funnel.stage.${name}`) : name);
  switch (page) {
    case 'overview':
      return data.overview(communityId, period);
    case 'leaderboards': {
      const boards = await data.leaderboards(communityId, period);
      const rows = (list: typeof boards.engagement) => list.map((r, i) => ({ rank: i + 1, memberId: r.memberId, name: r.displayName, score: r.score, reasons: reasons(r.reasons) }));
      return { engagement: rows(boards.engagement), helpers: rows(boards.helpers), note: boards.window ? windowNote(boards.window, period, translator, language) : null };
    }
    case 'funnel': {
      const funnel = await data.funnel(communityId, period);
      return {
        available: funnel.available,
        days: funnel.days,
        series: funnel.series,
        moved: funnel.movedThisWeek.map((m) => ({ name: m.displayName, from: stage(m.from), to: stage(m.to), at: m.at.toISOString(), reasons: reasons(m.reasons) })),
      };
    }
    case 'offers':
      return data.offers(communityId, period);
    case 'knowledge':
      return data.knowledgeBase(communityId, period);
    case 'feedback': {
      const feedback = await data.feedback(communityId, period);
      return {
        available: feedback.available,
        themes: feedback.themes.map((th) => ({ ...th, theme: th.theme === '' ? translator.t(language, 'dashboard.feedback.other') : th.theme })),
      };
    }
  }
}

/** Names the period picked and the calendar period the scores are really for (recognition counts calendar periods). */
function windowNote(window: 'week' | 'month' | 'all', period: DashboardPeriod, translator: Translator, language: Language): string {
  const since = window === 'all' ? period.to : DateTime.fromJSDate(period.to, { zone: period.timeZone }).startOf(window).toJSDate();
  return translator.t(language, `dashboard.leaderboards.window.${window}`, { picked: translator.t(language, `dashboard.period.${period.key}`), since: since.getTime(), timeZone: period.timeZone });
}

function plainVars(vars: Reason['vars']): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(vars)) if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  return out;
}
