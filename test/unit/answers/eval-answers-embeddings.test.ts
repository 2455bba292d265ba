// Proves `rapport eval answers` says which matching it used: word matching without EMBEDDINGS_URL, the model with it (through the real HTTP client and a fake server), and word matching with "used": false when the server fails; the existing fields stay as they were.
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runEvalAnswers } from '../../../src/cli/eval-answers.ts';
import { parseKbJson } from '../../../src/core/answers/knowledge-base/kb-parse-json.ts';
import { parseQueryLines } from '../../../src/core/answers/eval/query-file-parse.ts';
import { startFakeEmbeddingsServer, type FakeEmbeddingsServer } from '../../fakes/embeddings/fake-embeddings-server.ts';

const DATA = fileURLToPath(new URL('../../../eval/datasets/faq/', import.meta.url));
const ARGS = ['--kb', `${DATA}shop-bg.kb.json`, '--queries', `${DATA}shop-bg.dev.jsonl`];

let server: FakeEmbeddingsServer;
beforeAll(async () => {
  server = await startFakeEmbeddingsServer({ dimension: 48 });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.mode = 'ok';
  server.requests.length = 0;
});

async function run(argv: string[], env: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => { out += String(c); });
  stderr.on('data', (c) => { err += String(c); });
  const code = await runEvalAnswers(argv, { stdout, stderr, env });
  return { code, out, err };
}

const env = () => ({ EMBEDDINGS_URL: server.url, EMBEDDINGS_MODEL: 'fake-m3', EMBEDDINGS_TIMEOUT_MS: '500' });

describe('rapport eval answers and EMBEDDINGS_URL', () => {
  it('GIVEN no EMBEDDINGS_URL THEN the JSON keeps its fields and adds embeddings {model: null, used: false}, and no server is called', async () => {
    const r = await run([...ARGS, '--json'], {});
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['kb', 'entries', 'sets', 'embeddings']);
    expect(json.embeddings).toEqual({ model: null, used: false });
    expect(Object.keys(json.sets[0])).toEqual(['queries', 'total', 'inScope', 'outOfScope', 'top1', 'answered', 'answeredCorrect', 'answeredWrong', 'outOfScopeAnswered']);
    expect(server.requests).toEqual([]);
    const text = await run(ARGS, {});
    expect(text.out).toContain('Word matching only (EMBEDDINGS_URL is not set)');
  });

  it('GIVEN EMBEDDINGS_URL and a working server THEN the knowledge base and every query are embedded with the model and the JSON says used: true', async () => {
    const r = await run([...ARGS, '--json'], env());
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.embeddings).toEqual({ model: 'fake-m3', used: true });
    expect(json.sets[0]).toMatchObject({ total: 33, inScope: 30, outOfScope: 3 });
    const sent = new Set(server.inputs());
    const queries = parseQueryLines(readFileSync(`${DATA}shop-bg.dev.jsonl`, 'utf8')).map((q) => q.query);
    const kb = parseKbJson(readFileSync(`${DATA}shop-bg.kb.json`, 'utf8'));
    expect(queries.filter((q) => !sent.has(q))).toEqual([]);
    expect(kb.filter((e) => !sent.has(e.question) || !sent.has(e.answer)).map((e) => e.id)).toEqual([]);
    expect(server.requests.every((r) => r.model === 'fake-m3')).toBe(true);
    const text = await run(ARGS, env());
    expect(text.out).toContain('Semantic search: fake-m3');
  });

  it('GIVEN EMBEDDINGS_URL and a server that answers garbage THEN word matching is used, stderr says why and the JSON says used: false with the same counts as without', async () => {
    const words = JSON.parse((await run([...ARGS, '--json'], {})).out);
    server.mode = 'garbage';
    const r = await run([...ARGS, '--json'], env());
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.embeddings).toEqual({ model: 'fake-m3', used: false });
    expect(json.sets).toEqual(words.sets);
    expect(r.err).toMatch(/Word matching only: the embeddings server \(fake-m3\) failed: garbage/);
  });

  it('GIVEN EMBEDDINGS_URL without EMBEDDINGS_MODEL THEN it stops with exit code 2 naming the variable', async () => {
    const r = await run([...ARGS, '--json'], { EMBEDDINGS_URL: server.url });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/EMBEDDINGS_MODEL is missing/);
  });
});
