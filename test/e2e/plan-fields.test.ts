// The plan's own fields (virksomhetsplan, seed 004) on the plan page: Forankring's dates and the
// checklist while the plan is drafted, Trinn 6 once it is adopted. They save as they are changed, by
// mouse or keyboard alone, are kept over a reload, and read as words to those who may not write them.
import type { Browser, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tabTo } from './keyboard.ts';
import { layoutAndAxe } from './layout.ts';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import { DEMO, type TestApp } from '../helpers/harness.ts';
import { tabFixture, shot, signedIn } from '../helpers/tab.ts';

const SIMPLE = 'Målene er enkle.';
const REALISTIC = 'Mål og tiltak er realistiske.';
const RESULTS = 'Alle skolene har oppdatert planen for skolemiljø.';
const MORE = 'Lesekartleggingen på 5. trinn er ikke gjennomført ennå.';

/** Nothing a person reads is a code: no ISO dates, ids, option or field ids. */
async function readsAsWords(page: Page) {
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
  expect(text).not.toMatch(/\b(malbar|felles-forstaelse|trinn-\d-gjennomfort|oppfolging|neste-ar)\b/);
  expect(text).not.toMatch(/[[{]"|"value"|"version"/);
}

/** Tabs forward, stop by stop (each must show its focus), until the target has the focus. */
async function tabToElement(page: Page, target: Locator, limit = 300) {
  await target.waitFor();
  for (let i = 0; i < limit; i++) {
    await tabTo(page, () => true);
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error('the keyboard never reached the control');
}

const field = (page: Page, id: string) => page.locator(`[data-plan-field="${id}"]`);
const saved = (page: Page, id: string) =>
  field(page, id)
    .getByRole('status')
    .filter({ hasText: /^Lagret$/ });

describe('the plan’s own fields (Forankring, the checklist, Trinn 6) in the tab', () => {
  const fixture = tabFixture();
  let t: TestApp;
  let browser: Browser;
  beforeAll(() => {
    ({ t, browser } = fixture);
  });

  it('the leader dates Trinn 1 and ticks two points on a draft, by mouse and keyboard; a member reads them in words', async () => {
    const next = new Date().getFullYear() + 1;
    const ola = await t.as(DEMO.ola);
    const drafted = await ola<{ id: string }>('POST', '/api/plans', { unitId: 'oppvekst', year: next });
    expect(drafted.status).toBe(201);
    const planId = drafted.body.id;
    const title = `Virksomhetsplan ${next}: Oppvekst og kultur`;

    const leader = await signedIn(browser, t.url, 'Ola Hansen');
    const lp = leader.page;
    await lp.goto(`${t.url}/plans/${planId}`);
    await lp.getByRole('heading', { level: 1, name: title }).waitFor();

    // Forankring comes before the goals, with the steps it dates; Trinn 6–8 come once adopted.
    const headings = await lp.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(headings.indexOf('Forankring')).toBeGreaterThanOrEqual(0);
    expect(headings.indexOf('Forankring')).toBeLessThan(headings.indexOf('Mål'));
    await lp
      .getByText('Trinn 1: Forankre mål- og resultatstyring i kommunens ledelse', { exact: false })
      .waitFor();
    await lp.getByText('Trinn 6, Trinn 7 og Trinn 8 følger når planen er vedtatt.').waitFor();
    expect(await lp.getByRole('heading', { name: 'Trinn 6:' }).count()).toBe(0);

    // Trinn 1's date, and one point of the checklist by mouse.
    await lp.getByLabel('Trinn 1: gjennomført dato').fill(`${next}-01-15`);
    await saved(lp, 'trinn-1-gjennomfort').waitFor();
    const points = lp.getByRole('group', { name: 'Viktige forutsetninger er:' });
    await points.getByRole('checkbox', { name: SIMPLE }).check();
    await saved(lp, 'forutsetninger').waitFor();

    // The other by keyboard alone: Tab from the page's heading to the box, Space to tick it.
    await lp.getByRole('heading', { level: 1 }).focus();
    const realistic = points.getByRole('checkbox', { name: REALISTIC });
    await tabToElement(lp, realistic);
    await lp.keyboard.press('Space');
    await expect.poll(() => realistic.isChecked()).toBe(true);
    await expect
      .poll(
        async () =>
          ((await t.app.deps.store.plans.plan(planId))!.answers.forutsetninger as { value: unknown })?.value,
      )
      .toEqual(['enkle', 'realistisk']);
    await saved(lp, 'forutsetninger').waitFor();
    expect(await layoutAndAxe(lp)).toEqual([]);
    await shot(lp, 'plan-felter-1-utkast-leder');

    // The same field changed from a page opened before: both dates in words, nothing lost; mine kept.
    // (The sign-in lives in the page's session: a second window signs in again.)
    const second = await signedIn(browser, t.url, 'Ola Hansen');
    const other = second.page;
    await other.goto(`${t.url}/plans/${planId}`);
    await other.getByRole('heading', { level: 1, name: title }).waitFor();
    await lp.getByLabel('Trinn 3: gjennomført dato').fill(`${next}-02-15`);
    await saved(lp, 'trinn-3-gjennomfort').waitFor();
    await other.getByLabel('Trinn 3: gjennomført dato').fill(`${next}-03-01`);
    const clash = field(other, 'trinn-3-gjennomfort');
    await clash.getByText('Noen andre endret dette feltet samtidig.').waitFor();
    expect(await clash.getByTestId('conflict-mine').textContent()).toBe(`1. mars ${next}`);
    expect(await clash.getByTestId('conflict-theirs').textContent()).toBe(`15. februar ${next}`);
    await clash.getByText('Lagret tekst, sist endret av Ola Hansen').waitFor();
    await readsAsWords(other);
    await shot(other, 'plan-felter-konflikt');
    await clash.getByRole('button', { name: 'Behold min tekst' }).click();
    await saved(other, 'trinn-3-gjennomfort').waitFor();
    await expect
      .poll(
        async () =>
          ((await t.app.deps.store.plans.plan(planId))!.answers['trinn-3-gjennomfort'] as { value: unknown })
            ?.value,
      )
      .toBe(`${next}-03-01`);
    await second.context.close();

    // Kept over a reload, in the template's order.
    await lp.reload();
    await lp.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await lp.getByLabel('Trinn 1: gjennomført dato').inputValue()).toBe(`${next}-01-15`);
    expect(await lp.getByLabel('Trinn 2: gjennomført dato').inputValue()).toBe('');
    expect(await lp.getByLabel('Trinn 3: gjennomført dato').inputValue()).toBe(`${next}-03-01`);
    const checked = [];
    for (const box of await points.getByRole('checkbox').all())
      if (await box.isChecked())
        checked.push(await box.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent));
    expect(checked).toEqual([SIMPLE, REALISTIC]);
    const answers = (await t.app.deps.store.plans.plan(planId))!.answers;
    expect((answers['trinn-1-gjennomfort'] as { value: unknown }).value).toBe(`${next}-01-15`);

    // At 400 px the dates stack, nothing overlaps, the page does not scroll sideways.
    await lp.setViewportSize({ width: 400, height: 900 });
    expect(await layoutAndAxe(lp)).toEqual([]);
    await shot(lp, 'plan-felter-2-utkast-leder-smal');

    // Per, a member of the unit, reads the same in words: no inputs, no ISO date, no option id.
    const member = await signedIn(browser, t.url, 'Per Johansen');
    const mp = member.page;
    await mp.goto(`${t.url}/plans/${planId}`);
    await mp.getByRole('heading', { level: 1, name: title }).waitFor();
    const forankring = mp.locator('[data-plan-section="forankring"]');
    await forankring.getByRole('heading', { name: 'Forankring' }).waitFor();
    expect(await field(mp, 'trinn-1-gjennomfort').innerText()).toBe(
      `Trinn 1: gjennomført dato\n15. januar ${next}`,
    );
    expect(await field(mp, 'trinn-2-gjennomfort').innerText()).toBe(
      'Trinn 2: gjennomført dato\nIkke fylt ut',
    );
    expect(await field(mp, 'forutsetninger').getByRole('listitem').allInnerTexts()).toEqual([
      SIMPLE,
      REALISTIC,
    ]);
    expect(await forankring.locator('input, textarea').count()).toBe(0);
    expect(await field(mp, 'forutsetninger').getByRole('checkbox').count()).toBe(0);
    await readsAsWords(mp);
    expect(await layoutAndAxe(mp)).toEqual([]);
    await shot(mp, 'plan-felter-3-utkast-medarbeider');
    await mp.setViewportSize({ width: 400, height: 900 });
    expect(await layoutAndAxe(mp)).toEqual([]);
    await shot(mp, 'plan-felter-4-utkast-medarbeider-smal');

    await leader.context.close();
    await member.context.close();
  });

  it('on this year’s adopted plan the leader writes Trinn 6 by keyboard alone; it is kept over a reload', async () => {
    const year = new Date().getFullYear();
    const ola = await t.as(DEMO.ola);
    const list = (await ola<ResponseOf<'listPlans'>>('GET', `/api/plans?year=${year}`)).body;
    const plan = list.plans.find((r) => r.unit.id === 'oppvekst')!.plan!;
    expect(plan.status).toBe('adopted');
    const title = `Virksomhetsplan ${year}: Oppvekst og kultur`;

    const leader = await signedIn(browser, t.url, 'Ola Hansen');
    const lp = leader.page;
    await lp.goto(`${t.url}/plans/${plan.id}`);
    await lp.getByRole('heading', { level: 1, name: title }).waitFor();
    // Trinn 6–8 after the goals and the staff's input; Trinn 8 last, its intro only.
    const headings = await lp.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(headings.slice(-3)).toEqual(['Trinn 6:', 'Trinn 7:', 'Trinn 8:']);
    expect(headings.indexOf('Mål')).toBeLessThan(headings.indexOf('Trinn 6:'));
    await lp.getByText('Nå som grunnlaget for arbeidet er lagt', { exact: false }).waitFor();
    // The guide questions are a list under the label.
    await field(lp, 'resultater').getByRole('listitem').filter({ hasText: 'Hva er oppnådd?' }).waitFor();
    // Adopted: the checklist is read (not written) now, Trinn 7 waits for the year report.
    expect(await field(lp, 'forutsetninger').getByRole('checkbox').count()).toBe(0);
    expect(await field(lp, 'rapport').locator('textarea').count()).toBe(0);

    // By keyboard alone: Tab from the heading to Trinn 6's Resultater, type, and go on typing after
    // the save (the page reads the plan again meanwhile; nothing typed is lost).
    await lp.getByRole('heading', { level: 1 }).focus();
    const results = lp.getByRole('textbox', { name: 'Resultater:' });
    await tabToElement(lp, results);
    await lp.keyboard.type(RESULTS);
    await saved(lp, 'resultater').waitFor();
    await lp.waitForTimeout(600);
    await lp.keyboard.press('Enter');
    await lp.keyboard.press('Enter');
    await lp.keyboard.type(MORE);
    expect(await results.inputValue()).toBe(`${RESULTS}\n\n${MORE}`);
    await lp.keyboard.press('Tab');
    await saved(lp, 'resultater').waitFor();
    await expect
      .poll(
        async () =>
          ((await t.app.deps.store.plans.plan(plan.id))!.answers.resultater as { value: unknown })?.value,
      )
      .toBe(`${RESULTS}\n\n${MORE}`);
    await readsAsWords(lp);
    expect(await layoutAndAxe(lp)).toEqual([]);
    await shot(lp, 'plan-felter-5-vedtatt-trinn-6');

    // The page took up the plan's new version after the save: a step on the plan goes through, and
    // the year report's Trinn 7 opens for writing.
    await lp.getByRole('button', { name: 'Start årsrapporten' }).click();
    await lp
      .getByRole('alertdialog', { name: 'Starte årsrapporten?' })
      .getByRole('button', { name: 'Start årsrapporten' })
      .click();
    await lp.getByText('Årsrapporten er startet.').waitFor();
    await field(lp, 'rapport').locator('textarea').waitFor();

    // Kept over a reload.
    await lp.reload();
    await lp.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await lp.getByRole('textbox', { name: 'Resultater:' }).inputValue()).toBe(`${RESULTS}\n\n${MORE}`);
    await lp.setViewportSize({ width: 400, height: 900 });
    expect(await layoutAndAxe(lp)).toEqual([]);
    await shot(lp, 'plan-felter-6-vedtatt-smal');

    // Per reads Trinn 6 as paragraphs.
    const member = await signedIn(browser, t.url, 'Per Johansen');
    const mp = member.page;
    await mp.goto(`${t.url}/plans/${plan.id}`);
    await mp.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await field(mp, 'resultater').locator('p').allInnerTexts()).toEqual([RESULTS, MORE]);
    expect(await field(mp, 'resultater').locator('textarea').count()).toBe(0);
    await readsAsWords(mp);
    expect(await layoutAndAxe(mp)).toEqual([]);
    await shot(mp, 'plan-felter-7-vedtatt-medarbeider');

    await leader.context.close();
    await member.context.close();
  });
});
