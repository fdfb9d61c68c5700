// Several server processes on one PostgreSQL, as App Service runs them scaled out: the Teams limits
// are per app per tenant, so together they must stay within 50 messages a second, and the work must
// survive the sending instance being killed outright.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/seed/demo-organisation.ts';
import { createPostgresDatabase, postgresAvailable } from '../helpers/backends.ts';
import { callerFor, conversationAt, path } from '../helpers/factory.ts';
import { startServerProcess } from '../helpers/process.ts';
import { perSecond, runScaleOut } from '../helpers/scale-out.ts';
import { startSharePointFakes } from '../helpers/sharepoint.ts';
import { AUDIT_CHECKPOINT_FOLDER } from '../../src/domain/audit.ts';
import { openPostgres } from '../../src/adapters/db/database.ts';

const COUNT = 3000;

describe.skipIf(!(await postgresAvailable()))('three server processes on one PostgreSQL', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    for (let i = 0; i < 100 && children.some((c) => c.exitCode === null && c.signalCode === null); i++)
      await new Promise((r) => setTimeout(r, 100));
    for (const drop of drops) await drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }, 60_000);

  // Correctness only: the rates are `npm run bench -- scale-out`'s (a loaded CI machine is no yardstick).
  it(
    `send ${COUNT} reminders together within the Teams limit, none throttled or lost; the sender killed halfway, another takes over`,
    { timeout: 300_000 },
    async () => {
      const r = await runScaleOut(COUNT);
      process.stdout.write(
        `scale-out: ${r.delivered} of ${COUNT} delivered (${perSecond(r.times.all).toFixed(1)}/s this run); 429: ${r.throttled}; sent twice: ${r.sentTwice} (claimed at the kill: ${r.underWayAtKill})\n`,
      );
      expect(r.senders.before).toHaveLength(1);
      expect(r.senders.after).toHaveLength(1);
      expect(r.senders.survivors).toContain(r.senders.after[0]);
      expect(r.delivered).toBe(COUNT);
      expect(r.sentInDatabase).toBe(COUNT);
      // Together the instances stayed within the app's limit: Teams never had to refuse one.
      expect(r.throttled).toBe(0);
      expect(r.sentTwice).toBeLessThanOrEqual(r.underWayAtKill);
      // Another instance went on sending after the kill.
      expect(r.times.after.length).toBeGreaterThan(COUNT / 4);
    },
  );

  it('a page open on one instance hears of a save made through another', { timeout: 120_000 }, async () => {
    const database = await createPostgresDatabase();
    drops.push(database.drop);
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

  it(
    "three processes archive 300 records against SharePoint's budget: each copy once, none lost, throttled only as one sender would be",
    { timeout: 300_000 },
    async () => {
      const RECORDS = 300;
      const database = await createPostgresDatabase();
      drops.push(database.drop);
      // 300 copies of 4 RU against 300 RU per 4 s: four windows or more, so the budget binds.
      const fakes = await startSharePointFakes({ budget: { resourceUnits: 300, windowMs: 4000 } });
      drops.push(() => fakes.close());
      await fakes.provision();
      fakes.graph.stats.resourceUnits = 0;
      fakes.graph.stats.throttled = 0;
      fakes.graph.stats.windowStart = fakes.graph.stats.firstWindowStart = 0;
      fakes.graph.hold();
      const dir = mkdtempSync(join(tmpdir(), 'samtale-scale-out-'));
      dirs.push(dir);
      const env = { ...fakes.env, DATABASE_URL: database.url, NODE_EXTRA_CA_CERTS: fakes.certFile };
      const a = await startServerProcess(dir, env);
      children.push(a.child);
      const caller = callerFor(a.url);
      for (let i = 0; i < RECORDS; i++)
        await conversationAt(caller, 'signed', {
          employee: i % 2 ? DEMO.per : DEMO.silje,
          period: String(3000 + i),
          record: [{ fieldId: 'struktur-1', value: `Referat ${i}` }],
        });
      for (let i = 0; i < 2; i++) {
        const other = await startServerProcess(dir, env);
        children.push(other.child);
      }
      fakes.graph.release();

      const db = await openPostgres(database.url);
      try {
        const left = async () =>
          (
            await db.query<{ n: number }>(
              "select count(*)::int as n from conversations where status = 'signed'",
            )
          )[0]!.n;
        for (const end = Date.now() + 180_000; (await left()) > 0 && Date.now() < end;)
          await new Promise((r) => setTimeout(r, 250));
        expect(await left()).toBe(0);
        const copies = await db.query<{ path: string; part: 'record' | 'salary' }>(
          "select a.path, a.part from archive_copies a join conversations c on c.id = a.conversation_id where c.period >= '3000'",
        );
        expect(copies).toHaveLength(RECORDS);
        // Exactly once each in SharePoint: one item per copy, written once.
        for (const c of copies) expect(fakes.graph.itemByPath(c.path)?.writes).toBe(1);
        const items = [...fakes.graph.items.values()].filter(
          (i) => !i.path.startsWith(`${AUDIT_CHECKPOINT_FOLDER}/`),
        );
        expect(items.filter((i) => i.writes > 1)).toEqual([]);
        // Nothing spent twice: about the 4 RU a copy costs, for all three processes together.
        const ruPerCopy = fakes.graph.stats.resourceUnits / items.length;
        process.stdout.write(
          `scale-out archive: ${copies.length} copies, ${ruPerCopy.toFixed(2)} RU each, ${fakes.graph.stats.throttled} requests throttled\n`,
        );
        expect(ruPerCopy).toBeLessThan(4.5);
        // One sender's requests in flight (6 records and 4 documents at a time) meet each spent window
        // at most once; three processes sending on their own would meet it three times as often.
        const last = Math.max(...items.map((i) => i.completedAt ?? 0));
        const windows = Math.ceil((last - fakes.graph.stats.firstWindowStart) / 4000);
        expect(fakes.graph.stats.throttled).toBeLessThanOrEqual(10 * windows);
      } finally {
        await db.close();
      }
    },
  );
});
