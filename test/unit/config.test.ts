// Proves configuration is read from one schema and that every mistake is named with a fix.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadEmbeddingsConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/core/errors.ts';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('GIVEN nothing THEN it runs the console on PGlite in ./data with the in-process scheduler', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './data' });
    expect(config.redis).toBeNull();
    expect(config.slack).toBeNull();
    expect(config.discord).toBeNull();
    expect(config.port).toBe(3000);
  });

  it('GIVEN DATABASE_URL and REDIS_URL THEN PostgreSQL and BullMQ are used', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/rapport', REDIS_URL: 'redis://cache:6379' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgresql://u:p@db:5432/rapport' });
    expect(config.redis).toEqual({ url: 'redis://cache:6379', prefix: 'rapport' });
  });

  it('GIVEN several wrong values THEN each is named with how to fix it', () => {
    const found = problems({ DATABASE_URL: 'mysql://x', REDIS_URL: 'localhost:6379', PORT: 'eighty', RAPPORT_TIME_ZONE: 'Mars/Olympus' });
    expect(found).toHaveLength(4);
    expect(found.find((p) => p.startsWith('DATABASE_URL'))).toContain('postgresql://');
    expect(found.find((p) => p.startsWith('REDIS_URL'))).toContain('redis://');
    expect(found.some((p) => p.startsWith('PORT'))).toBe(true);
    expect(found.find((p) => p.startsWith('RAPPORT_TIME_ZONE'))).toContain('Europe/Sofia');
  });

  it('GIVEN half a Slack or Discord setup THEN the missing variable is named', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })[0]).toContain('SLACK_SIGNING_SECRET');
    expect(problems({ SLACK_BOT_TOKEN: 'xoxp-user' })[0]).toContain('xoxb-');
    expect(problems({ DISCORD_TOKEN: 'abc' })[0]).toContain('DISCORD_APPLICATION_ID');
  });

  it('GIVEN a full Slack Socket Mode setup THEN it is configured with the API URL override', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'http://127.0.0.1:9/api/', SLACK_MODERATORS: 'U1, U2' });
    expect(config.slack).toMatchObject({ botToken: 'xoxb-1', appToken: 'xapp-1', apiUrl: 'http://127.0.0.1:9/api/', moderators: ['U1', 'U2'] });
  });

  describe('Discord sharding', () => {
    const discord = { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789', DATABASE_URL: 'postgresql://x@127.0.0.1/db' };
    it('GIVEN DISCORD_SHARDS THEN start spawns that many shards (auto: Discord\'s recommendation)', () => {
      expect(loadConfig({ ...discord, DISCORD_SHARDS: 'auto' }).discord?.spawnShards).toBe('auto');
      expect(loadConfig({ ...discord, DISCORD_SHARDS: '4' }).discord?.spawnShards).toBe(4);
    });
    it('GIVEN a ShardingManager child or DISCORD_SHARD_ID/COUNT THEN the process runs that one shard', () => {
      expect(loadConfig({ ...discord, DISCORD_SHARDS: 'auto', SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '2' }).discord?.shard).toEqual({ id: 1, count: 2, spawned: true });
      expect(loadConfig({ ...discord, DISCORD_SHARD_ID: '0', DISCORD_SHARD_COUNT: '3' }).discord?.shard).toEqual({ id: 0, count: 3, spawned: false });
    });
    it('GIVEN a bad shard setup THEN the problem and its fix are named', () => {
      expect(problems({ ...discord, DISCORD_SHARDS: 'many' })[0]).toContain('must be auto or a number of shards');
      expect(problems({ ...discord, DISCORD_SHARDS: '2', DATABASE_URL: '' })[0]).toContain('set DATABASE_URL to a PostgreSQL database');
      expect(problems({ ...discord, DISCORD_SHARD_ID: '2', DISCORD_SHARD_COUNT: '2' })[0]).toContain('DISCORD_SHARD_ID must be below DISCORD_SHARD_COUNT');
      expect(problems({ ...discord, DISCORD_SHARD_ID: '0' })[0]).toContain('DISCORD_SHARD_COUNT is missing');
      expect(problems({ ...discord, DISCORD_SHARDS: '2', DISCORD_SHARD_ID: '0', DISCORD_SHARD_COUNT: '2' })[0]).toContain('not both');
    });
  });

  describe('EMBEDDINGS_*', () => {
    it('GIVEN no EMBEDDINGS_URL THEN semantic search is off', () => {
      expect(loadConfig({}).embeddings).toBeNull();
      expect(loadEmbeddingsConfig({})).toBeNull();
    });

    it('GIVEN a URL, a model, a key and a timeout THEN they configure the client (trailing slash dropped)', () => {
      const env = { EMBEDDINGS_URL: 'http://localhost:11434/v1/', EMBEDDINGS_MODEL: 'bge-m3', EMBEDDINGS_API_KEY: 'sk-1', EMBEDDINGS_TIMEOUT_MS: '1500' };
      expect(loadConfig(env).embeddings).toEqual({ url: 'http://localhost:11434/v1', model: 'bge-m3', apiKey: 'sk-1', timeoutMs: 1500 });
      expect(loadEmbeddingsConfig({ EMBEDDINGS_URL: 'https://api.openai.com/v1', EMBEDDINGS_MODEL: 'text-embedding-3-small' })).toEqual({ url: 'https://api.openai.com/v1', model: 'text-embedding-3-small', timeoutMs: 2000 });
    });

    it('GIVEN a URL without a model, a model without a URL, a bad URL or timeout THEN start-up names the fix', () => {
      expect(problems({ EMBEDDINGS_URL: 'http://localhost:11434/v1' })).toEqual([expect.stringMatching(/^EMBEDDINGS_MODEL is missing: .*bge-m3/)]);
      expect(problems({ EMBEDDINGS_MODEL: 'bge-m3' })).toEqual([expect.stringMatching(/^EMBEDDINGS_URL is missing/)]);
      expect(problems({ EMBEDDINGS_URL: 'localhost:11434', EMBEDDINGS_MODEL: 'bge-m3' })[0]).toMatch(/^EMBEDDINGS_URL must be a URL like http:\/\/localhost:11434\/v1/);
      expect(problems({ EMBEDDINGS_URL: 'http://x/v1', EMBEDDINGS_MODEL: 'm', EMBEDDINGS_TIMEOUT_MS: '5' })[0]).toMatch(/^EMBEDDINGS_TIMEOUT_MS must be at least 100/);
      expect(() => loadEmbeddingsConfig({ EMBEDDINGS_URL: 'http://x/v1' })).toThrow(/EMBEDDINGS_MODEL is missing/);
    });
  });

  describe('RAPPORT_SCORING_FILE', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rapport-config-'));
    const file = (name: string, text: string) => {
      const at = path.join(dir, name);
      writeFileSync(at, text);
      return at;
    };

    it('GIVEN no file THEN the defaults are used', () => {
      expect(loadConfig({}).scoring).toBeNull();
    });

    it('GIVEN a file of overrides THEN they are the scoring config', () => {
      const at = file('ok.json', '{ "answerWeight": 1.5, "excludeStaff": true }');
      expect(loadConfig({ RAPPORT_SCORING_FILE: at }).scoring).toEqual({ answerWeight: 1.5, excludeStaff: true });
    });

    it('GIVEN a misspelt field THEN start-up stops naming the file and the field', () => {
      const at = file('typo.json', '{ "answerWeigth": 2 }');
      expect(problems({ RAPPORT_SCORING_FILE: at })).toEqual([expect.stringMatching(/typo\.json.*unknown field "answerWeigth".*docs\/recognition\.md/)]);
    });

    it('GIVEN a value out of range or of the wrong type THEN each field is named', () => {
      const at = file('bad.json', '{ "pairDecay": 3, "excludeStaff": "yes" }');
      const found = problems({ RAPPORT_SCORING_FILE: at });
      expect(found).toHaveLength(2);
      expect(found[0]).toMatch(/field "pairDecay"/);
      expect(found[1]).toMatch(/field "excludeStaff"/);
    });

    it('GIVEN broken JSON, a missing file or a time zone THEN each says what to do', () => {
      expect(problems({ RAPPORT_SCORING_FILE: file('broken.json', '{ "answerWeight": ') })[0]).toMatch(/broken\.json" is not JSON/);
      expect(problems({ RAPPORT_SCORING_FILE: path.join(dir, 'nope.json') })[0]).toMatch(/nope\.json" cannot be read \(ENOENT\)/);
      expect(problems({ RAPPORT_SCORING_FILE: file('tz.json', '{ "timeZone": "Europe/Sofia" }') })[0]).toMatch(/"timeZone" is each community's own/);
    });
  });
});
