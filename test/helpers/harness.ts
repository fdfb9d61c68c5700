// Starts the real server on a loopback port against a fresh database, and talks to it over HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSamtale, type Samtale } from '../../src/app.ts';
import { loadConfig } from '../../src/config/schema.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import type { Clock } from '../../src/ports.ts';
import type { Backend } from './backends.ts';
import { checkReply } from './contract.ts';

export { DEMO, DEMO_TENANT_ID } from '../../src/seed/demo-organisation.ts';

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestApp {
  app: Samtale;
  url: string;
  token(userId: string): Promise<string>;
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<Reply<T>>;
  /** A client signed in as a demo user (safe to pass on: it needs no `this`). */
  as: (userId: string) => Promise<Client>;
  close(): Promise<void>;
}

export type Client = <T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
) => Promise<Reply<T>>;

/**
 * Waits until the background archiver has archived every signed record, and every plan's copy and
 * finished Kommunekompass report beside them (by default at most 60 s).
 */
export async function waitForArchiving(t: TestApp, timeoutMs = 60_000): Promise<void> {
  const { store } = t.app.deps;
  for (const end = Date.now() + timeoutMs; Date.now() < end;) {
    const waiting = await Promise.all([
      store.awaitingArchive(),
      store.plans.awaitingArchive(),
      store.kompass.awaitingReport(),
    ]);
    if (waiting.every((w) => w.length === 0)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`signed records and documents were not archived within ${timeoutMs / 1000} s`);
}

/**
 * opts.token: where bearer tokens come from (default: the local demo sign-in; in m365 tests, the Entra fake).
 * opts.logger: where the app logs (default: nowhere), for tests that read what it logged.
 */
export async function startTestApp(
  backend: Backend,
  env: Record<string, string> = {},
  opts: { clock?: Clock; token?: (userId: string) => Promise<string>; logger?: Logger } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samtale-test-'));
  const { db, drop } = await backend.create();
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const app = await startSamtale(config, {
    db,
    logger: opts.logger ?? createLogger('silent'),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  // In m365 mode the directory is the sync's copy: tests begin once the first round is in.
  await app.syncDirectory();
  const tokens = new Map<string, string>();

  const call: TestApp['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.raw !== undefined) body = opts.raw;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(app.url + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* keep text */
    }
    if ((res.headers.get('content-type') ?? '').startsWith('application/json'))
      checkReply(method, path, res.status, parsed);
    return { status: res.status, body: parsed as never, headers: res.headers };
  };

  const token = async (userId: string) => {
    const known = tokens.get(userId);
    if (known) return known;
    if (opts.token) {
      const minted = await opts.token(userId);
      tokens.set(userId, minted);
      return minted;
    }
    const res = await call<{ token: string }>('POST', '/api/dev/login', { body: { userId } });
    if (res.status !== 200) throw new Error(`login ${userId}: ${res.status} ${JSON.stringify(res.body)}`);
    tokens.set(userId, res.body.token);
    return res.body.token;
  };

  return {
    app,
    url: app.url,
    token,
    call,
    as: async (userId) => {
      const t = await token(userId);
      return (method, path, body) => call(method, path, { token: t, body });
    },
    async close() {
      await app.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
