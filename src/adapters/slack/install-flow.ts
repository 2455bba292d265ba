// Slack installable in many workspaces: Bolt's own OAuth flow on the HTTP receiver. /slack/install
// sends the installer to Slack's consent page with a `state` (stored, consumed once:
// installation-store.ts) and a browser cookie; /slack/oauth_redirect checks both, exchanges the code
// with oauth.v2.access and stores the installation sealed. Every request then carries the token of
// the workspace it came from (Bolt's authorize reads the InstallationStore).
// https://docs.slack.dev/tools/bolt-js/concepts/authenticating-oauth
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiverOptions, Installation } from '@slack/bolt';
import type { Logger } from '../../core/logger.ts';
import { createStateStore, type RapportInstallationStore, type SlackOAuthStateRecords } from './installation-store.ts';

export interface SlackOAuthOptions {
  /** SLACK_CLIENT_ID and SLACK_CLIENT_SECRET ("Basic Information" of the Slack app). */
  clientId: string;
  clientSecret: string;
  /** SLACK_STATE_SECRET: signs the OAuth states Rapport hands out. */
  stateSecret: string;
  /** Installations, sealed in the database (src/db/slack-installation-repository.ts). */
  installations: RapportInstallationStore;
  states: SlackOAuthStateRecords;
  /** Bot scopes requested at install (the manifest's). */
  scopes: readonly string[];
  /** Slack's consent page (tests point it at the fake Slack). */
  authorizationUrl?: string;
  /** The redirect URL registered in the app (RAPPORT_PUBLIC_URL/slack/oauth_redirect). */
  redirectUri?: string;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family: sans-serif; max-width: 40em; margin: 3em auto"><h1>${title}</h1>${body}</body></html>`;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface InstallFlowDeps {
  apiUrl?: string;
  logger: Logger;
  /** After an installation is stored: the workspace's community is resumed. */
  onInstalled(installation: Installation): Promise<void>;
}

/** The receiver options that turn Bolt's installer on. */
export function installerReceiverOptions(oauth: SlackOAuthOptions, deps: InstallFlowDeps): Partial<HTTPReceiverOptions> {
  const { apiUrl } = deps;
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...oauth.scopes],
    installationStore: oauth.installations,
    ...(oauth.redirectUri ? { redirectUri: oauth.redirectUri } : {}),
    installerOptions: {
      // /slack/install goes straight to Slack's consent page (no "Add to Slack" page in between).
      directInstall: true,
      installPath: '/slack/install',
      redirectUriPath: '/slack/oauth_redirect',
      stateStore: createStateStore(oauth.states, oauth.stateSecret),
      ...(oauth.authorizationUrl ? { authorizationUrl: oauth.authorizationUrl } : {}),
      // oauth.v2.access and auth.test go to the same Web API as everything else.
      ...(apiUrl ? { clientOptions: { slackApiUrl: apiUrl } } : {}),
      callbackOptions: {
        async successAsync(installation: Installation, _options: unknown, _req: IncomingMessage, res: ServerResponse) {
          try {
            await deps.onInstalled(installation);
          } catch (error) {
            deps.logger.error({ err: error, teamId: installation.team?.id }, 'slack: installed, but resuming the community failed');
          }
          const team = escape(installation.team?.name ?? installation.team?.id ?? installation.enterprise?.id ?? '');
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(page('Rapport is installed', `<p>Rapport is now in ${team}. Invite it to a channel with <code>/invite @Rapport</code>, then type <code>/help</code>.</p><p lang="bg">Rapport вече е в ${team}. Поканете го в канал с <code>/invite @Rapport</code>, след това напишете <code>/help</code>.</p>`));
        },
        failure(error: { code?: string; message?: string }, _options: unknown, _req: IncomingMessage, res: ServerResponse) {
          const refused = error.code === 'slack_oauth_invalid_state' || error.code === 'slack_oauth_missing_state';
          res.writeHead(refused ? 400 : 500, { 'content-type': 'text/html; charset=utf-8' });
          res.end(
            page(
              'Rapport was not installed',
              refused
                ? '<p>This install link is not valid: it has expired, was already used, or did not come from this server. Nothing was installed. Start again from <a href="/slack/install">/slack/install</a>.</p><p lang="bg">Тази връзка за инсталиране не е валидна: изтекла е, вече е използвана или не идва от този сървър. Нищо не е инсталирано. Започнете отново от <a href="/slack/install">/slack/install</a>.</p>'
                : `<p>Slack did not complete the installation (${escape(error.code ?? 'unknown error')}). Nothing was installed. Try again from <a href="/slack/install">/slack/install</a>; if it keeps failing, check SLACK_CLIENT_ID and SLACK_CLIENT_SECRET.</p><p lang="bg">Slack не завърши инсталирането. Нищо не е инсталирано. Опитайте отново от <a href="/slack/install">/slack/install</a>.</p>`,
            ),
          );
        },
      },
    },
  };
}
