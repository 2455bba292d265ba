// The dashboard's server-rendered pages: a shell with the navigation, the period picker and the
// panel's empty charts and tables, which /dashboard/assets/dashboard.js fills from the JSON API.
// Every text comes from the en/bg catalogues in the moderator's language.
import { DASHBOARD_PERIODS, type DashboardPeriodKey } from '../../core/dashboard/ports.ts';
import type { Language } from '../../core/ports.ts';
import { escapeHtml } from '../http.ts';

export const PAGES = ['overview', 'leaderboards', 'funnel', 'offers', 'knowledge', 'feedback'] as const;
export type PageName = (typeof PAGES)[number];

export const ASSETS_PATH = '/dashboard/assets';

type T = (key: string, vars?: Record<string, string | number>) => string;

export interface PageShell {
  language: Language;
  t: T;
  communityName: string;
  /** /dashboard/<slug> */
  base: string;
  page: PageName;
  period: DashboardPeriodKey;
  /** Set when the moderator may act from the page (approve / reject suggestions): the CSRF token to send back. */
  actions?: { csrf: string };
}

export function pagePath(base: string, page: PageName, period?: DashboardPeriodKey): string {
  const path = page === 'overview' ? `${base}/` : `${base}/${page}`;
  return period ? `${path}?period=${period}` : path;
}

function chart(id: string, title: string): string {
  return `<section class="panel"><h2>${escapeHtml(title)}</h2><div class="chart-box"><canvas id="${id}" role="img" aria-label="${escapeHtml(title)}"></canvas></div><p class="no-data" hidden></p></section>`;
}

/** A wide table takes the whole row: with many columns it would otherwise be cut off at the panel's edge. */
function table(id: string, title: string, wide = false): string {
  return `<section class="panel${wide ? ' wide' : ''}"><h2>${escapeHtml(title)}</h2><div class="table-box" id="${id}"></div><p class="no-data" hidden></p></section>`;
}

function body(page: PageName, t: T): string {
  switch (page) {
    case 'overview':
      return [
        `<section class="cards">${['messages', 'activeMembers', 'newMembers'].map((k) => `<div class="card"><span class="card-value" id="total-${k}">–</span><span class="card-label">${escapeHtml(t(`dashboard.overview.${k}`))}</span></div>`).join('')}</section>`,
        chart('chart-per-day', t('dashboard.overview.perDay')),
        chart('chart-per-week', t('dashboard.overview.perWeek')),
        chart('chart-questions', t('dashboard.overview.questions')),
      ].join('');
    case 'leaderboards':
      return table('table-engagement', t('dashboard.leaderboards.engagement')) + table('table-helpers', t('dashboard.leaderboards.helpers')) + chart('chart-helpers', t('dashboard.leaderboards.helpers'));
    case 'funnel':
      return chart('chart-funnel', t('dashboard.funnel.overTime')) + table('table-moved', t('dashboard.funnel.moved'));
    case 'offers':
      return chart('chart-offers', t('dashboard.offers.chart')) + table('table-offers', t('dashboard.nav.offers'), true);
    case 'knowledge':
      return (
        `<p class="status" id="action-status" role="status" hidden></p>` +
        table('table-handoffs', t('dashboard.handoffs.title'), true) +
        table('table-unanswered', t('dashboard.knowledge.unanswered')) +
        table('table-unhelpful', t('dashboard.knowledge.unhelpful')) +
        table('table-gaps', t('learning.dashboard.gaps'), true) +
        table('table-suggestions', t('learning.dashboard.suggestions'), true)
      );
    case 'feedback':
      return chart('chart-feedback', t('dashboard.feedback.chart')) + table('table-feedback', t('dashboard.nav.feedback'), true);
  }
}

/** Texts dashboard.js needs (column headings, dataset names, "no data" messages). */
const SCRIPT_TEXTS = [
  'noData', 'loadFailed', 'loading',
  'overview.messages', 'overview.activeMembers', 'overview.asked', 'overview.answeredByRapport', 'overview.answeredByMembers', 'overview.unanswered',
  'leaderboards.rank', 'leaderboards.member', 'leaderboards.score', 'leaderboards.reasons', 'leaderboards.helpers',
  'funnel.member', 'funnel.from', 'funnel.to', 'funnel.when', 'funnel.reasons', 'funnel.nobodyMoved',
  'funnel.stage.newcomer', 'funnel.stage.like', 'funnel.stage.love', 'funnel.stage.advocate',
  'offers.offer', 'offers.stage', 'offers.places', 'offers.expires', 'offers.proposed', 'offers.sent', 'offers.accepted', 'offers.declined', 'offers.noAnswers', 'overview.noQuestions',
  'knowledge.question', 'knowledge.count', 'knowledge.last', 'knowledge.entry', 'knowledge.notHelpful', 'knowledge.helped',
  'handoffs.id', 'handoffs.channel', 'handoffs.asker', 'handoffs.question', 'handoffs.waited', 'handoffs.none', 'actions.column', 'actions.approve', 'actions.reject', 'actions.failed',
  'feedback.theme', 'feedback.count', 'feedback.requests', 'feedback.complaints', 'feedback.praise', 'feedback.examples', 'feedback.quote', 'feedback.other',
];

const LEARNING_TEXTS = ['topic', 'count', 'unanswered', 'unhelpful', 'examples', 'other', 'id', 'question', 'answer', 'credited'];

const NEEDS: Record<PageName, string> = { overview: 'questions', leaderboards: 'questions', funnel: 'funnel', offers: 'offers', knowledge: 'knowledge', feedback: 'feedback' };

export function renderDashboardPage(shell: PageShell): string {
  const { t, base, page, period } = shell;
  const texts: Record<string, string> = Object.fromEntries(SCRIPT_TEXTS.map((k) => [k, t(`dashboard.${k}`)]));
  // The learning rows of the knowledge page (src/i18n/*/learning.ts).
  for (const k of LEARNING_TEXTS) texts[`learning.${k}`] = t(`learning.dashboard.${k}`);
  texts.noDataFeature = t('dashboard.noDataFeature', { what: t(`dashboard.needs.${NEEDS[page]}`) });
  const config = { page, api: `${base}/api/${page}?period=${period}`, language: shell.language, texts, ...(shell.actions ? { actions: { base: `${base}/api`, csrf: shell.actions.csrf } } : {}) };
  const nav = PAGES.map((p) => `<a href="${escapeHtml(pagePath(base, p, period))}"${p === page ? ' aria-current="page"' : ''}>${escapeHtml(t(`dashboard.nav.${p}`))}</a>`).join('');
  const options = DASHBOARD_PERIODS.map((k) => `<option value="${k}"${k === period ? ' selected' : ''}>${escapeHtml(t(`dashboard.period.${k}`))}</option>`).join('');
  const content = `<header class="top">
  <div><h1>${escapeHtml(t('dashboard.title'))}</h1><p class="community">${escapeHtml(t('dashboard.community', { name: shell.communityName }))}</p></div>
  <form class="period" method="get" action="${escapeHtml(pagePath(base, page))}"><label for="period">${escapeHtml(t('dashboard.period.label'))}</label>
  <select id="period" name="period">${options}</select><noscript><button type="submit">OK</button></noscript></form>
  <form method="post" action="${escapeHtml(base)}/logout"><button type="submit" class="logout">${escapeHtml(t('dashboard.logout'))}</button></form>
</header>
<nav class="tabs">${nav}</nav>
<main id="panels" data-page="${page}">${body(page, t)}</main>
<script type="application/json" id="dashboard-config">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>
<script src="${ASSETS_PATH}/chart.umd.min.js"></script>
<script src="${ASSETS_PATH}/dashboard.js"></script>`;
  return document(shell.language, `${t(`dashboard.nav.${page}`)} · ${t('dashboard.title')}`, content);
}

/** The page a one-time link opens: a form that posts the token (login.js submits it at once). */
export function renderLoginPage(language: Language, title: string, button: string, action: string, token: string): string {
  const form = `<form id="login" method="post" action="${escapeHtml(action)}"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">${escapeHtml(button)}</button></form>`;
  return document(language, title, `<main class="message"><h1>${escapeHtml(title)}</h1>${form}</main><script src="${ASSETS_PATH}/login.js"></script>`);
}

export function renderMessagePage(language: Language, title: string, message: string): string {
  return document(language, title, `<main class="message"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main>`);
}

function document(language: Language, title: string, content: string): string {
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title><link rel="icon" href="${ASSETS_PATH}/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="${ASSETS_PATH}/dashboard.css"></head>
<body>
${content}
</body>
</html>`;
}
