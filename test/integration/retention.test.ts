// Kassasjon: records past their kassasjonsdato leave the database and the archive (the SharePoint
// libraries through the Graph fake; the local folder through the CLI), unless HR holds them; a
// tombstone stays in the audit trail, which still verifies. Unshared preparation goes 30 days after archiving.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredArchive, startSamtale } from '../../src/app.ts';
import { loadConfig } from '../../src/config/schema.ts';
import { createLogger } from '../../src/logger.ts';
import { runRetention } from '../../src/usecases/run-retention.ts';
import { verifyAuditTrail } from '../../src/usecases/verify-audit-trail.ts';
import { backends } from '../helpers/backends.ts';
import { conversationAt, path } from '../helpers/factory.ts';
import { DEMO, startTestApp, waitForArchiving, type TestApp } from '../helpers/harness.ts';
import { runCli } from '../helpers/process.ts';
import {
  RECORD_LIBRARY,
  SALARY_LIBRARY,
  startSharePointFakes,
  type SharePointFakes,
} from '../helpers/sharepoint.ts';

const START = new Date('2026-12-02T09:00:00Z');
const YEARS_LATER = new Date('2037-01-15T09:00:00Z');

for (const backend of await backends()) {
  describe(`retention: kassasjon with holds and tombstones (SharePoint fake; ${backend.name})`, () => {
    let fakes: SharePointFakes;
    let t: TestApp;
    let now = START;
    let kept: string;
    let gone: string;
    let withPreparation: string;
    let locked = '';

    beforeAll(async () => {
      fakes = await startSharePointFakes();
      await fakes.provision();
      t = await startTestApp(backend, fakes.env, { clock: { now: () => now } });
      const sign = (employee: string, period: string, preparation = false) =>
        conversationAt(t.as, 'signed', {
          employee,
          period,
          record: [{ fieldId: 'struktur-1', value: `Referat ${period}.` }],
          ...(preparation
            ? {
                preparation: [
                  { by: DEMO.per, fieldId: 'faktor-1-refleksjon', value: 'Aldri delt med lederen.' },
                ],
              }
            : {}),
        });
      gone = (await sign(DEMO.per, '2020')).id;
      kept = (await sign(DEMO.silje, '2020')).id;
      withPreparation = (await sign(DEMO.per, '2021', true)).id;
      await waitForArchiving(t);
    }, 180_000);
    afterAll(async () => {
      await t?.close();
      await fakes?.close();
    });

    const archive = () =>
      configuredArchive(
        loadConfig({ ...fakes.env, LOG_LEVEL: 'silent' }),
        createLogger('silent'),
        fakes.appGraph(),
      );
    const run = (dryRun = false) =>
      runRetention(
        { ...t.app.deps, archive: archive() },
        { retentionYears: 10, preparationDays: 30, dryRun },
      );
    const copiesOf = (id: string) =>
      t.app.db.query<{ path: string; part: string; dispose_on: string | Date }>(
        'select path, part, dispose_on from archive_copies where conversation_id = $1',
        [id],
      );
    const inLibrary = (p: { path: string; part: string }) =>
      fakes.graph.itemByPath(p.path, p.part === 'salary' ? SALARY_LIBRARY : RECORD_LIBRARY) !== undefined;

    it('unshared preparation goes 30 days after archiving; what was shared and the record stay', async () => {
      const unshared = async () =>
        (
          await t.app.db.query<{ n: number }>(
            "select count(*)::int as n from answers where conversation_id = $1 and slot <> 'shared' and shared_at is null",
            [withPreparation],
          )
        )[0]!.n;
      expect(await unshared()).toBe(1);
      now = new Date(START.getTime() + 29 * 86_400_000);
      expect((await run()).preparation.answers).toBe(0);
      now = new Date(START.getTime() + 31 * 86_400_000);
      const report = await run();
      expect(report.preparation).toEqual({ conversations: 1, answers: 1 });
      expect(report.disposed).toEqual([]);
      expect(await unshared()).toBe(0);
      // The record itself still reads as signed: the leader opens it with its shared fields.
      const ola = await t.as(DEMO.ola);
      const view = await ola<{ status: string }>('GET', path('getConversation', { id: withPreparation }));
      expect(view.status).toBe(200);
      const events = await t.app.db.query<{ data: Record<string, unknown> }>(
        "select data from audit_events where action = 'preparation.disposed' and subject = $1",
        [withPreparation],
      );
      expect(events.map((e) => e.data)).toEqual([{ answers: 1 }]);
    });

    it('HR holds a record, and the archive lists its kassasjonsdato and the hold', async () => {
      const hr = await t.as(DEMO.hilde);
      const empty = await hr('PUT', path('placeRetentionHold', { id: kept }), { reason: '  ' });
      expect(empty.status).toBe(422);
      const held = await hr<{ hold: { reason: string; placedBy: string } }>(
        'PUT',
        path('placeRetentionHold', { id: kept }),
        { reason: 'Varslingssak under behandling' },
      );
      expect(held.status).toBe(200);
      expect(held.body.hold).toMatchObject({
        reason: 'Varslingssak under behandling',
        placedBy: 'Hilde Strand',
      });
      // Not HR: refused.
      const per = await t.as(DEMO.per);
      expect((await per('PUT', path('placeRetentionHold', { id: gone }), { reason: 'Nei' })).status).toBe(
        403,
      );
      const listing = await hr<{ entries: { conversationId: string; disposeOn: string; hold: unknown }[] }>(
        'GET',
        path('listArchive', {}, 'year=2020'),
      );
      const entry = (id: string) => listing.body.entries.find((e) => e.conversationId === id);
      expect(entry(kept)?.hold).toMatchObject({ reason: 'Varslingssak under behandling' });
      expect(entry(gone)).toMatchObject({ hold: null, disposeOn: '2036-12-02' });
    });

    it('a dry run lists what would go and changes nothing', async () => {
      now = YEARS_LATER;
      const report = await run(true);
      expect(report.disposed.map((r) => r.conversationId)).toContain(gone);
      expect(report.held.map((r) => [r.conversationId, r.heldBecause])).toEqual([
        [kept, 'Varslingssak under behandling'],
      ]);
      const copies = await copiesOf(gone);
      expect(copies.length).toBe(1);
      expect(copies.every(inLibrary)).toBe(true);
    });

    it('past the kassasjonsdato a record leaves the database and the library; the held one stays; a tombstone remains', async () => {
      now = YEARS_LATER;
      const before = await copiesOf(gone);
      const seeded = await t.app.db.query<{ path: string; part: string }>(
        "select a.path, a.part from archive_copies a where a.part = 'salary'",
      );
      expect(seeded.length).toBeGreaterThan(0); // the demo's kontraktsamtale: Punkt 4 in the salary library
      const report = await run();
      expect(report.failed).toEqual([]);
      expect(report.disposed.map((r) => r.conversationId)).toContain(gone);
      for (const table of ['conversations', 'answers', 'signatures', 'archive_copies']) {
        const key = table === 'conversations' ? 'id' : 'conversation_id';
        const [row] = await t.app.db.query<{ n: number }>(
          `select count(*)::int as n from ${table} where ${key} = $1`,
          [gone],
        );
        expect(row!.n, table).toBe(0);
      }
      expect(before.some(inLibrary)).toBe(false);
      expect(seeded.some(inLibrary)).toBe(false);
      // The held record and its copy are where they were.
      const keptCopies = await copiesOf(kept);
      expect(keptCopies.length).toBe(1);
      expect(keptCopies.every(inLibrary)).toBe(true);
      // What stays: what it was and when, never what it said or who took part.
      const [tomb] = await t.app.db.query<{ actor_oid: string; data: Record<string, unknown> }>(
        "select actor_oid, data from audit_events where action = 'record.disposed' and subject = $1",
        [gone],
      );
      expect(tomb?.data).toEqual({
        type: 'medarbeidersamtale-10-faktor',
        period: '2020',
        archivedAt: expect.stringMatching(/^2026-12-02T/) as unknown,
        kassasjonsdato: '2036-12-02',
        parts: 'record',
      });
      expect(JSON.stringify(tomb?.data)).not.toMatch(/Referat|Per |Ola /);
      // The chain is whole (every event re-hashed), and agrees with the archive's checkpoints of the
      // first weeks (reading ten years of daily checkpoints from the fake would only take long).
      const verified = await verifyAuditTrail({
        store: t.app.deps.store,
        archive: archive(),
        clock: { now: () => new Date(START.getTime() + 40 * 86_400_000) },
      });
      expect(verified).toMatchObject({ ok: true });
      expect(verified.checkpoints).toBeGreaterThan(0);
      // HR's archive no longer lists it; the held one is still there.
      const hr = await t.as(DEMO.hilde);
      const listing = await hr<{ entries: { conversationId: string }[] }>(
        'GET',
        path('listArchive', {}, 'year=2020'),
      );
      expect(listing.body.entries.map((e) => e.conversationId)).toEqual([kept]);
      // A second run finds nothing more to do.
      expect((await run()).disposed).toEqual([]);
    });

    it('a copy SharePoint refuses to delete (a record label) keeps its record, and HR may still hold it', async () => {
      now = START;
      locked = (
        await conversationAt(t.as, 'signed', {
          employee: DEMO.per,
          period: '2019',
          record: [{ fieldId: 'struktur-1', value: 'Referat 2019.' }],
        })
      ).id;
      await waitForArchiving(t);
      const [copy] = await copiesOf(locked);
      fakes.graph.declareRecordLabel('Personalsak');
      fakes.graph.itemByPath(copy!.path, RECORD_LIBRARY)!.retentionLabel = 'Personalsak';
      now = YEARS_LATER;
      const report = await run();
      expect(report.failed.map((f) => f.conversationId)).toEqual([locked]);
      expect(report.failed[0]?.reason).toMatch(/retention label/);
      expect(inLibrary(copy!)).toBe(true);
      expect((await copiesOf(locked)).length).toBe(1);
      const hr = await t.as(DEMO.hilde);
      const held = await hr('PUT', path('placeRetentionHold', { id: locked }), {
        reason: 'Merket som arkivverdig',
      });
      expect(held.status).toBe(200);
      expect((await run()).held.map((r) => r.conversationId)).toContain(locked);
      await hr('DELETE', path('removeRetentionHold', { id: locked }));
      fakes.graph.itemByPath(copy!.path, RECORD_LIBRARY)!.retentionLabel = null;
    });

    it('once HR lifts the hold, the next run takes the record', async () => {
      const hr = await t.as(DEMO.hilde);
      expect((await hr('DELETE', path('removeRetentionHold', { id: kept }))).status).toBe(200);
      const report = await run();
      expect(report.disposed.map((r) => r.conversationId).sort()).toEqual([kept, locked].sort());
      expect((await copiesOf(kept)).length).toBe(0);
      const actions = await t.app.db.query<{ action: string }>(
        'select action from audit_events where subject = $1 order by seq',
        [kept],
      );
      expect(actions.map((a) => a.action).slice(-3)).toEqual([
        'retention.held',
        'retention.released',
        'record.disposed',
      ]);
    });
  });
}

describe('retention run from the command line, on the local archive', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'samtale-retention-'));
  const archiveDir = join(dataDir, 'archive');
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const cli = (...args: string[]) => runCli(args, env);
  const pdfs = (dir: string): string[] =>
    !existsSync(dir)
      ? []
      : readdirSync(dir).flatMap((n) =>
          statSync(join(dir, n)).isDirectory()
            ? pdfs(join(dir, n)).map((f) => `${n}/${f}`)
            : n.endsWith('.pdf')
              ? [n]
              : [],
        );
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('--dry-run lists the record whose kassasjonsdato has passed and keeps it; run deletes its files', async () => {
    const app = await startSamtale(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
      logger: createLogger('silent'),
    });
    await app.close();
    expect((await cli('archive', 'run')).status).toBe(0);
    const before = pdfs(archiveDir);
    expect(before.length).toBe(4);
    // One record's kassasjonsdato moved into the past, as if ten years had gone by.
    const { openPglite } = await import('../../src/adapters/db/database.ts');
    const db = await openPglite(join(dataDir, 'db'));
    const [due] = await db.query<{ conversation_id: string; path: string }>(
      "select conversation_id, path from archive_copies where part = 'record' order by path limit 1",
    );
    await db.query("update archive_copies set dispose_on = '2020-01-01' where conversation_id = $1", [
      due!.conversation_id,
    ]);
    await db.close();

    const dry = await cli('retention', 'run', '--dry-run');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('would delete 1 records past their kassasjonsdato');
    expect(dry.stdout).toContain('kassasjonsdato 2020-01-01');
    expect(dry.stdout).toContain('dry run: nothing was changed');
    expect(pdfs(archiveDir)).toEqual(before);

    const real = await cli('retention', 'run');
    expect(real.status, real.stderr).toBe(0);
    expect(real.stdout).toContain('deleted 1 records past their kassasjonsdato');
    expect(pdfs(archiveDir).length).toBeLessThan(before.length);
    expect(existsSync(join(archiveDir, due!.path))).toBe(false);
    expect(existsSync(join(archiveDir, `${due!.path}.json`))).toBe(false);
    const verify = await cli('audit', 'verify');
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);

    const bad = await cli('retention', 'run', '--now');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('retention run takes only --dry-run');
  }, 240_000);
});
