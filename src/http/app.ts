import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Actor } from '../domain/policy.ts';
import { AppError, errorBody, type ErrorCode, type Locale } from '../errors/catalogue.ts';
import type { Logger } from '../logger.ts';
import type { Directory, TokenVerifier } from '../ports.ts';
import { FileReply, openApiDocument, type Route } from './route.ts';

export interface HttpOptions {
  routes: Route[];
  verifier: TokenVerifier;
  directory: Directory;
  logger: Logger;
  bodyLimit: string;
  version: string;
  /** The built tab (tab/dist), served at / with deep links falling back to its index.html. */
  tabDir: string | null;
  /** POST /api/messages: the bot's endpoint (channel authentication in m365 mode, then the Agents SDK). */
  messages?: express.RequestHandler[];
}

function localeOf(req: Request): Locale {
  const first = (req.get('accept-language') ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'nb';
}

/** Identity comes only from the validated bearer token; roles from the token or the directory. */
async function authenticate(req: Request, verifier: TokenVerifier, directory: Directory): Promise<Actor> {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
  if (!match?.[1]) throw new AppError('UNAUTHENTICATED');
  const identity = await verifier.verify(match[1]);
  const user = await directory.user(identity.tid, identity.oid);
  if (!user) throw new AppError('TOKEN_INVALID', { reason: 'unknown user' });
  return {
    tid: identity.tid,
    oid: identity.oid,
    name: user.name,
    upn: user.upn,
    roles: identity.roles ?? user.roles,
  };
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('VALIDATION_FAILED', {
      in: where,
      issues: result.error.issues
        .slice(0, 20)
        .map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  return result.data;
}

/** Maps body-parser's errors to catalogue codes; never a 5xx for bad input. */
function parserErrorCode(error: unknown): ErrorCode | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  switch (error.type) {
    case 'entity.parse.failed':
      return 'INVALID_JSON';
    case 'entity.too.large':
      return 'PAYLOAD_TOO_LARGE';
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      return 'status' in error && typeof error.status === 'number' && error.status < 500
        ? 'VALIDATION_FAILED'
        : undefined;
  }
}

export function createHttpApp(opts: HttpOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  const started = Date.now();

  app.use((req, res, next) => {
    const t0 = process.hrtime.bigint();
    // Record content is never cached by browsers or proxies.
    if (req.path.startsWith('/api')) res.set('Cache-Control', 'no-store');
    res.set('X-Content-Type-Options', 'nosniff');
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      // Method, route pattern and status only: never bodies, so no form text reaches the log.
      opts.logger.debug('http', {
        method: req.method,
        route: req.route?.path ?? req.path,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      });
    });
    next();
  });
  app.use(
    express.json({ limit: opts.bodyLimit, strict: false, type: ['application/json', 'application/*+json'] }),
  );

  app.get(
    '/healthz',
    (_req, res) => void res.json({ ok: true, uptimeSeconds: Math.round((Date.now() - started) / 1000) }),
  );
  const doc = openApiDocument(opts.routes, { title: 'Samtale API', version: opts.version });
  app.get('/api/openapi.json', (_req, res) => void res.json(doc));
  if (opts.messages) app.post('/api/messages', ...opts.messages);

  for (const route of opts.routes) {
    app[route.method](route.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const hasBody = route.body !== undefined;
        if (hasBody && req.get('content-type') && !req.is(['application/json', 'application/*+json']))
          throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const actor = route.auth ? await authenticate(req, opts.verifier, opts.directory) : null;
        const params = parse(route.params, { ...req.params }, 'path');
        const query = parse(
          route.query ?? z.strictObject({}),
          { ...(req.query as Record<string, unknown>) },
          'query',
        );
        const body = hasBody ? parse(route.body, req.body, 'body') : undefined;
        const result = await route.handle({ params, query, body, actor });
        if (result instanceof FileReply) {
          res
            .status(route.status)
            .type(result.type)
            .set('Content-Disposition', `inline; filename="${result.filename.replace(/[^\w.-]/g, '_')}"`)
            .send(Buffer.from(result.bytes));
          return;
        }
        res.status(route.status).json(result);
      } catch (error) {
        next(error);
      }
    });
  }

  app.use('/api', (_req, _res, next) => next(new AppError('ROUTE_NOT_FOUND')));
  if (opts.tabDir) {
    const index = join(opts.tabDir, 'index.html');
    // Hashed assets can be cached for good; the page itself is always fetched fresh.
    app.use(
      '/assets',
      express.static(join(opts.tabDir, 'assets'), { immutable: true, maxAge: '365d', index: false }),
    );
    app.get(
      ['/', '/conversations/:id', '/team', '/hr'],
      (_req, res) => void res.set('Cache-Control', 'no-cache').sendFile(index),
    );
  }
  app.use((_req: Request, res: Response) => void res.status(404).type('text/plain').send('Not found'));

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const locale = localeOf(req);
    if (error instanceof AppError) {
      res.status(error.status).json(errorBody(error.code, locale, error.details));
      return;
    }
    const parserCode = parserErrorCode(error);
    if (parserCode) {
      const status =
        parserCode === 'PAYLOAD_TOO_LARGE' ? 413 : parserCode === 'UNSUPPORTED_MEDIA_TYPE' ? 415 : 400;
      res.status(status).json(errorBody(parserCode, locale));
      return;
    }
    opts.logger.error('unhandled error', {
      route: req.route?.path ?? req.path,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    res.status(500).json(errorBody('INTERNAL', locale));
  });
  return app;
}
