// Kommunekompasset through the API, on PGlite and PostgreSQL: a round started by Admin, scored by two
// assessors who must agree, the seed's example reproduced from its sub-areas, the groups' input shown
// only from 5, and evidence figures from the demo organisation's own records.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDebian } from '../../scripts/ensure-debian.mjs';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { KOMPASS_REFERENCE } from '../../src/domain/templates/kommunekompass-reference.ts';
import { KOMPASS_AREAS } from '../../src/domain/templates/kommunekompass.ts';
import { DEMO_TENANT_ID } from '../../src/seed/demo-organisation.ts';
import { answerKompassInput } from '../../src/usecases/answer-kompass-input.ts';
import { followUpPeriods } from '../../src/domain/unit-plan.ts';
import { currentPeriod } from '../../src/usecases/support.ts';
import { backends } from '../helpers/backends.ts';
import { path } from '../helpers/factory.ts';
import { DEMO, startTestApp, type Client, type TestApp } from '../helpers/harness.ts';

type Round = ResponseOf<'getKompassRound'>;
type Fail = { error: { code: string; details?: Record<string, unknown> } };

for (const backend of await backends()) {
  describe(`Kommunekompasset (${backend.name})`, () => {
    let t: TestApp;
    let anne: Client; // Admin
    let kari: Client; // the top leader, an assessor
    let hilde: Client; // HR, an assessor
    let per: Client; // an employee
    let year = 2040;

    beforeAll(async () => {
      t = await startTestApp(backend);
      anne = await t.as(DEMO.anne);
      kari = await t.as(DEMO.kari);
      hilde = await t.as(DEMO.hilde);
      per = await t.as(DEMO.per);
    });
    afterAll(() => t?.close());

    const start = async (y: number, assessors = [DEMO.kari, DEMO.hilde]): Promise<Round> => {
      const r = await anne<Round & Fail>('POST', path('startKompassRound'), { year: y, assessors });
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(201);
      return r.body;
    };
    const move = (round: Round, transition: string) =>
      anne<Round & Fail>('POST', path('transitionKompassRound', { id: round.id }), {
        transition,
        baseVersion: round.version,
      });
    const score = (
      who: Client,
      round: Round,
      code: string,
      points: number,
      justification: string | null = null,
    ) => who<Round & Fail>('PUT', path('scoreSubArea', { id: round.id, code }), { points, justification });
    const sub = (round: Round, code: string) =>
      round.areas.flatMap((a) => a.subAreas).find((s) => s.code === code)!;

    it('Admin starts a round and names the assessors; nobody else may, and a year has one round', async () => {
      const y = year++;
      expect(
        (await per<Fail>('POST', path('startKompassRound'), { year: y, assessors: [DEMO.kari] })).status,
      ).toBe(403);
      expect(
        (await anne<Fail>('POST', path('startKompassRound'), { year: y, assessors: ['no-such-person'] })).body
          .error.code,
      ).toBe('ASSESSOR_UNKNOWN');
      const round = await start(y);
      expect(round).toMatchObject({ status: 'draft', year: y, organisation: 'Fjordvik kommune' });
      expect(round.assessors.map((a) => a.name)).toEqual(['Kari Nordmann', 'Hilde Strand']);
      expect(round.can.transitions).toEqual(['open-input', 'start-assessment']);
      expect(
        (await anne<Fail>('POST', path('startKompassRound'), { year: y, assessors: [DEMO.kari] })).body.error
          .code,
      ).toBe('ROUND_EXISTS');
      // A respondent answers in the bot; being asked shows them nothing of the round.
      await anne('POST', path('inviteRespondents', { id: round.id }), {
        group: 'employees',
        people: [DEMO.silje],
      });
      // Who reads it: Admin, the assessors, HR, the top leader; a respondent or an employee learns nothing of it.
      const cases: [string, string, number][] = [
        ['admin', DEMO.anne, 200],
        ['assessor (top leader)', DEMO.kari, 200],
        ['assessor (HR)', DEMO.hilde, 200],
        ['HR, not an assessor', DEMO.lars, 200],
        ['a unit leader', DEMO.ola, 404],
        ['an employee', DEMO.per, 404],
        ['a respondent', DEMO.silje, 404],
      ];
      for (const [who, oid, status] of cases) {
        const client = await t.as(oid);
        expect((await client('GET', path('getKompassRound', { id: round.id }))).status, who).toBe(status);
        const listed = (await client<ResponseOf<'listKompassRounds'>>('GET', path('listKompassRounds'))).body;
        expect(
          listed.rounds.some((r) => r.id === round.id),
          who,
        ).toBe(status === 200);
        expect(listed.canStart, who).toBe(oid === DEMO.anne);
      }
    });

    it('assessors score in tenths up to each maximum; where they disagree both scores show until they agree', async () => {
      const round = await start(year++);
      // Not before the assessment starts.
      expect((await score(kari, round, '3.2', 35.3)).body.error.code).toBe('ROUND_STATE_FORBIDS');
      const started = await move(round, 'start-assessment');
      expect(started.body.status).toBe('assessment');
      expect(started.body.can.score).toBe(false); // Anne is not an assessor
      for (const [points, problem] of [
        [40.1, 'range'],
        [-1, 'range'],
        [35.35, 'tenths'],
      ] as const) {
        const refused = await score(kari, round, '3.2', points);
        expect(refused.body.error.code).toBe('SCORE_INVALID');
        expect(refused.body.error.details).toMatchObject({ max: 40, problem });
      }
      // Only the assessors score: HR who is not one may read but not score; Admin neither.
      expect(
        (
          await (
            await t.as(DEMO.lars)
          )<Fail>('PUT', path('scoreSubArea', { id: round.id, code: '3.2' }), { points: 1 })
        ).status,
      ).toBe(403);
      expect((await score(anne, round, '3.2', 1)).status).toBe(403);

      let view = (await score(kari, round, '3.2', 35.3, 'Styringsdokumentene er koblet til budsjettet.'))
        .body;
      expect(sub(view, '3.2')).toMatchObject({ scores: [35.3, null], agreed: null, disagreement: false });
      view = (await score(hilde, round, '3.2', 30)).body;
      expect(sub(view, '3.2')).toMatchObject({ scores: [35.3, 30], agreed: null, disagreement: true });
      expect(sub(view, '3.2').justifications).toEqual([
        'Styringsdokumentene er koblet til budsjettet.',
        null,
      ]);
      // Area 3's sums as each assessor has typed them; no agreed sum yet.
      expect(view.areas[2]!.sums).toEqual({ byAssessor: [35, 30], agreed: null });
      expect(view.finishRefusal).toBe('disagreement');
      expect((await move(view, 'finish')).body.error.code).toBe('ROUND_NOT_READY');
      view = (await score(hilde, round, '3.2', 35.3)).body;
      expect(sub(view, '3.2')).toMatchObject({ scores: [35.3, 35.3], agreed: 35.3, disagreement: false });
      expect(view.finishRefusal).toBe('unscored');
    });

    it(
      "the seed's example reproduced from its sub-areas: 62, 73 (77 reported), 87, 68, 41, 67, 69, 84; 551 computed, 555 reported",
      { timeout: 300_000 },
      async () => {
        let round = await start(year++);
        round = (await move(round, 'start-assessment')).body;
        for (const area of KOMPASS_AREAS)
          for (const s of area.subAreas)
            for (const who of [kari, hilde]) {
              const r = await score(who, round, s.code, KOMPASS_REFERENCE.subAreas[s.code]!);
              expect(r.status, s.code).toBe(200);
              round = r.body;
            }
        expect(round.areas.map((a) => a.sums.agreed)).toEqual([62, 73, 87, 68, 41, 67, 69, 84]);
        expect(round.total).toBe(551);
        expect(round.max).toBe(800);
        expect(round.reference.reported).toEqual([62, 77, 87, 68, 41, 67, 69, 84]);
        expect(round.reference.reported.reduce((a, b) => a + b, 0)).toBe(555);
        expect(round.reference.computed).toEqual([62, 73, 87, 68, 41, 67, 69, 84]);
        expect(round.finishRefusal).toBeNull();
        const done = await move(round, 'finish');
        expect(done.body.status).toBe('done');
        expect(done.body.can.score).toBe(false);
        // Nothing changes a finished round.
        expect((await score(kari, done.body, '1.1', 1)).body.error.code).toBe('ROUND_STATE_FORBIDS');
        // The finished round is archived as a PDF/A report that every reader opens.
        ensureDebian('poppler-utils', 'qpdf');
        for (const end = Date.now() + 60_000; Date.now() < end;) {
          if ((await anne<Round>('GET', path('getKompassRound', { id: round.id }))).body.report) break;
          await new Promise((r) => setTimeout(r, 200));
        }
        const r = await fetch(t.url + path('openKompassReport', { id: round.id }), {
          headers: { authorization: `Bearer ${await t.token(DEMO.lars)}` },
        });
        expect(r.status).toBe(200);
        const dir = join(import.meta.dirname, '..', '..', 'test-results', 'kompass');
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `${backend.name}-report.pdf`);
        writeFileSync(file, Buffer.from(await r.arrayBuffer()));
        execFileSync('qpdf', ['--check', file]);
        const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
        expect(fonts).toMatch(/DejaVuSans/);
        expect(
          fonts
            .split('\n')
            .slice(2)
            .filter((l) => l.trim() && !/ yes yes yes /.test(l)),
        ).toEqual([]);
        const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(
          /\s+/g,
          ' ',
        );
        for (const words of [
          `Kommunekompasset ${round.year}: Fjordvik kommune`,
          'Vurdert av: Kari Nordmann og Hilde Strand',
          '3.2 Politisk styring',
          '35,3 av 40',
          'Styring og kontroll 87',
          'Samlet: 551 av 800 poeng',
          'Midtre Gauldal kommune',
          'Enheter med vedtatt virksomhetsplan',
        ])
          expect(text).toContain(words);
        // Public by default; no internal codes.
        expect(text).not.toContain('Unntatt offentlighet');
        expect(text).not.toMatch(/plans-adopted|employees-signed|tema-\d-gradering/);
        // Someone who may not read the round may not open it either.
        expect((await per('GET', path('openKompassReport', { id: round.id }))).status).toBe(404);

        // The next year's round compares with this one.
        const next = await start(year++);
        expect(next.previous).toEqual({ year: round.year, areas: [62, 73, 87, 68, 41, 67, 69, 84] });
      },
    );

    it("an area's Utfordring becomes a goal of the municipality's own plan, linked back to the area", async () => {
      let round = await start(year++);
      round = (await move(round, 'start-assessment')).body;
      const note = await hilde<Round>(
        'PUT',
        path('saveAreaNote', { id: round.id, area: '3', kind: 'utfordringer' }),
        {
          text: 'Svak kobling mellom budsjett og mål\n- Lite systematisk rapportering til kommunestyret',
          baseVersion: 0,
        },
      );
      expect(note.status).toBe(200);
      expect(note.body.areas[2]!.notes.utfordringer).toMatchObject({
        version: 1,
        by: { name: 'Hilde Strand' },
      });
      // A stale version is a conflict that names what is there now.
      const stale = await kari<Fail>(
        'PUT',
        path('saveAreaNote', { id: round.id, area: '3', kind: 'utfordringer' }),
        {
          text: 'Noe annet',
          baseVersion: 0,
        },
      );
      expect(stale.body.error.code).toBe('VERSION_CONFLICT');
      // The view tells who may take a finding into the municipality's plan: its writer, the top leader.
      expect((await kari<Round>('GET', path('getKompassRound', { id: round.id }))).body.can.makeGoals).toBe(
        true,
      );
      expect((await hilde<Round>('GET', path('getKompassRound', { id: round.id }))).body.can.makeGoals).toBe(
        false,
      );
      const take = (who: Client, text: string, kind = 'utfordringer') =>
        who<ResponseOf<'makeGoalFromFinding'> & Fail>(
          'POST',
          path('makeGoalFromFinding', { id: round.id, area: '3' }),
          {
            kind,
            text,
          },
        );
      // No plan of the municipality open for goals yet.
      expect((await take(kari, 'Lite systematisk rapportering til kommunestyret')).body.error.code).toBe(
        'NO_OPEN_TOP_PLAN',
      );
      const top = await kari<ResponseOf<'draftPlan'>>('POST', path('draftPlan'), {
        unitId: 'fjordvik',
        year: round.year + 1,
      });
      expect(top.status).toBe(201);
      // Only a line the assessors wrote; only who writes the municipality's plan.
      expect((await take(kari, 'Noe ingen har skrevet')).body.error.code).toBe('FINDING_NOT_FOUND');
      expect((await take(kari, 'Svak kobling mellom budsjett og mål', 'svakheter')).body.error.code).toBe(
        'FINDING_NOT_FOUND',
      );
      expect((await take(hilde, 'Lite systematisk rapportering til kommunestyret')).status).toBe(403);
      const made = await take(kari, 'Lite systematisk rapportering til kommunestyret');
      expect(made.status, JSON.stringify(made.body).slice(0, 300)).toBe(201);
      expect(made.body).toMatchObject({
        planId: top.body.id,
        year: round.year + 1,
        goal: {
          goal: 'Lite systematisk rapportering til kommunestyret',
          fromKompass: { roundId: round.id, area: 3, title: 'Styring og kontroll' },
        },
      });
      const plan = (await kari<ResponseOf<'getPlan'>>('GET', path('getPlan', { id: top.body.id }))).body;
      expect(plan.goals.map((g) => [g.goal, g.fromKompass?.area])).toEqual([
        ['Lite systematisk rapportering til kommunestyret', 3],
      ]);
    });

    it('input from a group is shown only from 5 respondents, and no answer is stored beside a person', async () => {
      let round = await start(year++);
      const employees = [DEMO.per, DEMO.silje, DEMO.ahmed, DEMO.marte, DEMO.jonas];
      round = (
        await anne<Round>('POST', path('inviteRespondents', { id: round.id }), {
          group: 'employees',
          people: employees,
        })
      ).body;
      expect(round.invitations.find((i) => i.group === 'employees')).toEqual({
        group: 'employees',
        invited: 5,
        answered: 0,
      });
      round = (await move(round, 'open-input')).body;
      const actor = (oid: string): Actor => ({ tid: DEMO_TENANT_ID, oid, name: oid, upn: oid, roles: [] });
      const answer = (oid: string, ratings: number[], text: string | null) =>
        answerKompassInput(t.app.deps, actor(oid), { roundId: round.id, area: 8, ratings, text });
      // Someone not asked cannot answer; a rating outside 1–5 is refused.
      await expect(answer(DEMO.ola, [3, 3, 3, 3], null)).rejects.toMatchObject({ code: 'ROUND_NOT_FOUND' });
      await expect(answer(DEMO.per, [6, 3, 3, 3], null)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      for (const [i, oid] of employees.slice(0, 4).entries())
        expect(await answer(oid, [4, 3, 2, i + 1], `SVAR-${i}`)).toBe('ok');
      // Once per person and area.
      expect(await answer(DEMO.per, [1, 1, 1, 1], 'igjen')).toBe('answered');
      const read = async () => (await anne<Round>('GET', path('getKompassRound', { id: round.id }))).body;
      let input = (await read()).areas[7]!.input.find((g) => g.group === 'employees')!;
      expect(input).toEqual({ group: 'employees', respondents: null, averages: null, texts: [] });
      expect(JSON.stringify(await read())).not.toContain('SVAR-');
      expect(await answer(DEMO.jonas, [5, 3, 2, 5], 'SVAR-4')).toBe('ok');
      input = (await read()).areas[7]!.input.find((g) => g.group === 'employees')!;
      expect(input.respondents).toBe(5);
      expect(input.averages).toEqual([4.2, 3, 2, 3]);
      expect([...input.texts].sort()).toEqual(['SVAR-0', 'SVAR-1', 'SVAR-2', 'SVAR-3', 'SVAR-4']);
      // No row of the answers holds a person: not as a column, not in any value.
      const columns = await t.app.db.query<{ column_name: string }>(
        "select column_name from information_schema.columns where table_name = 'kompass_responses'",
      );
      expect(columns.map((c) => c.column_name).sort()).toEqual([
        'area',
        'grp',
        'ratings',
        'round_id',
        'text',
      ]);
      const rows = await t.app.db.query<Record<string, unknown>>(
        'select * from kompass_responses where round_id = $1',
        [round.id],
      );
      for (const oid of employees) expect(JSON.stringify(rows)).not.toContain(oid);
    });

    it("evidence from the demo organisation's own records matches a hand count; below 5 it is hidden", async () => {
      const y = Number(currentPeriod(t.app.deps));
      const existing = (
        await anne<ResponseOf<'listKompassRounds'>>('GET', path('listKompassRounds'))
      ).body.rounds.find((r) => r.year === y);
      const round = existing
        ? (await anne<Round>('GET', path('getKompassRound', { id: existing.id }))).body
        : await start(y);
      const figure = (id: string, part: string | null = null) =>
        round.evidence.find((f) => f.id === id && f.part === part)!;
      // By hand, from the demo organisation (src/seed/demo-organisation.ts): 5 units, each with this
      // year's plan adopted; 10 goals this year (Fjordvik 3, Oppvekst 2 after one ended, Helse 3, Stab 1,
      // Personal 1), the 7 below the top all serving a municipal goal, every goal reported for every
      // quarter that has ended.
      expect(figure('plans-adopted')).toMatchObject({ value: 100, numerator: 5, denominator: 5 });
      expect(figure('goals-linked')).toMatchObject({ value: 100, numerator: 7, denominator: 7 });
      const today = new Date().toISOString().slice(0, 10);
      // Only quarters that have ended.
      const ended = followUpPeriods(y, 'quarter').filter((q) => q.ends < today);
      expect(round.evidence.filter((f) => f.id === 'goals-reported').map((f) => f.part)).toEqual(
        ended.map((q) => q.id),
      );
      for (const q of ended)
        expect(figure('goals-reported', q.id), q.id).toMatchObject({ numerator: 10, denominator: 10 });
      // 11 people, 10 of them with a leader; only Silje has a signed medarbeidersamtale this year
      // (Marte's is signed by her leader alone).
      expect(figure('employees-signed')).toMatchObject({ value: 10, numerator: 1, denominator: 10 });
      // Below 5 nothing is shown: 2 leaders with a leader of their own (Ola, Ingrid; not Kari, who has
      // nobody in Samtale to hold her conversation); 1 plan row in this year's signed records;
      // no Oslo record signed this year.
      expect(figure('leaders-signed')).toEqual({
        id: 'leaders-signed',
        area: 8,
        value: null,
        numerator: null,
        denominator: 2,
        part: null,
      });
      expect(figure('items-followed-up')).toMatchObject({ value: null, numerator: null, denominator: 1 });
      expect(figure('del1-grading', 'tema-1-gradering:som')).toMatchObject({ value: null, denominator: 0 });
    });
  });
}
