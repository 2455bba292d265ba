// Rapport's own HTTP server (node:http) for when no Slack receiver owns the port: it serves the
// web handler's routes and answers 404 for anything else.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RapportError } from '../core/errors.ts';
import type { WebHandler } from './web-handler.ts';

export interface WebServer {
  /** http://host:port of the bound socket (port 0 → the port the system chose). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startWebServer(options: { port: number; host?: string; handler: WebHandler }): Promise<WebServer> {
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!options.handler(req, res)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new RapportError('web.port_in_use', `Port ${options.port} is already in use: stop what runs there or set PORT to a free port.`, { cause: error })
          : error,
      );
    });
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : 'localhost'}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Starts the server; when `optional` and the port is taken, calls onPortTaken and returns
 * undefined instead of failing (the console keeps working without the dashboard).
 */
export async function serveWeb(options: { port: number; host?: string | undefined; handler: WebHandler; optional: boolean; onPortTaken(): void }): Promise<WebServer | undefined> {
  try {
    return await startWebServer({ port: options.port, handler: options.handler, ...(options.host ? { host: options.host } : {}) });
  } catch (error) {
    if (!options.optional || !(error instanceof RapportError) || error.code !== 'web.port_in_use') throw error;
    options.onPortTaken();
    return undefined;
  }
}
