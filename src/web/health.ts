// GET /healthz: 200 when every check (database, job queue) answers within the time limit, 503
// otherwise, with each check's result as JSON for whoever is looking.
import type { ServerResponse } from 'node:http';

export type HealthChecks = Record<string, () => Promise<unknown>>;

const TIMEOUT_MS = 3_000;

export async function runHealthChecks(checks: HealthChecks): Promise<{ ok: boolean; checks: Record<string, string> }> {
  const results: Record<string, string> = {};
  await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)))]);
        results[name] = 'ok';
      } catch (error) {
        results[name] = `error: ${(error as Error).message}`;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ok: Object.values(results).every((r) => r === 'ok'), checks: results };
}

export async function serveHealth(res: ServerResponse, checks: HealthChecks): Promise<void> {
  const result = await runHealthChecks(checks);
  res.writeHead(result.ok ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ status: result.ok ? 'ok' : 'unavailable', checks: result.checks }));
}
