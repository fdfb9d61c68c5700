// A year of the unit plans' quarterly follow-up (Trinn 6) through the real scheduler: every day of
// 2027 and into January 2028 the reminder sweep runs at 11:00 in Oslo and its bundles are sent to the
// Bot Connector fake; the owners report through the API, except Silje in the second quarter.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import { reportWindows } from '../../src/domain/plan-reminders.ts';
import { addDays, isWorkingDay, type DueMessage } from '../../src/domain/reminders.ts';
import { DEMO_USERS } from '../../src/seed/demo-organisation.ts';
import { sendReminder } from '../../src/usecases/send-reminder.ts';
import { sweepReminders } from '../../src/usecases/sweep-reminders.ts';
import { startBotConnectorFake, type BotConnectorFake } from '../fakes/bot-connector.ts';
import { backends } from '../helpers/backends.ts';
import { path } from '../helpers/factory.ts';
import { DEMO, DEMO_TENANT_ID, startTestApp, type TestApp } from '../helpers/harness.ts';

const [pglite] = await backends();

interface Sent {
  day: string;
  recipientOid: string;
  messages: DueMessage[];
}

describe('a year of quarterly follow-up of the unit plans (scheduler, Bot Connector fake)', () => {
  let t: TestApp;
  let connector: BotConnectorFake;
  let now = new Date('2027-01-04T10:00:00Z');
  const sent: Sent[] = [];
  let goals: { id: string; owner: string; plan: string; unit: string }[] = [];

  beforeAll(async () => {
    connector = await startBotConnectorFake();
    // The demo organisation is seeded on 4 January 2027: its 2027 plans are adopted, nothing reported.
    t = await startTestApp(pglite!, {}, { clock: { now: () => now } });
    for (const u of DEMO_USERS) {
      const res = await fetch(`${t.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          id: randomUUID(),
          type: 'installationUpdate',
          action: 'add',
          channelId: 'msteams',
          serviceUrl: connector.serviceUrl,
          locale: 'nb-NO',
          from: { id: `29:${u.oid}`, aadObjectId: u.oid, name: u.name },
          recipient: { id: '28:samtale-bot', name: 'Samtale' },
          conversation: { id: `a:personal-${u.oid}`, conversationType: 'personal', tenantId: DEMO_TENANT_ID },
          channelData: { tenant: { id: DEMO_TENANT_ID } },
        }),
      });
      expect(res.status).toBe(200);
    }
    const hilde = await t.as(DEMO.hilde);
    const list = (await hilde<ResponseOf<'listPlans'>>('GET', path('listPlans', {}, 'year=2027'))).body.plans;
    for (const row of list) {
      const plan = (await hilde<ResponseOf<'getPlan'>>('GET', path('getPlan', { id: row.plan!.id }))).body;
      expect(plan.status).toBe('adopted');
      // On 4 January the first quarter is running: a report now counts for it.
      expect(plan.reportPeriod).toBe('2027-Q1');
      for (const g of plan.goals)
        goals.push({ id: g.id, owner: g.owner!.oid, plan: plan.id, unit: plan.unit.name });
    }
    goals = goals.filter((g) => g.owner);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await connector?.close();
  });

  it(
    'asks each Ansvarsperson at the end of each quarter, on working days, once; the leader gets one summary, naming who is missing at the deadline',
    { timeout: 600_000 },
    async () => {
      const holidays = t.app.bot.holidays(now);
      const reported = new Set<string>();
      for (let day = '2027-01-04'; day <= '2028-01-21'; day = addDays(day, 1)) {
        // 11:00 in Oslo, summer or winter.
        now = new Date(`${day}T${day >= '2027-03-28' && day < '2027-10-31' ? '09' : '10'}:00:00Z`);
        for (const id of await sweepReminders(t.app.deps, t.app.bot)) {
          const row = await t.app.bot.store.outbox(id);
          expect(await sendReminder(t.app.deps, t.app.bot, id)).toBe('sent');
          sent.push({
            day: row!.day,
            recipientOid: row!.recipientOid,
            messages: row!.messages,
          });
        }
        // Owners report the working day after they are asked; Silje skips the second quarter.
        for (const s of sent.filter((x) => x.day === addDays(day, -1))) {
          for (const m of s.messages.filter((x) => x.kind === 'plan-follow-up')) {
            if (m.recipientOid === DEMO.silje && m.period === '2027-Q2') continue;
            if (reported.has(`${m.subject}:${m.period}`)) continue;
            const owner = await t.as(m.recipientOid);
            const r = await owner('POST', path('reportGoal', { id: m.subject }), {
              period: m.period,
              status: 'on_track',
              measured: null,
              comment: null,
            });
            expect(r.status, JSON.stringify(r.body)).toBe(200);
            reported.add(`${m.subject}:${m.period}`);
          }
        }
      }

      const planMessages = sent.flatMap((s) =>
        s.messages
          .filter((m) => m.kind === 'plan-follow-up' || m.kind === 'plan-summary')
          .map((m) => ({ ...m, day: s.day })),
      );
      // Nothing sent twice, and nothing on a weekend or public holiday.
      const keys = planMessages.map((m) => m.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(sent.every((s) => isWorkingDay(s.day, t.app.bot.holidays(new Date(`${s.day}T12:00:00Z`))))).toBe(
        true,
      );

      // Every goal's owner was asked once for each quarter, inside its report window.
      const windows = reportWindows(2027, 'quarter', holidays);
      const prompts = planMessages.filter((m) => m.kind === 'plan-follow-up');
      for (const g of goals)
        for (const w of windows) {
          const asked = prompts.filter((m) => m.subject === g.id && m.period === w.period);
          expect(asked, `${g.unit} ${w.period}`).toHaveLength(1);
          expect(asked[0]!.recipientOid).toBe(g.owner);
          expect(asked[0]!.day >= w.opens && asked[0]!.day <= w.deadline).toBe(true);
        }
      // Nobody but an Ansvarsperson is asked.
      const owners = new Set(goals.map((g) => g.owner));
      expect(prompts.every((m) => owners.has(m.recipientOid))).toBe(true);
      expect(prompts.some((m) => m.recipientOid === DEMO.lars)).toBe(false);

      // One summary per plan and quarter, to its unit's leader.
      const summaries = planMessages.filter((m) => m.kind === 'plan-summary');
      const plans = new Set(goals.map((g) => g.plan));
      expect(summaries).toHaveLength(plans.size * windows.length);
      const oppvekst = summaries.filter((m) => m.unit === 'Oppvekst og kultur');
      expect(oppvekst.every((m) => m.recipientOid === DEMO.ola)).toBe(true);
      // Silje did not report the second quarter: Ola hears at the deadline, with her name.
      const q2 = oppvekst.find((m) => m.period === '2027-Q2')!;
      const q2Window = windows.find((w) => w.period === '2027-Q2')!;
      expect(q2.missing).toEqual(['Silje Larsen']);
      expect(q2.day > q2Window.deadline).toBe(true);
      const q1 = oppvekst.find((m) => m.period === '2027-Q1')!;
      expect(q1.missing).toEqual([]);
      expect(q1.day <= windows[0]!.deadline).toBe(true);

      // What Ola read in Teams.
      const toOla = connector.received
        .filter((r) => r.conversationId === `a:personal-${DEMO.ola}`)
        .map((r) => JSON.stringify(r.activity));
      expect(
        toOla.some((a) => a.includes('Fristen for 2. kvartal 2027 er ute') && a.includes('Silje Larsen')),
      ).toBe(true);
      expect(
        toOla.some((a) =>
          a.includes(
            'Alle 2 mål i virksomhetsplanen for Oppvekst og kultur er rapportert for 1. kvartal 2027',
          ),
        ),
      ).toBe(true);
      const toPer = connector.received
        .filter((r) => r.conversationId === `a:personal-${DEMO.per}`)
        .map((r) => JSON.stringify(r.activity));
      expect(
        toPer.some((a) =>
          a.includes('Rapporter på 1 mål i virksomhetsplanen for Oppvekst og kultur for 1. kvartal 2027'),
        ),
      ).toBe(true);
      expect(toPer.some((a) => a.includes('planGoals.show'))).toBe(true);

      // Last year's plans were closed with their year report: the unit and the leaders above hear of it once.
      const notices = sent.flatMap((x) => x.messages.filter((m) => m.kind === 'plan-report'));
      const oppvekstReport = notices.filter((m) => m.unit === 'Oppvekst og kultur');
      expect(oppvekstReport.map((m) => m.recipientOid).sort()).toEqual(
        [DEMO.kari, DEMO.per, DEMO.silje].sort(),
      );
      expect(oppvekstReport.every((m) => m.period === '2026')).toBe(true);
      expect(
        toPer.filter((a) =>
          a.includes('Årsrapporten for virksomhetsplanen for Oppvekst og kultur 2026 er klar'),
        ),
      ).toHaveLength(1);
    },
  );
});
