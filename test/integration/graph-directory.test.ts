import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphDirectory } from '../../src/adapters/directory/graph-directory.ts';
import { appGraph } from '../../src/adapters/graph/app-graph.ts';
import { createLogger } from '../../src/logger.ts';
import { DEMO_TENANT_ID } from '../../src/seed/demo-organisation.ts';
import type { FakeUser } from '../fakes/graph.ts';
import { SAMTALE_APP, startM365Fakes, type M365Fakes } from '../helpers/m365.ts';

// A municipality of 1 000: one chief, 20 unit leaders under her, the rest spread over the units.
const oid = (i: number) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
const people: FakeUser[] = Array.from({ length: 1000 }, (_, i) => ({
  id: oid(i),
  displayName: `Ansatt ${i}`,
  userPrincipalName: `ansatt${i}@fjordvik.example`,
  department: i === 0 ? 'Rådmannens stab' : `Enhet ${i % 20}`,
  managerId: i === 0 ? null : i <= 20 ? oid(0) : oid((i % 20) + 1),
  accountEnabled: i !== 999,
}));

describe('the Graph directory adapter against the Graph fake', () => {
  let fakes: M365Fakes;
  const directory = () =>
    graphDirectory(
      appGraph({
        tenantId: DEMO_TENANT_ID,
        ...SAMTALE_APP,
        authorityHost: fakes.entra.url,
        graphUrl: fakes.graph.url,
        logger: createLogger('silent'),
      }),
      DEMO_TENANT_ID,
    );
  beforeAll(async () => {
    fakes = await startM365Fakes({ directory: people });
    // A tight budget so reading the tenant is throttled (429 + Retry-After) on the way.
    fakes.graph.setBudget({ resourceUnits: 4, windowMs: 1000 });
  });
  afterAll(() => fakes?.close());

  it(
    'reads all 1 000 people across pages (999 at most per page), with only the fields it uses',
    { timeout: 30_000 },
    async () => {
      const before = fakes.graph.directoryRequests.length;
      const users = await directory().users(DEMO_TENANT_ID);
      expect(users).toHaveLength(999); // one account is disabled
      expect(new Set(users.map((u) => u.oid)).size).toBe(999);
      const requests = fakes.graph.directoryRequests.slice(before).filter((r) => r.path === '/users');
      expect(requests.length).toBeGreaterThanOrEqual(2);
      for (const r of requests)
        expect(r.select).toEqual(['id', 'displayName', 'userPrincipalName', 'department', 'accountEnabled']);
      expect(users.find((u) => u.oid === people[25]!.id)).toMatchObject({
        name: 'Ansatt 25',
        unitId: 'enhet-5',
        managerOid: people[6]!.id,
      });
    },
  );

  it('waits out throttling (429 with Retry-After) instead of failing', { timeout: 30_000 }, async () => {
    const throttled = fakes.graph.stats.throttled;
    const d = directory();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => d.user(DEMO_TENANT_ID, people[i + 1]!.id)),
    );
    expect(results.every((u) => u !== undefined)).toBe(true);
    expect(fakes.graph.stats.throttled).toBeGreaterThan(throttled);
  });

  it(
    'direct reports and units come from Entra; a changed manager shows on the next read',
    { timeout: 30_000 },
    async () => {
      const d = directory();
      const reports = await d.directReports(DEMO_TENANT_ID, people[3]!.id);
      expect(reports.map((r) => r.oid)).toContain(people[22]!.id);
      expect((await d.units(DEMO_TENANT_ID)).map((u) => u.name)).toContain('Rådmannens stab');
      people[22]!.managerId = people[4]!.id;
      expect((await d.user(DEMO_TENANT_ID, people[22]!.id))?.managerOid).toBe(people[4]!.id);
      expect((await d.directReports(DEMO_TENANT_ID, people[3]!.id)).map((r) => r.oid)).not.toContain(
        people[22]!.id,
      );
      expect(await d.user(DEMO_TENANT_ID, '00000000-0000-4000-9000-999999999999')).toBeUndefined();
      expect(await d.user('another-tenant', people[1]!.id)).toBeUndefined();
    },
  );
});
