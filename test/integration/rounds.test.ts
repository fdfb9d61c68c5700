// HR's rounds: who is in scope comes from the directory, and the coverage counts everyone in it,
// including people with no conversation at all. Names and stages only, never content.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundList, RoundScope, RoundView } from '../../src/contract/views.ts';
import { backends } from '../helpers/backends.ts';
import { path } from '../helpers/factory.ts';
import { DEMO, startTestApp, type TestApp } from '../helpers/harness.ts';

for (const backend of await backends()) {
  describe(`HR's rounds and their coverage (${backend.name})`, () => {
    let t: TestApp;
    let now = new Date('2026-11-24T09:00:00Z');
    beforeAll(async () => {
      t = await startTestApp(backend, {}, { clock: { now: () => now } });
    }, 120_000);
    afterAll(() => t?.close());

    it('the scope of a unit lists its people from the directory, its leader marked', async () => {
      const hr = await t.as(DEMO.hilde);
      const scope = await hr<RoundScope>('GET', path('previewRoundScope', {}, 'unitIds=helse'));
      expect(scope.status).toBe(200);
      expect(scope.body.people.map((p) => [p.name, p.leads])).toEqual([
        ['Ahmed Ali', false],
        ['Ingrid Berg', true],
        ['Jonas Nilsen', false],
        ['Marte Olsen', false],
      ]);
    });

    it('a unit with one employee without a conversation shows 2 of 3 and names that person', async () => {
      const hr = await t.as(DEMO.hilde);
      const created = await hr<RoundView>('POST', path('createRound'), {
        templateKey: 'medarbeidersamtale-10-faktor',
        period: '2026',
        deadline: '2026-12-15',
        unitIds: ['helse'],
        people: [DEMO.ahmed, DEMO.marte, DEMO.jonas],
      });
      expect(created.status).toBe(201);
      expect(created.body.units).toEqual([
        { unit: 'Helse og omsorg', inScope: 3, withConversation: 2, done: 0 },
      ]);
      expect(created.body.people).toEqual([
        { name: 'Ahmed Ali', unit: 'Helse og omsorg', status: 'held' },
        { name: 'Jonas Nilsen', unit: 'Helse og omsorg', status: null },
        { name: 'Marte Olsen', unit: 'Helse og omsorg', status: 'awaiting_signatures' },
      ]);
      // Names and stages: nothing of what anyone wrote.
      expect(JSON.stringify(created.body)).not.toMatch(/struktur|refleksjon|value/);

      const list = await hr<RoundList>('GET', path('listRounds', {}, 'period=2026'));
      expect(list.body.rounds).toMatchObject([
        {
          templateName: 'Medarbeidersamtale',
          deadline: '2026-12-15',
          units: ['Helse og omsorg'],
          inScope: 3,
          withConversation: 2,
          done: 0,
        },
      ]);
      expect(list.body.periods).toContain('2026');

      // Once Ingrid plans Jonas's conversation, he counts as having one.
      const ingrid = await t.as(DEMO.ingrid);
      const planned = await ingrid('POST', path('planConversation'), {
        templateKey: 'medarbeidersamtale-10-faktor',
        employeeOid: DEMO.jonas,
        period: '2026',
      });
      expect(planned.status).toBe(201);
      const again = await hr<RoundView>('GET', path('getRound', { id: created.body.round.id }));
      expect(again.body.round).toMatchObject({ inScope: 3, withConversation: 3 });
      expect(again.body.people.find((p) => p.name === 'Jonas Nilsen')?.status).toBe('planned');
    });

    it('refuses a round that cannot work, and anyone but HR', async () => {
      const hr = await t.as(DEMO.hilde);
      const base = {
        templateKey: 'medarbeidersamtale-10-faktor',
        period: '2026',
        deadline: '2026-12-15',
        unitIds: ['helse'],
        people: [DEMO.ahmed],
      };
      const refused = async (body: object) => (await hr('POST', path('createRound'), body)).status;
      expect(await refused({ ...base, deadline: '2026-11-01' })).toBe(422); // already passed
      expect(await refused({ ...base, deadline: '2029-01-01' })).toBe(422); // far outside the period
      expect(await refused({ ...base, people: [DEMO.per] })).toBe(422); // not in the chosen units
      expect(await refused({ ...base, templateKey: 'virksomhetsplan' })).toBe(404); // not a conversation
      const problem = await hr<{ error: { message: string } }>('POST', path('createRound'), {
        ...base,
        deadline: '2026-11-01',
      });
      expect(problem.body.error.message).toContain('Fristen må være i dag eller senere');

      for (const who of [DEMO.ingrid, DEMO.per, DEMO.anne]) {
        const other = await t.as(who);
        expect((await other('GET', path('listRounds'))).status).toBe(403);
        expect((await other('POST', path('createRound'), base)).status).toBe(403);
        expect((await other('GET', path('previewRoundScope', {}, 'unitIds=helse'))).status).toBe(403);
      }
    });

    it("a large round's people come a page at a time, everyone once, by unit and name", async () => {
      // 150 more people in Helse og omsorg, as the directory would bring them.
      await t.app.db.query(
        `insert into users (tid, oid, name, upn, unit_id, manager_oid, roles, active)
         select tid, 'extra-' || lpad(g::text, 3, '0'), 'Ekstra ' || lpad(g::text, 3, '0'), 'extra' || g || '@fjordvik.kommune.no',
                'helse', $1, '{}', true
           from users, generate_series(1, 150) g where oid = $1`,
        [DEMO.ingrid],
      );
      // The directory is read through a cache of 30 seconds.
      now = new Date(now.getTime() + 31_000);
      const hr = await t.as(DEMO.hilde);
      const scope = await hr<RoundScope>('GET', path('previewRoundScope', {}, 'unitIds=helse'));
      const people = scope.body.people.filter((p) => !p.leads).map((p) => p.oid);
      expect(people).toHaveLength(153);
      const created = await hr<RoundView>('POST', path('createRound'), {
        templateKey: 'medarbeidersamtale-10-faktor',
        period: '2026',
        deadline: '2026-12-18',
        unitIds: ['helse'],
        people,
      });
      expect(created.status).toBe(201);
      expect(created.body.round).toMatchObject({ inScope: 153, withConversation: 3 });
      expect(created.body.people).toHaveLength(100);
      const second = await hr<RoundView>(
        'GET',
        path('getRound', { id: created.body.round.id }, `after=${created.body.next ?? ''}`),
      );
      expect(second.status).toBe(200);
      expect(second.body.next).toBeNull();
      const names = [...created.body.people, ...second.body.people].map((p) => p.name);
      expect(names).toHaveLength(153);
      expect(new Set(names).size).toBe(153);
      expect(names.filter((n) => !n.startsWith('Ekstra'))).toEqual([
        'Ahmed Ali',
        'Jonas Nilsen',
        'Marte Olsen',
      ]);
      // A cursor that is not one of this list's is the caller's error.
      expect(
        (await hr('GET', path('getRound', { id: created.body.round.id }, 'after=bm90LWEtY3Vyc29y'))).status,
      ).toBe(400);
      await hr('DELETE', path('deleteRound', { id: created.body.round.id }));
    });

    it('a deleted round is gone from the list, and its conversations stay', async () => {
      const hr = await t.as(DEMO.hilde);
      const list = await hr<RoundList>('GET', path('listRounds', {}, 'period=2026'));
      const id = list.body.rounds[0]!.id;
      const after = await hr<RoundList>('DELETE', path('deleteRound', { id }));
      expect(after.status).toBe(200);
      expect(after.body.rounds).toEqual([]);
      expect((await hr('GET', path('getRound', { id }))).status).toBe(404);
      const [n] = await t.app.db.query<{ n: number }>(
        "select count(*)::int as n from conversations where employee_oid = $1 and status <> 'cancelled'",
        [DEMO.jonas],
      );
      expect(n!.n).toBe(1);
    });
  });
}
