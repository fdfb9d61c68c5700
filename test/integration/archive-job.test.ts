import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.ts';
import { conversationAt, path } from '../helpers/factory.ts';
import {
  DEMO,
  DEMO_TENANT_ID,
  startTestApp,
  waitForArchiving,
  type Client,
  type TestApp,
} from '../helpers/harness.ts';
import type { ResponseOf } from '../../src/contract/endpoints.ts';

for (const backend of await backends()) {
  describe(`archiving is a background job (pg-boss on ${backend.name})`, () => {
    let t: TestApp;
    let ola: Client;
    let per: Client;
    beforeAll(async () => {
      t = await startTestApp(backend);
      ola = await t.as(DEMO.ola);
      per = await t.as(DEMO.per);
    });
    afterAll(() => t.close());

    it('catches up at start: the demo records signed before the worker ran are archived', async () => {
      await waitForArchiving(t);
      const archived = await t.app.db.query<{ n: number }>(
        "select count(*)::int as n from conversations where status = 'archived'",
      );
      expect(archived[0]!.n).toBe(3);
    });

    it('HR browses the archive by year, type and unit; salary copies only with HR.Salary; others not at all', async () => {
      await waitForArchiving(t);
      type Listing = {
        entries: { part: string; templateKey: string; unit: string; year: string; file: string }[];
        years: string[];
      };
      const hilde = (await (await t.as(DEMO.hilde))<Listing>('GET', '/api/hr/archive')).body;
      const lars = (await (await t.as(DEMO.lars))<Listing>('GET', '/api/hr/archive')).body;
      expect(hilde.entries.map((e) => e.part).sort()).toEqual(['record', 'record', 'record']);
      expect(lars.entries.map((e) => e.part).sort()).toEqual(['record', 'record', 'record', 'salary']);
      const contracts = (
        await (
          await t.as(DEMO.lars)
        )<Listing>('GET', '/api/hr/archive?templateKey=kontraktsamtale')
      ).body.entries;
      expect(contracts.map((e) => e.part).sort()).toEqual(['record', 'salary']);
      const helse = (await (await t.as(DEMO.hilde))<Listing>('GET', '/api/hr/archive?unitId=helse')).body
        .entries;
      expect(helse.map((e) => e.templateKey)).toEqual(['utviklingssamtale-leder']);
      const year = hilde.years[0]!;
      expect(
        (await (await t.as(DEMO.hilde))<Listing>(`GET`, `/api/hr/archive?year=${year}`)).body.entries.every(
          (e) => e.year === year,
        ),
      ).toBe(true);
      for (const who of [DEMO.ola, DEMO.per, DEMO.anne])
        expect((await (await t.as(who))('GET', '/api/hr/archive')).status).toBe(403);
      expect((await (await t.as(DEMO.hilde))('GET', '/api/hr/archive?year=20x6')).status).toBe(400);
    });

    it('archives a record within seconds of the last signature, once', async () => {
      const { id, view } = await conversationAt(t.as, 'awaiting_signatures', {
        period: '2060',
        record: [{ by: DEMO.per, fieldId: 'struktur-1', value: 'Et godt år for arkivet.' }],
      });
      const hash = view.contentHash;
      await ola('POST', path('signRecord', { id }), { contentHash: hash });
      await per('POST', path('signRecord', { id }), { contentHash: hash });

      let status = '';
      for (let i = 0; i < 300 && status !== 'archived'; i++) {
        status = (await t.app.deps.store.conversation(id))!.status;
        if (status !== 'archived') await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe('archived');
      const copies = await t.app.deps.store.archiveCopies(id);
      expect(copies.map((x) => x.part)).toEqual(['record']);
      expect(copies[0]!.contentHash).toBe(hash);
      expect(existsSync(join(copies[0]!.location))).toBe(true);
      // The employee opens their copy straight away.
      const pdf = await t.call('GET', `/api/conversations/${id}/archive/record`, {
        token: await t.token(DEMO.per),
      });
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      // Exactly one archive event per copy and one archived event, however the job and sweep raced.
      const events = await t.app.db.query<{ action: string }>(
        "select action from audit_events where subject = $1 and action in ('archive.stored', 'record.archived') order by seq",
        [id],
      );
      expect(events.map((e) => e.action)).toEqual(['archive.stored', 'record.archived']);
    });

    it('HR pages through a large archive newest first: every copy once, the total, the filter kept', async () => {
      await waitForArchiving(t);
      // 130 older copies of conversations from 2019 (the year HR filters by is the conversation's), as a
      // large municipality's archive holds them.
      await t.app.db.query(
        `insert into conversations (id, tid, template_key, template_version, period, status, leader_oid, employee_oid, unit_id, created_by, created_at, updated_at, status_changed_at)
         select gen_random_uuid(), $1, 'medarbeidersamtale-10-faktor', c.template_version, '2019-P' || g, 'archived', $2, $3, 'helse', $2, now(), now(), now()
           from generate_series(1, 130) g, (select template_version from conversations where template_key = 'medarbeidersamtale-10-faktor' limit 1) c`,
        [DEMO_TENANT_ID, DEMO.ola, DEMO.per],
      );
      await t.app.db.query(
        `insert into archive_copies (conversation_id, part, path, location, checksum, content_hash, archived_at)
         select id, 'record', '2019/medarbeidersamtale-10-faktor/' || period || '.pdf', '/nowhere', 'x', 'x',
                timestamptz '2019-06-01' + (substr(period, 7)::int * interval '1 hour')
           from conversations where period like '2019-P%'`,
      );
      const hilde = await t.as(DEMO.hilde);
      type Page = ResponseOf<'listArchive'>;
      const seen: Page['entries'] = [];
      let next: string | null = null;
      let pages = 0;
      do {
        const query: string = next ? `?year=2019&after=${next}` : '?year=2019';
        const page = await hilde<Page>('GET', `/api/hr/archive${query}`);
        expect(page.status).toBe(200);
        expect(page.body.total).toBe(130);
        expect(page.body.entries.length).toBeLessThanOrEqual(50);
        seen.push(...page.body.entries);
        next = page.body.next;
        pages++;
      } while (next && pages < 10);
      expect(pages).toBe(3);
      expect(new Set(seen.map((e) => e.conversationId)).size).toBe(130);
      expect(seen.every((e) => e.year === '2019' && e.employee === 'Per Johansen' && e.unit !== '')).toBe(
        true,
      );
      // Newest first: 2019-P130 was archived last.
      expect(seen[0]!.period).toBe('2019-P130');
      expect(seen.map((e) => e.archivedAt)).toEqual([...seen.map((e) => e.archivedAt)].sort().reverse());
      // All years together: the newer copies come first, then these.
      const all = (await hilde<Page>('GET', '/api/hr/archive')).body;
      const [records] = await t.app.db.query<{ n: number }>(
        "select count(*)::int as n from archive_copies where part = 'record'",
      );
      expect(all.total).toBe(records!.n);
      expect(all.entries[0]!.year).not.toBe('2019');
      expect(all.years).toContain('2019');
      // A cursor that is not one of ours is refused, not passed to the database.
      expect((await hilde('GET', '/api/hr/archive?after=bm90LWEtY3Vyc29y')).status).toBe(400);
    });
  });
}
