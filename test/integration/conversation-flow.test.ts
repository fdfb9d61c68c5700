import type { ResponseOf } from '../../src/contract/endpoints.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.ts';
import { DEMO, startTestApp, type Client, type TestApp } from '../helpers/harness.ts';

type View = ResponseOf<'getConversation'>;

const field = (v: View, id: string) => v.sections.flatMap((s) => s.fields).find((f) => f.id === id);

for (const backend of await backends()) {
  describe(`a medarbeidersamtale from plan to locked record (${backend.name})`, () => {
    let t: TestApp;
    let ola: Client;
    let per: Client;
    let id = '';

    beforeAll(async () => {
      t = await startTestApp(backend);
      ola = await t.as(DEMO.ola);
      per = await t.as(DEMO.per);
    });
    afterAll(() => t.close());

    const view = async (c: Client) => (await c<View>('GET', `/api/conversations/${id}`)).body;

    it('the leader plans a conversation next year with a direct report', async () => {
      const res = await ola<{ id: string; status: string; parties: { employee: { name: string } } }>(
        'POST',
        '/api/conversations',
        {
          templateKey: 'medarbeidersamtale-10-faktor',
          employeeOid: DEMO.per,
          period: '2027',
          scheduledAt: '2027-02-01',
        },
      );
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('planned');
      expect(res.body.parties.employee.name).toBe('Per Johansen');
      id = res.body.id;
      const again = await ola('POST', '/api/conversations', {
        templateKey: 'medarbeidersamtale-10-faktor',
        employeeOid: DEMO.per,
        period: '2027',
      });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ error: { code: 'CONVERSATION_EXISTS' } });
    });

    it('errors speak bokmål by default and English on request', async () => {
      const nb = await t.call('GET', `/api/conversations/${id}`);
      expect(nb.body).toMatchObject({ error: { code: 'UNAUTHENTICATED', message: 'Du må logge inn.' } });
      const en = await t.call('GET', `/api/conversations/${id}`, {
        headers: { 'accept-language': 'en-GB,en;q=0.9' },
      });
      expect(en.body).toMatchObject({ error: { code: 'UNAUTHENTICATED', message: 'You must sign in.' } });
      expect(en.headers.get('cache-control')).toBe('no-store');
    });

    it('both see it in their lists with the next step', async () => {
      const mine = await per<{ conversations: { id: string; you: string; nextStep: string }[] }>(
        'GET',
        '/api/conversations',
      );
      expect(mine.body.conversations.find((c) => c.id === id)).toMatchObject({
        you: 'employee',
        nextStep: 'prepare',
      });
    });

    it('the employee writes private reflections; the leader cannot see them', async () => {
      expect(
        (await ola('POST', `/api/conversations/${id}/transitions`, { transition: 'open-preparation' }))
          .status,
      ).toBe(200);
      const saved = await per('PUT', `/api/conversations/${id}/answers/faktor-1-refleksjon`, {
        value: 'Jeg trives med ansvar.',
        baseVersion: 0,
      });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ slot: 'employee', answer: { version: 1 } });
      expect(field(await view(per), 'faktor-1-refleksjon')!.answers.employee!.value).toBe(
        'Jeg trives med ansvar.',
      );
      expect(field(await view(ola), 'faktor-1-refleksjon')!.answers).toEqual({});
      const raw = await ola('GET', `/api/conversations/${id}`);
      expect(JSON.stringify(raw.body)).not.toContain('Jeg trives med ansvar.');
      // The leader cannot write the employee's reflection either.
      const denied = await ola('PUT', `/api/conversations/${id}/answers/faktor-1-refleksjon`, {
        value: 'x',
        baseVersion: 0,
      });
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({ error: { code: 'FIELD_NOT_WRITABLE' } });
    });

    it('the employee shares; now the leader sees the reflection', async () => {
      const shared = await per<{ shared: string[] }>(
        'POST',
        `/api/conversations/${id}/preparation/share`,
        {},
      );
      expect(shared.body.shared).toEqual(['faktor-1-refleksjon']);
      expect(field(await view(ola), 'faktor-1-refleksjon')!.answers.employee!.value).toBe(
        'Jeg trives med ansvar.',
      );
    });

    it('both fill the shared record and the action plan', async () => {
      expect((await ola('POST', `/api/conversations/${id}/transitions`, { transition: 'hold' })).status).toBe(
        200,
      );
      expect(
        (
          await ola('PUT', `/api/conversations/${id}/answers/struktur-1`, {
            value: 'Et godt år.',
            baseVersion: 0,
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await per('PUT', `/api/conversations/${id}/answers/faktor-1-samtale`, {
            value: 'Mer ansvar i prosjekter.',
            baseVersion: 0,
          })
        ).status,
      ).toBe(200);
      const row = await per<{ id: string; ownerOid: string; due: string }>(
        'POST',
        `/api/conversations/${id}/items`,
        {
          fieldId: 'handlingsplan',
          cells: {
            mal: 'Lede et prosjekt',
            hva: 'Ta ansvar for skolebiblioteket',
            hvem: DEMO.per,
            nar: '2027-06-30',
          },
        },
      );
      expect(row.status).toBe(201);
      expect(row.body).toMatchObject({ ownerOid: DEMO.per, due: '2027-06-30' });
      const extra = await ola<{ id: string; version: number }>('POST', `/api/conversations/${id}/items`, {
        fieldId: 'handlingsplan',
        cells: { mal: 'Midlertidig rad' },
      });
      expect((await ola('DELETE', `/api/items/${extra.body.id}?version=${extra.body.version}`)).status).toBe(
        200,
      );
      expect(field(await view(ola), 'handlingsplan')!.items!.map((i) => i.cells.mal)).toEqual([
        'Lede et prosjekt',
      ]);
      // The employee may not use the date field only the leader writes.
      expect(
        (await per('PUT', `/api/conversations/${id}/answers/dato`, { value: '2027-02-01', baseVersion: 0 }))
          .status,
      ).toBe(403);
    });

    it('only the leader sends to signing; then nobody can change it, and reopening voids the signatures', async () => {
      expect(
        (await per('POST', `/api/conversations/${id}/transitions`, { transition: 'send-to-signing' })).status,
      ).toBe(403);
      expect(
        (await ola('POST', `/api/conversations/${id}/transitions`, { transition: 'send-to-signing' })).status,
      ).toBe(200);
      let v = await view(ola);
      expect(v.status).toBe('awaiting_signatures');
      const first = await ola('POST', `/api/conversations/${id}/signatures`, { contentHash: v.contentHash });
      expect(first.status).toBe(201);
      expect(
        (await ola('POST', `/api/conversations/${id}/signatures`, { contentHash: v.contentHash })).body,
      ).toMatchObject({ error: { code: 'ALREADY_SIGNED' } });

      // Sent for signing, the record is read-only for both: nothing changes under a signature.
      const struktur = field(v, 'struktur-1')!.answers.shared!;
      const change = await per('PUT', `/api/conversations/${id}/answers/struktur-1`, {
        value: 'Et svært godt år.',
        baseVersion: struktur.version,
      });
      expect(change.status).toBe(409);
      expect(change.body).toMatchObject({ error: { code: 'RECORD_AWAITING_SIGNATURES' } });
      const row = field(v, 'handlingsplan')!.items![0]!;
      expect(
        (
          await per('PATCH', `/api/items/${row.id}`, {
            cells: { resultat: 'x' },
            cellVersions: { resultat: 0 },
          })
        ).status,
      ).toBe(409);
      expect((await view(per)).canSign).toBe(true);

      // Only the leader reopens; that voids Ola's signature, and the view says whose and by whom.
      expect(
        (await per('POST', `/api/conversations/${id}/transitions`, { transition: 'reopen' })).status,
      ).toBe(403);
      expect(
        (await ola('POST', `/api/conversations/${id}/transitions`, { transition: 'reopen' })).status,
      ).toBe(200);
      v = await view(per);
      expect(v.status).toBe('held');
      expect(v.signatures).toEqual([]);
      expect(v.reopened).toMatchObject({ by: { name: 'Ola Hansen' }, voided: [{ name: 'Ola Hansen' }] });
      // The employee's view had the old hash: signing it is refused.
      const stale = await per('POST', `/api/conversations/${id}/signatures`, { contentHash: v.contentHash });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ error: { code: 'NOT_READY_TO_SIGN' } });
      // Before sending again, the leader sees what nobody has filled in (this field is filled now).
      expect(
        (
          await per('PUT', `/api/conversations/${id}/answers/struktur-1`, {
            value: 'Et svært godt år.',
            baseVersion: struktur.version,
          })
        ).status,
      ).toBe(200);
      const empty = (await view(ola)).emptyFields;
      expect(empty.length).toBeGreaterThan(0);
      expect(empty.map((f) => f.id)).not.toContain('struktur-1');
      expect(empty[0]!.label.length * empty[0]!.section.length).toBeGreaterThan(0);
      // Sent again: the next signatures are over the new content.
      expect(
        (await ola('POST', `/api/conversations/${id}/transitions`, { transition: 'send-to-signing' })).status,
      ).toBe(200);
    });

    it('both sign the same content; the record locks', async () => {
      const v = await view(per);
      expect(
        (await per('POST', `/api/conversations/${id}/signatures`, { contentHash: v.contentHash })).status,
      ).toBe(201);
      const last = await ola<{ status: string; signatures: unknown[] }>(
        'POST',
        `/api/conversations/${id}/signatures`,
        { contentHash: v.contentHash },
      );
      expect(last.status).toBe(201);
      expect(last.body.status).toBe('signed');
      const after = await view(ola);
      // Signed, and soon archived by the background job: locked either way.
      expect(['signed', 'archived']).toContain(after.status);
      expect(after.contentHash).toBe(v.contentHash);
      expect(after.signatures.map((s) => [s.party, s.valid])).toEqual([
        ['employee', true],
        ['leader', true],
      ]);
    });

    it('a locked record refuses every write with 409', async () => {
      const v = await view(ola);
      const item = field(v, 'handlingsplan')!.items![0]!;
      const attempts = [
        await ola('PUT', `/api/conversations/${id}/answers/struktur-1`, {
          value: 'endret',
          baseVersion: field(v, 'struktur-1')!.answers.shared!.version,
        }),
        await per('PUT', `/api/conversations/${id}/answers/faktor-2-refleksjon`, {
          value: 'sent',
          baseVersion: 0,
        }),
        await ola('POST', `/api/conversations/${id}/items`, {
          fieldId: 'handlingsplan',
          cells: { mal: 'ny' },
        }),
        await ola('PATCH', `/api/items/${item.id}`, {
          cells: { mal: 'endret' },
          cellVersions: { mal: item.cellMeta.mal?.version ?? 0 },
        }),
        await ola('DELETE', `/api/items/${item.id}?version=${item.version}`),
        await per('POST', `/api/conversations/${id}/preparation/share`, {}),
        await ola('POST', `/api/conversations/${id}/signatures`, { contentHash: v.contentHash }),
        await ola('POST', `/api/conversations/${id}/transitions`, { transition: 'reopen' }),
      ];
      expect(attempts.map((a) => a.status)).toEqual(Array(attempts.length).fill(409));
      expect((await view(ola)).contentHash).toBe(v.contentHash);
    });

    it('the item owner records follow-up on the signed plan; nobody else can', async () => {
      const item = field(await view(per), 'handlingsplan')!.items![0]!;
      expect(
        (
          await ola('POST', `/api/items/${item.id}/follow-up`, {
            status: 'partly',
            baseVersion: item.version,
          })
        ).status,
      ).toBe(403);
      const ok = await per<{ status: string; statusComment: string }>(
        'POST',
        `/api/items/${item.id}/follow-up`,
        { status: 'partly', comment: 'Halvveis', baseVersion: item.version },
      );
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'partly', statusComment: 'Halvveis' });
    });

    it('the record survives a reload with the hash both signed', async () => {
      const v = await view(per);
      expect(field(v, 'struktur-1')!.answers.shared!.value).toBe('Et svært godt år.');
      expect(v.signatures.every((s) => s.valid)).toBe(true);
    });
  });
}
