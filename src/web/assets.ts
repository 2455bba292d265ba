// Static files of the dashboard: our script and style sheet (src/web/assets) and Chart.js's UMD
// build straight from node_modules (no CDN: Rapport often runs where browsers cannot reach one,
// and the page's Content-Security-Policy allows scripts from Rapport only). Read once, then kept.
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECURITY_HEADERS } from './http.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

function chartJsFile(): string {
  // chart.js exports only its module entry points; the UMD build sits next to them in dist/.
  const entry = createRequire(import.meta.url).resolve('chart.js');
  return path.join(path.dirname(entry), 'chart.umd.min.js');
}

// A Map: the name comes from the URL, and a plain object would find "constructor" or "__proto__".
const FILES = new Map<string, { file: () => string; type: string }>(Object.entries({
  'dashboard.js': { file: () => path.join(here, 'assets', 'dashboard.js'), type: 'text/javascript; charset=utf-8' },
  'login.js': { file: () => path.join(here, 'assets', 'login.js'), type: 'text/javascript; charset=utf-8' },
  'dashboard.css': { file: () => path.join(here, 'assets', 'dashboard.css'), type: 'text/css; charset=utf-8' },
  'chart.umd.min.js': { file: chartJsFile, type: 'text/javascript; charset=utf-8' },
  // Browsers also ask for /favicon.ico on their own; web-handler.ts answers it with this one (an
  // SVG served under that name is shown by current Chromium, Firefox and Safari).
  'favicon.svg': { file: () => path.join(here, 'assets', 'favicon.svg'), type: 'image/svg+xml' },
}));

const cache = new Map<string, Buffer>();

export async function serveAsset(res: ServerResponse, name: string, method: string): Promise<void> {
  const asset = FILES.get(name);
  if (!asset || (method !== 'GET' && method !== 'HEAD')) {
    res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  let body = cache.get(name);
  if (!body) {
    body = await readFile(asset.file());
    cache.set(name, body);
  }
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': asset.type, 'content-length': String(body.length), 'cache-control': 'public, max-age=300' });
  res.end(method === 'HEAD' ? undefined : body);
}
