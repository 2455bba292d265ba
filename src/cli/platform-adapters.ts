// Builds the Slack and Discord adapters that are configured. (Filled in as the adapters land.)
import type { Config } from '../config.ts';
import type { ChatAdapter } from '../core/adapter.ts';
import type { Logger } from '../core/logger.ts';
import type { Repositories } from '../core/ports.ts';

export async function createPlatformAdapters(config: Config, _deps: { logger: Logger; repos: Repositories }): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  if (config.slack || config.discord) {
    throw new Error('Slack and Discord adapters are not wired yet');
  }
  return adapters;
}
