// Several server processes on one PostgreSQL, as App Service runs them scaled out: the Teams limits
// are per app per tenant, so together they must stay within 50 messages a second, and the work must
// survive the sending instance being killed outright.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/adapters/db/database.ts';
import { startBotConnectorFake, type BotConnectorFake } from '../fakes/bot-connector.ts';
import { createPostgresDatabase, postgresAvailable } from '../helpers/backends.ts';
import { fillOutboxIn } from '../helpers/outbox.ts';
import { callerFor, conversationAt, path } from '../helpers/factory.ts';
import { DEMO } from '../../src/seed/demo-organisation.ts';
import { startServerProcess } from '../helpers/process.ts';

const COUNT = 3000;
const LIMIT_PER_SECOND = 50;

const until = async (done: () => boolean | Promise<boolean>, ms: number) => {
  for (const end = Date.now() + ms; !(await done()) && Date.now() < end;)
    await new Promise((r) => setTimeout(r, 100));
};

/** Messages per second over a run of arrival times, counting the last second (n in a window of 1 s). */
const rate = (times: number[]) => times.length / ((times.at(-1)! - times[0]!) / 1000 + 1);

describe.skipIf(!(await postgresAvailable()))('three server processes on one PostgreSQL', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  let connector: BotConnectorFake | undefined;
  let db: Database | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await until(() => children.every((c) => c.exitCode !== null || c.signalCode !== null), 10_000);
    await connector?.close();
    await db?.close();
    await drop?.();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }, 60_000);

  it(
    `send ${COUNT} reminders together at the Teams limit, none throttled or lost; the sender killed halfway, another takes over`,
    { timeout: 300_000 },
    async () => {
      const database = await createPostgresDatabase();
      drop = database.drop;
      connector = await startBotConnectorFake();
      const env = { DATABASE_URL: database.url };
      const start = async () => {
        const dir = mkdtempSync(join(tmpdir(), 'samtale-scale-out-'));
        dirs.push(dir);
        const s = await startServerProcess(dir, env);
        children.push(s.child);
        return s.child;
      };
      // The first start migrates and seeds; the outbox is filled while nothing runs.
      const first = await start();
      first.kill('SIGTERM');
      await new Promise((r) => first.once('exit', r));
      db = await openPostgres(database.url);
      await fillOutboxIn(db, connector.serviceUrl, COUNT);

      const servers = [await start(), await start(), await start()];
      const sender = async () => {
        const rows = await db!.query<{ name: string }>(
          `select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and a.application_name like 'samtale-outbound-%'`,
        );
        return rows.map((r) => Number(r.name.split('-').pop()));
      };
      const unique = () => new Set(connector!.received.map((r) => r.conversationId)).size;

      await until(() => connector!.received.length >= COUNT / 2, 120_000);
      const [leader, ...others] = await sender();
      expect(others).toEqual([]);
      const victim = servers.find((c) => c.pid === leader)!;
      expect(victim).toBeDefined();
      victim.kill('SIGKILL');
      await new Promise((r) => victim.once('exit', r));
      const killedAt = Date.now();
      const beforeKill = connector.received.map((r) => r.at).sort((a, b) => a - b);
      // Claimed but perhaps not answered when the sender died: the only ones that may go twice.
      const [{ n: underWay }] = (await db.query<{ n: number }>(
        "select count(*)::int as n from outbox where status = 'sending'",
      )) as [{ n: number }];

      await until(() => unique() >= COUNT, 180_000);
      await new Promise((r) => setTimeout(r, 2000));
      const [next] = await sender();
      expect(servers.filter((c) => c !== victim).map((c) => c.pid)).toContain(next);

      const afterKill = connector.received
        .map((r) => r.at)
        .filter((t) => t > killedAt)
        .sort((a, b) => a - b);
      const duplicates = connector.received.length - unique();
      const all = connector.received.map((r) => r.at).sort((a, b) => a - b);
      const takeover = (afterKill[0]! - killedAt) / 1000;
      process.stdout.write(
        `scale-out: ${unique()} of ${COUNT} delivered at ${rate(all).toFixed(1)}/s in total; before the kill ${rate(beforeKill).toFixed(1)}/s, after it ${rate(afterKill).toFixed(1)}/s; ` +
          `first message ${takeover.toFixed(1)} s after the kill; 429: ${connector.stats.throttled}; ` +
          `sent twice: ${duplicates} (under way at the kill: ${underWay})\n`,
      );
      expect(unique()).toBe(COUNT);
      expect(connector.stats.throttled).toBe(0);
      expect(duplicates).toBeLessThanOrEqual(underWay);
      expect(rate(beforeKill)).toBeGreaterThanOrEqual(LIMIT_PER_SECOND * 0.95);
      expect(rate(afterKill)).toBeGreaterThanOrEqual(LIMIT_PER_SECOND * 0.95);
      // The whole run, the takeover included.
      expect(rate(all)).toBeGreaterThanOrEqual(LIMIT_PER_SECOND * 0.95);
      expect(takeover).toBeLessThan(5);
      const [{ n: sent }] = (await db.query<{ n: number }>(
        "select count(*)::int as n from outbox where status = 'sent'",
      )) as [{ n: number }];
      expect(sent).toBe(COUNT);
    },
  );

  it('a page open on one instance hears of a save made through another', { timeout: 120_000 }, async () => {
    const database = await createPostgresDatabase();
    const previousDrop = drop;
    drop = async () => {
      await previousDrop?.();
      await database.drop();
    };
    // One data folder for both: local mode's demo sign-in secret lives there (m365 uses Entra).
    const dir = mkdtempSync(join(tmpdir(), 'samtale-scale-out-'));
    dirs.push(dir);
    const a = await startServerProcess(dir, { DATABASE_URL: database.url });
    children.push(a.child);
    const b = await startServerProcess(dir, { DATABASE_URL: database.url });
    children.push(b.child);
    const tokens = new Map<string, string>();
    const onA = callerFor(a.url, tokens);
    const made = await conversationAt(onA, 'held', { employee: DEMO.per, period: '2031' });
    await onA(DEMO.per);
    const token = tokens.get(DEMO.per)!;

    // Per's page is served by instance B; Ola saves through instance A.
    const abort = new AbortController();
    const stream = await fetch(`${b.url}${path('conversationEvents', { id: made.id })}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: abort.signal,
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let heard = '';
    const listening = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        heard += value;
        if (/^event: (?!ready)/m.test(heard)) return;
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const ola = await onA(DEMO.ola);
    const saved = await ola('PUT', path('saveAnswer', { id: made.id, fieldId: 'struktur-1' }), {
      value: 'Skrevet via en annen instans.',
      baseVersion: 0,
    });
    expect(saved.status).toBe(200);
    await Promise.race([listening, new Promise((r) => setTimeout(r, 5000))]);
    abort.abort();
    expect(heard).toMatch(/^event: changed$/m);
    // Only that it changed travels, never what was written.
    expect(heard).not.toContain('Skrevet via en annen instans');
  });
});
