// Proves the OAuth configuration (installable in many workspaces): Bolt's variable names, no SLACK_BOT_TOKEN needed, and RAPPORT_ENCRYPTION_KEY checked at start with a fix-it message (missing, short, not base64/hex), never echoing the secret.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encryptionKey, loadConfig } from '../../../src/config.ts';
import { ConfigError } from '../../../src/core/errors.ts';

const KEY_B64 = randomBytes(32).toString('base64');
const OAUTH = { SLACK_CLIENT_ID: '123.456', SLACK_CLIENT_SECRET: 'client-secret', SLACK_STATE_SECRET: 'state-secret-0123456789', SLACK_SIGNING_SECRET: 'signing', RAPPORT_ENCRYPTION_KEY: KEY_B64 };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('Slack OAuth configuration', () => {
  it('GIVEN the OAuth variables and a key THEN OAuth is on and SLACK_BOT_TOKEN is not needed', () => {
    const slack = loadConfig(OAUTH).slack!;
    expect(slack.botToken).toBeUndefined();
    expect(slack.oauth).toMatchObject({ clientId: '123.456', clientSecret: 'client-secret', stateSecret: 'state-secret-0123456789' });
    expect(slack.oauth!.encryptionKey).toEqual(Buffer.from(KEY_B64, 'base64'));
    expect(slack.signingSecret).toBe('signing');
  });

  it('GIVEN the key as 64 hex digits or base64url THEN both are 32 bytes', () => {
    const bytes = randomBytes(32);
    expect(encryptionKey(bytes.toString('hex'))).toEqual(bytes);
    expect(encryptionKey(bytes.toString('base64url'))).toEqual(bytes);
    expect(loadConfig({ ...OAUTH, RAPPORT_ENCRYPTION_KEY: bytes.toString('hex') }).slack!.oauth!.encryptionKey).toEqual(bytes);
  });

  it('GIVEN OAuth without RAPPORT_ENCRYPTION_KEY THEN start-up stops saying how to make one', () => {
    const { RAPPORT_ENCRYPTION_KEY: _key, ...withoutKey } = OAUTH;
    const found = problems(withoutKey);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^RAPPORT_ENCRYPTION_KEY is missing/);
    expect(found[0]).toContain('openssl rand -base64 32');
  });

  it('GIVEN a short or malformed key THEN a clear problem that does not show the key', () => {
    const short = randomBytes(16).toString('base64');
    const found = problems({ ...OAUTH, RAPPORT_ENCRYPTION_KEY: short });
    expect(found.find((p) => p.startsWith('RAPPORT_ENCRYPTION_KEY'))).toContain('32 random bytes');
    expect(found.join('\n')).not.toContain(short);
    expect(problems({ ...OAUTH, RAPPORT_ENCRYPTION_KEY: 'not a key at all!' }).some((p) => p.startsWith('RAPPORT_ENCRYPTION_KEY') && p.includes('characters)'))).toBe(true);
    expect(problems({ ...OAUTH, RAPPORT_ENCRYPTION_KEY: 'ab'.repeat(31) })).toHaveLength(1);
  });

  it('GIVEN a key without OAuth THEN it is accepted and single-token mode is unchanged', () => {
    const slack = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', RAPPORT_ENCRYPTION_KEY: KEY_B64 }).slack!;
    expect(slack.botToken).toBe('xoxb-1');
    expect(slack.oauth).toBeUndefined();
  });

  it('GIVEN part of the OAuth variables, or a bot token or app token beside them THEN each problem is named', () => {
    expect(problems({ SLACK_CLIENT_ID: '1.2' }).map((p) => p.split(' ')[0])).toEqual(['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_SIGNING_SECRET', 'RAPPORT_ENCRYPTION_KEY']);
    expect(problems({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN is set together with SLACK_CLIENT_ID/)]);
    expect(problems({ ...OAUTH, SLACK_APP_TOKEN: 'xapp-1' })).toEqual([expect.stringMatching(/^SLACK_APP_TOKEN is set together with SLACK_CLIENT_ID: .*HTTP/)]);
    expect(problems({ ...OAUTH, SLACK_STATE_SECRET: 'short' }).some((p) => p.startsWith('SLACK_STATE_SECRET') && p.includes('at least 16'))).toBe(true);
  });
});
