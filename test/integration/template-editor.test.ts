// The template editor's endpoint: an admin reads the organisation's current version of a template with
// its core parts and the count of conversations under way; nobody else may. Saving a version changes
// what new conversations get, never the running ones, and a core part is still refused by the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import { backends } from '../helpers/backends.ts';
import { conversationAt, path } from '../helpers/factory.ts';
import { DEMO, DEMO_TENANT_ID, startTestApp, type Client, type TestApp } from '../helpers/harness.ts';

type Editable = ResponseOf<'getEditableTemplate'>;
type View = ResponseOf<'getConversation'>;
const KEY = 'medarbeidersamtale-10-faktor';
const ADDED = {
  id: 'egen-trivsel',
  label: 'Trivsel på arbeidsplassen',
  kind: 'text',
  writer: 'either',
  visibility: 'shared',
  guide: [{ text: 'Hva gjør at du trives?' }],
} as const;

/** The organisation's nynorsk words for a core section and its first core field. */
const NYNORSK = {
  section: { title: 'Struktur for samtalen (nynorsk)', guide: [{ text: 'Kva vil du snakke om?' }] },
  field: { label: '1. Korleis har det siste året vore for deg?', guide: [{ text: 'Kva har du fått til?' }] },
} as const;

const fieldsOf = (v: View) => v.definition.sections.flatMap((s) => s.fields.map((f) => f.id));

for (const backend of await backends()) {
  describe(`the template editor's endpoint (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    beforeAll(async () => {
      t = await startTestApp(backend);
      admin = await t.as(DEMO.anne);
    });
    afterAll(() => t.close());

    /** The running conversations with the template, counted in the database itself. */
    const runningInDb = async () =>
      (
        await t.app.db.query<{ n: number }>(
          `select count(*)::int as n from conversations where tid = $1 and template_key = $2
             and status in ('planned','preparing','held','awaiting_signatures')`,
          [DEMO_TENANT_ID, KEY],
        )
      )[0]!.n;

    it('admin only: everyone else gets 403, and the menu entry follows the same rule', async () => {
      const others = [DEMO.per, DEMO.ola, DEMO.kari, DEMO.hilde, DEMO.lars];
      for (const who of others) {
        const as = await t.as(who);
        const r = await as('GET', path('getEditableTemplate', { key: KEY }));
        expect(r.status, who).toBe(403);
        expect(r.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
        expect((await as<{ canEditTemplates: boolean }>('GET', path('getMe'))).body.canEditTemplates).toBe(
          false,
        );
      }
      expect((await admin<{ canEditTemplates: boolean }>('GET', path('getMe'))).body.canEditTemplates).toBe(
        true,
      );
      expect((await admin('GET', path('getEditableTemplate', { key: 'finnes-ikke' }))).status).toBe(404);
    });

    it("answers the organisation's current version, its core parts and the running count", async () => {
      const r = await admin<Editable>('GET', path('getEditableTemplate', { key: KEY }));
      expect(r.status).toBe(200);
      expect(r.body.customised).toBe(false);
      expect(r.body.template.key).toBe(KEY);
      expect(r.body.core.sectionIds).toContain('struktur');
      expect(r.body.core.fieldIds).toEqual(
        expect.arrayContaining(['struktur-1', 'faktor-1-samtale', 'handlingsplan']),
      );
      expect(r.body.running).toBe(await runningInDb());
      expect(r.body.running).toBeGreaterThan(0);
    });

    it('a saved version reaches new conversations only; removing a core field is still refused', async () => {
      const before = (await admin<Editable>('GET', path('getEditableTemplate', { key: KEY }))).body;
      const running = await conversationAt(t.as, 'preparing', { period: '2041' });
      expect((await admin<Editable>('GET', path('getEditableTemplate', { key: KEY }))).body.running).toBe(
        before.running + 1,
      );

      const sections = before.template.sections.map((s) =>
        s.id === 'struktur' ? { ...s, fields: [...s.fields, ADDED] } : s,
      );
      const saved = await admin('PUT', path('customiseTemplate', { key: KEY }), { sections });
      expect(saved.status).toBe(200);
      const after = (await admin<Editable>('GET', path('getEditableTemplate', { key: KEY }))).body;
      expect(after.customised).toBe(true);
      expect(after.template.version).not.toBe(before.template.version);
      expect(after.template.sections.find((s) => s.id === 'struktur')!.fields.at(-1)).toEqual(ADDED);
      // The core stays the built-in's, whatever the organisation's version holds.
      expect(after.core).toEqual(before.core);

      const planned = await conversationAt(t.as, 'planned', { period: '2041', employee: DEMO.silje });
      expect(fieldsOf(planned.view)).toContain(ADDED.id);
      const ola = await t.as(DEMO.ola);
      expect(
        fieldsOf((await ola<View>('GET', path('getConversation', { id: running.id }))).body),
      ).not.toContain(ADDED.id);
      expect((await admin<Editable>('GET', path('getEditableTemplate', { key: KEY }))).body.running).toBe(
        before.running + 2,
      );

      const withoutCore = after.template.sections.map((s) =>
        s.id === 'struktur' ? { ...s, fields: s.fields.filter((f) => f.id !== 'struktur-1') } : s,
      );
      const refused = await admin('PUT', path('customiseTemplate', { key: KEY }), { sections: withoutCore });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        error: {
          code: 'TEMPLATE_CORE_REMOVED',
          details: { problems: [{ kind: 'core-field-removed', id: 'struktur-1' }] },
        },
      });
      expect((await admin<Editable>('GET', path('getEditableTemplate', { key: KEY }))).body.template).toEqual(
        after.template,
      );
    });

    it('nynorsk words on a core section and field are taken; new conversations carry them, running ones not', async () => {
      const before = (await admin<Editable>('GET', path('getEditableTemplate', { key: KEY }))).body;
      const running = await conversationAt(t.as, 'preparing', { period: '2042' });

      const sections = before.template.sections.map((s) =>
        s.id === 'struktur'
          ? {
              ...s,
              nn: NYNORSK.section,
              fields: s.fields.map((f) => (f.id === 'struktur-1' ? { ...f, nn: NYNORSK.field } : f)),
            }
          : s,
      );
      const saved = await admin<ResponseOf<'customiseTemplate'>>(
        'PUT',
        path('customiseTemplate', { key: KEY }),
        {
          sections,
        },
      );
      expect(saved.status).toBe(200);
      const struktur = (v: { sections: View['definition']['sections'] }) =>
        v.sections.find((s) => s.id === 'struktur')!;
      // A translation is no change to the core: the seed's bokmål stays as written, beside the nynorsk.
      const field = struktur(saved.body).fields.find((f) => f.id === 'struktur-1')!;
      expect(field.label).toBe('1. Hvordan har det siste året vært for deg?');
      expect(field.nn).toEqual(NYNORSK.field);
      expect(struktur(saved.body).nn).toEqual(NYNORSK.section);
      const after = (await admin<Editable>('GET', path('getEditableTemplate', { key: KEY }))).body;
      expect(after.template).toEqual(saved.body);
      expect(after.core).toEqual(before.core);

      const planned = await conversationAt(t.as, 'planned', { period: '2042', employee: DEMO.silje });
      expect(planned.view.definition.version).toBe(saved.body.version);
      expect(struktur(planned.view.definition).nn).toEqual(NYNORSK.section);
      expect(struktur(planned.view.definition).fields.find((f) => f.id === 'struktur-1')!.nn).toEqual(
        NYNORSK.field,
      );
      // The version begun with is read back from its snapshot: reading it again still has them.
      const ola = await t.as(DEMO.ola);
      const again = (await ola<View>('GET', path('getConversation', { id: planned.id }))).body;
      expect(struktur(again.definition).fields.find((f) => f.id === 'struktur-1')!.nn).toEqual(NYNORSK.field);

      const old = (await ola<View>('GET', path('getConversation', { id: running.id }))).body;
      expect(old.definition.version).toBe(before.template.version);
      expect(struktur(old.definition).nn).toBeUndefined();
      expect(struktur(old.definition).fields.every((f) => f.nn === undefined)).toBe(true);

      // An empty nynorsk text is no text: refused by the contract, not stored as a blank heading.
      const blank = sections.map((s) => (s.id === 'struktur' ? { ...s, nn: { title: '' } } : s));
      expect((await admin('PUT', path('customiseTemplate', { key: KEY }), { sections: blank })).status).toBe(
        400,
      );
    });
  });
}
