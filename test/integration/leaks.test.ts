// The leaks an outside test found (issue 12), each as a test: a plan row owned by someone who is not
// a party, Punkt 4 routed into a normal section, text the database cannot store, and no caps.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import type { Section } from '../../src/domain/templates/model.ts';
import { backends } from '../helpers/backends.ts';
import { conversationAt, path } from '../helpers/factory.ts';
import { DEMO, startTestApp, waitForArchiving, type TestApp } from '../helpers/harness.ts';

type ErrorReply = { error: { code: string; message: string } };
const codeOf = (body: unknown) => (body as ErrorReply).error.code;

for (const backend of await backends()) {
  describe(`leaks closed (${backend.name})`, () => {
    let t: TestApp;
    let period = 6000;
    beforeAll(async () => {
      t = await startTestApp(backend);
      await waitForArchiving(t);
    });
    afterAll(() => t.close());

    it('a row names only a party; an owner from before who is not a party reads and changes nothing', async () => {
      const made = await conversationAt(t.as, 'held', {
        period: String(period++),
        items: [{ fieldId: 'handlingsplan', cells: { mal: 'Bedre rutiner', hvem: DEMO.per } }],
      });
      const ola = await t.as(DEMO.ola);
      for (const hvem of [DEMO.ingrid, 'finnes-ikke-0000']) {
        const added = await ola('POST', path('addActionItem', { id: made.id }), {
          fieldId: 'handlingsplan',
          cells: { mal: 'Et mål', hvem },
        });
        expect(added.status).toBe(422);
        expect(codeOf(added.body)).toBe('ITEM_OWNER_NOT_PARTY');
      }
      const row = made.items[0]!;
      const moved = await ola('PATCH', path('updateActionItem', { id: row.id }), {
        cells: { hvem: DEMO.ingrid },
        cellVersions: { hvem: 1 },
      });
      expect(moved.status).toBe(422);
      // The leader may own a row too.
      const mine = await ola<ResponseOf<'addActionItem'>>('POST', path('addActionItem', { id: made.id }), {
        fieldId: 'handlingsplan',
        cells: { mal: 'Lederens mål', hvem: DEMO.ola },
      });
      expect(mine.status).toBe(201);
      expect(mine.body.ownerOid).toBe(DEMO.ola);

      // A signed record whose row names a third person, as rows could before this was checked.
      const signed = await conversationAt(t.as, 'signed', {
        period: String(period++),
        items: [{ fieldId: 'handlingsplan', cells: { mal: 'Gammel rad', hvem: DEMO.per } }],
      });
      const old = signed.items[0]!;
      await t.app.db.query('update action_items set owner_oid = $2 where id = $1', [old.id, DEMO.ingrid]);
      const ingrid = await t.as(DEMO.ingrid);
      const tried = await ingrid('POST', path('recordFollowUp', { id: old.id }), {
        status: 'achieved',
        comment: 'Ferdig',
        baseVersion: old.version,
      });
      expect([403, 404]).toContain(tried.status);
      expect(JSON.stringify(tried.body)).not.toContain('Gammel rad');
      const list = await ingrid<ResponseOf<'listMyFollowUp'>>('GET', path('listMyFollowUp'));
      expect(list.body.items.filter((i) => i.conversationId === signed.id)).toEqual([]);
      const [stored] = await t.app.db.query<{ status: string }>(
        'select status from action_items where id = $1',
        [old.id],
      );
      expect(stored!.status).toBe('open');
    });

    it('customisation never moves Punkt 4: a core field keeps its source, no field takes from another sensitivity', async () => {
      const anne = await t.as(DEMO.anne);
      const base = (
        await anne<ResponseOf<'getTemplate'>>('GET', path('getTemplate', { key: 'kontraktsamtale' }))
      ).body;
      const sections = base.sections as Section[];
      const put = (s: Section[]) =>
        anne('PUT', path('customiseTemplate', { key: 'kontraktsamtale' }), { sections: s });

      // Punkt 1 (normal) fed from Punkt 4 instead of last year's Punkt 3.
      const rerouted = sections.map((s) =>
        s.id === 'punkt-1'
          ? {
              ...s,
              fields: s.fields.map((f, i) =>
                i === 0 ? { ...f, prefillFrom: 'p4-arbeidsgivers-vurdering' } : f,
              ),
            }
          : s,
      );
      let r = await put(rerouted);
      expect(r.status).toBe(422);
      expect(codeOf(r.body)).toBe('TEMPLATE_PREFILL_FORBIDDEN');

      const extra = (sensitivity: Section['sensitivity']): Section => ({
        id: 'ekstra',
        title: 'Oppsummering fra i fjor',
        core: false,
        sensitivity,
        fields: [
          {
            id: 'ekstra-fjor',
            label: 'Fra i fjor',
            kind: 'text',
            writer: 'leader',
            visibility: 'shared',
            prefillFrom: 'p4-oppsummerte-kommentarer',
          },
        ],
      });
      r = await put([...sections, extra('normal')]);
      expect(r.status).toBe(422);
      expect(codeOf(r.body)).toBe('TEMPLATE_PREFILL_FORBIDDEN');
      // A new salary section may take from Punkt 4: the text stays as protected as it was.
      r = await put([...sections, extra('salary')]);
      expect(r.status).toBe(200);
    });

    it('text the database cannot store (NUL, a lone surrogate) is refused everywhere text enters, nothing stored', async () => {
      const held = await conversationAt(t.as, 'held', {
        period: String(period++),
        items: [{ fieldId: 'handlingsplan', cells: { mal: 'Rad' } }],
      });
      const signed = await conversationAt(t.as, 'signed', {
        period: String(period++),
        items: [{ fieldId: 'handlingsplan', cells: { mal: 'Signert rad', hvem: DEMO.per } }],
      });
      const base = (
        await (
          await t.as(DEMO.anne)
        )<ResponseOf<'getTemplate'>>('GET', path('getTemplate', { key: 'kontraktsamtale' }))
      ).body.sections as Section[];
      const row = held.items[0]!;
      const inputs: { as: string; method: string; path: string; body: (s: string) => unknown }[] = [
        {
          as: DEMO.per,
          method: 'PUT',
          path: path('saveAnswer', { id: held.id, fieldId: 'struktur-1' }),
          body: (s) => ({ value: s, baseVersion: 0 }),
        },
        {
          as: DEMO.ola,
          method: 'POST',
          path: path('addActionItem', { id: held.id }),
          body: (s) => ({ fieldId: 'handlingsplan', cells: { mal: s } }),
        },
        {
          as: DEMO.ola,
          method: 'PATCH',
          path: path('updateActionItem', { id: row.id }),
          body: (s) => ({ cells: { mal: s }, cellVersions: { mal: 1 } }),
        },
        {
          as: DEMO.per,
          method: 'POST',
          path: path('recordFollowUp', { id: signed.items[0]!.id }),
          body: (s) => ({ status: 'partly', comment: s, baseVersion: signed.items[0]!.version }),
        },
        {
          as: DEMO.anne,
          method: 'PUT',
          path: path('customiseTemplate', { key: 'kontraktsamtale' }),
          body: (s) => ({
            sections: [...base, { id: 'ny', title: s, core: false, sensitivity: 'normal', fields: [] }],
          }),
        },
      ];
      const fingerprint = async () =>
        JSON.stringify(
          await t.app.db.query(
            `select (select count(*)::int from answers) a, (select coalesce(md5(string_agg(cells::text || status || coalesce(status_comment, ''), '|' order by id)), '') from action_items) i,
                    (select count(*)::int from template_customisations) c`,
          ),
        );
      const before = await fingerprint();
      const bad = fc
        .tuple(
          fc.string({ maxLength: 30 }),
          fc.constantFrom('\u0000', '\uD800', '\uDFFF', 'a\uDBFFb'),
          fc.string({ maxLength: 30 }),
        )
        .map(([a, b, c]) => a + b + c);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...inputs), bad, async (input, text) => {
          const r = await (await t.as(input.as))(input.method, input.path, input.body(text));
          expect(r.status, `${input.method} ${input.path}`).toBe(400);
          expect(codeOf(r.body)).toBe('TEXT_INVALID_CHARACTERS');
        }),
        { numRuns: 40 },
      );
      expect(await fingerprint()).toBe(before);
      // A surrogate pair (an emoji) is a character like any other.
      const ok = await (
        await t.as(DEMO.per)
      )('PUT', path('saveAnswer', { id: held.id, fieldId: 'struktur-1' }), {
        value: 'Bra år 😀',
        baseVersion: 0,
      });
      expect(ok.status).toBe(200);
    });

    it('caps: 100 rows per plan field and 10 000 characters per answer, each refused with a clear error', async () => {
      const made = await conversationAt(t.as, 'held', { period: String(period++) });
      const ola = await t.as(DEMO.ola);
      for (let i = 1; i <= 100; i++) {
        const r = await ola('POST', path('addActionItem', { id: made.id }), {
          fieldId: 'handlingsplan',
          cells: { mal: `Mål ${i}` },
        });
        expect(r.status).toBe(201);
      }
      const over = await ola('POST', path('addActionItem', { id: made.id }), {
        fieldId: 'handlingsplan',
        cells: { mal: 'Ett for mye' },
      });
      expect(over.status).toBe(422);
      expect(codeOf(over.body)).toBe('TOO_MANY_ITEMS');
      expect((over.body as ErrorReply).error.message).toBe(
        'Planen har nådd største antall rader (100). Fjern en rad før du legger til en ny.',
      );

      const save = (value: string) =>
        ola('PUT', path('saveAnswer', { id: made.id, fieldId: 'struktur-1' }), { value, baseVersion: 0 });
      const long = await save('x'.repeat(10_001));
      expect(long.status).toBe(422);
      expect(codeOf(long.body)).toBe('TEXT_TOO_LONG');
      expect((await save('x'.repeat(10_000))).status).toBe(200);
      const longCell = await ola('POST', path('addActionItem', { id: made.id }), {
        fieldId: 'handlingsplan',
        cells: { mal: 'y'.repeat(10_001) },
      });
      expect(codeOf(longCell.body)).toBe('TEXT_TOO_LONG');
    });
  });
}
