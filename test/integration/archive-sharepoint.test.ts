import { createHash } from 'node:crypto';
import { AUDIT_CHECKPOINT_FOLDER } from '../../src/domain/audit.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationAt } from '../helpers/factory.ts';
import { LIBRARY_COLUMNS, LIBRARY_VIEWS } from '../../src/adapters/archive/sharepoint-library.ts';
import { configuredArchive } from '../../src/app.ts';
import { loadConfig } from '../../src/config/schema.ts';
import { createLogger } from '../../src/logger.ts';
import { verifyArchiveCopy } from '../../src/usecases/verify-archive-copy.ts';
import type { FakeItem } from '../fakes/graph.ts';
import { backends } from '../helpers/backends.ts';
import { DEMO, startTestApp, waitForArchiving, type TestApp } from '../helpers/harness.ts';
import {
  HR_GROUP,
  HR_SALARY_GROUP,
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
  const [copies, checkpoints] = [...fakes.graph.items.values()].reduce<[string[], string[]]>(
    ([c, k], i) =>
      i.path.startsWith(`${AUDIT_CHECKPOINT_FOLDER}/`) ? [c, [...k, i.path]] : [[...c, i.path], k],
    [[], []],
  );
  expect(copies.sort()).toEqual([...rows, ...documents].map((r) => r.path).sort());
  expect(checkpoints).toHaveLength(1);
  for (const d of documents) {
    const item = fakes.graph.itemByPath(d.path)!;
    expect(item.fields).toMatchObject({
      sjekksum: d.checksum,
      tilgangsrestriksjon: '',
      samtaletype: 'Virksomhetsplan',
    });
    expect(item.uniquePermissions).toBe(false);
    expect(readers(item)).toEqual([`${HR_GROUP}:read:inherited`]);
  }
  for (const r of rows) {
    const item = fakes.graph.itemByPath(r.path)!;
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
    const parties = [`${c.leaderOid}:read`, `${c.employeeOid}:read`];
    expect(readers(item)).toEqual(
      (r.part === 'salary'
        ? [...parties, `${HR_SALARY_GROUP}:read`]
        : [...parties, `${HR_GROUP}:read:inherited`]
      ).sort(),
    );
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
      expect(report.library).toBe('created');
      t = await startTestApp(backend, fakes.env);
    });
    afterAll(async () => {
      await t?.close();
      await fakes?.close();
    });

    it('provision creates the library, its columns and its views, and a second run changes nothing', async () => {
      const list = [...fakes.graph.lists.values()][0]!;
      expect(list.displayName).toBe('Samtalearkiv');
      expect([...list.columns.keys()].sort()).toEqual(LIBRARY_COLUMNS.map((c) => c.name).sort());
      expect([...list.views.keys()].sort()).toEqual(LIBRARY_VIEWS.map((v) => v.title).sort());
      expect(list.columns.get('samtaletype')?.indexed).toBe(true);
      expect(await fakes.provision()).toEqual({ library: 'exists', columnsAdded: [], viewsAdded: [] });
      list.columns.delete('enhet');
      list.views.delete('Per enhet');
      expect(await fakes.provision()).toEqual({
        library: 'exists',
        columnsAdded: ['enhet'],
        viewsAdded: ['Per enhet'],
      });
    });

    it('the demo records are archived with their metadata; Punkt 4 is readable by the parties and HR.Salary only', async () => {
      await waitForArchiving(t);
      const rows = await expectArchivedOnce(t, fakes);
      expect(rows.map((r) => r.part).sort()).toEqual(['record', 'record', 'record', 'salary']);
      const salary = fakes.graph.itemByPath(rows.find((r) => r.part === 'salary')!.path)!;
      const principals = salary.permissions.map((p) => p.principal);
      expect(principals).not.toContain(HR_GROUP);
      expect(principals).not.toContain(DEMO.ingrid);
      expect(salary.uniquePermissions).toBe(true);
      // The app counts the SharePoint resource units it spends and notes them per copy in the audit
      // trail: 2 upload + 2 fields + 5 invite. Finding the library's drive costs 3 more, once: paid by
      // the first copy, or by the start-up audit checkpoint when that gets there first.
      const stored = (await t.app.deps.store.auditTrail()).events.filter(
        (e) => e.action === 'archive.stored',
      );
      const units = stored.map((e) => (e.data as { resourceUnits?: number }).resourceUnits);
      expect(units).toHaveLength(4);
      expect(units.filter((u) => u !== 9 && u !== 12)).toEqual([]);
      expect(units.filter((u) => u === 12).length).toBeLessThanOrEqual(1);
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
      const item = fakes.graph.itemByPath(row!.path)!;
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
