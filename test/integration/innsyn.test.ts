// Innsyn (GDPR art. 15): a person's export holds exactly what they may read, and nothing else; HR can
// make the same export for a person, and nobody else can. Over real HTTP, unzipped, file by file.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INNSYN_FILES,
  innsynAudit,
  innsynConversations,
  innsynFeedback,
  innsynItems,
  innsynManifest,
  innsynPreparation,
  innsynReminders,
} from '../../src/contract/innsyn.ts';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import type { FeedbackView } from '../../src/contract/views.ts';
import { WORDS } from '../../src/contract/words/index.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { answerFeedback } from '../../src/usecases/answer-feedback.ts';
import { backends } from '../helpers/backends.ts';
import { conversationAt, path } from '../helpers/factory.ts';
import { DEMO, DEMO_TENANT_ID, startTestApp, type TestApp } from '../helpers/harness.ts';
import { unzip } from '../helpers/unzip.ts';

const SALARY = 'LØNN-vurdering-av-Ola-for-innsyn';
const OLA_PREP = 'OLA-egen-forberedelse-ikke-delt';
const KARI_PREP = 'KARI-forberedelse-som-Ola-ikke-skal-se';
const PER_PREP = 'PER-refleksjon-som-Ola-ikke-skal-se';
const PER_SHARED = 'PER-refleksjon-delt-med-Ola';
const AHMED_TEXT = 'AHMED-samtale-som-ingen-andre-skal-se';
const OLA_GOAL = 'Ola-leder-utviklingsmål';
const AHMED_FEEDBACK = 'AHMED-tilbakemelding-som-bare-Ingrid-leser';
const MARTE_FEEDBACK = 'MARTE-tilbakemelding-som-bare-Ingrid-leser';

type ErrorReply = { error: { code: string; message: string } };

interface Download {
  status: number;
  headers: Headers;
  files: Map<string, Buffer>;
  body: Buffer;
}

for (const backend of await backends()) {
  describe(`innsyn: Mine data (${backend.name})`, () => {
    let t: TestApp;
    let kontrakt: string;
    let medarbeider: string;
    let ahmed: string;

    /** GETs an export as a user, the ZIP's bytes as they arrive. */
    async function download(userId: string, url: string, lang = 'nb'): Promise<Download> {
      const res = await fetch(t.url + url, {
        headers: { authorization: `Bearer ${await t.token(userId)}`, 'accept-language': lang },
      });
      const body = Buffer.from(await res.arrayBuffer());
      const zip = res.ok && res.headers.get('content-type') === 'application/zip';
      return {
        status: res.status,
        headers: res.headers,
        body,
        files: zip ? unzip(body) : new Map<string, Buffer>(),
      };
    }
    const text = (d: Download, name: string) => d.files.get(name)!.toString('utf8');
    const json = (d: Download, name: string): unknown => JSON.parse(text(d, name));
    /** Every JSON and text file of the export, as one text to search. */
    const allText = (d: Download) =>
      [...d.files]
        .filter(([n]) => !n.endsWith('.pdf'))
        .map(([, b]) => b.toString('utf8'))
        .join('\n');

    beforeAll(async () => {
      t = await startTestApp(backend);
      // Kari ↔ Ola: a kontraktsamtale, signed and archived, with Punkt 4, both parties' private
      // preparation (never shared), and a development goal Ola owns.
      kontrakt = (
        await conversationAt(t.as, 'archived', {
          templateKey: 'kontraktsamtale',
          leader: DEMO.kari,
          employee: DEMO.ola,
          period: '2031',
          preparation: [
            { by: DEMO.ola, fieldId: 'forberedelse', value: OLA_PREP },
            { by: DEMO.kari, fieldId: 'forberedelse', value: KARI_PREP },
          ],
          record: [{ fieldId: 'p4-arbeidsgivers-vurdering', value: SALARY }],
          items: [{ fieldId: 'p2-utviklingsplan', cells: { mal: OLA_GOAL, ansvarlig: DEMO.ola } }],
        })
      ).id;
      // Ola ↔ Per: held, Per's reflections (one shared with Ola, one not), a plan row Per owns.
      const made = await conversationAt(t.as, 'preparing', {
        period: '2031',
        preparation: [
          { by: DEMO.per, fieldId: 'faktor-1-refleksjon', value: PER_SHARED },
          { by: DEMO.per, fieldId: 'faktor-2-refleksjon', value: PER_PREP },
        ],
      });
      medarbeider = made.id;
      const moved = await (
        await t.as(DEMO.ola)
      )('PUT', path('rescheduleConversation', { id: medarbeider }), {
        scheduledAt: '2031-03-10',
        scheduledTime: '14:00',
        durationMinutes: 45,
      });
      expect(moved.status).toBe(200);
      const per = await t.as(DEMO.per);
      expect(
        (
          await per('POST', path('sharePreparation', { id: medarbeider }), {
            fieldIds: ['faktor-1-refleksjon'],
          })
        ).status,
      ).toBe(200);
      // Ingrid ↔ Ahmed: someone else's conversation entirely.
      ahmed = (
        await conversationAt(t.as, 'held', {
          leader: DEMO.ingrid,
          employee: DEMO.ahmed,
          period: '2031',
          record: [{ fieldId: 'struktur-3', value: AHMED_TEXT }],
        })
      ).id;
      // What the bot sent Ola, and someone else.
      await t.app.bot.store.addAllToOutbox(
        [
          {
            id: 'innsyn-ola',
            tid: DEMO_TENANT_ID,
            recipientOid: DEMO.ola,
            day: '2031-03-03',
            messages: [
              {
                kind: 'preparation',
                key: `preparation:${medarbeider}:2031:${DEMO.ola}`,
                tid: DEMO_TENANT_ID,
                recipientOid: DEMO.ola,
                subject: medarbeider,
                period: '2031',
                date: '2031-03-05',
                count: 1,
                role: 'leader',
                templateKey: 'medarbeidersamtale-10-faktor',
              },
            ],
          },
          {
            id: 'innsyn-ahmed',
            tid: DEMO_TENANT_ID,
            recipientOid: DEMO.ahmed,
            day: '2031-03-03',
            messages: [
              {
                kind: 'signature',
                key: `signature:${ahmed}:2031:${DEMO.ahmed}`,
                tid: DEMO_TENANT_ID,
                recipientOid: DEMO.ahmed,
                subject: ahmed,
                period: '2031',
                date: null,
                count: 1,
                role: null,
                templateKey: 'medarbeidersamtale-10-faktor',
              },
            ],
          },
        ],
        new Date().toISOString(),
      );
    });
    afterAll(() => t.close());

    it('a party gets their conversations with Punkt 4, their own preparation, and never the other party’s unshared preparation', async () => {
      const d = await download(DEMO.ola, path('exportMyData'));
      expect(d.status).toBe(200);
      expect(d.headers.get('content-type')).toBe('application/zip');
      // Named in words with the person's name and the day, no ids; the exact name in filename*.
      const disposition = d.headers.get('content-disposition') ?? '';
      expect(disposition).toMatch(/^attachment; /);
      const name = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!);
      expect(name).toMatch(/^Samtale – mine data – Ola Hansen – \d{4}-\d{2}-\d{2}\.zip$/);

      for (const f of Object.values(INNSYN_FILES).filter((n) => !n.endsWith('/')))
        expect([...d.files.keys()]).toContain(f);
      const manifest = innsynManifest.parse(json(d, INNSYN_FILES.manifest));
      expect(manifest.person.name).toBe('Ola Hansen');
      expect(manifest.exportedBy).toEqual({ name: 'Ola Hansen', as: 'self' });
      const { conversations } = innsynConversations.parse(json(d, INNSYN_FILES.conversations));

      // Punkt 4 of his own kontraktsamtale: yes.
      const contract = conversations.find((c) => c.id === kontrakt)!;
      expect(contract.you).toBe('employee');
      expect(contract.withheldSections).toEqual([]);
      const punkt4 = contract.sections.find((s) => s.id === 'punkt-4')!;
      expect(punkt4.sensitivity).toBe('salary');
      expect(JSON.stringify(punkt4)).toContain(SALARY);
      // His own preparation, unshared: yes, in the conversation and in forberedelse.json; Kari's: no.
      const prep = innsynPreparation.parse(json(d, INNSYN_FILES.preparation)).preparation;
      expect(prep.find((p) => p.conversationId === kontrakt)).toMatchObject({
        fieldId: 'forberedelse',
        value: OLA_PREP,
        sharedAt: null,
      });
      const forberedelse = contract.sections.flatMap((s) => s.fields).find((f) => f.id === 'forberedelse')!;
      expect(forberedelse.answers.map((a) => a.slot)).toEqual(['employee']);

      // As Per's leader: what Per shared, not what he kept; Per's preparation is not Ola's.
      const withPer = conversations.find((c) => c.id === medarbeider)!;
      expect(withPer.you).toBe('leader');
      // When, in data and in words.
      expect(withPer).toMatchObject({
        scheduledAt: '2031-03-10',
        scheduledTime: '14:00',
        durationMinutes: 45,
        scheduledText: '10. mars 2031 kl. 14.00 (45 minutter)',
      });
      expect(JSON.stringify(withPer)).toContain(PER_SHARED);
      expect(prep.some((p) => p.conversationId === medarbeider)).toBe(false);

      const everything = allText(d);
      expect(everything).not.toContain(KARI_PREP);
      expect(everything).not.toContain(PER_PREP);
      // Another employee's conversation: not a trace.
      expect(everything).not.toContain(AHMED_TEXT);
      expect(everything).not.toContain(ahmed);

      // The development goal he owns, with its owner by name.
      const items = innsynItems
        .parse(json(d, INNSYN_FILES.items))
        .items.filter((i) => i.conversationId === kontrakt);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ owner: 'Ola Hansen', statusText: 'Åpen', field: 'Utviklingsplan' });
      expect(items[0]!.cells.mal).toBe(OLA_GOAL);
      expect(items[0]!.cells.ansvarlig).toBe('Ola Hansen');
      // Rows are owned by a party: none of the export's items is someone else's.
      expect(
        innsynItems.parse(json(d, INNSYN_FILES.items)).items.every((i) => i.owner === 'Ola Hansen'),
      ).toBe(true);

      // What the bot sent him, and nobody else's.
      const { reminders } = innsynReminders.parse(json(d, INNSYN_FILES.reminders));
      expect(reminders.filter((r) => r.day === '2031-03-03')).toEqual([
        {
          day: '2031-03-03',
          status: 'pending',
          statusText: 'Venter på å bli sendt',
          sentAt: null,
          messages: [
            expect.objectContaining({
              kind: 'preparation',
              subject: medarbeider,
              template: 'Medarbeidersamtale',
            }),
          ],
        },
      ]);
    });

    it('each signed record is in the ZIP as its archived PDF, both parts for a party', async () => {
      const d = await download(DEMO.ola, path('exportMyData'));
      const { conversations } = innsynConversations.parse(json(d, INNSYN_FILES.conversations));
      const contract = conversations.find((c) => c.id === kontrakt)!;
      expect(contract.documents.map((x) => x.part).sort()).toEqual(['record', 'salary']);
      const copies = await t.app.deps.store.archiveCopies(kontrakt);
      for (const doc of contract.documents) {
        expect(doc).toMatchObject({ source: 'archive', problem: null });
        expect(doc.file).toMatch(/^referater\/Kontraktsamtale 2031 – Ola Hansen( – lønn)?\.pdf$/);
        const pdf = d.files.get(doc.file!)!;
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        // Byte for byte the archived copy.
        const checksum = copies.find((c) => c.part === doc.part)!.checksum;
        expect(createHash('sha256').update(pdf).digest('hex')).toBe(checksum);
      }
      // A conversation not yet signed has no PDF.
      expect(conversations.find((c) => c.id === medarbeider)!.documents).toEqual([]);
    });

    it('the audit log names who read and changed his records, with the raw events; every export is audited', async () => {
      // HR reads the archived record: that read is Ola's to know about.
      const hilde = await t.as(DEMO.hilde);
      expect((await hilde('GET', path('getConversation', { id: kontrakt }))).status).toBe(200);
      const before = await t.app.deps.store.auditEventsAbout(DEMO_TENANT_ID, [DEMO.ola]);

      const d = await download(DEMO.ola, path('exportMyData'));
      const log = innsynAudit.parse(json(d, INNSYN_FILES.audit));
      expect(log.events).toContainEqual(
        expect.objectContaining({
          by: 'Hilde Strand',
          action: 'record.read-by-hr',
          what: 'leste referatet (HR)',
        }),
      );
      expect(log.events).toContainEqual(
        expect.objectContaining({
          by: 'Kari Nordmann',
          action: 'record.signed',
          about: 'Kontraktsamtale 2031 med Kari Nordmann',
        }),
      );
      // Names, not ids, in the readable events; the raw events as stored.
      expect(JSON.stringify(log.events)).not.toContain(DEMO.hilde);
      expect(log.raw.find((e) => e.action === 'record.read-by-hr')!.actorOid).toBe(DEMO.hilde);
      expect(log.raw).toHaveLength(log.events.length);
      // Nothing about Ahmed's conversation.
      expect(log.raw.some((e) => e.subject === ahmed)).toBe(false);

      const after = await t.app.deps.store.auditEventsAbout(DEMO_TENANT_ID, [DEMO.ola]);
      const exported = after.slice(before.length);
      expect(exported).toHaveLength(1);
      expect(exported[0]).toMatchObject({
        action: 'data.exported',
        actorOid: DEMO.ola,
        subject: DEMO.ola,
        data: { by: 'self', salary: true },
      });
    });

    it('HR makes the same export for a named person, audited as HR’s for that person', async () => {
      const hilde = await t.as(DEMO.hilde);
      const found = await hilde<ResponseOf<'findPeople'>>('GET', path('findPeople', {}, 'q=ola han'));
      expect(found.status).toBe(200);
      const ola = found.body.people.find((p) => p.name === 'Ola Hansen')!;
      expect(ola).toMatchObject({ oid: DEMO.ola, unit: 'Oppvekst og kultur' });

      const before = await t.app.deps.store.auditEventsAbout(DEMO_TENANT_ID, [DEMO.ola]);
      const d = await download(DEMO.hilde, path('exportPersonData', { oid: ola.oid }));
      expect(d.status).toBe(200);
      const name = decodeURIComponent(
        /filename\*=UTF-8''(.+)$/.exec(d.headers.get('content-disposition')!)![1]!,
      );
      expect(name).toMatch(/^Samtale – mine data – Ola Hansen – \d{4}-\d{2}-\d{2}\.zip$/);
      const manifest = innsynManifest.parse(json(d, INNSYN_FILES.manifest));
      expect(manifest.person.name).toBe('Ola Hansen');
      expect(manifest.exportedBy).toEqual({ name: 'Hilde Strand', as: 'hr' });
      // The person's innsyn: his own preparation… but not Punkt 4, which Hilde (no salary role) may not
      // read: it is named as withheld, and HR with the salary role gets it.
      const everything = allText(d);
      expect(everything).not.toContain(SALARY);
      expect(everything).toContain(OLA_PREP);
      const contract = innsynConversations
        .parse(json(d, INNSYN_FILES.conversations))
        .conversations.find((c) => c.template.key === 'kontraktsamtale' && c.you === 'employee')!;
      expect(contract.withheldSections.length).toBeGreaterThan(0);
      expect(contract.sections.some((s) => s.sensitivity === 'salary')).toBe(false);
      expect(contract.documents.map((x) => x.part)).not.toContain('salary');
      const withSalary = await download(DEMO.lars, path('exportPersonData', { oid: ola.oid }));
      expect(allText(withSalary)).toContain(SALARY);
      // …and not more: not Kari's or Per's unshared preparation, not Ahmed's conversation.
      expect(everything).not.toContain(KARI_PREP);
      expect(everything).not.toContain(PER_PREP);
      expect(everything).not.toContain(AHMED_TEXT);
      expect(text(d, INNSYN_FILES.readme)).toContain('Hilde Strand (HR), på forespørsel fra Ola Hansen');

      const after = await t.app.deps.store.auditEventsAbout(DEMO_TENANT_ID, [DEMO.ola]);
      expect(after.slice(before.length)).toEqual([
        expect.objectContaining({
          action: 'data.exported',
          actorOid: DEMO.hilde,
          subject: DEMO.ola,
          data: expect.objectContaining({ by: 'hr', salary: false }) as unknown,
        }),
        expect.objectContaining({
          action: 'data.exported',
          actorOid: DEMO.lars,
          data: expect.objectContaining({ by: 'hr', salary: true }) as unknown,
        }),
      ]);
      // Ola sees in his next export that HR exported his data.
      const next = await download(DEMO.ola, path('exportMyData'));
      expect(innsynAudit.parse(json(next, INNSYN_FILES.audit)).events).toContainEqual(
        expect.objectContaining({
          by: 'Hilde Strand',
          action: 'data.exported',
          about: 'Dataene til Ola Hansen',
        }),
      );
    });

    it('nobody but HR exports or finds someone else: 403, whether the person exists or not', async () => {
      const before = (await t.app.deps.store.auditTrail()).events.length;
      for (const who of [DEMO.per, DEMO.kari, DEMO.anne]) {
        for (const oid of [DEMO.ola, 'finnes-ikke-0000']) {
          const d = await download(who, path('exportPersonData', { oid }));
          expect(d.status).toBe(403);
          expect((JSON.parse(d.body.toString('utf8')) as ErrorReply).error.code).toBe('FORBIDDEN');
        }
        const search = await (await t.as(who))('GET', path('findPeople', {}, 'q=ola'));
        expect(search.status).toBe(403);
      }
      expect((await t.app.deps.store.auditTrail()).events.length).toBe(before);
      // HR asking for someone who is not there: said in words.
      const missing = await download(DEMO.hilde, path('exportPersonData', { oid: 'finnes-ikke-0000' }));
      expect(missing.status).toBe(404);
      expect((JSON.parse(missing.body.toString('utf8')) as ErrorReply).error.code).toBe('USER_NOT_FOUND');
      // Without a token: nothing.
      expect((await t.call('GET', path('exportMyData'))).status).toBe(401);
    });

    it('speaks the reader’s language in its texts, with the same file names', async () => {
      const d = await download(DEMO.per, path('exportMyData'), 'en');
      expect(d.status).toBe(200);
      expect(text(d, INNSYN_FILES.readme)).toMatch(/^Right of access in Samtale for Per Johansen/);
      const name = decodeURIComponent(
        /filename\*=UTF-8''(.+)$/.exec(d.headers.get('content-disposition')!)![1]!,
      );
      expect(name).toMatch(/^Samtale – my data – Per Johansen – \d{4}-\d{2}-\d{2}\.zip$/);
      // Per's own reflections, both the shared and the kept one, and not the leader's view of more.
      const prep = innsynPreparation.parse(json(d, INNSYN_FILES.preparation)).preparation;
      expect(prep.filter((p) => p.conversationId === medarbeider).map((p) => p.value)).toEqual([
        PER_SHARED,
        PER_PREP,
      ]);
      expect(allText(d)).not.toContain(SALARY);
      expect(allText(d)).not.toContain(kontrakt);
    });

    it('feedback rounds: the leader assessed gets the result as she sees it; who answered gets only that they did; the superior gets neither', async () => {
      // Ingrid's utviklingssamtale with Kari (the demo's, in preparation): Ingrid asks her three reports.
      const ingrid = await t.as(DEMO.ingrid);
      const mine = await ingrid<{
        conversations: { id: string; template: { key: string }; status: string }[];
      }>('GET', path('listMyConversations'));
      const conversationId = mine.body.conversations.find(
        (c) => c.template.key === 'utviklingssamtale-leder' && c.status === 'preparing',
      )!.id;
      // The last day the server offers: before her conversation's day while that is still to come.
      const offered = await ingrid<FeedbackView>('GET', path('getFeedbackRound', { id: conversationId }));
      const closesOn = offered.body.latestClose;
      const opened = await ingrid<FeedbackView>('POST', path('openFeedbackRound', { id: conversationId }), {
        respondents: [DEMO.ahmed, DEMO.marte, DEMO.jonas],
        closesOn,
      });
      expect(opened.status).toBe(201);
      const roundId = (await t.app.deps.store.feedback.roundOf(conversationId))!.id;
      const feedbackOf = (d: Download) => innsynFeedback.parse(json(d, INNSYN_FILES.feedback));

      // Open: Ingrid sees how many were asked, no result yet; Ahmed that he was asked.
      const whileOpen = feedbackOf(await download(DEMO.ingrid, path('exportMyData')));
      expect(whileOpen.aboutYou).toEqual([
        expect.objectContaining({ roundId, open: true, invited: 3, answered: 0, result: null }),
      ]);
      expect(whileOpen.aboutYou[0]!.resultText).toBe('Resultatet vises når runden er avsluttet.');
      expect(feedbackOf(await download(DEMO.ahmed, path('exportMyData'))).asked).toEqual([
        expect.objectContaining({ roundId, leader: 'Ingrid Berg', open: true, answered: false }),
      ]);

      const actor = (oid: string): Actor => ({ tid: DEMO_TENANT_ID, oid, name: oid, upn: oid, roles: [] });
      const answers: [string, number[], string | null][] = [
        [DEMO.ahmed, [5, 4, 5, 4, 5], AHMED_FEEDBACK],
        [DEMO.marte, [3, 3, 3, 3, 3], MARTE_FEEDBACK],
        [DEMO.jonas, [4, 4, 4, 4, 4], null],
      ];
      for (const [oid, ratings, comment] of answers)
        expect(await answerFeedback(t.app.deps, actor(oid), { roundId, ratings, text: comment })).toBe('ok');
      expect((await ingrid('POST', path('closeFeedbackRound', { id: conversationId }))).status).toBe(200);
      // What the bot asked Ahmed, naming the leader.
      await t.app.bot.store.addAllToOutbox(
        [
          {
            id: 'innsyn-ahmed-feedback',
            tid: DEMO_TENANT_ID,
            recipientOid: DEMO.ahmed,
            day: '2031-03-04',
            messages: [
              {
                kind: 'feedback-input',
                key: `feedback-input:${roundId}:${DEMO.ahmed}`,
                tid: DEMO_TENANT_ID,
                recipientOid: DEMO.ahmed,
                subject: roundId,
                period: closesOn,
                date: closesOn,
                about: 'Ingrid Berg',
                count: 3,
                role: null,
                templateKey: null,
              },
            ],
          },
        ],
        new Date().toISOString(),
      );

      // Ingrid: the result exactly as her own view shows it, with the statements in words and the texts.
      const view = await ingrid<FeedbackView>('GET', path('getFeedbackRound', { id: conversationId }));
      const d = await download(DEMO.ingrid, path('exportMyData'));
      const title = innsynConversations
        .parse(json(d, INNSYN_FILES.conversations))
        .conversations.find((c) => c.id === conversationId)!.title;
      expect(title).toContain('Kari Nordmann');
      const { aboutYou, asked } = feedbackOf(d);
      expect(asked).toEqual([]);
      expect(aboutYou).toHaveLength(1);
      const round = aboutYou[0]!;
      expect(round).toMatchObject({
        roundId,
        conversationId,
        conversation: title,
        openedBy: 'Ingrid Berg',
        closesOn,
        open: false,
        invited: 3,
        answered: 3,
        minAnswers: 3,
        shared: 'private',
        sharedText: 'Bare du kan se resultatet.',
        withheld: false,
        resultText: null,
      });
      expect(round.closedAt).not.toBeNull();
      expect(round.result!.answered).toBe(3);
      expect([...round.result!.texts].sort()).toEqual([AHMED_FEEDBACK, MARTE_FEEDBACK].sort());
      expect(round.result!.statements[0]).toEqual({
        key: 'goals',
        statement: WORDS.nb.feedback.statements.goals,
        average: 4,
        counts: [0, 0, 1, 1, 1],
      });
      expect(round.result!.statements[1]).toMatchObject({ key: 'principles', average: 3.7 });
      // The same figures as her view in the tab.
      expect(round.result!.statements.map(({ key, average, counts }) => ({ key, average, counts }))).toEqual(
        view.body.round!.result!.statements,
      );
      // How many were asked, never who.
      for (const name of ['Ahmed Ali', 'Marte Olsen', 'Jonas Nilsen'])
        expect(text(d, INNSYN_FILES.feedback)).not.toContain(name);
      expect(innsynManifest.parse(json(d, INNSYN_FILES.manifest)).counts.feedbackRounds).toBe(1);
      expect(text(d, INNSYN_FILES.readme)).toContain('tilbakemelding.json');
      expect(text(d, INNSYN_FILES.readme)).toContain('svar på tilbakemeldingsrunder lagres uten navn');
      const log = innsynAudit.parse(json(d, INNSYN_FILES.audit));
      expect(log.events).toContainEqual(
        expect.objectContaining({
          by: 'Ingrid Berg',
          action: 'feedback.opened',
          what: 'startet en runde med anonym tilbakemelding',
          about: title,
        }),
      );
      expect(log.events).toContainEqual(
        expect.objectContaining({ action: 'feedback.closed', what: 'avsluttet tilbakemeldingsrunden' }),
      );
      // In English: the statements' and the choice's words too.
      const en = feedbackOf(await download(DEMO.ingrid, path('exportMyData'), 'en')).aboutYou[0]!;
      expect(en.result!.statements[0]!.statement).toBe(WORDS.en.feedback.statements.goals);
      expect(en.sharedText).toBe('Only you can see the result.');

      // HR, at Ingrid's request: the round and its counts, but the result is Ingrid's alone to read.
      const hr = await download(DEMO.hilde, path('exportPersonData', { oid: DEMO.ingrid }));
      expect(hr.status).toBe(200);
      expect(feedbackOf(hr).aboutYou).toEqual([
        expect.objectContaining({
          roundId,
          answered: 3,
          withheld: true,
          result: null,
          resultText: 'Resultatet er bare med når du henter ut dataene selv, under Mine data.',
        }),
      ]);
      expect(allText(hr)).not.toContain(AHMED_FEEDBACK);
      expect(allText(hr)).not.toContain(WORDS.nb.feedback.statements.goals);

      // Ahmed: that he was asked about Ingrid, and answered; nothing of what he answered.
      const a = await download(DEMO.ahmed, path('exportMyData'));
      const ahmedFeedback = feedbackOf(a);
      expect(ahmedFeedback).toEqual({
        aboutYou: [],
        asked: [
          {
            roundId,
            leader: 'Ingrid Berg',
            relation: 'report',
            relationText: 'Medarbeider hos lederen',
            closesOn,
            closedAt: round.closedAt,
            open: false,
            answered: true,
          },
        ],
      });
      const everything = allText(a);
      expect(everything).not.toContain(AHMED_FEEDBACK);
      expect(everything).not.toContain(MARTE_FEEDBACK);
      expect(everything).not.toContain('"ratings"');
      expect(everything).not.toContain('[5,4,5,4,5]');
      expect(text(a, INNSYN_FILES.feedback)).not.toMatch(/"(average|counts|texts|result)"/);
      expect(text(a, INNSYN_FILES.readme)).toContain('kan ikke knyttes til deg');
      expect(innsynManifest.parse(json(a, INNSYN_FILES.manifest)).counts.feedbackRounds).toBe(1);
      const { reminders } = innsynReminders.parse(json(a, INNSYN_FILES.reminders));
      expect(reminders.find((r) => r.day === '2031-03-04')!.messages).toEqual([
        expect.objectContaining({
          kind: 'feedback-input',
          kindText: 'Tilbakemelding på en leder',
          subject: roundId,
          about: 'Ingrid Berg',
        }),
      ]);

      // Kari, the superior: the round is not about her, and Ingrid kept the result to herself.
      const k = await download(DEMO.kari, path('exportMyData'));
      expect(feedbackOf(k)).toEqual({ aboutYou: [], asked: [] });
      const karis = allText(k);
      expect(karis).toContain(conversationId);
      expect(karis).not.toContain(AHMED_FEEDBACK);
      expect(karis).not.toContain(MARTE_FEEDBACK);
      expect(karis).not.toContain(WORDS.nb.feedback.statements.goals);
    });
  });
}
