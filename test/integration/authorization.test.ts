import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.ts';
import { conversationAt } from '../helpers/factory.ts';
import { DEMO, startTestApp, type Client, type TestApp } from '../helpers/harness.ts';

// Everyone the policy distinguishes. Per and Silje report to Ola; Ola and Ingrid report to Kari.
const ACTORS = {
  employeeA: DEMO.per,
  employeeB: DEMO.silje,
  leaderOfA: DEMO.ola,
  otherLeader: DEMO.ingrid,
  topLeader: DEMO.kari,
  hr: DEMO.hilde,
  hrSalary: DEMO.lars,
  admin: DEMO.anne,
} as const;
type Who = keyof typeof ACTORS;
const WHO = Object.keys(ACTORS) as Who[];

const PRIVATE_TEXT = 'PRIVAT-forberedelse-som-ingen-andre-skal-se';
const SALARY_TEXT = 'LØNN-arbeidsgivers-vurdering-konfidensiell';
const OLA_PRIVATE = 'PRIVAT-ola-forbereder-seg';

interface View {
  sections: {
    id: string;
    fields: {
      id: string;
      answers: Record<string, { value: unknown; version: number }>;
      items?: { id: string; version: number }[];
    }[];
  }[];
  withheldSections: string[];
  contentHash: string;
}

for (const backend of await backends()) {
  describe(`authorization matrix (${backend.name})`, () => {
    let t: TestApp;
    const as: Partial<Record<Who, Client>> = {};
    const c = (w: Who) => as[w]!;

    beforeAll(async () => {
      t = await startTestApp(backend);
      for (const w of WHO) as[w] = await t.as(ACTORS[w]);
    });
    afterAll(() => t.close());

    let period = 3000;
    /** A fresh medarbeidersamtale Ola ↔ Per, held, with Per's unshared private reflection. */
    async function employeeConversation(state: 'held' | 'awaiting_signatures' | 'signed' = 'held') {
      const made = await conversationAt(t.as, state, {
        period: String(period++),
        preparation: [{ by: DEMO.per, fieldId: 'faktor-1-refleksjon', value: PRIVATE_TEXT }],
        items: [{ fieldId: 'handlingsplan', cells: { mal: 'Mål', hvem: DEMO.per } }],
      });
      return { id: made.id, item: made.items[0]! };
    }

    /** A fresh kontraktsamtale Kari ↔ Ola with a salary assessment in Punkt 4 and Ola's private notes. */
    async function contractConversation() {
      const made = await conversationAt(t.as, 'held', {
        templateKey: 'kontraktsamtale',
        leader: DEMO.kari,
        employee: DEMO.ola,
        period: String(period++),
        preparation: [{ by: DEMO.ola, fieldId: 'forberedelse', value: OLA_PRIVATE }],
        record: [
          { fieldId: 'p4-arbeidsgivers-vurdering', value: SALARY_TEXT },
          { fieldId: 'p3-hovedmal-1', value: 'Mål for neste år' },
        ],
      });
      return made.id;
    }

    async function expectMatrix(
      expected: Record<Who, number>,
      act: (w: Who, i: number) => Promise<{ status: number; body: unknown }>,
    ) {
      const got: Partial<Record<Who, number>> = {};
      for (const [i, w] of WHO.entries()) {
        const res = await act(w, i);
        got[w] = res.status;
        const text = JSON.stringify(res.body);
        if (res.status >= 400)
          expect(text, `${w} got an error outside the catalogue`).toMatch(/"code":"[A-Z_]+"/);
      }
      expect(got).toEqual(expected);
    }

    const DENY = {
      employeeB: 404,
      otherLeader: 404,
      topLeader: 404,
      hr: 403,
      hrSalary: 403,
      admin: 404,
    } as const;

    it('reading a conversation: the parties only; HR sees that it exists but not its content before archiving', async () => {
      const { id } = await employeeConversation();
      await expectMatrix({ employeeA: 200, leaderOfA: 200, ...DENY }, (w) =>
        c(w)('GET', `/api/conversations/${id}`),
      );
      expect(JSON.stringify((await c('employeeA')('GET', `/api/conversations/${id}`)).body)).toContain(
        PRIVATE_TEXT,
      );
      expect(JSON.stringify((await c('leaderOfA')('GET', `/api/conversations/${id}`)).body)).not.toContain(
        PRIVATE_TEXT,
      );
    });

    it('writing the shared record: the parties only', async () => {
      const { id } = await employeeConversation();
      const fields = [
        'struktur-1',
        'struktur-2',
        'struktur-3',
        'struktur-4',
        'faktor-1-samtale',
        'faktor-2-samtale',
        'faktor-3-samtale',
        'faktor-4-samtale',
      ];
      await expectMatrix({ employeeA: 200, leaderOfA: 200, ...DENY }, (w, i) =>
        c(w)('PUT', `/api/conversations/${id}/answers/${fields[i]}`, {
          value: `skrevet av ${w}`,
          baseVersion: 0,
        }),
      );
      const v = (await c('employeeA')<View>('GET', `/api/conversations/${id}`)).body;
      const written = v.sections
        .flatMap((s) => s.fields)
        .filter((f) => f.answers.shared)
        .map((f) => String(f.answers.shared!.value));
      expect(written.sort()).toEqual(['skrevet av employeeA', 'skrevet av leaderOfA']);
    });

    it("writing the employee's private reflection: the employee only", async () => {
      const { id } = await employeeConversation();
      await expectMatrix({ employeeA: 200, leaderOfA: 403, ...DENY }, (w) =>
        c(w)('PUT', `/api/conversations/${id}/answers/faktor-2-refleksjon`, { value: 'x', baseVersion: 0 }),
      );
    });

    it('sharing preparation: only a party with preparation of their own', async () => {
      const { id } = await employeeConversation();
      await expectMatrix({ employeeA: 200, leaderOfA: 409, ...DENY }, (w) =>
        c(w)('POST', `/api/conversations/${id}/preparation/share`, {}),
      );
    });

    it('moving the lifecycle: the leader only', async () => {
      const { id } = await employeeConversation();
      await expectMatrix({ employeeA: 403, leaderOfA: 200, ...DENY }, (w) =>
        c(w)('POST', `/api/conversations/${id}/transitions`, { transition: 'send-to-signing' }),
      );
    });

    it('signing: the two parties only', async () => {
      const { id } = await employeeConversation('awaiting_signatures');
      const hash = (await c('leaderOfA')<View>('GET', `/api/conversations/${id}`)).body.contentHash;
      await expectMatrix({ employeeA: 201, leaderOfA: 201, ...DENY }, (w) =>
        c(w)('POST', `/api/conversations/${id}/signatures`, { contentHash: hash }),
      );
    });

    it('adding plan rows: the parties only', async () => {
      const { id } = await employeeConversation();
      await expectMatrix({ employeeA: 201, leaderOfA: 201, ...DENY }, (w) =>
        c(w)('POST', `/api/conversations/${id}/items`, { fieldId: 'handlingsplan', cells: { mal: w } }),
      );
    });

    it("recording follow-up: the item's owner only", async () => {
      const { item } = await employeeConversation('signed');
      const fresh = async () => (await t.app.deps.store.item(item.id))!.version;
      await expectMatrix({ employeeA: 200, leaderOfA: 403, ...DENY }, async (w) =>
        c(w)('POST', `/api/items/${item.id}/follow-up`, { status: 'achieved', baseVersion: await fresh() }),
      );
    });

    it('a row naming someone who is not a party (as rows could before issue 12): nobody follows it up', async () => {
      const { item } = await employeeConversation('signed');
      await t.app.db.query('update action_items set owner_oid = $2 where id = $1', [
        item.id,
        ACTORS.employeeB,
      ]);
      const fresh = async () => (await t.app.deps.store.item(item.id))!.version;
      await expectMatrix({ employeeA: 403, leaderOfA: 403, ...DENY }, async (w) =>
        c(w)('POST', `/api/items/${item.id}/follow-up`, { status: 'achieved', baseVersion: await fresh() }),
      );
    });

    it("team status: a leader sees their reports' conversations (status, no content); others do not", async () => {
      const { id } = await employeeConversation();
      const team = await c('leaderOfA')<{ members: { oid: string; conversations: { id: string }[] }[] }>(
        'GET',
        `/api/team?period=${period - 1}`,
      );
      expect(team.body.members.find((m) => m.oid === DEMO.per)!.conversations.map((x) => x.id)).toEqual([id]);
      expect(JSON.stringify(team.body)).not.toContain(PRIVATE_TEXT);
      const other = await c('otherLeader')('GET', `/api/team?period=${period - 1}`);
      expect(JSON.stringify(other.body)).not.toContain(id);
    });

    it('HR completion: HR roles only, figures only', async () => {
      await employeeConversation();
      await expectMatrix(
        {
          employeeA: 403,
          employeeB: 403,
          leaderOfA: 403,
          otherLeader: 403,
          topLeader: 403,
          hr: 200,
          hrSalary: 200,
          admin: 403,
        },
        (w) => c(w)('GET', `/api/hr/completion?period=${period - 1}`),
      );
      const rows = (
        await c('hr')<{ rows: { templateKey: string; total: number }[] }>(
          'GET',
          `/api/hr/completion?period=${period - 1}`,
        )
      ).body.rows;
      expect(rows).toEqual([
        expect.objectContaining({ templateKey: 'medarbeidersamtale-10-faktor', total: 1 }),
      ]);
    });

    it('people the bot cannot reach: HR roles only', async () => {
      await expectMatrix(
        {
          employeeA: 403,
          employeeB: 403,
          leaderOfA: 403,
          otherLeader: 403,
          topLeader: 403,
          hr: 200,
          hrSalary: 200,
          admin: 403,
        },
        (w) => c(w)('GET', '/api/hr/unreachable'),
      );
    });

    it('customising templates: admin only', async () => {
      const tpl = (
        await c('admin')<{ sections: unknown[] }>('GET', '/api/templates/medarbeidersamtale-10-faktor')
      ).body;
      await expectMatrix(
        {
          employeeA: 403,
          employeeB: 403,
          leaderOfA: 403,
          otherLeader: 403,
          topLeader: 403,
          hr: 403,
          hrSalary: 403,
          admin: 200,
        },
        (w) => c(w)('PUT', '/api/admin/templates/medarbeidersamtale-10-faktor', { sections: tpl.sections }),
      );
      const removed = await c('admin')('PUT', '/api/admin/templates/medarbeidersamtale-10-faktor', {
        sections: tpl.sections.slice(1),
      });
      expect(removed.status).toBe(422);
      expect(removed.body).toMatchObject({ error: { code: 'TEMPLATE_CORE_REMOVED' } });
    });

    it('Punkt 4 before archiving: the two parties see salary; nobody else sees the record at all', async () => {
      const id = await contractConversation();
      await expectMatrix(
        {
          employeeA: 404,
          employeeB: 404,
          leaderOfA: 200,
          otherLeader: 404,
          topLeader: 200,
          hr: 403,
          hrSalary: 403,
          admin: 404,
        },
        (w) => c(w)('GET', `/api/conversations/${id}`),
      );
      for (const w of ['leaderOfA', 'topLeader'] as const)
        expect(JSON.stringify((await c(w)('GET', `/api/conversations/${id}`)).body)).toContain(SALARY_TEXT);
      // Ola's private preparation stays his, even from his own leader.
      expect(JSON.stringify((await c('topLeader')('GET', `/api/conversations/${id}`)).body)).not.toContain(
        OLA_PRIVATE,
      );
      // Punkt 4's fields follow their writers: the employer's view is the superior's, the expectation the leader's.
      expect(
        (
          await c('leaderOfA')('PUT', `/api/conversations/${id}/answers/p4-arbeidsgivers-vurdering`, {
            value: 'x',
            baseVersion: 1,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await c('topLeader')('PUT', `/api/conversations/${id}/answers/p4-lederens-forventning`, {
            value: 'x',
            baseVersion: 0,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await c('leaderOfA')('PUT', `/api/conversations/${id}/answers/p4-lederens-forventning`, {
            value: 'Forventer økning',
            baseVersion: 0,
          })
        ).status,
      ).toBe(200);
    });

    it('Punkt 4 once archived: HR reads the record, but salary only with HR.Salary; private notes never', async () => {
      const id = await contractConversation();
      // The archive job (its own issue) moves signed records to archived; here the state is set directly.
      await t.app.deps.store.updateConversation(id, { status: 'archived', at: new Date().toISOString() });
      await expectMatrix(
        {
          employeeA: 404,
          employeeB: 404,
          leaderOfA: 200,
          otherLeader: 404,
          topLeader: 200,
          hr: 200,
          hrSalary: 200,
          admin: 404,
        },
        (w) => c(w)('GET', `/api/conversations/${id}`),
      );
      const hr = (await c('hr')<View>('GET', `/api/conversations/${id}`)).body;
      expect(hr.withheldSections).toEqual(['punkt-4']);
      expect(JSON.stringify(hr)).not.toContain(SALARY_TEXT);
      expect(JSON.stringify(hr)).toContain('Mål for neste år');
      const hrSalary = (await c('hrSalary')<View>('GET', `/api/conversations/${id}`)).body;
      expect(hrSalary.withheldSections).toEqual([]);
      expect(JSON.stringify(hrSalary)).toContain(SALARY_TEXT);
      for (const w of ['hr', 'hrSalary'] as const)
        expect(JSON.stringify((await c(w)('GET', `/api/conversations/${id}`)).body)).not.toContain(
          OLA_PRIVATE,
        );
      const reads = await t.app.db.query<{ actor_oid: string }>(
        "select actor_oid from audit_events where action = 'record.read-by-hr' and subject = $1",
        [id],
      );
      expect(new Set(reads.map((r) => r.actor_oid))).toEqual(new Set([DEMO.hilde, DEMO.lars]));
      // HR reads, never writes.
      expect(
        (
          await c('hrSalary')('PUT', `/api/conversations/${id}/answers/p4-oppsummerte-kommentarer`, {
            value: 'x',
            baseVersion: 0,
          })
        ).status,
      ).toBe(403);
    });

    it('my list shows only conversations I am a party to', async () => {
      const { id } = await employeeConversation();
      for (const w of WHO) {
        const list = (
          await c(w)<{ conversations: { id: string }[] }>('GET', '/api/conversations')
        ).body.conversations.map((x) => x.id);
        expect(list.includes(id), w).toBe(w === 'employeeA' || w === 'leaderOfA');
      }
    });

    it('identity comes only from the token: a body naming another user changes nothing', async () => {
      const { id } = await employeeConversation();
      const sneaky = await t.call('PUT', `/api/conversations/${id}/answers/struktur-1`, {
        token: await t.token(DEMO.silje),
        body: { value: 'x', baseVersion: 0, oid: DEMO.per },
      });
      expect(sneaky.status).toBe(400);
      expect((await t.call('GET', `/api/conversations/${id}`)).status).toBe(401);
      expect(
        (
          await t.call('GET', `/api/conversations/${id}`, {
            headers: { authorization: 'Bearer not.a.token' },
          })
        ).body,
      ).toMatchObject({ error: { code: 'TOKEN_INVALID' } });
    });
  });
}
