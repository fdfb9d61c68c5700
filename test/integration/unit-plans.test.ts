// A unit's plan (virksomhetsplan, seed 004) through the API, on PGlite and PostgreSQL: the leader
// drafts, the staff give input, the plan is adopted only with measurable goals, owners report each
// quarter, goals point up to the plan above, and next year's plan carries on what the year report keeps.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDebian } from '../../scripts/ensure-debian.mjs';
import { localFolderArchive } from '../../src/adapters/archive/local-folder.ts';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import { backends } from '../helpers/backends.ts';
import { conversationAt, path } from '../helpers/factory.ts';
import { DEMO, startTestApp, type Client, type TestApp } from '../helpers/harness.ts';

type Plan = ResponseOf<'getPlan'>;
type Goal = ResponseOf<'addPlanGoal'>;
type Fail = { error: { code: string } };

for (const backend of await backends()) {
  describe(`unit plans (${backend.name})`, () => {
    let t: TestApp;
    let ola: Client; // leads Oppvekst og kultur
    let per: Client; // works in Oppvekst
    let silje: Client; // works in Oppvekst
    let kari: Client; // the top leader
    let year = 2030;

    beforeAll(async () => {
      t = await startTestApp(backend);
      ola = await t.as(DEMO.ola);
      per = await t.as(DEMO.per);
      silje = await t.as(DEMO.silje);
      kari = await t.as(DEMO.kari);
    });
    afterAll(() => t?.close());

    const draft = async (who: Client, unitId: string, y: number) => {
      const r = await who<Plan>('POST', path('draftPlan'), { unitId, year: y });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    const goal = async (who: Client, planId: string, body: Record<string, unknown>) => {
      const r = await who<Goal>('POST', path('addPlanGoal', { id: planId }), body);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    const complete = (owner: string) => ({
      indicator: 'Andel elever som svarer at de trives',
      baseline: 78,
      target: 85,
      actions: 'Trivselsundersøkelse hvert halvår',
      ownerOid: owner,
      due: `${year}-12-31`,
    });
    const move = async (who: Client, plan: Plan, transition: string) =>
      who<Plan & Fail>('POST', path('transitionPlan', { id: plan.id }), {
        transition,
        baseVersion: plan.version,
      });

    it('the leader drafts, the staff comment and propose, and the plan is adopted only with measurable goals', async () => {
      const y = year++;
      const plan = await draft(ola, 'oppvekst', y);
      expect(plan).toMatchObject({
        status: 'draft',
        unit: { name: 'Oppvekst og kultur' },
        leader: { name: 'Ola Hansen' },
      });
      expect(plan.can).toEqual({
        write: true,
        contribute: false,
        editGoals: true,
        markOutcomes: false,
        fields: ['trinn-1-gjennomfort', 'trinn-2-gjennomfort', 'trinn-3-gjennomfort', 'forutsetninger'],
        transitions: ['open-input', 'adopt'],
      });
      expect(plan.members.map((m) => m.name)).toEqual(['Ola Hansen', 'Per Johansen', 'Silje Larsen']);
      // One plan per unit and year.
      expect(
        (await ola<Fail>('POST', path('draftPlan'), { unitId: 'oppvekst', year: y })).body.error.code,
      ).toBe('PLAN_EXISTS');

      // The plan's own fields: Trinn 1–3 and the checklist while drafting; the year report only later.
      const answer = (who: Client, fieldId: string, value: unknown, baseVersion: number) =>
        who<Plan & Fail>('PUT', path('savePlanAnswer', { id: plan.id, fieldId }), { value, baseVersion });
      const trinn1 = await answer(ola, 'trinn-1-gjennomfort', `${y}-01-15`, 0);
      expect(trinn1.status).toBe(200);
      expect(trinn1.body.answers['trinn-1-gjennomfort']).toMatchObject({ value: `${y}-01-15`, version: 1 });
      expect((await answer(ola, 'forutsetninger', ['malbar', 'enkle'], 0)).status).toBe(200);
      expect((await answer(ola, 'forutsetninger', ['ukjent'], 1)).body.error.code).toBe('ANSWER_INVALID');
      expect((await answer(ola, 'trinn-1-gjennomfort', `${y}-01-16`, 0)).body.error.code).toBe(
        'VERSION_CONFLICT',
      );
      expect((await answer(ola, 'rapport', 'For tidlig', 0)).body.error.code).toBe('PLAN_STATE_FORBIDS');
      expect((await answer(per, 'trinn-2-gjennomfort', `${y}-01-20`, 0)).status).toBe(403);

      // A goal without indicator, owner or date is written, and shows what it lacks.
      const bare = await goal(ola, plan.id, { goal: 'Bedre trivsel i skolen' });
      expect(bare.problems).toEqual(['indicator', 'owner', 'due']);
      const adoptEarly = await move(ola, { ...plan }, 'adopt');
      expect(adoptEarly.status).toBe(409);
      expect(adoptEarly.body.error.code).toBe('PLAN_NOT_READY');

      // Trinn 4: the staff take part.
      const open = await move(
        ola,
        (await ola<Plan>('GET', path('getPlan', { id: plan.id }))).body,
        'open-input',
      );
      expect(open.status).toBe(200);
      expect(open.body.status).toBe('input');
      const perView = await per<Plan>('GET', path('getPlan', { id: plan.id }));
      expect(perView.body.can).toEqual({
        write: false,
        contribute: true,
        editGoals: false,
        markOutcomes: false,
        fields: [],
        transitions: [],
      });
      // The leader answers the input; he does not give it to his own plan.
      expect(open.body.can.contribute).toBe(false);
      const comment = await per<ResponseOf<'contributeToPlan'>>(
        'POST',
        path('contributeToPlan', { id: plan.id }),
        {
          kind: 'comment',
          goalId: bare.id,
          text: 'Vi bør måle trivsel to ganger i året.',
        },
      );
      expect(comment.status).toBe(201);
      const proposal = await silje<ResponseOf<'contributeToPlan'>>(
        'POST',
        path('contributeToPlan', { id: plan.id }),
        {
          kind: 'proposal',
          text: 'Flere lærere med videreutdanning i lesing',
        },
      );
      expect(proposal.status).toBe(201);
      // Staff do not write the goals themselves.
      expect(
        (await per<Fail>('POST', path('addPlanGoal', { id: plan.id }), { goal: 'Mitt eget mål' })).status,
      ).toBe(403);

      // The leader answers the comment and takes the proposal in as a goal.
      const answered = await ola<ResponseOf<'answerContribution'>>(
        'POST',
        path('answerContribution', { id: proposal.body.id }),
        { answer: 'Tatt inn som mål.', takeIn: true },
      );
      expect(answered.status).toBe(200);
      expect(answered.body.answer?.takenInto).toBeTruthy();
      const again = await ola<Fail>('POST', path('answerContribution', { id: proposal.body.id }), {
        answer: 'Igjen',
      });
      expect(again.body.error.code).toBe('CONTRIBUTION_ANSWERED');
      const withInput = (await ola<Plan>('GET', path('getPlan', { id: plan.id }))).body;
      expect(withInput.goals.map((g) => g.goal)).toEqual([
        'Bedre trivsel i skolen',
        'Flere lærere med videreutdanning i lesing',
      ]);
      expect(withInput.contributions.map((c) => [c.author.name, c.kind])).toEqual([
        ['Per Johansen', 'comment'],
        ['Silje Larsen', 'proposal'],
      ]);

      // The Ansvarsperson is one of the unit's people.
      const outsider = await ola<Fail>('PATCH', path('updatePlanGoal', { id: bare.id }), {
        ownerOid: DEMO.ahmed,
        baseVersion: bare.version,
      });
      expect(outsider.body.error.code).toBe('GOAL_OWNER_NOT_MEMBER');
      for (const [g, owner] of [
        [withInput.goals[0]!, DEMO.per],
        [withInput.goals[1]!, DEMO.silje],
      ] as const) {
        const r = await ola<Goal>('PATCH', path('updatePlanGoal', { id: g.id }), {
          ...complete(owner),
          baseVersion: g.version,
        });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(r.body.problems).toEqual([]);
      }
      const current = (await ola<Plan>('GET', path('getPlan', { id: plan.id }))).body;
      const adopted = await move(ola, current, 'adopt');
      expect(adopted.status).toBe(200);
      expect(adopted.body).toMatchObject({ status: 'adopted', adopted: { by: { name: 'Ola Hansen' } } });
      // Adopted goals are no longer edited.
      const late = await ola<Fail>('PATCH', path('updatePlanGoal', { id: bare.id }), {
        goal: 'Endret etterpå',
        baseVersion: adopted.body.goals[0]!.version,
      });
      expect(late.body.error.code).toBe('PLAN_STATE_FORBIDS');
    });

    it('each Ansvarsperson reports their own goal per quarter; the history stays', async () => {
      const y = year++;
      const plan = await draft(ola, 'oppvekst', y);
      const mine = await goal(ola, plan.id, {
        goal: 'Leseferdigheter',
        ...complete(DEMO.per),
        due: `${y}-12-31`,
      });
      const adopted = await move(
        ola,
        (await ola<Plan>('GET', path('getPlan', { id: plan.id }))).body,
        'adopt',
      );
      expect(adopted.status).toBe(200);
      const report = (who: Client, period: string, status: string, measured: number | null) =>
        who<Goal & Fail>('POST', path('reportGoal', { id: mine.id }), {
          period,
          status,
          measured,
          comment: null,
        });
      expect((await report(per, `${y}-Q1`, 'on_track', 80)).status).toBe(200);
      expect((await report(per, `${y}-Q2`, 'uncertain', 79)).status).toBe(200);
      // Silje is not its Ansvarsperson; a period of another year is refused.
      expect((await report(silje, `${y}-Q2`, 'reached', 90)).body.error.code).toBe('FORBIDDEN');
      expect((await report(per, `${y + 1}-Q1`, 'reached', 90)).status).toBe(400);
      // The list shows how many goals are reported per quarter.
      const listed = (await ola<ResponseOf<'listPlans'>>('GET', path('listPlans', {}, `year=${y}`))).body
        .plans;
      expect(listed.find((p) => p.plan?.id === plan.id)!.plan!.reported.slice(0, 3)).toEqual([
        { period: `${y}-Q1`, goals: 1 },
        { period: `${y}-Q2`, goals: 1 },
        { period: `${y}-Q3`, goals: 0 },
      ]);
      // A second report for a quarter replaces the first.
      const replaced = await report(per, `${y}-Q2`, 'on_track', 81);
      expect(replaced.body.reports.map((r) => [r.period, r.status, r.measured, r.by.name])).toEqual([
        [`${y}-Q1`, 'on_track', 80, 'Per Johansen'],
        [`${y}-Q2`, 'on_track', 81, 'Per Johansen'],
      ]);
    });

    it('a goal points up to a goal of the plan above; removing that goal keeps the link as a former goal', async () => {
      const y = year++;
      const top = await draft(kari, 'fjordvik', y);
      const municipal = await goal(kari, top.id, {
        goal: 'Alle barn skal mestre lesing',
        ...complete(DEMO.kari),
      });
      const helse = await draft(kari, 'helse', y);
      const other = await goal(kari, helse.id, { goal: 'Kortere ventetid', ...complete(DEMO.ingrid) });
      const plan = await draft(ola, 'oppvekst', y);
      const serving = await goal(ola, plan.id, {
        goal: 'Lesekurs for 4. trinn',
        ...complete(DEMO.per),
        servesGoalId: municipal.id,
      });
      expect(serving.serves).toMatchObject({
        goal: 'Alle barn skal mestre lesing',
        unit: { name: 'Fjordvik kommune' },
        removed: false,
      });
      // A sibling unit's goal is not above this one.
      const sideways = await ola<Fail>('POST', path('addPlanGoal', { id: plan.id }), {
        goal: 'Feil kobling',
        servesGoalId: other.id,
      });
      expect(sideways.body.error.code).toBe('GOAL_LINK_INVALID');
      const view = (await ola<Plan>('GET', path('getPlan', { id: plan.id }))).body;
      expect(view.parentGoals.map((g) => g.goal)).toEqual(['Alle barn skal mestre lesing']);

      // The top goal is reworded: the link holds (by id). Then it is removed: the link reads as former.
      const reworded = await kari<Goal>('PATCH', path('updatePlanGoal', { id: municipal.id }), {
        goal: 'Alle barn skal lese godt',
        baseVersion: municipal.version,
      });
      expect(reworded.status).toBe(200);
      const removed = await kari<Goal>(
        'DELETE',
        path('removePlanGoal', { id: municipal.id }, `version=${reworded.body.version}`),
      );
      expect(removed.status).toBe(200);
      const after = (await ola<Plan>('GET', path('getPlan', { id: plan.id }))).body;
      expect(after.goals[0]!.serves).toMatchObject({ goal: 'Alle barn skal lese godt', removed: true });
      expect(after.parentGoals).toEqual([]);
    });

    it('next year starts from this year: goals kept in the year report come along, ended ones do not', async () => {
      const y = year++;
      const plan = await draft(ola, 'oppvekst', y);
      const goals = [];
      for (const text of ['Videreføres', 'Justeres', 'Avsluttes'])
        goals.push(await goal(ola, plan.id, { goal: text, ...complete(DEMO.silje), due: `${y}-12-31` }));
      let view = (await ola<Plan>('GET', path('getPlan', { id: plan.id }))).body;
      view = (await move(ola, view, 'adopt')).body;
      view = (await move(ola, view, 'start-report')).body;
      expect(view.status).toBe('reporting');
      for (const [g, outcome] of [
        [goals[0]!, 'continue'],
        [goals[1]!, 'adjust'],
        [goals[2]!, 'end'],
      ] as const) {
        const r = await ola<Goal>('PATCH', path('updatePlanGoal', { id: g.id }), {
          outcome,
          baseVersion: g.version,
        });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
      }
      // Trinn 7: the year report is written before the plan is closed.
      const report = await ola<Plan>('PUT', path('savePlanAnswer', { id: plan.id, fieldId: 'rapport' }), {
        value: 'To av tre mål er nådd; lesemålet justeres.',
        baseVersion: 0,
      });
      expect(report.status).toBe(200);
      expect((await move(ola, report.body, 'close')).body.status).toBe('closed');
      const next = await draft(ola, 'oppvekst', y + 1);
      expect(next.goals.map((g) => [g.goal, g.carriedFrom])).toEqual([
        ['Videreføres', goals[0]!.id],
        ['Justeres', goals[1]!.id],
      ]);
      // This year's date is set anew.
      expect(next.goals.every((g) => g.due === null && g.problems.includes('due'))).toBe(true);
      year++;
    });

    it('who reads and writes a plan: its unit, its leaders and HR; nobody else learns it exists', async () => {
      const y = year++;
      const plan = await draft(ola, 'oppvekst', y);
      const cases: [string, string, number, boolean][] = [
        // who, as, GET status, may write
        ['member', DEMO.per, 200, false],
        ['leader', DEMO.ola, 200, true],
        ['leader above (top)', DEMO.kari, 200, true],
        ['HR', DEMO.hilde, 200, false],
        ['member of another unit', DEMO.ahmed, 404, false],
        ['leader of another unit', DEMO.ingrid, 404, false],
        ['admin', DEMO.anne, 404, false],
      ];
      for (const [who, oid, status, write] of cases) {
        const client = await t.as(oid);
        const r = await client<Plan>('GET', path('getPlan', { id: plan.id }));
        expect(r.status, who).toBe(status);
        if (status === 200) expect(r.body.can.write, who).toBe(write);
        const add = await client<Fail>('POST', path('addPlanGoal', { id: plan.id }), {
          goal: `Mål fra ${who}`,
        });
        expect(add.status, who).toBe(write ? 201 : status === 404 ? 404 : 403);
        const listed = (await client<ResponseOf<'listPlans'>>('GET', path('listPlans', {}, `year=${y}`))).body
          .plans;
        expect(
          listed.some((p) => p.plan?.id === plan.id),
          who,
        ).toBe(status === 200);
      }
      // HR sees every unit, with what each plan's goals lack.
      const forHr = (
        await (
          await t.as(DEMO.hilde)
        )<ResponseOf<'listPlans'>>('GET', path('listPlans', {}, `year=${y}`))
      ).body.plans;
      expect(forHr.map((p) => p.unit.name)).toEqual([
        'Fjordvik kommune',
        'Helse og omsorg',
        'Kommunedirektørens stab',
        'Oppvekst og kultur',
        'Personal og organisasjon',
      ]);
      const row = forHr.find((p) => p.unit.id === 'oppvekst')!.plan!;
      expect(row).toMatchObject({ status: 'draft', withoutOwner: row.goals, withoutIndicator: row.goals });
      expect(row.reported.map((r) => r.period)).toEqual([`${y}-Q1`, `${y}-Q2`, `${y}-Q3`, `${y}-Q4`]);
      // Only the unit's leaders may start a plan for it.
      expect(
        (await (await t.as(DEMO.per))<Fail>('POST', path('draftPlan'), { unitId: 'helse', year: y })).status,
      ).toBe(403);
    });

    it('a plan row names the unit goal it serves; the red thread counts such rows but shows them only to their parties', async () => {
      const y = year++;
      const top = await draft(kari, 'fjordvik', y);
      const municipal = await goal(kari, top.id, {
        goal: 'Alle barn skal mestre lesing',
        ...complete(DEMO.kari),
        due: `${y}-12-31`,
      });
      const plan = await draft(ola, 'oppvekst', y);
      const unitGoal = await goal(ola, plan.id, {
        goal: 'Lesekurs for 4. trinn',
        ...complete(DEMO.per),
        due: `${y}-12-31`,
        servesGoalId: municipal.id,
      });
      const helse = await draft(kari, 'helse', y);
      const elsewhere = await goal(kari, helse.id, {
        goal: 'Kortere ventetid',
        ...complete(DEMO.ingrid),
        due: `${y}-12-31`,
      });
      const rows = (title: string) => ({ fieldId: 'handlingsplan', cells: { mal: title } });
      const perTalk = await conversationAt(t.as, 'held', {
        period: String(y),
        items: [rows('PRIVAT-Per-les-en-bok-i-maneden'), rows('PRIVAT-Per-lesekurs')],
      });
      const siljeTalk = await conversationAt(t.as, 'held', {
        employee: DEMO.silje,
        period: String(y),
        items: [rows('PRIVAT-Silje-leseveileder')],
      });
      const link = (who: Client, itemId: string, goalId: string | null) =>
        who<ResponseOf<'linkActionItem'> & Fail>('PUT', path('linkActionItem', { id: itemId }), { goalId });
      // Only a goal of the employee's unit or a unit above, for the conversation's year.
      expect((await link(ola, perTalk.items[0]!.id, elsewhere.id)).body.error.code).toBe('GOAL_LINK_INVALID');
      // Only the parties link a row.
      expect((await link(silje, perTalk.items[0]!.id, unitGoal.id)).status).toBe(404);
      const linked = await link(per, perTalk.items[0]!.id, unitGoal.id);
      expect(linked.status).toBe(200);
      expect(linked.body.servesGoalId).toBe(unitGoal.id);

      type Thread = ResponseOf<'getRedThread'>;
      const thread = async (who: Client) =>
        (await who<Thread>('GET', path('getRedThread', {}, `year=${y}`))).body;
      // One linked row: the count is below 3, so nobody reads a number.
      let asKari = await thread(kari);
      const node = (th: Thread, id: string) => th.goals.find((g) => g.id === id)!;
      expect(node(asKari, unitGoal.id).personal).toEqual({ total: null, achieved: null });
      expect(node(asKari, unitGoal.id).servesId).toBe(municipal.id);
      expect(asKari.goals.map((g) => g.goal).slice(0, 1)).toEqual(['Alle barn skal mestre lesing']);

      await link(ola, perTalk.items[1]!.id, unitGoal.id);
      await link(silje, siljeTalk.items[0]!.id, unitGoal.id);
      asKari = await thread(kari);
      expect(node(asKari, unitGoal.id).personal).toEqual({ total: 3, achieved: null });
      expect(node(asKari, unitGoal.id).yours).toEqual([]);
      // Nobody but the parties reads the rows' content: not the top leader, not HR.
      for (const who of [kari, await t.as(DEMO.hilde)])
        expect(JSON.stringify(await thread(who))).not.toContain('PRIVAT-');
      // Per sees his own two rows, not Silje's.
      const asPer = await thread(per);
      expect(
        node(asPer, unitGoal.id)
          .yours.map((r) => r.title)
          .sort(),
      ).toEqual(['PRIVAT-Per-les-en-bok-i-maneden', 'PRIVAT-Per-lesekurs']);
      expect(JSON.stringify(asPer)).not.toContain('PRIVAT-Silje');
      // Per reads his unit's plan and, for context, the goal it serves; not the other unit's.
      expect(asPer.goals.map((g) => [g.goal, g.readable])).toEqual([
        ['Alle barn skal mestre lesing', false],
        ['Lesekurs for 4. trinn', true],
      ]);
      // The top goal rolls up its own status and the unit goal's.
      expect(node(asKari, municipal.id).rollup).toMatchObject({ unreported: 2 });
    });

    it("a kontraktsamtale's hovedmål names the unit goal it serves; the red thread counts it, its text only for the parties", async () => {
      const y = year++;
      const top = await draft(kari, 'fjordvik', y);
      const municipal = await goal(kari, top.id, {
        goal: 'Tryggere skolevei',
        ...complete(DEMO.kari),
        due: `${y}-12-31`,
      });
      const helse = await draft(kari, 'helse', y);
      const elsewhere = await goal(kari, helse.id, { goal: 'Kortere ventetid', ...complete(DEMO.ingrid) });
      // Ola's unit serves it too, so Ola's red thread shows it (for context) above his unit's goal.
      const oppvekst = await draft(ola, 'oppvekst', y);
      await goal(ola, oppvekst.id, {
        goal: 'Skoleveien kartlagt',
        ...complete(DEMO.per),
        servesGoalId: municipal.id,
      });
      const talk = await conversationAt(t.as, 'held', {
        templateKey: 'kontraktsamtale',
        leader: DEMO.kari,
        employee: DEMO.ola,
        period: String(y),
        record: [{ fieldId: 'p3-hovedmal-1', value: 'PRIVAT-Ola-trygg-skolevei' }],
      });
      // The parties pick from their year's plans of Ola's unit and the units above it, nearest first.
      const servable = await ola<ResponseOf<'listServableGoals'>>(
        'GET',
        path('listServableGoals', { id: talk.id }),
      );
      expect(servable.status).toBe(200);
      expect(servable.body.goals.map((g) => [g.goal, g.unit.name, g.removed])).toEqual([
        ['Skoleveien kartlagt', 'Oppvekst og kultur', false],
        ['Tryggere skolevei', 'Fjordvik kommune', false],
      ]);
      expect((await per('GET', path('listServableGoals', { id: talk.id }))).status).toBe(404);
      const link = (who: Client, fieldId: string, goalId: string | null) =>
        who<ResponseOf<'linkAnswerField'> & Fail>('PUT', path('linkAnswerField', { id: talk.id, fieldId }), {
          goalId,
        });
      expect((await link(ola, 'p3-hovedmal-1', elsewhere.id)).body.error.code).toBe('GOAL_LINK_INVALID');
      // Only the hovedmål link, not any text field; only the parties link.
      expect((await link(ola, 'p3-viktige-satsinger', municipal.id)).body.error.code).toBe(
        'FIELD_NOT_LINKABLE',
      );
      expect((await link(ola, 'nope', municipal.id)).body.error.code).toBe('FIELD_NOT_FOUND');
      expect((await link(per, 'p3-hovedmal-1', municipal.id)).status).toBe(404);
      const linked = await link(ola, 'p3-hovedmal-1', municipal.id);
      expect(linked.status, JSON.stringify(linked.body)).toBe(200);
      expect(linked.body).toEqual({ fieldId: 'p3-hovedmal-1', servesGoalId: municipal.id });
      // The conversation shows the link on the field, and only there.
      const view = (await ola<ResponseOf<'getConversation'>>('GET', path('getConversation', { id: talk.id })))
        .body;
      const fields = view.sections.flatMap((s) => s.fields);
      expect(fields.find((f) => f.id === 'p3-hovedmal-1')?.servesGoalId).toBe(municipal.id);
      expect(fields.find((f) => f.id === 'p3-hovedmal-2')?.servesGoalId).toBeNull();
      expect(fields.find((f) => f.id === 'p3-viktige-satsinger')).not.toHaveProperty('servesGoalId');

      type Thread = ResponseOf<'getRedThread'>;
      const node = async (who: Client) =>
        (await who<Thread>('GET', path('getRedThread', {}, `year=${y}`))).body.goals.find(
          (g) => g.id === municipal.id,
        )!;
      // Ola reads his own hovedmål under the goal it serves; HR reads no count below 3 and no text.
      expect((await node(ola)).yours).toEqual([
        {
          key: `${talk.id}:p3-hovedmal-1`,
          conversationId: talk.id,
          title: 'PRIVAT-Ola-trygg-skolevei',
          status: null,
        },
      ]);
      const asHr = await (await t.as(DEMO.hilde))<Thread>('GET', path('getRedThread', {}, `year=${y}`));
      expect(asHr.body.goals.find((g) => g.id === municipal.id)?.personal).toEqual({
        total: null,
        achieved: null,
      });
      expect(JSON.stringify(asHr.body)).not.toContain('PRIVAT-');
      // Removing the goal keeps the link, offered as a former goal.
      const removed = await kari('DELETE', path('removePlanGoal', { id: municipal.id }, 'version=0'));
      expect(removed.status, JSON.stringify(removed.body)).toBe(200);
      const after = await ola<ResponseOf<'listServableGoals'>>(
        'GET',
        path('listServableGoals', { id: talk.id }),
      );
      expect(after.body.goals.filter((g) => g.removed)).toEqual([
        {
          id: municipal.id,
          goal: 'Tryggere skolevei',
          unit: { id: 'fjordvik', name: 'Fjordvik kommune' },
          removed: true,
        },
      ]);
      // Clearing it removes it.
      expect((await link(kari, 'p3-hovedmal-1', null)).body).toEqual({
        fieldId: 'p3-hovedmal-1',
        servesGoalId: null,
      });
    });

    it(
      'the adopted plan and its year report are archived as PDF/A, and whoever reads the plan opens them',
      {
        timeout: 300_000,
      },
      async () => {
        ensureDebian('poppler-utils');
        const y = year++;
        const plan = await draft(ola, 'oppvekst', y);
        const g = await goal(ola, plan.id, {
          goal: 'Flere elever leser daglig',
          ...complete(DEMO.per),
          due: `${y}-06-30`,
        });
        // Trinn 1 and the checklist, written before adoption, go into the adopted copy in words.
        const saveAnswer = async (fieldId: string, value: unknown) => {
          const r = await ola<Plan>('PUT', path('savePlanAnswer', { id: plan.id, fieldId }), {
            value,
            baseVersion: 0,
          });
          expect(r.status, JSON.stringify(r.body)).toBe(200);
          return r.body;
        };
        await saveAnswer('trinn-1-gjennomfort', `${y}-01-15`);
        let view = await saveAnswer('forutsetninger', ['malbar', 'realistisk']);
        expect(view.copies).toEqual([]);
        expect(view.can.fields).toContain('trinn-2-gjennomfort');
        expect(view.can.fields).not.toContain('rapport');
        // Not archived yet: the staff learn so in words.
        expect(
          (await per<Fail>('GET', path('openPlanCopy', { id: plan.id, kind: 'adopted' }))).body.error.code,
        ).toBe('PLAN_COPY_NOT_FOUND');
        expect((await move(ola, view, 'adopt')).status).toBe(200);
        const copies = async (kinds: number) => {
          for (const end = Date.now() + 60_000; Date.now() < end;) {
            const v = (await per<Plan>('GET', path('getPlan', { id: plan.id }))).body;
            if (v.copies.length >= kinds) return v.copies;
            await new Promise((r) => setTimeout(r, 200));
          }
          throw new Error('the plan was not archived within 60 s');
        };
        expect((await copies(1)).map((c) => c.kind)).toEqual(['adopted']);
        const text = async (oid: string, kind: string) => {
          const r = await fetch(t.url + path('openPlanCopy', { id: plan.id, kind }), {
            headers: { authorization: `Bearer ${await t.token(oid)}` },
          });
          expect(r.status).toBe(200);
          expect(r.headers.get('content-type')).toBe('application/pdf');
          // Kept for a person to look at, beside the browser tests' screenshots.
          const dir = join(import.meta.dirname, '..', '..', 'test-results', 'plan-copies');
          mkdirSync(dir, { recursive: true });
          const file = join(dir, `${backend.name}-${kind}.pdf`);
          writeFileSync(file, Buffer.from(await r.arrayBuffer()));
          // In the order it was written, a wrapped cell's lines joined.
          return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
        };
        const adopted = await text(DEMO.per, 'adopted');
        for (const words of [
          'Virksomhetsplan',
          'Oppvekst og kultur',
          `15. januar ${y}`,
          '✓ Ledelsen og de ansatte utarbeider klart definerte mål som er målbare.',
          '✓ Mål og tiltak er realistiske.',
          'Flere elever leser daglig',
          'Per Johansen',
          'Vedtatt av Ola Hansen',
        ])
          expect(adopted).toContain(words);
        // Public: no exemption marking; the year report's steps are not in the adopted copy.
        expect(adopted).not.toContain('Unntatt offentlighet');
        expect(adopted).not.toContain('Trinn 7');
        // Someone outside the unit learns nothing of it.
        expect(
          (await (await t.as(DEMO.ahmed))('GET', path('openPlanCopy', { id: plan.id, kind: 'adopted' })))
            .status,
        ).toBe(404);

        // The year report: each goal's quarters and what becomes of it, archived when the plan is closed.
        await per('POST', path('reportGoal', { id: g.id }), {
          period: `${y}-Q1`,
          status: 'on_track',
          measured: 81,
          comment: null,
        });
        const started = await move(
          ola,
          (await ola<Plan>('GET', path('getPlan', { id: plan.id }))).body,
          'start-report',
        );
        expect(started.status).toBe(200);
        const marked = await ola<Goal>('PATCH', path('updatePlanGoal', { id: g.id }), {
          outcome: 'continue',
          baseVersion: g.version,
        });
        expect(marked.status, JSON.stringify(marked.body)).toBe(200);
        view = await saveAnswer('rapport', 'Lesemålet er nådd i tre av fire kvartaler.');
        // The year report: Trinn 6's questions and Trinn 7.
        expect(view.can.fields).toEqual(['resultater', 'tiltak', 'rapport', 'presentert']);
        expect((await move(ola, view, 'close')).status).toBe(200);
        expect((await copies(2)).map((c) => c.kind)).toEqual(['adopted', 'report']);
        const report = await text(DEMO.kari, 'report');
        for (const words of [
          'årsrapport',
          'Trinn 7',
          '1. kvartal',
          'I rute',
          '81',
          'Videreføres',
          'Lesemålet er nådd i tre av fire kvartaler.',
        ])
          expect(report).toContain(words);
        expect(report).not.toMatch(/\d{4}-Q\d|malbar|"value"/);
      },
    );
  });
}

describe('a unit plan where the organisation exempts its plans from public access', () => {
  it(
    'the archived copy and its metadata carry the exemption and its legal basis',
    { timeout: 300_000 },
    async () => {
      ensureDebian('poppler-utils');
      const [backend] = await backends();
      const archiveDir = mkdtempSync(join(tmpdir(), 'samtale-plan-archive-'));
      const t = await startTestApp(backend!, {
        PLAN_EXEMPTION_BASIS: 'Offl. § 14 første ledd',
        LOCAL_ARCHIVE_DIR: archiveDir,
      });
      try {
        const ola = await t.as(DEMO.ola);
        const draft = await ola<Plan>('POST', path('draftPlan'), { unitId: 'oppvekst', year: 2090 });
        expect(draft.status).toBe(201);
        await ola('POST', path('addPlanGoal', { id: draft.body.id }), {
          goal: 'Unntatt mål',
          indicator: 'Antall',
          actions: 'Tiltak',
          ownerOid: DEMO.per,
          due: '2090-12-31',
        });
        const plan = (await ola<Plan>('GET', path('getPlan', { id: draft.body.id }))).body;
        expect(
          (
            await ola('POST', path('transitionPlan', { id: plan.id }), {
              transition: 'adopt',
              baseVersion: plan.version,
            })
          ).status,
        ).toBe(200);
        let copy: Awaited<ReturnType<typeof t.app.deps.store.plans.archiveCopies>>[number] | undefined;
        for (const end = Date.now() + 60_000; !copy && Date.now() < end;) {
          copy = (await t.app.deps.store.plans.archiveCopies(plan.id))[0];
          if (!copy) await new Promise((r) => setTimeout(r, 200));
        }
        expect(copy?.kind).toBe('adopted');
        const r = await fetch(t.url + path('openPlanCopy', { id: plan.id, kind: 'adopted' }), {
          headers: { authorization: `Bearer ${await t.token(DEMO.per)}` },
        });
        const dir = join(import.meta.dirname, '..', '..', 'test-results', 'plan-copies');
        mkdirSync(dir, { recursive: true });
        const file = join(dir, 'exempt-adopted.pdf');
        writeFileSync(file, Buffer.from(await r.arrayBuffer()));
        expect(execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' })).toContain(
          'Unntatt offentlighet, jf. Offl. § 14 første ledd',
        );
        const metadata = await localFolderArchive(archiveDir).metadata(copy!.path);
        expect(metadata).toMatchObject({
          tilgangsrestriksjon: 'Unntatt offentlighet',
          skjermingshjemmel: 'Offl. § 14 første ledd',
          periode: '2090',
          enhet: 'Oppvekst og kultur',
        });
      } finally {
        await t.close();
      }
    },
  );
});
