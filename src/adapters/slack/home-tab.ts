// Slack's App Home tab: when a member opens it (app_home_opened, tab "home"), the core builds their
// page (src/core/home/member-home.ts) and views.publish shows it; a button pressed there is handled
// like any other and the page is published again, so the queues shown stay current.
// https://docs.slack.dev/surfaces/app-home  https://docs.slack.dev/reference/methods/views.publish
import type { webApi } from '@slack/bolt';
import type { HomeView } from '../../core/home/home-view.ts';
import { callSlack } from './errors.ts';
import { renderMessage, type SlackBlock } from './render.ts';

/** A Home tab holds at most 100 blocks. */
const MAX_BLOCKS = 100;

export function renderHome(view: HomeView): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  view.sections.forEach((section, index) => {
    if (index > 0) blocks.push({ type: 'divider' });
    blocks.push(...renderMessage(section).blocks);
  });
  return blocks.slice(0, MAX_BLOCKS);
}

export async function publishHome(client: webApi.WebClient, userId: string, view: HomeView): Promise<void> {
  await callSlack('views.publish', () => client.views.publish({ user_id: userId, view: { type: 'home', blocks: renderHome(view) as never } }));
}
