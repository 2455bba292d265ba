// A local OpenAI-compatible embeddings server (node:http on port 0) for tests: it records every
// request and answers POST /v1/embeddings with hashed bag-of-words vectors, or misbehaves in the
// way `mode` says.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashedBagOfWords } from './hashed-bag-of-words.ts';

export type FakeMode =
  | 'ok'
  | 'http-error' // 500 with a JSON error body
  | 'garbage' // 200 with a body that is not JSON
  | 'not-embeddings' // 200 with JSON of another shape
  | 'hang' // never answers
  | 'empty' // {data: []}
  | 'too-few' // one vector less than asked
  | 'too-many' // one vector more than asked
  | 'mixed-dimension' // vectors of different lengths in one answer
  | 'other-dimension'; // consistent vectors, but 8 numbers longer than `dimension`

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  model: string;
  input: string[];
}

export interface FakeEmbeddingsServer {
  /** Base URL as EMBEDDINGS_URL takes it (…/v1). */
  url: string;
  requests: RecordedRequest[];
  mode: FakeMode;
  dimension: number;
  /** Texts asked for over all requests. */
  inputs(): string[];
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeEmbeddingsServer(options: { dimension?: number } = {}): Promise<FakeEmbeddingsServer> {
  const fake: Omit<FakeEmbeddingsServer, 'url' | 'close'> = {
    requests: [],
    mode: 'ok',
    dimension: options.dimension ?? 64,
    inputs: () => fake.requests.flatMap((r) => r.input),
  };
  const server = createServer(async (req, res) => {
    const text = await bodyOf(req);
    let parsed: { model?: unknown; input?: unknown } = {};
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      // recorded with an empty input below
    }
    const input = Array.isArray(parsed.input) ? parsed.input.map(String) : [];
    fake.requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, model: String(parsed.model ?? ''), input });
    if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    const vectors = (dimension: (i: number) => number) => input.map((t, i) => ({ object: 'embedding', index: i, embedding: hashedBagOfWords(t, dimension(i)) }));
    switch (fake.mode) {
      case 'hang':
        return; // the client's timeout ends it
      case 'http-error':
        return json(500, { error: { message: 'model not loaded' } });
      case 'garbage':
        return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
      case 'not-embeddings':
        return json(200, { result: 'ok' });
      case 'empty':
        return json(200, { object: 'list', data: [] });
      case 'too-few':
        return json(200, { object: 'list', data: vectors(() => fake.dimension).slice(1) });
      case 'too-many':
        return json(200, { object: 'list', data: [...vectors(() => fake.dimension), { object: 'embedding', index: input.length, embedding: hashedBagOfWords('extra', fake.dimension) }] });
      case 'mixed-dimension':
        return json(200, { object: 'list', data: vectors((i) => (i === 0 ? fake.dimension + 1 : fake.dimension)) });
      case 'other-dimension':
        return json(200, { object: 'list', data: vectors(() => fake.dimension + 8) });
      default:
        // Listed in reverse: clients must order by `index`, as OpenAI documents.
        return json(200, { object: 'list', model: parsed.model, data: vectors(() => fake.dimension).reverse() });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/v1`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
