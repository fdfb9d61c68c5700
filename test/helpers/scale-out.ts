// Three server processes on one PostgreSQL, as App Service runs them scaled out, sending N reminders
// through the Bot Connector fake; the sender is killed with SIGKILL once half have arrived. Used by
// the scale-out test (what must hold: none lost, none throttled, another takes over) and by
// `npm run bench -- scale-out` (the rates).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres } from '../../src/adapters/db/database.ts';
import { startBotConnectorFake } from '../fakes/bot-connector.ts';
import { createPostgresDatabase } from './backends.ts';
import { fillOutboxIn } from './outbox.ts';
import { startServerProcess } from './process.ts';

export interface ScaleOutRun {
  count: number;
  delivered: number;
  sentTwice: number;
  throttled: number;
  /** Outbox rows claimed when the sender died: the only ones that may go twice. */
  underWayAtKill: number;
  /** Which process held the sending lock before and after the kill. */
  senders: { before: number[]; after: number[]; killed: number; survivors: number[] };
  /** Arrival times at the connector: before the kill, after it, all. */
  times: { before: number[]; after: number[]; all: number[] };
  killedAt: number;
  sentInDatabase: number;
}

const until = async (done: () => boolean | Promise<boolean>, ms: number) => {
  for (const end = Date.now() + ms; !(await done()) && Date.now() < end;)
    await new Promise((r) => setTimeout(r, 100));
};

/** Messages per second over arrival times, counting the last second (n in a window of 1 s). */
export const perSecond = (times: number[]) =>
  times.length === 0 ? 0 : times.length / ((times.at(-1)! - times[0]!) / 1000 + 1);

export async function runScaleOut(count: number): Promise<ScaleOutRun> {
  const database = await createPostgresDatabase();
  const connector = await startBotConnectorFake();
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const db = await openPostgres(database.url);
  try {
    const start = async () => {
      const dir = mkdtempSync(join(tmpdir(), 'samtale-scale-out-'));
      dirs.push(dir);
      const s = await startServerProcess(dir, { DATABASE_URL: database.url });
      children.push(s.child);
      return s.child;
    };
    // The first start migrates and seeds; the outbox is filled while nothing runs.
    const first = await start();
    first.kill('SIGTERM');
    await new Promise((r) => first.once('exit', r));
    await fillOutboxIn(db, connector.serviceUrl, count);

    const servers = [await start(), await start(), await start()];
    // This database's senders only: other tests' servers on the same PostgreSQL have senders of their own.
    const senders = async () =>
      (
        await db.query<{ name: string }>(
          `select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and a.application_name like 'samtale-outbound-%'
              and a.datname = current_database()`,
        )
      ).map((r) => Number(r.name.split('-').pop()));
    const unique = () => new Set(connector.received.map((r) => r.conversationId)).size;

    await until(() => connector.received.length >= count / 2, 120_000);
    const before = await senders();
    const victim = servers.find((c) => c.pid === before[0]);
    if (!victim) throw new Error(`no server process holds the sending lock (${before.join(', ')})`);
    victim.kill('SIGKILL');
    await new Promise((r) => victim.once('exit', r));
    const killedAt = Date.now();
    const [{ n: underWayAtKill }] = (await db.query<{ n: number }>(
      "select count(*)::int as n from outbox where status = 'sending'",
    )) as [{ n: number }];

    await until(() => unique() >= count, 180_000);
    await new Promise((r) => setTimeout(r, 2000));
    const after = await senders();
    const all = connector.received.map((r) => r.at).sort((a, b) => a - b);
    const [{ n: sentInDatabase }] = (await db.query<{ n: number }>(
      "select count(*)::int as n from outbox where status = 'sent'",
    )) as [{ n: number }];
    return {
      count,
      delivered: unique(),
      sentTwice: connector.received.length - unique(),
      throttled: connector.stats.throttled,
      underWayAtKill,
      senders: {
        before,
        after,
        killed: victim.pid ?? 0,
        survivors: servers.filter((c) => c !== victim).map((c) => c.pid ?? 0),
      },
      times: { before: all.filter((t) => t <= killedAt), after: all.filter((t) => t > killedAt), all },
      killedAt,
      sentInDatabase,
    };
  } finally {
    for (const c of children) c.kill('SIGKILL');
    await until(() => children.every((c) => c.exitCode !== null || c.signalCode !== null), 10_000);
    await connector.close();
    await db.close();
    await database.drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
