// Proves the test helper signs requests exactly as Slack does, using Bolt's own verifier as the judge.
import { describe, expect, it } from 'vitest';
import { verifySlackRequest } from '@slack/bolt';
import { slackSignature } from '../../fakes/slack/slack-sender.ts';

const secret = 'shh';
const body = 'token=x&command=%2Fhelp';
const verify = (timestamp: number, signature: string, now: number) =>
  verifySlackRequest({ signingSecret: secret, body, headers: { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature }, nowMilliseconds: now * 1000 });

describe('slackSignature', () => {
  it('GIVEN a fresh request signed with the secret THEN Bolt accepts it', () => {
    expect(() => verify(1_700_000_000, slackSignature(secret, 1_700_000_000, body), 1_700_000_010)).not.toThrow();
  });

  it('GIVEN a signature made with another secret THEN Bolt refuses it', () => {
    expect(() => verify(1_700_000_000, slackSignature('guess', 1_700_000_000, body), 1_700_000_010)).toThrow(/signature mismatch/);
  });

  it('GIVEN a correctly signed request older than five minutes THEN Bolt refuses it as stale', () => {
    expect(() => verify(1_700_000_000, slackSignature(secret, 1_700_000_000, body), 1_700_000_000 + 301)).toThrow(/stale/);
  });
});
