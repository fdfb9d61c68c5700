import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { endpoints, type Endpoint, type EventStream } from '../contract/endpoints.ts';
import { localeOf as wordsLocale } from '../contract/words/index.ts';
import type { Actor } from '../domain/policy.ts';
import { printable } from '../adapters/pdf/fonts.ts';
import { unprintableTextAt, unstorableTextAt } from '../domain/text.ts';
import { AppError, catalogue, errorBody, type ErrorCode, type Locale } from '../errors/catalogue.ts';
import type { Logger } from '../logger.ts';
import type { Directory, TokenVerifier } from '../ports.ts';
import { openApiDocument } from './openapi.ts';
import { route, type Route } from './route.ts';
import { mountTab } from './tab-files.ts';

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
  /** Where this service is reached, for the API description's `servers` (known once it listens). */
  publicUrl: () => string;
  /** The origins that may frame the tab (CSP frame-ancestors): the Teams and Microsoft 365 hosts. */
  frameAncestors: readonly string[];
  /** Send Strict-Transport-Security: only where the service is reached over https (m365 mode). */
  hsts: boolean;
}

/** The matched route pattern for logs (Express types it as any). */
function routeOf(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  return typeof route?.path === 'string' ? route.path : req.path;
}

function localeOf(req: Request): Locale {
  return wordsLocale((req.get('accept-language') ?? '').split(',')[0]);
}

/** Identity comes only from the validated bearer token; roles from the token or the directory. */
async function authenticate(
  req: Request,
  verifier: TokenVerifier,
  directory: Directory,
): Promise<{ actor: Actor; token: string }> {
  // The scheme is case-insensitive (RFC 7235); the token is RFC 6750's b64token.
  const [, scheme, credentials] = /^(\S+)(?: +(\S.*))?$/.exec((req.get('authorization') ?? '').trim()) ?? [];
  if (scheme?.toLowerCase() !== 'bearer' || !credentials) throw new AppError('UNAUTHENTICATED');
  if (!/^[A-Za-z0-9._~+/-]+=*$/.test(credentials))
    throw new AppError('TOKEN_INVALID', { reason: 'malformed token' });
  const identity = await verifier.verify(credentials);
  const user = await directory.user(identity.tid, identity.oid);
  if (!user) throw new AppError('TOKEN_INVALID', { reason: 'unknown user' });
  return {
    actor: {
      tid: identity.tid,
      oid: identity.oid,
      name: user.name,
      upn: user.upn,
      roles: identity.roles ?? user.roles,
    },
    // The token just validated: the one assertion Graph may be called with on the user's behalf.
    token: credentials,
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
  // The router's own refusal of a path parameter it cannot percent-decode.
  if (error instanceof URIError) return 'BAD_PATH';
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

/**
 * body-parser gives every refusal of its own a `type`; the one it passes on untyped is the
 * decompression stream's, when the bytes do not match their Content-Encoding.
 */
function bodyReadError(error: unknown): unknown {
  return error instanceof Error && !(error instanceof AppError) && !('type' in error)
    ? new AppError('BAD_ENCODING')
    : error;
}

function isMalformedPath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

const API_PATH = /^\/api(?:\/|$)/;

/** RFC 6750: a 401 names the Bearer scheme, and says invalid_token when a token was given but refused. */
function sendError(res: Response, code: ErrorCode, locale: Locale, details?: Record<string, unknown>) {
  if (catalogue[code] === 401)
    res.set('WWW-Authenticate', code === 'TOKEN_INVALID' ? 'Bearer error="invalid_token"' : 'Bearer');
  res.status(catalogue[code]).json(errorBody(code, locale, details));
}

/** The Content-Security-Policy of every answer (the tab's page, its assets and the API alike). */
function contentSecurityPolicy(frameAncestors: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Fluent UI (Griffel) inserts its styles as style elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // teams-js fetches Microsoft's current list of Teams host origins there (else uses a built-in one).
    "connect-src 'self' https://res.cdn.office.net",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.join(' ')}`,
  ].join('; ');
}

const NO_QUERY = z.strictObject({});

/** Mounts one operation: authenticate, parse its input with its own schemas, answer with its reply. */
function mount(app: express.Express, e: Endpoint, r: Route, opts: HttpOptions) {
  const status = 'status' in e ? e.status : 200;
  app[e.method](e.path, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const hasBody = 'body' in e;
      if (hasBody && req.get('content-type') && !req.is(['application/json', 'application/*+json']))
        throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const caller = e.auth === 'user' ? await authenticate(req, opts.verifier, opts.directory) : null;
      const actor = caller?.actor ?? null;
      // Checked once for every operation, before any schema or use case sees the text.
      const body: unknown = hasBody ? req.body : null;
      const bad = unstorableTextAt({ path: req.params, query: req.query, body });
      if (bad !== null) throw new AppError('TEXT_INVALID_CHARACTERS', { in: bad });
      // Text that may end up in a signed record must print in its archive copy.
      const unprintable = unprintableTextAt(body, printable);
      if (unprintable)
        throw new AppError('TEXT_NOT_PRINTABLE', { in: unprintable.at, characters: unprintable.characters });
      const params = parse('params' in e ? e.params : undefined, { ...req.params }, 'path');
      const query = parse(
        'query' in e ? e.query : NO_QUERY,
        { ...(req.query as Record<string, unknown>) },
        'query',
      );
      const input = hasBody ? parse(e.body, body, 'body') : undefined;
      const result = await r.handle({
        params,
        query,
        body: input,
        actor,
        token: caller?.token ?? null,
        locale: localeOf(req),
      });
      if ('file' in e.response) {
        const file = result as { bytes: Uint8Array; filename: string };
        res
          .status(status)
          .type(e.response.file)
          .set('Content-Disposition', contentDisposition(e.response.file, file.filename))
          .send(Buffer.from(file.bytes));
        return;
      }
      if ('stream' in e.response) {
        streamEvents(req, res, result as EventStream);
        return;
      }
      res.status(status).json(result);
    } catch (error) {
      next(error);
    }
  });
}

/**
 * A PDF opens in the browser; anything else (a ZIP) is saved. The name as written ("Åse", "–") in
 * filename* (RFC 6266, RFC 8187), and in plain ASCII for clients that read only filename.
 */
function contentDisposition(type: string, filename: string): string {
  const ascii = filename
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\w.-]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type === 'application/pdf' ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Server-sent events until the caller leaves; a comment every 25 s keeps proxies from closing it. */
function streamEvents(req: Request, res: Response, stream: EventStream) {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  res.write(': open\n\n');
  const close = stream.open((event, data) => {
    res.write(`event: ${event}\ndata: ${data}\n\n`);
  });
  const beat = setInterval(() => res.write(': still here\n\n'), 25_000);
  req.on('close', () => {
    clearInterval(beat);
    close();
  });
}

export function createHttpApp(opts: HttpOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  const started = Date.now();
  const csp = contentSecurityPolicy(opts.frameAncestors);

  app.use((req, res, next) => {
    const t0 = process.hrtime.bigint();
    // Record content is never cached by browsers or proxies.
    if (req.path.startsWith('/api')) res.set('Cache-Control', 'no-store');
    res.set({
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': csp,
      'Referrer-Policy': 'no-referrer',
      ...(opts.hsts ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
    });
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      // Method, route pattern and status only: never bodies, so no form text reaches the log.
      opts.logger.debug('http', {
        method: req.method,
        route: routeOf(req),
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      });
    });
    next();
  });
  // A path that cannot be percent-decoded names nothing: refused before any route decodes it.
  app.use((req, res, next) => {
    if (!isMalformedPath(req.path)) next();
    else if (API_PATH.test(req.path)) next(new AppError('BAD_PATH'));
    else
      res
        .status(400)
        .type('text/plain')
        .send(errorBody('BAD_PATH', localeOf(req)).error.message);
  });
  app.use(
    express.json({ limit: opts.bodyLimit, strict: false, type: ['application/json', 'application/*+json'] }),
  );
  // Right after the body parser: only its refusals (and the path check's) arrive here.
  app.use((error: unknown, _req: Request, _res: Response, next: NextFunction) => next(bodyReadError(error)));

  // The service's own operations go through the same registry as the API's.
  let doc: unknown = null;
  const own: Route[] = [
    route(endpoints.getHealth, () =>
      Promise.resolve({ ok: true as const, uptimeSeconds: Math.round((Date.now() - started) / 1000) }),
    ),
    route(endpoints.getOpenApi, () => {
      // Built once, at the first request: by then the public URL is known.
      doc ??= openApiDocument(
        [...own, ...opts.routes].map((r) => r.endpoint).concat(opts.messages ? [endpoints.postActivity] : []),
        { title: 'Samtale API', version: opts.version, serverUrl: opts.publicUrl() },
      );
      return Promise.resolve(doc as Record<string, unknown>);
    }),
  ];
  if (opts.messages) app[endpoints.postActivity.method](endpoints.postActivity.path, ...opts.messages);

  for (const r of [...own, ...opts.routes]) mount(app, r.endpoint, r, opts);

  app.use('/api', (_req, _res, next) => next(new AppError('ROUTE_NOT_FOUND')));
  if (opts.tabDir) mountTab(app, opts.tabDir);
  app.use((_req: Request, res: Response) => void res.status(404).type('text/plain').send('Not found'));

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const locale = localeOf(req);
    if (error instanceof AppError) {
      sendError(res, error.code, locale, error.details);
      return;
    }
    const parserCode = parserErrorCode(error);
    if (parserCode) {
      sendError(res, parserCode, locale);
      return;
    }
    opts.logger.error('unhandled error', {
      route: routeOf(req),
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    res.status(500).json(errorBody('INTERNAL', locale));
  });
  return app;
}
