import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.ts';
import { conversationAt } from '../helpers/factory.ts';
import { DEMO, startTestApp, type Client, type TestApp } from '../helpers/harness.ts';

interface Conflict {
  error: {
    code: string;
    details: { current: { value: string; version: number; updatedBy: string }; yourBaseVersion: number };
  };
}

for (const backend of await backends()) {
  describe(`optimistic concurrency (${backend.name})`, () => {
    let t: TestApp;
    let ola: Client;
    let per: Client;
    let id = '';

    beforeAll(async () => {
      t = await startTestApp(backend);
      ola = await t.as(DEMO.ola);
      per = await t.as(DEMO.per);
      id = (await conversationAt(t.as, 'held', { period: '2031' })).id;
    });
    afterAll(() => t.close());

    it('two saves from the same base version: one wins, the other gets 409 with the current text', async () => {
      const [a, b] = await Promise.all([
        ola('PUT', `/api/conversations/${id}/answers/struktur-1`, {
          value: 'Lederens tekst',
          baseVersion: 0,
        }),
        per('PUT', `/api/conversations/${id}/answers/struktur-1`, {
          value: 'Medarbeiderens tekst',
          baseVersion: 0,
        }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
      const winnerText = winner === a ? 'Lederens tekst' : 'Medarbeiderens tekst';
      const conflict = loser.body as unknown as Conflict;
      expect(conflict.error.code).toBe('VERSION_CONFLICT');
      expect(conflict.error.details.current).toMatchObject({ value: winnerText, version: 1 });

      // Nothing silently overwritten: the stored text is the winner's, and the loser can merge and save.
      const loserClient = loser === a ? ola : per;
      const loserText = winner === a ? 'Medarbeiderens tekst' : 'Lederens tekst';
      const merged = `${winnerText}\n${loserText}`;
      const retry = await loserClient('PUT', `/api/conversations/${id}/answers/struktur-1`, {
        value: merged,
        baseVersion: conflict.error.details.current.version,
      });
      expect(retry.status).toBe(200);
      const view = await ola<{
        sections: { fields: { id: string; answers: { shared?: { value: string; version: number } } }[] }[];
      }>('GET', `/api/conversations/${id}`);
      const stored = view.body.sections.flatMap((s) => s.fields).find((f) => f.id === 'struktur-1')!.answers
        .shared!;
      expect(stored).toMatchObject({ value: merged, version: 2 });
    });

    it('a burst of 20 saves from one base version stores exactly one', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? ola : per)('PUT', `/api/conversations/${id}/answers/struktur-2`, {
            value: `versjon ${i}`,
            baseVersion: 0,
          }),
        ),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(19);
      const winner = results.findIndex((r) => r.status === 200);
      for (const r of results.filter((x) => x.status === 409))
        expect((r.body as unknown as Conflict).error.details.current.value).toBe(`versjon ${winner}`);
    });

    it('sequential saves with the right base version all succeed', async () => {
      let version = 0;
      for (let i = 0; i < 5; i++) {
        const r = await per<{ answer: { version: number } }>(
          'PUT',
          `/api/conversations/${id}/answers/struktur-3`,
          { value: `utkast ${i}`, baseVersion: version },
        );
        expect(r.status).toBe(200);
        version = r.body.answer.version;
      }
      expect(version).toBe(5);
    });

    it('plan rows: the same cell from one version conflicts; different cells of a row never do', async () => {
      type Row = { id: string; version: number; cells: Record<string, string | null> };
      const row = await per<Row>('POST', `/api/conversations/${id}/items`, {
        fieldId: 'handlingsplan',
        cells: { mal: 'Første' },
      });
      const [x, y] = await Promise.all([
        per('PATCH', `/api/items/${row.body.id}`, {
          cells: { mal: 'Fra medarbeider' },
          cellVersions: { mal: 1 },
        }),
        ola('PATCH', `/api/items/${row.body.id}`, { cells: { mal: 'Fra leder' }, cellVersions: { mal: 1 } }),
      ]);
      expect([x.status, y.status].sort()).toEqual([200, 409]);
      const lost = (x.status === 409 ? x : y).body as unknown as Conflict;
      expect(lost.error.details.current).toMatchObject({ version: 2 });
      // Six cells written at once by two people, each from the cell's own version: all six stay.
      const cells = {
        hva: 'Søke kurs',
        hvem: DEMO.per,
        nar: '2027-05-01',
        resultat: 'Bestått',
        status: 'som',
      };
      const results = await Promise.all(
        Object.entries(cells).map(([column, value], i) =>
          (i % 2 ? ola : per)('PATCH', `/api/items/${row.body.id}`, {
            cells: { [column]: value },
            cellVersions: { [column]: 0 },
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
      const stored = await t.app.deps.store.item(row.body.id);
      expect(stored!.cells).toMatchObject(cells);
      expect(Object.keys(stored!.cells).sort()).toEqual(['hva', 'hvem', 'mal', 'nar', 'resultat', 'status']);
      // A removal names the row's version: a row changed since is not removed.
      expect((await ola('DELETE', `/api/items/${row.body.id}?version=${row.body.version}`)).status).toBe(409);
    });
  });
}
