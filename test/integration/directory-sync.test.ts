// The directory kept in step with Entra ID by Graph delta rounds, against the Graph fake: a municipality
// of 50 000 in the first round, then a round of 100 changes (a manager change moves a conversation not
// yet held), a reset (410) answered by a full round, a round cut short that goes on where it stopped,
// and a newcomer who signs in between two rounds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryCopy } from '../../src/adapters/directory/db-directory.ts';
import { graphDirectorySource } from '../../src/adapters/directory/graph-directory.ts';
import { appGraph } from '../../src/adapters/graph/app-graph.ts';
import { createLogger } from '../../src/logger.ts';
import { DEMO_TENANT_ID } from '../../src/seed/demo-organisation.ts';
import { syncDirectory } from '../../src/usecases/sync-directory.ts';
import type { DirectorySource } from '../../src/ports.ts';
import type { FakeUser } from '../fakes/graph.ts';
import { backends } from '../helpers/backends.ts';
import { startTestApp, type TestApp } from '../helpers/harness.ts';
import { SAMTALE_APP, startM365Fakes, type M365Fakes } from '../helpers/m365.ts';

const PEOPLE = 50_000;
// One chief, 100 unit leaders under her, everyone else in a unit under its leader.
const oid = (i: number) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
const person = (i: number): FakeUser => ({
  id: oid(i),
  displayName: `Ansatt ${i}`,
  userPrincipalName: `ansatt${i}@oslo.example`,
  department: i === 0 ? 'Byrådsavdelingen' : `Enhet ${i % 100}`,
  managerId: i === 0 ? null : i <= 100 ? oid(0) : oid((i % 100) + 1),
  accountEnabled: i !== PEOPLE - 1,
});

for (const backend of await backends()) {
  describe(`directory sync from Graph delta rounds (${backend.name})`, () => {
    let fakes: M365Fakes;
    let t: TestApp;
    const source = (): DirectorySource =>
      graphDirectorySource(
        appGraph({
          tenantId: DEMO_TENANT_ID,
          ...SAMTALE_APP,
          authorityHost: fakes.entra.url,
          graphUrl: fakes.graph.url,
          logger: createLogger('silent'),
        }),
        DEMO_TENANT_ID,
      );
    const active = async () =>
      (
        await t.app.db.query<{ n: number }>(
          'select count(*)::int as n from users where tid = $1 and active',
          [DEMO_TENANT_ID],
        )
      )[0]!.n;
    const row = async (i: number) =>
      (
        await t.app.db.query<{
          name: string;
          unit_id: string | null;
          manager_oid: string | null;
          active: boolean;
        }>('select name, unit_id, manager_oid, active from users where tid = $1 and oid = $2', [
          DEMO_TENANT_ID,
          oid(i),
        ])
      )[0];

    beforeAll(async () => {
      fakes = await startM365Fakes({ directory: Array.from({ length: PEOPLE }, (_, i) => person(i)) });
      // The harness waits for the first round (the one the app starts at boot, then one more).
      t = await startTestApp(backend, fakes.env, { token: (o) => fakes.token(o) });
    }, 300_000);
    afterAll(async () => {
      await t?.close();
      await fakes?.close();
    });

    it('the first round brings all 50 000, with managers and units, asking only for the fields used', async () => {
      expect(await active()).toBe(PEOPLE - 1); // one account is disabled
      expect(await row(PEOPLE - 1)).toMatchObject({ active: false });
      expect(await row(2_345)).toEqual({
        name: 'Ansatt 2345',
        unit_id: 'enhet-45',
        manager_oid: oid(46),
        active: true,
      });
      const units = await t.app.deps.directory.units(DEMO_TENANT_ID);
      expect(units).toHaveLength(101);
      expect((await t.app.deps.directory.directReports(DEMO_TENANT_ID, oid(0))).length).toBe(100);
      const firsts = fakes.graph.directoryRequests.filter(
        (r) => r.path === '/users/delta' && r.select.length > 0,
      );
      expect(firsts.length).toBeGreaterThan(0);
      for (const r of firsts)
        expect(r.select.sort()).toEqual([
          'accountEnabled',
          'department',
          'displayName',
          'manager',
          'userPrincipalName',
        ]);
      // Every page after the first follows the round's own links: 250 pages of 200.
      const state = await directoryCopy(t.app.db).syncState(DEMO_TENANT_ID);
      expect(state).toMatchObject({ nextLink: null, fullRound: false });
      expect(state?.deltaLink).toMatch(/deltatoken=/);
    });

    it('one round of 100 changes: names, units, newcomers, leavers, and a manager change moving a conversation not yet held', async () => {
      // Leader 7 plans a conversation with employee 306 (in unit 6, led by 7); then 306 moves to leader 8.
      const leader = await t.as(oid(7));
      const planned = await leader<{ id: string }>('POST', '/api/conversations', {
        templateKey: 'medarbeidersamtale-10-faktor',
        employeeOid: oid(306),
        period: '2027',
      });
      expect(planned.status).toBe(201);
      for (let i = 1_000; i < 1_060; i++) fakes.graph.updateUser(oid(i), { displayName: `Ny ${i}` });
      for (let i = 2_000; i < 2_019; i++) fakes.graph.updateUser(oid(i), { department: 'Bydel Frogner' });
      fakes.graph.updateUser(oid(306), { managerId: oid(8) });
      for (let i = 0; i < 10; i++) fakes.graph.addUser(person(PEOPLE + i));
      for (let i = 3_000; i < 3_010; i++) fakes.graph.removeUser(oid(i));
      const pagesBefore = fakes.graph.directoryRequests.length;

      const r = await t.app.syncDirectory();
      expect(r).toMatchObject({
        full: false,
        pages: 1,
        people: 100,
        changed: 90,
        left: 10,
        restarts: 0,
        moved: 1,
      });
      expect(fakes.graph.directoryRequests.length - pagesBefore).toBe(1);
      expect(await active()).toBe(PEOPLE - 1 + 10 - 10);
      expect((await row(1_001))?.name).toBe('Ny 1001');
      expect(await row(2_005)).toMatchObject({
        unit_id: 'bydel-frogner',
        name: 'Ansatt 2005',
        manager_oid: oid(6),
      });
      // A leaver keeps their name for the conversations they took part in, but is no longer found.
      expect(await row(3_003)).toMatchObject({ name: 'Ansatt 3003', active: false });
      expect(await t.app.deps.directory.user(DEMO_TENANT_ID, oid(3_003))).toBeUndefined();
      expect((await t.app.deps.store.conversation(planned.body.id))?.leaderOid).toBe(oid(8));
      const audit = (await t.app.deps.store.auditTrail()).events.filter(
        (e) => e.action === 'conversation.leader-changed' && e.subject === planned.body.id,
      );
      expect(audit.map((e) => e.data)).toEqual([{ from: oid(7), to: oid(8) }]);
    });

    it(
      'a reset (410) starts a full round, and anyone gone meanwhile is gone after it',
      { timeout: 120_000 },
      async () => {
        fakes.graph.expireDeltaLinks();
        fakes.graph.removeUser(oid(4_000));
        // Throttled on the way (429 with Retry-After): the round waits and goes on.
        const throttled = fakes.graph.stats.throttled;
        fakes.graph.throttleNext(2);
        const r = await t.app.syncDirectory();
        expect(r).toMatchObject({ full: true, restarts: 1, moved: 0 });
        expect(r?.people).toBe(PEOPLE - 1);
        expect(r?.left).toBe(1);
        expect(fakes.graph.stats.throttled - throttled).toBe(2);
        expect(await row(4_000)).toMatchObject({ active: false });
        expect(await active()).toBe(PEOPLE - 2);
      },
    );

    it(
      'a round cut short goes on from its last page; a second sync meanwhile is told another is under way',
      { timeout: 120_000 },
      async () => {
        fakes.graph.expireDeltaLinks();
        const real = source();
        let pages = 0;
        const cut: DirectorySource = {
          ...real,
          async deltaPage(link) {
            if (++pages > 5) throw new Error('connection reset');
            return real.deltaPage(link);
          },
        };
        const copy = directoryCopy(t.app.db);
        await expect(syncDirectory(t.app.deps, cut, copy)).rejects.toThrow('connection reset');
        const midway = await copy.syncState(DEMO_TENANT_ID);
        expect(midway).toMatchObject({ fullRound: true });
        expect(midway?.nextLink).toMatch(/skiptoken=/);

        // Held by someone else: the sync says so rather than interleaving its pages.
        expect(await copy.claim(DEMO_TENANT_ID, 'another instance', 60_000)).toBe(true);
        expect(await syncDirectory(t.app.deps, real, copy)).toBe('busy');
        await copy.release(DEMO_TENANT_ID, 'another instance');

        const rest = await syncDirectory(t.app.deps, real, copy);
        expect(rest).not.toBe('busy');
        if (rest === 'busy') return;
        expect(rest).toMatchObject({ full: true, restarts: 0, left: 0 });
        // The first call met the expired link (410); the 4 pages of 200 after it were not asked for again.
        expect(rest.people).toBe(PEOPLE - 1 - 4 * 200);
        expect(await active()).toBe(PEOPLE - 2);
      },
    );

    it('a leader of 100 sees their team a page of 50 at a time, by name, each person once', async () => {
      const chief = await t.as(oid(0));
      type Team = { members: { oid: string; name: string }[]; total: number; next: string | null };
      const first = await chief<Team>('GET', '/api/team?period=2027');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ total: 100 });
      expect(first.body.members).toHaveLength(50);
      const second = await chief<Team>('GET', `/api/team?period=2027&after=${first.body.next}`);
      expect(second.body.members).toHaveLength(50);
      expect(second.body.next).toBeNull();
      const names = [...first.body.members, ...second.body.members].map((m) => m.name);
      expect(new Set(names).size).toBe(100);
      expect(names).toEqual([...names].sort());
      expect((await chief('GET', '/api/team?after=bm90LWEtY3Vyc29y')).status).toBe(400);
    });

    it('someone who joins between two rounds can sign in at once: read once from Graph, kept in the copy', async () => {
      const newcomer = { ...person(PEOPLE + 100), displayName: 'Nora Nykommer' };
      fakes.graph.addUser(newcomer);
      const me = await (
        await t.as(newcomer.id)
      )<{ name: string; manager: { name: string } | null }>('GET', '/api/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ name: 'Nora Nykommer', manager: { name: 'Ansatt 1' } });
      expect((await row(PEOPLE + 100))?.active).toBe(true);
      // Someone Entra does not know is refused, and asked for once, not on every request.
      const stranger = await fakes.token('00000000-0000-4000-9000-999999999999');
      const before = fakes.graph.directoryRequests.length;
      for (let i = 0; i < 3; i++)
        expect((await t.call('GET', '/api/me', { token: stranger })).status).toBe(401);
      expect(fakes.graph.directoryRequests.length - before).toBe(1);
    });
  });
}
