// The unit plan's whole cycle, in one run, the way people do it: the unit's leader drafts next year's
// plan in the tab and opens it for input, an employee proposes a goal, the leader takes it in and
// adopts the plan, the goal's Ansvarsperson reports from the bot's card in Microsoft 365 Agents
// Playground, and the top leader sees the report rolled up in the red thread. Each page is checked
// with axe (WCAG 2.1 AA) and for a broken layout, and photographed (test-results/screenshots).
//
// Which year: the demo has this year's plans adopted for every unit Ola leads, so the cycle is for
// next year's. The bot lists only goals of plans for this year and last (list-my-goals.ts), and a
// report counts for the period reportPeriodFor gives on the server's today. So, as in life, time
// passes between adopting and reporting: the server's clock runs from today until the plan is
// adopted, then moves on to the day next year's first report window opens (reportWindows), when the
// Ansvarspersoner are asked to report. One server, one database: the tab and the Playground both
// talk to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutAndAxe } from './layout.ts';
import { playgroundConfig } from '../../scripts/playground.mjs';
import { fill as fillIn, periodName } from '../../src/contract/words/format.ts';
import { WORDS } from '../../src/contract/words/index.ts';
import { reportWindows } from '../../src/domain/plan-reminders.ts';
import { backends } from '../helpers/backends.ts';
import { SCREENSHOTS, launchBrowser } from '../helpers/browser.ts';
import { DEMO, startTestApp, type TestApp } from '../helpers/harness.ts';
import { assertTabBuilt, shot, signedIn } from '../helpers/tab.ts';

const TOP_GOAL = 'Alle barn og unge opplever mestring og trivsel i barnehage og skole';
const GOAL = 'Alle skoler har en plan for trygt og godt skolemiljø';
const INDICATOR = 'Andel skoler med oppdatert plan, prosent';
const ACTIONS = 'Mal for planen; gjennomgang i rektormøtet hvert kvartal';
const PROPOSAL = 'Flere elever deltar i leksehjelp etter skoletid';
const PROPOSAL_INDICATOR = 'Antall elever på leksehjelp per uke';
const REPORT_COMMENT = 'Fire av seks skoler har oppdatert planen; de to siste er ferdige i april.';
const MEASURED = '67';
const NB = WORDS.nb;
// The Playground's client says it is en-US in every activity it sends (its activity generators hard-code
// `locale: "en-US"`; nothing in its configuration changes that), and the bot answers in the activity's
// language: in the Playground the bot speaks English. In Teams set to Norwegian it would answer in
// Norwegian with the same card.
const BOT = WORDS.en;
const PLAYGROUND_CLI = join(
  import.meta.dirname,
  '..',
  '..',
  'node_modules',
  '@microsoft',
  'm365agentsplayground',
  'cli.js',
);

/**
 * The internal codes in a text a person reads: ISO dates, ids, period codes ("2027-Q1") and the keys of
 * statuses and steps. In Norwegian an English status key ("adopted", "reached") is a code too; in the
 * bot's English card those are words, and only the keys that are no words count.
 */
function codesIn(text: string, lang: 'nb' | 'en'): string[] {
  return [
    /\b\d{4}-\d{2}-\d{2}\b/,
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i,
    /\b\d{4}-[QT][1-4]\b/,
    /\b(on_track|not_reached|open-input|start-report)\b/,
    ...(lang === 'nb' ? [/\b(unreported|reached|uncertain|draft|input|adopted|reporting|closed)\b/] : []),
  ].flatMap((re) => re.exec(text)?.[0] ?? []);
}

async function readsAsWords(page: Page) {
  expect(codesIn(await page.locator('main').innerText(), 'nb')).toEqual([]);
}

const planHeading = (page: Page, year: number) =>
  page.getByRole('heading', { level: 1, name: `Virksomhetsplan ${year}: Oppvekst og kultur` });

/** Waits until a goal's field says it is saved. */
async function saved(page: Page, goal: number, field: string) {
  await page
    .locator(`[data-goal="${goal}"] [data-field="${field}"]`)
    .getByRole('status')
    .filter({ hasText: /^Lagret$/ })
    .waitFor();
}

/** Types into a goal's text or number field and leaves it, as a person does; waits until it is saved. */
async function write(page: Page, goal: number, field: string, label: string, text: string) {
  const box = page.getByLabel(`${label}, mål ${goal}`, { exact: true });
  await box.fill(text);
  await box.blur();
  await saved(page, goal, field);
}

/** Fills in what a goal needs before the plan can be adopted, through the goal's own controls. */
async function complete(
  page: Page,
  n: number,
  goal: { indicator: string; baseline?: string; target: string; actions?: string; owner: string },
  due: string,
) {
  await write(page, n, 'indicator', 'Resultatindikator', goal.indicator);
  if (goal.baseline) await write(page, n, 'baseline', 'Utgangsverdi', goal.baseline);
  await write(page, n, 'target', 'Målverdi', goal.target);
  if (goal.actions) await write(page, n, 'actions', 'Tiltak', goal.actions);
  await page.getByLabel(`Ansvarsperson, mål ${n}`).selectOption({ label: goal.owner });
  await saved(page, n, 'ownerOid');
  await page.getByLabel(`Tidfestet, mål ${n}`).fill(due);
  await saved(page, n, 'due');
  await page.getByLabel(`Bidrar til, mål ${n}`).selectOption({ label: `${TOP_GOAL} (Fjordvik kommune)` });
  await saved(page, n, 'servesGoalId');
}

/** Microsoft 365 Agents Playground as Per, talking to the bot at botUrl; resolves with its address. */
async function startPlayground(botUrl: string, dir: string): Promise<{ url: string; child: ChildProcess }> {
  // It opens a browser at start and exits if it cannot: a no-op xdg-open comes first on PATH.
  writeFileSync(join(dir, 'xdg-open'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(dir, 'xdg-open'), 0o755);
  writeFileSync(join(dir, 'playground.yml'), playgroundConfig('per', 'personal-chat-per'));
  const child = spawn(
    process.execPath,
    [
      PLAYGROUND_CLI,
      '-e',
      `${botUrl}/api/messages`,
      '-c',
      'msteams',
      '--disable-telemetry',
      '-p',
      '0',
      '--conversation-id',
      'personal-chat-per',
    ],
    {
      cwd: dir,
      env: {
        ...process.env,
        PATH: `${dir}:${process.env.PATH ?? ''}`,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(dir, 'playground.yml'),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const seen = (d: Buffer) => {
      output += d.toString();
      const m = /Listening on (\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', seen);
    child.on('exit', (code) => reject(new Error(`the Playground exited (${code}): ${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

describe('the unit plan’s cycle: draft, input, adoption, a report from Teams, the red thread', () => {
  let t: TestApp;
  let browser: Browser;
  let playground: { url: string; child: ChildProcess } | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'samtale-plan-cycle-'));
  // The server's clock: today, until the test moves it on (see the top of the file).
  let ahead = 0;
  const clock = { now: () => new Date(Date.now() + ahead) };

  beforeAll(async () => {
    assertTabBuilt();
    const [pglite] = await backends();
    t = await startTestApp(pglite!, {}, { clock });
    browser = await launchBrowser();
    playground = await startPlayground(t.url, dir);
  });
  afterAll(async () => {
    await browser?.close();
    playground?.child.kill('SIGTERM');
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'Ola drafts, Per proposes, Ola adopts, Per reports from the card in the Playground, Kari sees the roll-up',
    { timeout: 300_000 },
    async () => {
      // This year is the server's (Oslo's): the plans list answers for it when no year is asked.
      const kari = await t.as(DEMO.kari);
      const year = (await kari<{ plans: { year: number }[] }>('GET', '/api/plans')).body.plans[0]!.year;
      const next = year + 1;
      const due = `${next}-12-31`;

      // The municipality's plan for next year comes first (as the demo's are seeded): Kari has adopted
      // it, so the unit's goals can say which of its goals they serve. Not the subject here: set up
      // through the API.
      const top = await kari<{ id: string; version: number }>('POST', '/api/plans', {
        unitId: 'fjordvik',
        year: next,
      });
      expect(top.status, 'Kari drafts the municipality’s plan').toBe(201);
      const topGoal = await kari('POST', `/api/plans/${top.body.id}/goals`, {
        goal: TOP_GOAL,
        indicator: 'Andel elever som trives på skolen (Elevundersøkelsen), prosent',
        baseline: 80,
        target: 86,
        actions: 'Felles plan for skolemiljø i alle skoler',
        ownerOid: DEMO.kari,
        due,
      });
      expect(topGoal.status, 'Kari adds the municipality’s goal').toBe(201);
      const adoptedTop = await kari('POST', `/api/plans/${top.body.id}/transitions`, {
        transition: 'adopt',
        baseVersion: top.body.version,
      });
      expect(adoptedTop.status, 'Kari adopts the municipality’s plan').toBe(200);

      // 1. Ola, the unit's leader: this year's plan is adopted; he drafts next year's.
      const ola = await signedIn(browser, t.url, 'Ola Hansen');
      const lp = ola.page;
      await lp.getByRole('navigation').getByRole('link', { name: 'Virksomhetsplaner' }).click();
      await lp.getByRole('heading', { level: 1, name: 'Virksomhetsplaner' }).waitFor();
      const row = lp.getByRole('row', { name: /Oppvekst og kultur/ });
      await row.getByText(NB.planStatus.adopted).waitFor();
      expect(await lp.getByLabel('År').inputValue()).toBe(String(year));
      await lp.getByLabel('År').selectOption(String(next));
      await row.getByText('Ingen plan ennå').waitFor();
      await lp
        .getByRole('button', { name: `Lag utkast til virksomhetsplan for Oppvekst og kultur ${next}` })
        .click();
      await planHeading(lp, next).waitFor();
      const planId = new URL(lp.url()).pathname.split('/').pop()!;
      await lp.getByText('Planen er et utkast.', { exact: false }).waitFor();
      await lp.getByText('Planen har ingen mål ennå.').waitFor();

      await lp.getByLabel('Nytt mål').fill(GOAL);
      await lp.getByRole('button', { name: 'Legg til mål' }).click();
      await lp.getByText('Mål 1 er lagt til.').waitFor();
      await lp.getByText('Mangler resultatindikator, ansvarsperson og tidfesting').waitFor();
      await complete(
        lp,
        1,
        { indicator: INDICATOR, baseline: '60', target: '100', actions: ACTIONS, owner: 'Per Johansen' },
        due,
      );
      // Read again after the saves: the goal lacks nothing, and every field shows what was chosen.
      await expect.poll(() => lp.getByText(/^Mangler /).count(), { timeout: 10_000 }).toBe(0);
      expect(await lp.getByLabel('Mål 1', { exact: true }).inputValue()).toBe(GOAL);
      expect(
        await lp
          .getByLabel('Ansvarsperson, mål 1')
          .evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text),
      ).toBe('Per Johansen');
      expect(await lp.getByLabel('Tidfestet, mål 1').inputValue()).toBe(due);
      await readsAsWords(lp);
      expect(await layoutAndAxe(lp), 'the draft, at 1280 px').toEqual([]);
      await shot(lp, 'plan-syklus-1-utkast');

      await lp.getByRole('button', { name: 'Åpne for innspill' }).click();
      const openDialog = lp.getByRole('alertdialog', { name: 'Åpne planen for innspill?' });
      await openDialog.getByText('De ansatte i Oppvekst og kultur kan da kommentere').waitFor();
      await openDialog.getByRole('button', { name: 'Åpne for innspill' }).click();
      await lp.getByText('Planen er åpen for innspill.').first().waitFor();

      // 2. Per, a member of the unit, finds the plan from the list and proposes a goal.
      const per = await signedIn(browser, t.url, 'Per Johansen');
      const ep = per.page;
      await ep.getByRole('navigation').getByRole('link', { name: 'Virksomhetsplaner' }).click();
      await ep.getByRole('heading', { level: 1, name: 'Virksomhetsplaner' }).waitFor();
      await ep.getByLabel('År').selectOption(String(next));
      const perRow = ep.getByRole('row', { name: /Oppvekst og kultur/ });
      await perRow.getByText(NB.planStatus.input).waitFor();
      await perRow.getByRole('link', { name: 'Oppvekst og kultur' }).click();
      await planHeading(ep, next).waitFor();
      await ep.getByText('Planen er åpen for innspill:', { exact: false }).waitFor();
      await ep.getByText(GOAL, { exact: true }).waitFor();
      // He reads the goals; only the leader writes them.
      expect(await ep.getByRole('textbox', { name: 'Mål 1', exact: true }).count()).toBe(0);
      expect(await ep.getByRole('button', { name: 'Vedta planen' }).count()).toBe(0);
      await ep.getByLabel('Foreslå et nytt mål').fill(PROPOSAL);
      await ep.getByRole('button', { name: 'Send forslaget' }).click();
      await ep.getByText('Innspillet er sendt.').waitFor();
      const proposal = ep.getByRole('listitem').filter({ hasText: PROPOSAL });
      await proposal.getByText('Forslag til nytt mål').waitFor();
      await proposal.getByText(/^Per Johansen, \d{1,2}\. \p{L}+ \d{4}$/u).waitFor();
      await proposal.getByText('Ikke besvart ennå').waitFor();
      await readsAsWords(ep);
      expect(await layoutAndAxe(ep), 'the plan open for input, as Per sees it').toEqual([]);
      await shot(ep, 'plan-syklus-2-forslag');

      // 3. Ola takes the proposal in as a goal, fills in what it needs, and adopts the plan.
      await lp.reload();
      await planHeading(lp, next).waitFor();
      await lp.getByText(PROPOSAL, { exact: true }).waitFor();
      await lp.getByRole('button', { name: 'Ta inn som mål' }).click();
      const takeIn = lp.getByRole('alertdialog', { name: 'Ta inn forslaget som mål?' });
      await takeIn.getByText(`«${PROPOSAL}» blir et nytt mål i planen`, { exact: false }).waitFor();
      await takeIn.getByRole('button', { name: 'Ta inn som mål' }).click();
      await lp.getByText('Tatt inn som mål 2.').waitFor();
      expect(await lp.getByLabel('Mål 2', { exact: true }).inputValue()).toBe(PROPOSAL);
      await lp.getByText('Mangler resultatindikator, ansvarsperson og tidfesting').waitFor();
      await complete(lp, 2, { indicator: PROPOSAL_INDICATOR, target: '40', owner: 'Per Johansen' }, due);
      await expect.poll(() => lp.getByText(/^Mangler /).count(), { timeout: 10_000 }).toBe(0);
      await readsAsWords(lp);
      await shot(lp, 'plan-syklus-3-tatt-inn');

      await lp.getByRole('button', { name: 'Vedta planen' }).click();
      const adopt = lp.getByRole('alertdialog', { name: 'Vedta planen?' });
      await adopt.getByText('Når planen er vedtatt, kan målene ikke endres mer.', { exact: false }).waitFor();
      expect(await adopt.getByText(/mangler noe/).count(), 'the plan lacks nothing').toBe(0);
      await adopt.getByRole('button', { name: 'Vedta planen' }).click();
      await lp.getByText('Planen er vedtatt.', { exact: true }).waitFor();
      // Adopted, in words: the stage marked, who adopted it and when.
      await lp.getByText(/^Vedtatt \d{1,2}\. \p{L}+ \d{4} av Ola Hansen$/u).waitFor();
      expect(
        await lp.getByRole('list', { name: 'Planens faser' }).locator('[aria-current="step"]').innerText(),
      ).toBe('Vedtatt');
      await lp.getByText('Planen er vedtatt. Ansvarspersonene rapporterer', { exact: false }).waitFor();
      expect(await lp.getByRole('button', { name: 'Vedta planen' }).count()).toBe(0);
      expect(await lp.getByRole('textbox', { name: 'Mål 1', exact: true }).count()).toBe(0);
      await readsAsWords(lp);
      expect(await layoutAndAxe(lp), 'the adopted plan, as Ola sees it').toEqual([]);
      await shot(lp, 'plan-syklus-4-vedtatt');
      await ola.context.close();
      await per.context.close();

      // Time passes: the server's today becomes the day next year's first report window opens.
      const holidays = t.app.deps.schedule.holidays(new Date(`${next}-06-30T12:00:00Z`));
      const first = reportWindows(next, t.app.deps.schedule.cadence, holidays)[0];
      expect(first, 'next year has a report window').toBeDefined();
      ahead = new Date(`${first!.opens}T09:00:00Z`).getTime() - Date.now();
      const periodWords = periodName('en', first!.period);

      // 4. Per, in Teams (the Playground's own web client): "mine mål", then the report from the card.
      // Tall enough that the whole card is in view: the chat scrolls within its pane, not the page.
      const chat = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1280, height: 1600 } });
      const pg = await chat.newPage();
      await pg.goto(playground!.url);
      // Opening the chat installs the app: the bot greets him.
      await pg.getByText(BOT.bot.welcome).waitFor();
      const message = pg.locator('[contenteditable="true"][role="textbox"]');
      await message.fill('mine mål');
      await message.press('Enter');
      const goalsCard = pg.locator('.ac-adaptiveCard').filter({ hasText: BOT.bot.myGoals }).last();
      await goalsCard.waitFor();
      // Both his goals in next year's plan, each with its own report for the period now asked for.
      const goalRow = (text: string): Locator =>
        goalsCard.locator('.ac-container:not(.ac-adaptiveCard)').filter({ hasText: text });
      const row1 = goalRow(GOAL);
      await row1.getByText(`1. ${GOAL} · Oppvekst og kultur`).waitFor();
      await row1.getByText(fillIn(BOT.bot.goalIndicator, { indicator: INDICATOR })).waitFor();
      await row1.getByText(fillIn(BOT.bot.goalNotReported, { period: periodWords })).waitFor();
      await goalRow(PROPOSAL).getByText(`2. ${PROPOSAL} · Oppvekst og kultur`).waitFor();
      // Each input names its goal: a screen reader reads the label alone.
      const input = (label: string, n: number) => fillIn(BOT.bot.goalInput, { label, n: String(n) });
      expect(
        await goalRow(PROPOSAL)
          .getByRole('spinbutton', { name: input(BOT.bot.measured, 2) })
          .count(),
      ).toBe(1);
      expect(codesIn(await goalsCard.innerText(), 'en'), 'the goals card').toEqual([]);
      await shot(pg, 'plan-syklus-5-teams-mine-mal');

      await row1.getByRole('combobox', { name: input(`${BOT.bot.statusLabel} ${periodWords}`, 1) }).click();
      await pg.getByRole('option', { name: BOT.goalStatus.on_track, exact: true }).click();
      await row1.getByRole('spinbutton', { name: input(BOT.bot.measured, 1) }).fill(MEASURED);
      await row1.getByRole('textbox', { name: input(BOT.bot.comment, 1) }).fill(REPORT_COMMENT);
      await goalsCard.getByRole('button', { name: BOT.bot.save, exact: true }).click();

      // The Playground puts the bot's answer in the card's place: saved, and his report in words.
      const answer = pg
        .locator('.ac-adaptiveCard')
        .filter({ hasText: BOT.bot.myGoals })
        .filter({ hasText: BOT.bot.saved })
        .last();
      await answer.waitFor();
      const answered = answer.locator('.ac-container:not(.ac-adaptiveCard)').filter({ hasText: GOAL });
      await answered
        .getByText(fillIn(BOT.bot.goalLastReport, { period: periodWords, status: BOT.goalStatus.on_track }))
        .waitFor();
      expect(
        await answered
          .getByRole('combobox', { name: input(`${BOT.bot.statusLabel} ${periodWords}`, 1) })
          .inputValue(),
      ).toBe(BOT.goalStatus.on_track);
      expect(await answered.getByRole('spinbutton', { name: input(BOT.bot.measured, 1) }).inputValue()).toBe(
        MEASURED,
      );
      expect(await answered.getByRole('textbox', { name: input(BOT.bot.comment, 1) }).inputValue()).toBe(
        REPORT_COMMENT,
      );
      // The other goal is as it was: not reported.
      await goalRow(PROPOSAL)
        .last()
        .getByText(fillIn(BOT.bot.goalNotReported, { period: periodWords }))
        .waitFor();
      expect(codesIn(await answer.innerText(), 'en'), 'the answer card').toEqual([]);
      await shot(pg, 'plan-syklus-6-teams-rapportert');
      await answer.screenshot({ path: join(SCREENSHOTS, 'plan-syklus-6-teams-kortet.png') });
      // What was stored is what he sent, for the period asked for, by him.
      const goals = (await t.app.deps.store.plans.goals([planId])).filter((g) => g.removedAt === null);
      const reported = goals.find((g) => g.goal === GOAL)!;
      expect(
        (await t.app.deps.store.plans.reports(goals.map((g) => g.id))).map((r) => [
          r.goalId,
          r.period,
          r.status,
          r.measured,
          r.comment,
          r.byOid,
        ]),
      ).toEqual([[reported.id, first!.period, 'on_track', Number(MEASURED), REPORT_COMMENT, DEMO.per]]);
      await chat.close();

      // 5. Kari, the top leader: the plans list opens on the server's year; the red thread from there.
      const kariTab = await signedIn(browser, t.url, 'Kari Nordmann');
      const kp = kariTab.page;
      await kp.getByRole('navigation').getByRole('link', { name: 'Virksomhetsplaner' }).click();
      await kp.getByRole('heading', { level: 1, name: 'Virksomhetsplaner' }).waitFor();
      await kp
        .getByRole('row', { name: /Oppvekst og kultur/ })
        .getByText(NB.planStatus.adopted)
        .waitFor();
      expect(await kp.getByLabel('År').inputValue()).toBe(String(next));
      await kp.getByRole('link', { name: `Se den røde tråden for ${next}` }).click();
      await kp.getByRole('heading', { level: 1, name: 'Den røde tråden' }).waitFor();
      expect(await kp.getByLabel('År', { exact: true }).inputValue()).toBe(String(next));

      const article = (level: number, name: string) =>
        kp.getByRole('article').filter({ has: kp.getByRole('heading', { level, name, exact: true }) });
      // The unit's goals hang under the municipality's goal they serve.
      const below = kp.getByRole('list', { name: `Mål som bidrar til «${TOP_GOAL}»` });
      await below.getByRole('heading', { level: 4, name: GOAL, exact: true }).waitFor();
      await below.getByRole('heading', { level: 4, name: PROPOSAL, exact: true }).waitFor();
      expect(await kp.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(['Fjordvik kommune']);
      // Per's goal: his report, in words.
      const unitGoal = article(4, GOAL);
      await unitGoal.getByText('Enhet: Oppvekst og kultur').waitFor();
      await unitGoal.getByText('Ansvarsperson: Per Johansen').waitFor();
      await unitGoal
        .getByText(
          fillIn(NB.tab.plans.threadLatest, {
            status: NB.goalStatus.on_track,
            period: periodName('nb', first!.period),
          }),
        )
        .waitFor();
      await article(4, PROPOSAL).getByText('Ikke rapportert ennå').waitFor();
      // The goal above rolls up itself and the goals below it: Per's report on track, the rest (the
      // municipality's own goal and the proposal taken in) not reported.
      const rolled = { total: 1 + [GOAL, PROPOSAL].length, onTrack: [GOAL].length };
      await article(3, TOP_GOAL)
        .getByText(
          `${rolled.total} mål: ${rolled.onTrack} i rute, ${rolled.total - rolled.onTrack} ikke rapportert`,
          { exact: true },
        )
        .waitFor();
      await readsAsWords(kp);
      expect(await layoutAndAxe(kp), 'the red thread, as Kari sees it').toEqual([]);
      await shot(kp, 'plan-syklus-7-rod-trad');
      await kariTab.context.close();
    },
  );
});
