// The Slack adapter's public surface: main.ts builds it with createSlackAdapter, the CLI prints
// slackManifest. Everything else in this folder is internal.
export { createSlackAdapter, type SlackAdapter, type SlackAdapterDeps, type SlackAdapterOptions, type SlackHttpRoute } from './slack-adapter.ts';
export { slackManifest, SLACK_BOT_EVENTS, SLACK_BOT_SCOPES, type SlackManifest, type SlackManifestOptions } from './manifest.ts';
export { toPlatformError } from './errors.ts';
export { namesFromRepositories, type NameLookup } from './slash-command.ts';
export { createInstallationStore, type RapportInstallationStore, type SlackInstallationRecords, type SlackOAuthStateRecords } from './installation-store.ts';
export type { SlackOAuthOptions } from './install-flow.ts';
