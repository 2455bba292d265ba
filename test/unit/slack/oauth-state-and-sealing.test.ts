// Proves the pieces behind OAuth installs: sealed values (AES-256-GCM) do not show the token, open only with their key and fail when altered; the state store refuses forged states and opens each real one once; the installation store keys workspaces and forgets them on removal.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Installation, InstallURLOptions } from '@slack/bolt';
import { createInstallationStore, createStateStore, type SlackInstallationRecords, type SlackOAuthStateRecords } from '../../../src/adapters/slack/installation-store.ts';
import { createSecretBox } from '../../../src/db/secret-box.ts';

function memoryStates(): SlackOAuthStateRecords {
  const rows = new Map<string, { options: unknown; expiresAt: Date }>();
  return {
    async put(id, options, expiresAt) {
      rows.set(id, { options, expiresAt });
    },
    async take(id, now) {
      const row = rows.get(id);
      rows.delete(id);
      return row && row.expiresAt > now ? row.options : null;
    },
  };
}

function memoryInstallations(): SlackInstallationRecords & { rows: Map<string, unknown> } {
  const rows = new Map<string, unknown>();
  return {
    rows,
    save: async (key, _ids, installation) => void rows.set(key, installation),
    find: async (key) => rows.get(key) ?? null,
    remove: async (key) => rows.delete(key),
  };
}

describe('secret box (AES-256-GCM)', () => {
  const key = randomBytes(32);
  it('GIVEN a token sealed THEN the sealed text does not show it and the key opens it', () => {
    const sealed = createSecretBox(key).seal('{"bot":{"token":"xoxb-secret"}}');
    expect(sealed).not.toContain('xoxb');
    expect(sealed).not.toBe(createSecretBox(key).seal('{"bot":{"token":"xoxb-secret"}}'));
    expect(createSecretBox(key).open(sealed)).toBe('{"bot":{"token":"xoxb-secret"}}');
  });

  it('GIVEN another key or an altered byte THEN opening fails with a message naming RAPPORT_ENCRYPTION_KEY', () => {
    const sealed = createSecretBox(key).seal('xoxb-secret');
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow(/RAPPORT_ENCRYPTION_KEY/);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(() => createSecretBox(key).open([...parts.slice(0, 3), body.toString('base64url')].join('.'))).toThrow(/altered/);
    expect(() => createSecretBox(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});

describe('OAuth state store', () => {
  const options: InstallURLOptions = { scopes: ['chat:write'] };
  it('GIVEN a state it made THEN it opens once and never again', async () => {
    const store = createStateStore(memoryStates(), 'state-secret-0123456789');
    const state = await store.generateStateParam(options, new Date());
    expect(await store.verifyStateParam(new Date(), state)).toEqual(options);
    await expect(store.verifyStateParam(new Date(), state)).rejects.toMatchObject({ code: 'slack_oauth_invalid_state', message: expect.stringContaining('already used') });
  });

  it('GIVEN a state signed with another secret, or no signature THEN it is refused before any lookup', async () => {
    const records = memoryStates();
    const ours = createStateStore(records, 'state-secret-0123456789');
    const theirs = createStateStore(records, 'another-secret-0123456789');
    const state = await theirs.generateStateParam(options, new Date());
    await expect(ours.verifyStateParam(new Date(), state)).rejects.toThrow(/not issued by this app/);
    await expect(ours.verifyStateParam(new Date(), state.split('.')[0]!)).rejects.toThrow(/not issued by this app/);
    // The forged attempt did not consume the real holder's state.
    expect(await theirs.verifyStateParam(new Date(), state)).toEqual(options);
  });

  it('GIVEN a state older than ten minutes THEN it is refused', async () => {
    const store = createStateStore(memoryStates(), 'state-secret-0123456789');
    const made = new Date('2026-12-06T10:00:00Z');
    const state = await store.generateStateParam(options, made);
    await expect(store.verifyStateParam(new Date(made.getTime() + 11 * 60_000), state)).rejects.toThrow(/expired/);
  });
});

describe('installation store', () => {
  const installation = { team: { id: 'T9', name: 'Nine' }, enterprise: undefined, isEnterpriseInstall: false, bot: { token: 'xoxb-nine', scopes: [], id: 'B9', userId: 'U9' }, user: { id: 'U1', token: undefined, scopes: undefined } } as unknown as Installation;
  it('GIVEN a workspace installed THEN its bot token is found by team, and gone after removal', async () => {
    const records = memoryInstallations();
    const installed: string[] = [];
    const store = createInstallationStore(records, { onInstalled: async (i) => void installed.push(i.team!.id) });
    await store.storeInstallation(installation);
    expect([...records.rows.keys()]).toEqual(['TT9']);
    expect(installed).toEqual(['T9']);
    expect(await store.botToken('T9')).toBe('xoxb-nine');
    expect(await store.fetchInstallation({ teamId: 'T9', enterpriseId: undefined, isEnterpriseInstall: false })).toMatchObject({ team: { id: 'T9' } });
    expect(await store.removeTeam('T9')).toBe(true);
    await expect(store.botToken('T9')).rejects.toThrow(/not installed/);
  });
});
