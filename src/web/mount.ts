// Ways to serve the web handler from a server someone else owns. The Slack adapter's Bolt
// receiver takes "custom routes" (path-to-regexp v8 patterns, matched on the path only); these are
// the routes that hand /healthz, /metrics and /dashboard... to our handler. `lateWebHandler` lets
// the adapter be built before the handler exists (the handler needs the built Rapport).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from './http.ts';
import type { WebHandler } from './web-handler.ts';

/** Same shape as SlackAdapterOptions.routes (Bolt's CustomRoute). */
export interface MountedRoute {
  path: string;
  method: string[];
  handler(req: IncomingMessage, res: ServerResponse): void;
}

export function slackRoutes(handler: WebHandler): MountedRoute[] {
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    if (!handler(req, res)) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    }
  };
  const method = ['GET', 'HEAD', 'POST'];
  return ['/healthz', '/metrics', '/favicon.ico', '/dashboard', '/dashboard/*path'].map((path) => ({ path, method, handler: serve }));
}

/** A handler to mount now and fill in later; until then it takes nothing (Bolt answers 404). */
export function lateWebHandler(): { handler: WebHandler; set(handler: WebHandler): void } {
  let current: WebHandler | undefined;
  return {
    handler: (req, res) => (current ? current(req, res) : false),
    set(handler) {
      current = handler;
    },
  };
}
