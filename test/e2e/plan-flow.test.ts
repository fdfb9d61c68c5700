import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tabTo } from './keyboard.ts';
import { layoutAndAxe } from './layout.ts';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import { DEMO, type TestApp } from '../helpers/harness.ts';
import { tabFixture, shot, signedIn } from '../helpers/tab.ts';

const PROPOSAL = 'Flere elever deltar i leksehjelp etter skoletid';
const NEW_GOAL = 'Alle ansatte har hatt medarbeidersamtale innen 1. april';

/** Nothing a person reads is a code: no ISO dates, ids, status or period codes. */
async function readsAsWords(page: Page) {
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
  expect(text).not.toMatch(/\b\d{4}-Q[1-4]\b|\b(on_track|not_reached|draft|adopted|reporting|open-input)\b/);
}

type PlanList = ResponseOf<'listPlans'>;

/** The page's own answer from the plans list, for the year it asks next. */
function planList(page: Page): Promise<PlanList> {
  return page
    .waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/plans' && r.request().method() === 'GET' && r.ok(),
    )
    .then((r) => r.json() as Promise<PlanList>);
}

/** Waits until every field editor on the page has nothing left to save. */
async function settled(page: Page) {
  await page.waitForFunction(
    () =>
      ![...document.querySelectorAll('[role="status"]')].some((el) =>
        /^(Lagrer …|Saving …)$/.test(el.textContent ?? ''),
      ),
  );
}

describe('the unit plan (virksomhetsplan) in the tab', () => {
  // One server and one browser for the file (test/helpers/tab.ts).
  const fixture = tabFixture();
  let t: TestApp;
  let browser: Browser;
  beforeAll(() => {
    ({ t, browser } = fixture);
  });

  it('the leader reports the year, drafts the next, takes in a proposal and adopts by keyboard; the owner reports', async () => {
    const year = new Date().getFullYear();
    const next = year + 1;
    const leader = await signedIn(browser, t.url, 'Ola Hansen');
    const employee = await signedIn(browser, t.url, 'Per Johansen');
    const lp = leader.page;
    const ep = employee.page;

    // The menu leads to the units' plans; this year's is adopted, complete, in words.
    await lp.getByRole('navigation').getByRole('link', { name: 'Virksomhetsplaner' }).click();
    await lp.getByRole('heading', { level: 1, name: 'Virksomhetsplaner' }).waitFor();
    const row = lp.getByRole('row', { name: /Oppvekst og kultur/ });
    await row.getByText('Vedtatt').waitFor();
    await row.getByText('2 mål').waitFor();
    expect(await lp.getByLabel('År').inputValue()).toBe(String(year));
    await shot(lp, 'plan-flyt-1-virksomhetsplaner');

    // The year report: what becomes of each goal next year; then the plan is closed.
    await row.getByRole('link', { name: 'Oppvekst og kultur' }).click();
    await lp
      .getByRole('heading', { level: 1, name: `Virksomhetsplan ${year}: Oppvekst og kultur` })
      .waitFor();
    await lp.getByText(/^Vedtatt \d{1,2}\. \p{L}+ \d{4} av Ola Hansen$/u).waitFor();
    await lp.getByText('3. kvartal', { exact: false }).first().waitFor();
    await lp.getByRole('button', { name: 'Start årsrapporten' }).click();
    await lp
      .getByRole('alertdialog', { name: 'Starte årsrapporten?' })
      .getByRole('button', { name: 'Start årsrapporten' })
      .click();
    await lp.getByText('Årsrapporten er startet.').waitFor();
    await lp.getByLabel('Neste år, mål 1').selectOption({ label: 'Videreføres' });
    await lp.getByLabel('Neste år, mål 2').selectOption({ label: 'Justeres' });
    await settled(lp);
    await lp
      .locator('[data-goal="2"] [data-field="outcome"]')
      .getByRole('status')
      .filter({ hasText: 'Lagret' })
      .waitFor();
    expect([
      await lp.getByLabel('Neste år, mål 1').inputValue(),
      await lp.getByLabel('Neste år, mål 2').inputValue(),
    ]).toEqual(['continue', 'adjust']);
    await readsAsWords(lp);
    await shot(lp, 'plan-flyt-2-arsrapport');
    await lp.getByRole('button', { name: 'Avslutt planen' }).click();
    await lp
      .getByRole('alertdialog', { name: 'Avslutte planen?' })
      .getByRole('button', { name: 'Avslutt planen' })
      .click();
    await lp.getByText('Planen er avsluttet.').first().waitFor();

    // Next year's draft: last year's goals to carry on come along, without a date.
    await lp.getByRole('link', { name: 'Tilbake til virksomhetsplaner' }).click();
    await lp.getByLabel('År').selectOption(String(next));
    await lp
      .getByRole('row', { name: /Oppvekst og kultur/ })
      .getByText('Ingen plan ennå')
      .waitFor();
    await lp
      .getByRole('button', { name: `Lag utkast til virksomhetsplan for Oppvekst og kultur ${next}` })
      .click();
    await lp
      .getByRole('heading', { level: 1, name: `Virksomhetsplan ${next}: Oppvekst og kultur` })
      .waitFor();
    const planId = new URL(lp.url()).pathname.split('/').pop()!;
    await lp.getByText('Planen er et utkast.', { exact: false }).waitFor();
    expect(await lp.getByLabel('Mål 1', { exact: true }).inputValue()).toBe(
      'Alle skoler har oppdaterte planer for et trygt og godt skolemiljø',
    );
    expect(await lp.getByLabel('Mål 2', { exact: true }).inputValue()).toBe(
      'Flere elever leser godt på 5. trinn',
    );
    expect(await lp.getByText(`Videreført fra ${year}`).count()).toBe(2);
    expect(await lp.getByText('Mangler tidfesting').count()).toBe(2);

    // A goal of the leader's own, then the plan opens for the staff's input.
    await lp.getByLabel('Nytt mål').fill(NEW_GOAL);
    await lp.getByRole('button', { name: 'Legg til mål' }).click();
    await lp.getByText('Mål 3 er lagt til.').waitFor();
    expect(await lp.getByLabel('Mål 3', { exact: true }).inputValue()).toBe(NEW_GOAL);
    await lp.getByText('Mangler resultatindikator, ansvarsperson og tidfesting').waitFor();
    await shot(lp, 'plan-flyt-3-utkast');
    await lp.getByRole('button', { name: 'Åpne for innspill' }).click();
    const openDialog = lp.getByRole('alertdialog', { name: 'Åpne planen for innspill?' });
    await openDialog.getByText('De ansatte i Oppvekst og kultur kan da kommentere').waitFor();
    await openDialog.getByRole('button', { name: 'Åpne for innspill' }).click();
    await lp.getByText('Planen er åpen for innspill.').first().waitFor();

    // Per proposes a goal and comments on one.
    await ep.goto(`${t.url}/plans/${planId}`);
    await ep
      .getByRole('heading', { level: 1, name: `Virksomhetsplan ${next}: Oppvekst og kultur` })
      .waitFor();
    expect(await ep.getByRole('button', { name: 'Vedta planen' }).count()).toBe(0);
    expect(await ep.getByRole('textbox', { name: 'Mål 1', exact: true }).count()).toBe(0);
    await ep.getByLabel('Foreslå et nytt mål').fill(PROPOSAL);
    await ep.getByRole('button', { name: 'Send forslaget' }).click();
    await ep.getByText('Innspillet er sendt.').waitFor();
    const onGoal2 = ep.locator('[data-goal-follow-up="2"]');
    await onGoal2.getByRole('button', { name: 'Kommenter mål 2' }).click();
    await onGoal2.getByLabel('Kommentar til mål 2').fill('Kan vi ta med lesing på 6. trinn også?');
    await onGoal2.getByRole('button', { name: 'Send kommentaren' }).click();
    await onGoal2.getByText('Kan vi ta med lesing på 6. trinn også?').waitFor();
    await readsAsWords(ep);
    await shot(ep, 'plan-flyt-4-innspill-medarbeider');

    // Ola answers the comment and takes the proposal in as goal 4.
    await lp.reload();
    await lp
      .getByRole('heading', { level: 1, name: `Virksomhetsplan ${next}: Oppvekst og kultur` })
      .waitFor();
    await lp.getByText(PROPOSAL).waitFor();
    const comment = lp.locator('[data-goal-follow-up="2"]');
    await comment.getByLabel('Svar til Per Johansen').fill('Ja, det tar vi med i tiltakene.');
    await comment.getByRole('button', { name: 'Svar Per Johansen' }).click();
    await comment.getByText(/^Svar fra Ola Hansen, /).waitFor();
    await shot(lp, 'plan-flyt-5-innspill-leder');
    await lp.getByRole('button', { name: 'Ta inn som mål' }).click();
    const takeIn = lp.getByRole('alertdialog', { name: 'Ta inn forslaget som mål?' });
    await takeIn.getByText(`«${PROPOSAL}» blir et nytt mål i planen`, { exact: false }).waitFor();
    await takeIn.getByRole('button', { name: 'Ta inn som mål' }).click();
    await lp.getByText('Tatt inn som mål 4.').waitFor();
    expect(await lp.getByLabel('Mål 4', { exact: true }).inputValue()).toBe(PROPOSAL);

    // Adopting now is refused, and the page says why, in words.
    await lp.getByRole('button', { name: 'Vedta planen' }).click();
    const refused = lp.getByRole('alertdialog', { name: 'Vedta planen?' });
    await refused.getByText('4 mål mangler noe, og planen kan ikke vedtas før de er fylt ut:').waitFor();
    await refused.getByText('Mål 4: Mangler resultatindikator, ansvarsperson og tidfesting').waitFor();
    await shot(lp, 'plan-flyt-6-vedta-mangler');
    await refused.getByRole('button', { name: 'Vedta planen' }).click();
    await lp.getByRole('alert').getByText('Planen kan ikke vedtas ennå', { exact: false }).waitFor();

    // Every goal gets a date, goals 3 and 4 an indicator and an Ansvarsperson (Per for his own).
    for (const n of [1, 2, 3, 4]) await lp.getByLabel(`Tidfestet, mål ${n}`).fill(`${next}-12-31`);
    for (const [n, indicator, owner] of [
      [3, 'Andel ansatte med gjennomført samtale, prosent', 'Ola Hansen'],
      [4, 'Antall elever på leksehjelp per uke', 'Per Johansen'],
    ] as const) {
      const box = lp.getByLabel(`Resultatindikator, mål ${n}`);
      await box.fill(indicator);
      await box.blur();
      await lp.getByLabel(`Ansvarsperson, mål ${n}`).selectOption({ label: owner });
    }
    const baseline = lp.getByLabel('Utgangsverdi, mål 4');
    await baseline.fill('12,5');
    await baseline.blur();
    const target = lp.getByLabel('Målverdi, mål 4');
    await target.fill('40');
    await target.blur();
    await settled(lp);
    await expect.poll(() => lp.getByText(/^Mangler /).count(), { timeout: 10_000 }).toBe(0);
    await expect
      .poll(async () =>
        (await t.app.deps.store.plans.goals([planId]))
          .filter((g) => g.removedAt === null)
          .map((g) => [g.due, g.ownerOid !== null, g.indicator !== null]),
      )
      .toEqual(Array.from({ length: 4 }, () => [`${next}-12-31`, true, true]));
    const stored = (await t.app.deps.store.plans.goals([planId])).find((g) => g.goal === PROPOSAL)!;
    expect([stored.ownerOid, stored.baseline, stored.target]).toEqual([DEMO.per, 12.5, 40]);
    await readsAsWords(lp);
    await shot(lp, 'plan-flyt-7-komplett');

    // Adopting by keyboard alone, from the page's heading: Tab to the button, Enter, Tab to the
    // dialog's own button, Enter.
    await lp.reload();
    await lp
      .getByRole('heading', { level: 1, name: `Virksomhetsplan ${next}: Oppvekst og kultur` })
      .waitFor();
    await lp.getByRole('heading', { level: 1 }).focus();
    await tabTo(lp, (f) => f.name === 'Vedta planen');
    await lp.keyboard.press('Enter');
    const adopt = lp.getByRole('alertdialog', { name: 'Vedta planen?' });
    await adopt.waitFor();
    expect(await adopt.getByText(/mangler noe/).count()).toBe(0);
    await tabTo(lp, (f) => f.name === 'Vedta planen');
    await lp.keyboard.press('Enter');
    await lp.getByText('Planen er vedtatt.', { exact: true }).waitFor();
    await lp.getByText(/^Vedtatt \d{1,2}\. \p{L}+ \d{4} av Ola Hansen$/u).waitFor();
    // The focus follows the step to what it did.
    expect(await lp.evaluate(() => document.activeElement?.textContent)).toContain('Planen er vedtatt.');
    expect((await t.app.deps.store.plans.plan(planId))!.status).toBe('adopted');
    await readsAsWords(lp);
    await shot(lp, 'plan-flyt-8-vedtatt');

    // Per reports on his goal: status, measured value and a comment, shown back in words.
    await ep.reload();
    await ep
      .getByRole('heading', { level: 1, name: `Virksomhetsplan ${next}: Oppvekst og kultur` })
      .waitFor();
    // Only his own goals (the one carried on from last year, and the one he proposed) offer a report.
    const offered = ep.getByRole('button', { name: /^Rapporter på mål/ });
    expect(await offered.allInnerTexts()).toEqual(['Rapporter på mål 1', 'Rapporter på mål 4']);
    await ep.getByRole('button', { name: 'Rapporter på mål 4' }).click();
    const form = ep.getByRole('form', { name: 'Rapporter på mål 4' });
    expect(await form.getByLabel('Periode').inputValue()).toBe(`${next}-Q1`);
    await form.getByRole('button', { name: 'Lagre rapporten' }).click();
    await form.getByText('Velg en status.').waitFor();
    await form.getByLabel('Status').selectOption({ label: 'I rute' });
    await form.getByLabel('Målt verdi').fill('18');
    await form.getByLabel('Kommentar').fill('Godt oppmøte de første ukene.');
    await form.getByRole('button', { name: 'Lagre rapporten' }).click();
    await form.getByText(`Rapporten for 1. kvartal ${next} er lagret.`).waitFor();
    const reported = ep
      .locator('[data-goal-follow-up="4"]')
      .getByRole('listitem')
      .filter({ hasText: `1. kvartal ${next}: I rute` });
    await reported.waitFor();
    expect((await reported.innerText()).split('\n')).toEqual([
      `1. kvartal ${next}: I rute, målt 18`,
      'Godt oppmøte de første ukene.',
      expect.stringMatching(/^Per Johansen, \d{1,2}\. \p{L}+ \d{4}$/u),
    ]);
    await readsAsWords(ep);
    await shot(ep, 'plan-flyt-9-rapport');
    const reports = await t.app.deps.store.plans.reports([stored.id]);
    expect(reports.map((r) => [r.period, r.status, r.measured, r.byOid])).toEqual([
      [`${next}-Q1`, 'on_track', 18, DEMO.per],
    ]);

    await leader.context.close();
    await employee.context.close();
  });

  it('two leaders on one goal: another field saves as it is, the same field shows both texts and loses nothing', async () => {
    // Helse og omsorg's plan for the year after next, drafted by its leader with one goal.
    const year = new Date().getFullYear() + 2;
    const ingrid = await t.as(DEMO.ingrid);
    const plan = (await ingrid<{ id: string }>('POST', '/api/plans', { unitId: 'helse', year })).body;
    const goal = (
      await ingrid<{ id: string }>('POST', `/api/plans/${plan.id}/goals`, { goal: 'Kortere ventetid' })
    ).body;
    // Ingrid, and Kari who leads the unit above, have the plan open at once.
    const a = await signedIn(browser, t.url, 'Ingrid Berg');
    const b = await signedIn(browser, t.url, 'Kari Nordmann');
    for (const p of [a.page, b.page]) {
      await p.goto(`${t.url}/plans/${plan.id}`);
      await p.getByRole('heading', { level: 1, name: `Virksomhetsplan ${year}: Helse og omsorg` }).waitFor();
    }
    const saved = (p: Page, field: string) =>
      p.locator(`[data-goal="1"] [data-field="${field}"]`).getByRole('status').filter({ hasText: 'Lagret' });

    // Ingrid writes the indicator; Kari, from the page she opened before, the actions: no conflict.
    const indicator = a.page.getByLabel('Resultatindikator, mål 1');
    await indicator.fill('Gjennomsnittlig ventetid, dager');
    await indicator.blur();
    await saved(a.page, 'indicator').waitFor();
    const actions = b.page.getByLabel('Tiltak, mål 1');
    await actions.fill('Fire nye korttidsplasser');
    await actions.blur();
    await saved(b.page, 'actions').waitFor();
    // Kari's page reads the plan again after her save (so it shows Ingrid's indicator), then waits.
    await expect
      .poll(() => b.page.getByLabel('Resultatindikator, mål 1').inputValue())
      .toBe('Gjennomsnittlig ventetid, dager');

    // A number that is no number is said, and kept, not sent.
    const target = a.page.getByLabel('Målverdi, mål 1');
    await target.fill('fjorten');
    await target.blur();
    await a.page
      .locator('[data-goal="1"] [data-field="target"]')
      .getByText('Ikke lagret: Skriv et tall, for eksempel 12,5.')
      .waitFor();
    expect(await target.inputValue()).toBe('fjorten');
    await target.fill('14');
    await target.blur();
    await saved(a.page, 'target').waitFor();

    // Both change the goal's own text: the second sees both, and keeps both by merging.
    const mine = a.page.getByLabel('Mål 1', { exact: true });
    await mine.fill('Kortere ventetid på sykehjemsplass');
    await mine.blur();
    await saved(a.page, 'goal').waitFor();
    const theirs = b.page.getByLabel('Mål 1', { exact: true });
    await theirs.fill('Kortere ventetid for eldre');
    await theirs.blur();
    const cell = b.page.locator('[data-goal="1"] [data-field="goal"]');
    await cell.getByText('Noen andre endret dette feltet samtidig').waitFor();
    expect(await cell.getByTestId('conflict-mine').textContent()).toBe('Kortere ventetid for eldre');
    expect(await cell.getByTestId('conflict-theirs').textContent()).toBe(
      'Kortere ventetid på sykehjemsplass',
    );
    await shot(b.page, 'plan-konflikt');
    await cell.getByRole('button', { name: 'Slå sammen begge' }).click();
    await saved(b.page, 'goal').waitFor();
    const stored = await t.app.deps.store.plans.goal(goal.id);
    expect([stored?.goal, stored?.indicator, stored?.actions, stored?.target]).toEqual([
      'Kortere ventetid på sykehjemsplass\n\nKortere ventetid for eldre',
      'Gjennomsnittlig ventetid, dager',
      'Fire nye korttidsplasser',
      14,
    ]);
    await a.context.close();
    await b.context.close();
  });

  it('HR sees per unit what goals lack and how many are reported each period that has begun, in words', async () => {
    const year = new Date().getFullYear();
    const next = year + 1;
    // Kari drafts next year's plan for Stab with goals that lack an Ansvarsperson or a Resultatindikator.
    const kari = await t.as(DEMO.kari);
    const drafted = await kari<{ id: string }>('POST', '/api/plans', { unitId: 'stab', year: next });
    expect(drafted.status).toBe(201);
    const draft = drafted.body;
    const added = [
      await kari('POST', `/api/plans/${draft.id}/goals`, { goal: 'Alle ledere kan bruke Samtale' }),
    ];
    added.push(
      await kari('POST', `/api/plans/${draft.id}/goals`, {
        goal: 'Ledermøtet har fast punkt om sykefravær',
        indicator: 'Antall ledermøter med sykefravær på agendaen',
      }),
    );
    expect(added.map((r) => r.status)).toEqual([201, 201]);

    const hr = await signedIn(browser, t.url, 'Hilde Strand');
    const page = hr.page;
    const listed = planList(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Virksomhetsplaner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Virksomhetsplaner' }).waitFor();
    let list = await listed;
    let shown = year;
    const today = new Date();
    // Which of a year's periods have begun, from the period's own number: Q n begins in month 3(n-1),
    // tertial n in month 4(n-1).
    const begun = (period: string) => {
      const [, y, kind, n] = /^(\d{4})-([QT])([1-4])$/.exec(period)!;
      if (Number(y) !== today.getFullYear()) return Number(y) < today.getFullYear();
      return today.getMonth() >= (Number(n) - 1) * (kind === 'Q' ? 3 : 4);
    };
    const said = (period: string) => {
      const [, y, kind, n] = /^(\d{4})-([QT])([1-4])$/.exec(period)!;
      return `${n}. ${kind === 'Q' ? 'kvartal' : 'tertial'} ${y}`;
    };
    const hasReports = (l: PlanList) =>
      l.plans.find((r) => r.plan?.reported.some((x) => x.goals > 0 && begun(x.period)));
    // HR reads every unit's plan; early in January no period of this year is reported yet: last year's then.
    expect(list.plans.map((r) => r.unit.name)).toEqual(
      expect.arrayContaining(['Oppvekst og kultur', 'Kommunedirektørens stab']),
    );
    if (!hasReports(list)) {
      const again = planList(page);
      shown = year - 1;
      await page.getByLabel('År').selectOption(String(shown));
      list = await again;
    }
    const unit = hasReports(list)!;
    const plan = unit.plan!;
    const row = page.getByRole('row', { name: new RegExp(unit.unit.name) });
    const reportedCell = row.locator('td[data-label="Rapportert"]');
    await reportedCell
      .getByText(/: \d+ av \d+$/)
      .first()
      .waitFor();
    const lines = (await reportedCell.innerText()).split('\n').filter((l) => l.trim() !== '');
    const started = plan.reported.filter((x) => begun(x.period));
    expect(started.length).toBeGreaterThan(0);
    expect(lines).toEqual(started.map((x) => `${said(x.period)}: ${x.goals} av ${plan.goals}`));
    // A period that has not begun is not listed.
    for (const x of plan.reported.filter((r) => !begun(r.period)))
      expect(await reportedCell.getByText(said(x.period), { exact: false }).count()).toBe(0);
    if (plan.withoutOwner + plan.withoutIndicator === 0 && plan.incompleteGoals === 0)
      await row.locator('td[data-label="Mangler"]').getByText('Ingen mangler').waitFor();
    await readsAsWords(page);
    expect(await page.locator('main').innerText()).not.toMatch(/\b\d{4}-T[1-3]\b/);
    expect(await layoutAndAxe(page)).toEqual([]);
    await shot(page, 'plan-oversikt-hr-bred');

    // Next year: Stab's draft says what its goals lack, in words, and that reports come after adoption.
    const nextList = planList(page);
    await page.getByLabel('År').selectOption(String(next));
    const stab = (await nextList).plans.find((r) => r.unit.id === 'stab')!.plan!;
    expect([stab.withoutOwner, stab.withoutIndicator]).not.toEqual([0, 0]);
    const stabRow = page.getByRole('row', { name: /Kommunedirektørens stab/ });
    const lacks = stabRow.locator('td[data-label="Mangler"]');
    await lacks.getByText(/uten/).first().waitFor();
    expect((await lacks.innerText()).split('\n').filter((l) => l.trim() !== '')).toEqual([
      ...(stab.withoutOwner > 0 ? [`${stab.withoutOwner} uten ansvarsperson`] : []),
      ...(stab.withoutIndicator > 0 ? [`${stab.withoutIndicator} uten resultatindikator`] : []),
    ]);
    await stabRow.getByText('Rapporteres når planen er vedtatt').waitFor();
    await readsAsWords(page);
    expect(await layoutAndAxe(page)).toEqual([]);
    await shot(page, 'plan-oversikt-hr-neste-ar');

    // The chosen year with reports again, at 400 px: each row a block, each value under its heading.
    const back = planList(page);
    await page.getByLabel('År').selectOption(String(shown));
    await back;
    await reportedCell
      .getByText(/: \d+ av \d+$/)
      .first()
      .waitFor();
    await page.setViewportSize({ width: 400, height: 900 });
    const unitBox = (await row.locator('td[data-label="Enhet"]').boundingBox())!;
    const reportedBox = (await reportedCell.boundingBox())!;
    expect(Math.abs(reportedBox.x - unitBox.x)).toBeLessThan(2);
    expect(reportedBox.y).toBeGreaterThan(unitBox.y);
    expect(await layoutAndAxe(page)).toEqual([]);
    await readsAsWords(page);
    await shot(page, 'plan-oversikt-hr-smal');
    await hr.context.close();
  });
});
