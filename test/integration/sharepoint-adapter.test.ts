import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharePointArchive } from '../../src/adapters/archive/sharepoint.ts';
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
  readers: { oids: [DEMO.ola, DEMO.per], group: del === 'salary' ? 'HR.Salary' : 'HR' },
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
      library: 'Samtalearkiv',
      salaryGroupId: HR_SALARY_GROUP,
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
      expect(results.map((r) => r.resourceUnits).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(8 * 9);
    },
  );

  it('putting the same copy again leaves the file alone and keeps the readers', async () => {
    const { archive } = adapter(fakes);
    const first = copy(10, randomBytes(3000), 'salary');
    await archive.put(first);
    const again = await archive.put(first);
    expect(again.created).toBe(false);
    const item = fakes.graph.itemByPath(first.path)!;
    expect(item.writes).toBe(1);
    expect(item.permissions.map((p) => p.principal).sort()).toEqual(
      [DEMO.ola, DEMO.per, HR_SALARY_GROUP].sort(),
    );
    expect(item.permissions.some((p) => p.principal === HR_GROUP)).toBe(false);
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
        expect(first.stdout).toContain('Per periode og samtaletype');
        const second = await run();
        expect(second.stdout).toContain('library "Samtalearkiv": exists');
        expect(second.stdout).toContain('columns added: none (all present)');
        expect(second.stdout).toContain('views added: none (all present)');
        const local = await cli(['archive', 'provision'], {});
        expect(local.status).toBe(1);
        expect(local.stderr).toContain('ARCHIVE_BACKEND=sharepoint');
      } finally {
        await fresh.close();
      }
    },
  );
});
