// Serves the built tab: hashed assets cached for good, the page itself always fresh, each in the
// best encoding the browser accepts (brotli or gzip, compressed once at build time by vite.config.ts).
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type express from 'express';
import type { Request, Response } from 'express';

/** The tab's own places; any other page path answers 404 with the tab, which says so in its words. */
export const TAB_ROUTES = [
  /^\/$/,
  /^\/conversations\/[0-9a-f-]{36}\/?$/,
  /^\/team\/?$/,
  /^\/hr\/?$/,
  /^\/follow-up\/?$/,
  /^\/personvern\/?$/,
  /^\/vilkar\/?$/,
  /^\/plans\/?$/,
  /^\/plans\/[0-9a-f-]{36}\/?$/,
  /^\/red-thread\/?$/,
  /^\/kompass\/?$/,
  /^\/kompass\/[0-9a-f-]{36}\/?$/,
];

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Sends a file, or its precompressed .br or .gz twin when the browser takes that encoding. */
function send(req: Request, res: Response, file: string, status: number, cache: string) {
  const accepts = req.get('accept-encoding') ?? '';
  const encoding =
    /\bbr\b/.test(accepts) && existsSync(`${file}.br`)
      ? 'br'
      : /\bgzip\b/.test(accepts) && existsSync(`${file}.gz`)
        ? 'gzip'
        : null;
  const path = encoding === 'br' ? `${file}.br` : encoding === 'gzip' ? `${file}.gz` : file;
  res.status(status).set({
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': cache,
    Vary: 'Accept-Encoding',
    ...(encoding ? { 'Content-Encoding': encoding } : {}),
  });
  res.send(readFileSync(path));
}

export function mountTab(app: express.Express, tabDir: string) {
  const assets = join(tabDir, 'assets');
  const index = join(tabDir, 'index.html');
  app.get('/assets/{*path}', (req, res, next) => {
    const file = normalize(join(assets, req.path.slice('/assets/'.length)));
    if (!file.startsWith(assets + sep) || !existsSync(file) || file.endsWith('.br') || file.endsWith('.gz')) {
      next();
      return;
    }
    send(req, res, file, 200, 'public, max-age=31536000, immutable');
  });
  app.get('/{*path}', (req, res, next) => {
    if (req.path.startsWith('/api/') || req.path.startsWith('/assets/') || !req.accepts('html')) {
      next();
      return;
    }
    send(req, res, index, TAB_ROUTES.some((r) => r.test(req.path)) ? 200 : 404, 'no-cache');
  });
}
