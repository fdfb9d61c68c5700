// A protocol-level fake of the Bot Connector service Teams bots send to: the v3 conversation
// activity routes over real HTTP. It validates the activity's shape, enforces the Teams limits (per
// app per tenant 50 requests/s; per conversation 7/s, 60/30 s, 1 800/h) with 429 and Retry-After,
// answers 403/404 for chats whose user removed the app, and records every activity it accepted.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedActivity {
  id: string;
  conversationId: string;
  at: number;
  activity: Record<string, unknown>;
  updates: number;
}

export interface BotConnectorFake {
  /** The serviceUrl activities carry (with the trailing slash Teams uses). */
  serviceUrl: string;
  received: ReceivedActivity[];
  /** When each 429 was answered. */
  throttledAt: number[];
  stats: { requests: number; throttled: number; rejected: number };
  /** Chats where the user removed the app (403) or that no longer exist (404). */
  blocked: Map<string, 403 | 404>;
  close(): Promise<void>;
}

const WINDOWS = {
  app: [{ count: 50, ms: 1_000 }],
  conversation: [
    { count: 7, ms: 1_000 },
    { count: 60, ms: 30_000 },
    { count: 1_800, ms: 3_600_000 },
  ],
};

function problem(activity: unknown, conversationId: string): string | null {
  if (!activity || typeof activity !== 'object' || Array.isArray(activity))
    return 'body must be an activity object';
  const a = activity as Record<string, unknown>;
  if (a.type !== 'message' && a.type !== 'typing') return `unsupported activity type ${String(a.type)}`;
  const conv = a.conversation as { id?: unknown } | undefined;
  if (conv?.id !== undefined && conv.id !== conversationId) return 'conversation.id does not match the URL';
  if (a.type === 'message') {
    const attachments = a.attachments;
    if (attachments !== undefined && !Array.isArray(attachments)) return 'attachments must be an array';
    if (!a.text && (!Array.isArray(attachments) || attachments.length === 0))
      return 'a message needs text or an attachment';
    for (const att of Array.isArray(attachments) ? attachments : []) {
      const x = att as { contentType?: unknown; content?: unknown };
      if (typeof x.contentType !== 'string') return 'attachment.contentType is required';
      if (
        x.contentType === 'application/vnd.microsoft.card.adaptive' &&
        (typeof x.content !== 'object' || (x.content as { type?: unknown }).type !== 'AdaptiveCard')
      )
        return 'an Adaptive Card attachment needs an AdaptiveCard as content';
    }
    if (JSON.stringify(a).length > 28_000) return 'the message is larger than Teams accepts (about 28 KB)';
  }
  return null;
}

export async function startBotConnectorFake(
  opts: { authorize?: (req: IncomingMessage) => Promise<boolean> } = {},
): Promise<BotConnectorFake> {
  const received: ReceivedActivity[] = [];
  const stats = { requests: 0, throttled: 0, rejected: 0 };
  const throttledAt: number[] = [];
  const blocked = new Map<string, 403 | 404>();
  const log = new Map<string, number[]>();

  const overLimit = (key: string, windows: { count: number; ms: number }[], now: number): number => {
    const times = log.get(key) ?? [];
    let wait = 0;
    for (const w of windows) {
      const inWindow = times.filter((t) => t > now - w.ms);
      if (inWindow.length >= w.count)
        wait = Math.max(wait, inWindow[inWindow.length - w.count]! + w.ms - now);
    }
    return wait;
  };
  const count = (key: string, now: number) => {
    const times = (log.get(key) ?? []).filter((t) => t > now - 3_600_000);
    times.push(now);
    log.set(key, times);
  };

  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) =>
    res
      .writeHead(status, { 'content-type': 'application/json', ...headers })
      .end(body === undefined ? undefined : JSON.stringify(body));

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      void (async () => {
        stats.requests += 1;
        if (opts.authorize && !(await opts.authorize(req)))
          return send(res, 401, {
            error: { code: 'Unauthorized', message: 'Authorization has been denied for this request.' },
          });
        const url = new URL(req.url ?? '/', 'http://fake');
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
        if (!m) return send(res, 404, { error: { code: 'NotFound', message: 'Unknown route' } });
        const conversationId = decodeURIComponent(m[1]!);
        const activityId = m[2] ? decodeURIComponent(m[2]) : null;
        const now = Date.now();
        // Teams counts every call, including those it then refuses.
        const wait = Math.max(
          overLimit('app', WINDOWS.app, now),
          overLimit(`conversation:${conversationId}`, WINDOWS.conversation, now),
        );
        if (wait > 0) {
          stats.throttled += 1;
          throttledAt.push(now);
          return send(
            res,
            429,
            { error: { code: 'Throttled', message: 'Too many requests' } },
            { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) },
          );
        }
        count('app', now);
        count(`conversation:${conversationId}`, now);
        const gone = blocked.get(conversationId);
        if (gone)
          return send(res, gone, {
            error: {
              code: gone === 403 ? 'BotDisabledByAdmin' : 'ConversationNotFound',
              message:
                gone === 403 ? 'The bot is not part of the conversation roster.' : 'Conversation not found.',
            },
          });
        let activity: unknown;
        try {
          activity = JSON.parse(raw);
        } catch {
          stats.rejected += 1;
          return send(res, 400, { error: { code: 'BadSyntax', message: 'Invalid JSON' } });
        }
        const bad = problem(activity, conversationId);
        if (bad) {
          stats.rejected += 1;
          return send(res, 400, { error: { code: 'BadArgument', message: bad } });
        }
        if (req.method === 'POST') {
          const id = `1:${randomUUID()}`;
          received.push({
            id,
            conversationId,
            at: now,
            activity: activity as Record<string, unknown>,
            updates: 0,
          });
          return send(res, 201, { id });
        }
        if (req.method === 'PUT' && activityId) {
          const existing = received.find((r) => r.id === activityId && r.conversationId === conversationId);
          if (!existing)
            return send(res, 404, { error: { code: 'ActivityNotFound', message: 'Unknown activity' } });
          existing.activity = activity as Record<string, unknown>;
          existing.updates += 1;
          return send(res, 200, { id: activityId });
        }
        return send(res, 405, { error: { code: 'MethodNotAllowed', message: req.method ?? '' } });
      })();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    received,
    throttledAt,
    stats,
    blocked,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
