import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/adapters/db/database.ts';
import { startBotConnectorFake, type BotConnectorFake } from '../fakes/bot-connector.ts';
import { fillOutbox } from '../helpers/outbox.ts';
import { startServerProcess } from '../helpers/process.ts';

const COUNT = 2000;

describe('killing the dispatcher mid-run (a real SIGKILL, twice) and restarting it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'samtale-fanout-crash-'));
  const children: ChildProcess[] = [];
  let connector: BotConnectorFake;
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await connector?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const unique = () => new Set(connector.received.map((r) => r.conversationId)).size;
  const until = async (done: () => boolean, ms: number) => {
    for (const end = Date.now() + ms; !done() && Date.now() < end;)
      await new Promise((r) => setTimeout(r, 50));
  };
  const start = async () => {
    const s = await startServerProcess(dataDir);
    children.push(s.child);
    return s.child;
  };
  const kill = async (child: ChildProcess) => {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  };

  it(
    `delivers all ${COUNT} reminders, none lost; a resend happens only for a send under way at the kill`,
    { timeout: 300_000 },
    async () => {
      connector = await startBotConnectorFake();
      const first = await start();
      first.kill('SIGTERM');
      await new Promise((r) => first.once('exit', r));
      await fillOutbox(dataDir, connector.serviceUrl, COUNT);

      const a = await start();
      await until(() => connector.received.length >= 400, 60_000);
      await kill(a);
      const afterFirstKill = unique();
      expect(afterFirstKill).toBeGreaterThanOrEqual(400);
      expect(afterFirstKill).toBeLessThan(COUNT);

      const b = await start();
      await until(() => unique() >= afterFirstKill + 400, 90_000);
      await kill(b);
      const afterSecondKill = unique();
      expect(afterSecondKill).toBeLessThan(COUNT);

      const c = await start();
      await until(() => unique() >= COUNT, 150_000);
      await new Promise((r) => setTimeout(r, 1500));
      await kill(c);
      expect(unique()).toBe(COUNT);

      // A bundle the connector took just before a kill, but whose answer the dead process never
      // recorded, stays claimed ('sending') until its claim goes stale (30 s); only then is it sent
      // again. Every message has arrived by now, so restart until no bundle is left claimed.
      const outbox = async () => {
        const db = await openPglite(join(dataDir, 'db'));
        try {
          return await db.query<{ status: string; n: number }>(
            "select status, count(*)::int as n from outbox where recipient_oid like 'bench-%' group by status order by status",
          );
        } finally {
          await db.close();
        }
      };
      let rows = await outbox();
      for (let round = 0; round < 3 && rows.some((r) => r.status !== 'sent'); round++) {
        const claimed = rows.find((r) => r.status === 'sending')?.n ?? 0;
        const received = connector.received.length;
        const d = await start();
        await until(() => connector.received.length >= received + claimed, 90_000);
        await new Promise((r) => setTimeout(r, 1500));
        await kill(d);
        rows = await outbox();
      }
      expect(rows).toEqual([{ status: 'sent', n: COUNT }]);
      expect(unique()).toBe(COUNT);
      const duplicates = connector.received.length - unique();
      // At-least-once: only sends in flight at a kill can repeat.
      expect(duplicates).toBeLessThanOrEqual(2 * 50);
      process.stdout.write(
        `dispatcher crash test: ${COUNT} delivered, ${duplicates} resent after the kills\n`,
      );
    },
  );
});
