import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharePointArchive } from '../../src/adapters/archive/sharepoint.ts';
import { LIBRARY_VIEWS, libraryFields } from '../../src/adapters/archive/sharepoint-library.ts';
import { appGraph } from '../../src/adapters/graph/app-graph.ts';
import type { ArchiveMetadata } from '../../src/domain/archive.ts';
import { createLogger } from '../../src/logger.ts';
import type { ArchiveCopy } from '../../src/ports.ts';
import { DEMO, DEMO_TENANT_ID } from '../../src/seed/demo-organisation.ts';
import { runCli as cli } from '../helpers/process.ts';
import {
  ARCHIVE_APP,
  HR_GROUP,
  HR_SALARY_GROUP,
  archiveTheOldWay,
  RECORD_LIBRARY,
  SALARY_LIBRARY,
  startSharePointFakes,
  type SharePointFakes,
} from '../helpers/sharepoint.ts';

const metadata = (n: number, del: ArchiveMetadata['del'] = 'record'): ArchiveMetadata => ({
  tittel: `Medarbeidersamtale 2026: Per ${n}`,
  dokumentetsDato: '2026-11-20',
  tilgangsrestriksjon: 'Unntatt offentlighet',
  skjermingshjemmel: 'Offl. § 14 første ledd',
  sjekksum: randomBytes(32).toString('hex'),
  sjekksumAlgoritme: 'SHA256',
  arkivertDato: '2026-11-21T08:00:00.000Z',
  arkivertAv: 'Samtale',
  kassasjonsdato: '2036-11-21',
  samtaletype: 'Medarbeidersamtale',
  periode: '2026',
  enhet: 'Helse og omsorg',
  medarbeider: 'Per Hansen',
  leder: 'Ola Nordmann',
  malversjon: 'medarbeidersamtale-10-faktor@1',
  del,
  innholdsnokkel: `sha256:${n}`,
  samtaleId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
});
const copy = (n: number, bytes: Uint8Array, del: ArchiveMetadata['del'] = 'record'): ArchiveCopy => ({
  path: `2026/test/${n}-${del}.pdf`,
  bytes,
  metadata: metadata(n, del),
  part: del,
});

function adapter(fakes: SharePointFakes, clientSecret = ARCHIVE_APP.clientSecret) {
  const graph = appGraph({
    tenantId: DEMO_TENANT_ID,
    clientId: ARCHIVE_APP.clientId,
    clientSecret,
    authorityHost: fakes.entra.url,
    graphUrl: fakes.graph.url,
    logger: createLogger('silent'),
  });
  return {
    graph,
    archive: sharePointArchive({
      graph,
      siteId: fakes.graph.siteId,
      siteUrl: fakes.graph.siteUrl,
      library: RECORD_LIBRARY,
      salaryLibrary: SALARY_LIBRARY,
      logger: createLogger('silent'),
      attempts: 3,
    }),
  };
}

describe('the SharePoint archive adapter against the Graph fake', () => {
  let fakes: SharePointFakes;
  beforeAll(async () => {
    fakes = await startSharePointFakes({ budget: { resourceUnits: 40, windowMs: 2000 } });
    await fakes.provision();
  });
  afterAll(() => fakes.close());

  it(
    'a copy above 4 MB goes up through an upload session, in 320 KiB-multiple fragments, and reads back whole',
    { timeout: 30_000 },
    async () => {
      const { archive } = adapter(fakes);
      const big = randomBytes(9 * 1024 * 1024 + 123);
      const stored = await archive.put(copy(1, big));
      expect(stored.created).toBe(true);
      expect(Buffer.from((await archive.get('2026/test/1-record.pdf'))!).equals(big)).toBe(true);
      // The fake refuses the same file as a simple upload, as Graph does above 4 MB.
      const token = await adapter(fakes).graph.tokenFor(fakes.graph.url);
      const drive = [...fakes.graph.lists.values()][0]!.driveId;
      const res = await fetch(`${fakes.graph.url}/v1.0/drives/${drive}/root:/2026/test/direct.pdf:/content`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
        body: big,
      });
      expect(res.status).toBe(413);
    },
  );

  it(
    'waits out throttling (429 + Retry-After) instead of failing, and stays within the budget',
    { timeout: 60_000 },
    async () => {
      const { archive } = adapter(fakes);
      const throttledBefore = fakes.graph.stats.throttled;
      const results = await Promise.all(
        [2, 3, 4, 5, 6, 7, 8, 9].map((n) => archive.put(copy(n, randomBytes(2000)))),
      );
      expect(results.every((r) => r.created)).toBe(true);
      expect(fakes.graph.stats.throttled).toBeGreaterThan(throttledBefore);
      // Upload 2 + fields 2 per copy, and nothing for permissions; finding the library costs 3, once.
      const units = results.map((r) => r.resourceUnits).sort();
      expect(units.slice(0, 7)).toEqual([4, 4, 4, 4, 4, 4, 4]);
      expect([4, 7]).toContain(units[7]);
    },
  );

  it('Punkt 4 goes to the salary library and reads as the salary group only; the same copy again is left alone', async () => {
    const { archive } = adapter(fakes);
    const first = copy(10, randomBytes(3000), 'salary');
    await archive.put(first);
    const again = await archive.put(first);
    expect(again.created).toBe(false);
    expect(fakes.graph.itemByPath(first.path, RECORD_LIBRARY)).toBeUndefined();
    const item = fakes.graph.itemByPath(first.path, SALARY_LIBRARY)!;
    expect(item.writes).toBe(1);
    expect(item.uniquePermissions).toBe(false);
    expect(item.permissions.map((p) => `${p.principal}:${p.inherited ? 'inherited' : 'own'}`)).toEqual([
      `${HR_SALARY_GROUP}:inherited`,
    ]);
    expect(Buffer.from((await archive.get(first.path, 'salary'))!).equals(Buffer.from(first.bytes))).toBe(
      true,
    );
    expect(await archive.get(first.path, 'record')).toBeUndefined();
    expect((await archive.metadata(first.path, 'salary'))?.sjekksum).toBe(first.metadata.sjekksum);
  });

  it('a copy left without its fields by a crash is written again, then given its fields', async () => {
    const { archive } = adapter(fakes);
    const c = copy(11, randomBytes(3000));
    await archive.put(c);
    const item = fakes.graph.itemByPath(c.path)!;
    item.fields = { Title: 'half done' };
    item.bytes = Buffer.from('truncated');
    expect((await archive.put(c)).created).toBe(true);
    expect(Buffer.from(item.bytes).equals(Buffer.from(c.bytes))).toBe(true);
    expect(item.fields.sjekksum).toBe(c.metadata.sjekksum);
  });

  it('refuses a wrong secret and an app without the site grant, clearly and without retrying forever', async () => {
    await expect(adapter(fakes, 'wrong').archive.put(copy(12, randomBytes(10)))).rejects.toThrow(
      /invalid_client|AADSTS7000215/,
    );
    const ungranted = await startSharePointFakes({ siteGrants: {} });
    try {
      await expect(adapter(ungranted).archive.put(copy(13, randomBytes(10)))).rejects.toThrow(
        /Sites\.Selected|accessDenied/,
      );
    } finally {
      await ungranted.close();
    }
  });

  it('the Graph fake answers malformed payloads as Graph does', async () => {
    const token = await adapter(fakes).graph.tokenFor(fakes.graph.url);
    const item = fakes.graph.itemByPath('2026/test/2-record.pdf')!;
    const call = (method: string, path: string, body: unknown, auth = `Bearer ${token}`) =>
      fetch(`${fakes.graph.url}/v1.0/drives/${item.driveId}/items/${item.id}/${path}`, {
        method,
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const invite = await call('POST', 'invite', {
      recipients: [{ objectId: DEMO.per }],
      roles: ['read'],
      requireSignIn: false,
      sendInvitation: false,
    });
    expect(invite.status).toBe(400);
    expect(((await invite.json()) as { error: { code: string } }).error.code).toBe('invalidRequest');
    expect(
      (
        await call('POST', 'invite', {
          recipients: [{ objectId: '11111111-1111-4111-8111-111111111111' }],
          roles: ['read'],
          requireSignIn: true,
          sendInvitation: false,
        })
      ).status,
    ).toBe(400);
    expect((await call('PATCH', 'listItem/fields', { notAColumn: 'x' })).status).toBe(400);
    expect((await call('PATCH', 'listItem/fields', { dokumentetsDato: 'yesterday' })).status).toBe(400);
    expect((await call('PATCH', 'listItem/fields', { del: 'everything' })).status).toBe(400);
    expect((await call('PATCH', 'listItem/fields', { periode: '2027' }, 'Bearer not-a-token')).status).toBe(
      401,
    );
  });

  it(
    '`samtale archive provision` creates the library and reports nothing to do the second time',
    { timeout: 60_000 },
    async () => {
      const fresh = await startSharePointFakes();
      try {
        const run = () =>
          cli(['archive', 'provision'], { ...fresh.env, NODE_EXTRA_CA_CERTS: fresh.certFile });
        const first = await run();
        expect(first.status, first.stderr).toBe(0);
        expect(first.stdout).toContain('library "Samtalearkiv": created');
        expect(first.stdout).toContain('library "Samtalearkiv lønn": created');
        expect(first.stdout).toContain('Per periode og samtaletype');
        expect(first.stdout).toContain(
          'library "Samtalearkiv lønn": readable by the HR salary group only (restricted)',
        );
        // The salary library stopped inheriting the site's (HR) and reads as the salary group only.
        const salary = fresh.graph.list(SALARY_LIBRARY)!;
        expect(salary.uniquePermissions).toBe(true);
        expect(salary.readers).toEqual([HR_SALARY_GROUP]);
        expect(fresh.graph.list(RECORD_LIBRARY)!.uniquePermissions).toBe(false);
        const second = await run();
        expect(second.stdout).toContain('library "Samtalearkiv": exists');
        expect(second.stdout).toContain('columns added: none (all present)');
        expect(second.stdout).toContain('views added: none (all present)');
        expect(second.stdout).toContain('(already restricted)');
        expect(salary.readers).toEqual([HR_SALARY_GROUP]);
        const local = await cli(['archive', 'provision'], {});
        expect(local.status).toBe(1);
        expect(local.stderr).toContain('ARCHIVE_BACKEND=sharepoint');
      } finally {
        await fresh.close();
      }
    },
  );

  it(
    'no copy gets permissions of its own: 60 000 copies (past the 50 000 scopes of the old way) into a library of 100 000 leave 0 unique scopes, and every view still renders',
    { timeout: 300_000 },
    async () => {
      const big = await startSharePointFakes();
      try {
        await big.provision();
        // Earlier years, as archived without item permissions: the library passes the list view threshold.
        big.graph.fill(RECORD_LIBRARY, 40_000, (i) => ({
          periode: String(2000 + (i % 26)),
          samtaletype: 'Medarbeidersamtale',
          enhet: `Enhet ${i % 40}`,
          medarbeider: `Person ${i}`,
          dokumentetsDato: '2020-01-01',
          kassasjonsdato: '2030-01-01',
          del: 'record',
        }));
        const { archive } = adapter(big);
        // Each copy as the archiver sends it: upload and fields, 50 at a time.
        for (let from = 0; from < 60_000; from += 50)
          await Promise.all(
            Array.from({ length: 50 }, (_, k) => archive.put(copy(100_000 + from + k, randomBytes(200)))),
          );
        const list = big.graph.list(RECORD_LIBRARY)!;
        expect([...big.graph.items.values()].filter((i) => i.driveId === list.driveId)).toHaveLength(100_000);
        expect(big.graph.uniqueScopes(RECORD_LIBRARY)).toBe(0);
        expect(big.graph.warnings).toEqual([]);

        // HR's views, as SharePoint renders them: each touches only indexed columns.
        const token = await adapter(big).graph.tokenFor(big.graph.url);
        const render = (query: string) =>
          fetch(`${big.graph.siteUrl}/_api/web/lists(guid'${list.id}')/RenderListDataAsStream`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              parameters: { ViewXml: `<View><Query>${query}</Query><RowLimit>100</RowLimit></View>` },
            }),
          });
        for (const v of LIBRARY_VIEWS) {
          const res = await render(v.query);
          expect(res.status, `${v.title}: ${await res.clone().text()}`).toBe(200);
          expect(((await res.json()) as { Row: unknown[] }).Row).toHaveLength(100);
        }
        // A view on a column without an index gets SharePoint's own refusal past 5 000 items.
        const refused = await render('<OrderBy><FieldRef Name="leder" /></OrderBy>');
        expect(refused.status).toBe(500);
        expect(await refused.text()).toContain('exceeds the list view threshold');
      } finally {
        await big.close();
      }
    },
  );

  it('the fake holds a library to 50 000 unique scopes, and warns past 5 000, as SharePoint does', async () => {
    const small = await startSharePointFakes();
    try {
      await small.provision();
      small.graph.fill(RECORD_LIBRARY, 50_001, () => ({ del: 'record' }));
      const all = [...small.graph.items.values()];
      const token = await adapter(small).graph.tokenFor(small.graph.url);
      const invite = (i: (typeof all)[number]) =>
        fetch(`${small.graph.url}/v1.0/drives/${i.driveId}/items/${i.id}/invite`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            recipients: [{ objectId: DEMO.per }],
            roles: ['read'],
            requireSignIn: true,
            sendInvitation: false,
          }),
        });
      // 5 000 items already shared the old way: the next one is past what SharePoint recommends.
      for (const i of all.slice(0, 5000)) i.uniquePermissions = true;
      expect((await invite(all[5000]!)).status).toBe(200);
      expect(small.graph.warnings).toEqual([
        `${RECORD_LIBRARY}: more than 5000 items with unique permissions (SharePoint recommends at most 5000)`,
      ]);
      for (const i of all.slice(0, 50_000)) i.uniquePermissions = true;
      const refused = await invite(all[50_000]!);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('too many items with unique permissions');
    } finally {
      await small.close();
    }
  });

  it("migratePermissions: a record gets its library's permissions back, a Punkt 4 copy moves to the salary library; both idempotent", async () => {
    const { archive, graph } = adapter(fakes);
    const token = await graph.tokenFor(fakes.graph.url);
    const oldWay = (c: ArchiveCopy, salary: boolean) =>
      archiveTheOldWay(fakes, token, {
        path: c.path,
        bytes: c.bytes,
        fields: libraryFields(c.metadata),
        parties: [DEMO.ola, DEMO.per],
        salary,
      });
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

    const record = copy(20, randomBytes(1500));
    const old = await oldWay(record, false);
    expect(old.uniquePermissions).toBe(true);
    const target = { path: record.path, part: 'record' as const, checksum: sha(record.bytes) };
    expect(await archive.migratePermissions(target)).toEqual({ outcome: 'restored' });
    expect(old.uniquePermissions).toBe(false);
    expect(old.permissions.map((p) => p.principal)).toEqual([HR_GROUP]);
    expect(await archive.migratePermissions(target)).toEqual({ outcome: 'unchanged' });

    const salary = copy(21, randomBytes(1500), 'salary');
    await oldWay(salary, true);
    const move = { path: salary.path, part: 'salary' as const, checksum: sha(salary.bytes) };
    // Before the move, Samtale still finds the copy where it was.
    expect(Buffer.from((await archive.get(salary.path, 'salary'))!).equals(Buffer.from(salary.bytes))).toBe(
      true,
    );
    expect((await archive.migratePermissions(move)).outcome).toBe('moved');
    expect(fakes.graph.itemByPath(salary.path, RECORD_LIBRARY)).toBeUndefined();
    const moved = fakes.graph.itemByPath(salary.path, SALARY_LIBRARY)!;
    expect(moved.uniquePermissions).toBe(false);
    expect(moved.permissions.map((p) => p.principal)).toEqual([HR_SALARY_GROUP]);
    expect(moved.fields).toMatchObject({
      sjekksum: salary.metadata.sjekksum,
      medarbeider: 'Per Hansen',
      del: 'salary',
    });
    expect((await archive.migratePermissions(move)).outcome).toBe('unchanged');

    // A damaged copy is not moved: it stays where it is, for archive verify and a person to look at.
    const damaged = copy(22, randomBytes(1500), 'salary');
    const item = await oldWay(damaged, true);
    item.bytes[10] = item.bytes[10]! ^ 1;
    await expect(
      archive.migratePermissions({ path: damaged.path, part: 'salary', checksum: sha(damaged.bytes) }),
    ).rejects.toThrow(/does not match its checksum/);
    expect(fakes.graph.itemByPath(damaged.path, RECORD_LIBRARY)).toBe(item);
    expect(fakes.graph.itemByPath(damaged.path, SALARY_LIBRARY)).toBeUndefined();
  });
});
