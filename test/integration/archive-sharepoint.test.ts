import { createHash } from 'node:crypto';
import { AUDIT_CHECKPOINT_FOLDER } from '../../src/domain/audit.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationAt } from '../helpers/factory.ts';
import {
  LIBRARY_COLUMNS,
  LIBRARY_VIEWS,
  SALARY_LIBRARY_VIEWS,
} from '../../src/adapters/archive/sharepoint-library.ts';
import { configuredArchive } from '../../src/app.ts';
import { loadConfig } from '../../src/config/schema.ts';
import { createLogger } from '../../src/logger.ts';
import { verifyArchiveCopy } from '../../src/usecases/verify-archive-copy.ts';
import { migrateArchivePermissions } from '../../src/usecases/migrate-archive-permissions.ts';
import type { FakeItem } from '../fakes/graph.ts';
import { backends } from '../helpers/backends.ts';
import { DEMO, startTestApp, waitForArchiving, type TestApp } from '../helpers/harness.ts';
import {
  HR_GROUP,
  HR_SALARY_GROUP,
  archiveTheOldWay,
  RECORD_LIBRARY,
  SALARY_LIBRARY,
  startSharePointFakes,
  type SharePointFakes,
} from '../helpers/sharepoint.ts';

const readers = (item: FakeItem) =>
  item.permissions.map((p) => `${p.principal}:${p.roles.join('+')}${p.inherited ? ':inherited' : ''}`).sort();

/** Signs n one-part records (a 10-faktor conversation between Ola and Per or Silje) through the API. */
async function signRecords(t: TestApp, n: number, firstPeriod: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const made = await conversationAt(t.as, 'signed', {
      employee: i % 2 ? DEMO.per : DEMO.silje,
      period: String(firstPeriod + i),
      record: [{ fieldId: 'struktur-1', value: `Referat ${i}: æøå.` }],
    });
    ids.push(made.id);
  }
  return ids;
}

/** Every copy the database noted is in the library once, with its bytes, metadata and readers. */
async function expectArchivedOnce(t: TestApp, fakes: SharePointFakes) {
  const rows = await t.app.db.query<{
    conversation_id: string;
    part: string;
    path: string;
    checksum: string;
    content_hash: string;
  }>('select conversation_id, part, path, checksum, content_hash from archive_copies');
  // The units' plans' copies, archived beside the records: public, with the library's permissions only.
  const documents = await t.app.db.query<{ path: string; checksum: string }>(
    'select path, checksum from plan_archive_copies',
  );
  // Beside the copies, only the audit chain's checkpoints (one file per day, written at archiving).
  // No copy has permissions of its own: SharePoint's unique scopes stay at 0 in both libraries.
  expect(fakes.graph.uniqueScopes(RECORD_LIBRARY)).toBe(0);
  expect(fakes.graph.uniqueScopes(SALARY_LIBRARY)).toBe(0);
  const [copies, checkpoints] = [...fakes.graph.items.values()].reduce<[string[], string[]]>(
    ([c, k], i) =>
      i.path.startsWith(`${AUDIT_CHECKPOINT_FOLDER}/`) ? [c, [...k, i.path]] : [[...c, i.path], k],
    [[], []],
  );
  expect(copies.sort()).toEqual([...rows, ...documents].map((r) => r.path).sort());
  expect(checkpoints).toHaveLength(1);
  for (const d of documents) {
    const item = fakes.graph.itemByPath(d.path, RECORD_LIBRARY)!;
    expect(item.fields).toMatchObject({
      sjekksum: d.checksum,
      tilgangsrestriksjon: '',
      samtaletype: 'Virksomhetsplan',
    });
    expect(item.uniquePermissions).toBe(false);
    expect(readers(item)).toEqual([`${HR_GROUP}:read:inherited`]);
  }
  for (const r of rows) {
    // Punkt 4 lives in the salary library only; everything else in the record library.
    const library = r.part === 'salary' ? SALARY_LIBRARY : RECORD_LIBRARY;
    expect(
      fakes.graph.itemByPath(r.path, r.part === 'salary' ? RECORD_LIBRARY : SALARY_LIBRARY),
    ).toBeUndefined();
    const item = fakes.graph.itemByPath(r.path, library)!;
    const c = (await t.app.deps.store.conversation(r.conversation_id))!;
    expect(createHash('sha256').update(item.bytes).digest('hex')).toBe(r.checksum);
    expect(item.fields).toMatchObject({
      sjekksum: r.checksum,
      sjekksumAlgoritme: 'SHA256',
      innholdsnokkel: r.content_hash,
      samtaleId: c.id,
      periode: c.period,
      del: r.part,
      tilgangsrestriksjon: 'Unntatt offentlighet',
    });
    expect(String(item.fields.skjermingshjemmel)).toMatch(/^Offl\. § 14 første ledd/);
    // The library's readers only; the parties read their copy through Samtale.
    expect(readers(item)).toEqual([`${r.part === 'salary' ? HR_SALARY_GROUP : HR_GROUP}:read:inherited`]);
  }
  return rows;
}

for (const backend of await backends()) {
  describe(`the SharePoint archive through Graph (fakes over HTTPS; ${backend.name})`, () => {
    let fakes: SharePointFakes;
    let t: TestApp;
    beforeAll(async () => {
      fakes = await startSharePointFakes();
      const report = await fakes.provision();
      expect([report.record.library, report.salary.library, report.salary.access]).toEqual([
        'created',
        'created',
        'restricted',
      ]);
      t = await startTestApp(backend, fakes.env);
    });
    afterAll(async () => {
      await t?.close();
      await fakes?.close();
    });

    it('provision creates both libraries, their columns and views, and a second run changes nothing', async () => {
      const list = fakes.graph.list(RECORD_LIBRARY)!;
      const salary = fakes.graph.list(SALARY_LIBRARY)!;
      for (const l of [list, salary])
        expect([...l.columns.keys()].sort()).toEqual(LIBRARY_COLUMNS.map((c) => c.name).sort());
      expect([...list.views.keys()].sort()).toEqual(LIBRARY_VIEWS.map((v) => v.title).sort());
      expect([...salary.views.keys()].sort()).toEqual(SALARY_LIBRARY_VIEWS.map((v) => v.title).sort());
      expect(list.columns.get('samtaletype')?.indexed).toBe(true);
      const unchanged = (name: string) => ({ name, library: 'exists', columnsAdded: [], viewsAdded: [] });
      expect(await fakes.provision()).toEqual({
        record: unchanged(RECORD_LIBRARY),
        salary: { ...unchanged(SALARY_LIBRARY), access: 'already restricted' },
      });
      list.columns.delete('enhet');
      list.views.delete('Per enhet');
      expect((await fakes.provision()).record).toEqual({
        name: RECORD_LIBRARY,
        library: 'exists',
        columnsAdded: ['enhet'],
        viewsAdded: ['Per enhet'],
      });
    });

    it('the demo records are archived with their metadata; Punkt 4 is readable by the parties and HR.Salary only', async () => {
      await waitForArchiving(t);
      const rows = await expectArchivedOnce(t, fakes);
      expect(rows.map((r) => r.part).sort()).toEqual(['record', 'record', 'record', 'salary']);
      const salary = fakes.graph.itemByPath(rows.find((r) => r.part === 'salary')!.path, SALARY_LIBRARY)!;
      expect(salary.permissions.map((p) => p.principal)).toEqual([HR_SALARY_GROUP]);
      // The app counts the SharePoint resource units it spends and notes them per copy in the audit
      // trail: 2 upload + 2 fields, no permission calls. Finding a library's drive costs 3 more, once
      // per library: paid by its first copy (or by the start-up audit checkpoint, for the record library).
      const stored = (await t.app.deps.store.auditTrail()).events.filter(
        (e) => e.action === 'archive.stored',
      );
      const units = stored.map((e) => (e.data as { resourceUnits?: number }).resourceUnits);
      expect(units).toHaveLength(4);
      expect(units.filter((u) => u !== 4 && u !== 7)).toEqual([]);
      expect(units.filter((u) => u === 7).length).toBeLessThanOrEqual(2);
      // A plan's copy gets no invite: 2 upload + 2 fields (+3 if it was the first to find the drive).
      const plans = (await t.app.deps.store.auditTrail()).events
        .filter((e) => e.action === 'plan.archived')
        .map((e) => (e.data as { resourceUnits?: number }).resourceUnits);
      expect(plans.length).toBeGreaterThan(0);
      expect(plans.filter((u) => u !== 4 && u !== 7)).toEqual([]);
    });

    it('a party opens their copy from the app, read back from SharePoint; the other leader gets nothing', async () => {
      await waitForArchiving(t);
      const [row] = await t.app.db.query<{ conversation_id: string; checksum: string }>(
        "select conversation_id, checksum from archive_copies where part = 'salary'",
      );
      const c = (await t.app.deps.store.conversation(row!.conversation_id))!;
      const res = await fetch(`${t.url}/api/conversations/${c.id}/archive/salary`, {
        headers: { authorization: `Bearer ${await t.token(c.employeeOid)}` },
      });
      expect(res.status).toBe(200);
      expect(
        createHash('sha256')
          .update(Buffer.from(await res.arrayBuffer()))
          .digest('hex'),
      ).toBe(row!.checksum);
      const other = await fetch(`${t.url}/api/conversations/${c.id}/archive/salary`, {
        headers: { authorization: `Bearer ${await t.token(DEMO.ingrid)}` },
      });
      expect(other.status).toBe(404);
      const hrWithoutSalary = await fetch(`${t.url}/api/conversations/${c.id}/archive/salary`, {
        headers: { authorization: `Bearer ${await t.token(DEMO.hilde)}` },
      });
      expect(hrWithoutSalary.status).toBe(403);
      // One flipped byte in the library: the party gets a clear refusal, never the changed file.
      const item = fakes.graph.itemByPath(
        (await t.app.deps.store.archiveCopies(c.id)).find((r) => r.part === 'salary')!.path,
        SALARY_LIBRARY,
      )!;
      item.bytes[300] = item.bytes[300]! ^ 0x01;
      try {
        const damaged = await fetch(`${t.url}/api/conversations/${c.id}/archive/salary`, {
          headers: { authorization: `Bearer ${await t.token(c.employeeOid)}` },
        });
        expect(damaged.status).toBe(500);
        expect(((await damaged.json()) as { error: { code: string } }).error.code).toBe(
          'ARCHIVE_COPY_DAMAGED',
        );
      } finally {
        item.bytes[300] = item.bytes[300] ^ 0x01;
      }
    });

    it('verify reads the copy back from SharePoint and detects one flipped byte', async () => {
      await waitForArchiving(t);
      const [row] = await t.app.db.query<{ conversation_id: string; path: string }>(
        "select conversation_id, path from archive_copies where part = 'record' limit 1",
      );
      const archive = configuredArchive(
        loadConfig({ ...fakes.env, DATA_DIR: '/nonexistent' }),
        createLogger('silent'),
      );
      expect((await verifyArchiveCopy(t.app.deps, archive, row!.conversation_id)).ok).toBe(true);
      const item = fakes.graph.itemByPath(row!.path, RECORD_LIBRARY)!;
      item.bytes[200] = item.bytes[200]! ^ 0x01;
      const result = await verifyArchiveCopy(t.app.deps, archive, row!.conversation_id);
      expect(result.ok).toBe(false);
      expect(result.copies.find((x) => x.path === row!.path)).toMatchObject({
        found: true,
        checksumMatches: false,
      });
      item.bytes[200] = item.bytes[200] ^ 0x01;

      // The library's columns are evidence too: a renamed employee fails verify.
      const name = item.fields.medarbeider!;
      item.fields.medarbeider = 'Noen Andre';
      const edited = await verifyArchiveCopy(t.app.deps, archive, row!.conversation_id);
      expect(edited.ok).toBe(false);
      expect(edited.copies.find((x) => x.path === row!.path)).toMatchObject({
        checksumMatches: true,
        metadataMatches: false,
      });
      item.fields.medarbeider = name;
      expect((await verifyArchiveCopy(t.app.deps, archive, row!.conversation_id)).ok).toBe(true);
    });

    it('migrate-permissions brings copies archived item by item in line: records restored, Punkt 4 moved; a second run finds nothing', async () => {
      await waitForArchiving(t);
      const archive = configuredArchive(
        loadConfig({ ...fakes.env, DATA_DIR: '/nonexistent' }),
        createLogger('silent'),
      );
      const token = await fakes.appGraph().tokenFor(fakes.graph.url);
      // The demo's copies as the earlier version left them: shared item by item, Punkt 4 in the record library.
      const rows = await t.app.db.query<{ conversation_id: string; part: 'record' | 'salary'; path: string }>(
        'select conversation_id, part, path from archive_copies',
      );
      for (const r of rows) {
        const c = (await t.app.deps.store.conversation(r.conversation_id))!;
        const library = r.part === 'salary' ? SALARY_LIBRARY : RECORD_LIBRARY;
        const now = fakes.graph.itemByPath(r.path, library)!;
        const copy = {
          path: r.path,
          bytes: now.bytes,
          fields: { ...now.fields },
          parties: [c.leaderOid, c.employeeOid],
          salary: r.part === 'salary',
        };
        if (r.part === 'salary') {
          const res = await fetch(`${fakes.graph.url}/v1.0/drives/${now.driveId}/items/${now.id}`, {
            method: 'DELETE',
            headers: { authorization: `Bearer ${token}` },
          });
          expect(res.status).toBe(204);
        }
        await archiveTheOldWay(fakes, token, copy);
      }
      await t.app.db.query('update archive_copies set item_permissions = true');
      expect(fakes.graph.uniqueScopes(RECORD_LIBRARY)).toBe(rows.length);

      const deps = { ...t.app.deps, archive };
      const seen: number[] = [];
      const result = await migrateArchivePermissions(deps, {
        batch: 2,
        onProgress: (p) => seen.push(p.done),
      });
      expect(result).toMatchObject({
        restored: rows.length - 1,
        moved: 1,
        unchanged: 0,
        missing: 0,
        failed: [],
      });
      expect(seen).toEqual([2, 4]);
      await expectArchivedOnce(t, fakes);
      const audited = (await t.app.deps.store.auditTrail()).events.filter(
        (e) => e.action === 'archive.permissions-migrated',
      );
      expect(audited.map((e) => (e.data as { outcome: string }).outcome).sort()).toEqual(
        [...Array.from({ length: rows.length - 1 }, () => 'restored'), 'moved'].sort(),
      );
      // Done is done: the next run has nothing left, and the party still opens Punkt 4 from the app.
      expect(await migrateArchivePermissions(deps)).toMatchObject({ done: 0 });
      const salary = rows.find((r) => r.part === 'salary')!;
      const c = (await t.app.deps.store.conversation(salary.conversation_id))!;
      const res = await fetch(`${t.url}/api/conversations/${c.id}/archive/salary`, {
        headers: { authorization: `Bearer ${await t.token(c.employeeOid)}` },
      });
      expect(res.status).toBe(200);
    });

    // 200 records on PGlite; 40 on PostgreSQL, where the same code path runs (the suite's time is finite).
    const n = backend.name === 'pglite' ? 200 : 40;
    it(
      `with 20 % of requests failing (503s, dropped connections before and after the work), ${n} records are each archived exactly once`,
      { timeout: 240_000 },
      async () => {
        await waitForArchiving(t);
        fakes.graph.setFaultRate(0.2);
        const faultsBefore = fakes.graph.stats.faults;
        const ids = await signRecords(t, n, 3000);
        await waitForArchiving(t, 200_000);
        fakes.graph.setFaultRate(0);
        expect(fakes.graph.stats.faults - faultsBefore).toBeGreaterThan(n / 4);
        const rows = await expectArchivedOnce(t, fakes);
        for (const id of ids) expect(rows.filter((r) => r.conversation_id === id)).toHaveLength(1);
        const archived = await t.app.db.query<{ n: number }>(
          "select count(*)::int as n from conversations where status = 'archived'",
        );
        expect(archived[0]!.n).toBe(n + 3);
      },
    );
  });
}
