import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/harness.ts';
import { tabFixture, shot, signedIn } from '../helpers/tab.ts';

const TOP_GOAL = 'Alle barn og unge opplever mestring og trivsel i barnehage og skole';
const UNIT_GOAL = 'Alle skoler har oppdaterte planer for et trygt og godt skolemiljø';
const HEALTH_TOP = 'Innbyggerne får helse- og omsorgstjenester når de trenger dem';
const HEALTH_UNIT = 'Kortere ventetid på sykehjemsplass';

/** Nothing a person reads is a code or a private word: no ISO dates, ids, status or period codes. */
async function readsAsWords(page: Page) {
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
  expect(text).not.toMatch(/\b\d{4}-[QT][1-4]\b|\b(on_track|not_reached|unreported|reached|achieved)\b/);
  expect(text).not.toMatch(/PRIVAT/i);
  // Personal goals are counted, never a count below 3.
  expect(text).not.toMatch(/\b[12] personlige? mål knyttet|\b[12] oppnådd/);
}

describe('den røde tråden in the tab', () => {
  const fixture = tabFixture();
  let t: TestApp;
  let browser: Browser;
  beforeAll(() => {
    ({ t, browser } = fixture);
  });

  it('the top leader follows the thread from the municipality’s goals down to the units’ goals', async () => {
    const year = new Date().getFullYear();
    const { page, context } = await signedIn(browser, t.url, 'Kari Nordmann');
    await page.getByRole('navigation').getByRole('link', { name: 'Virksomhetsplaner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Virksomhetsplaner' }).waitFor();
    await page.getByRole('link', { name: `Se den røde tråden for ${year}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Den røde tråden' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/red-thread');
    expect(await page.getByLabel('År', { exact: true }).inputValue()).toBe(String(year));

    // The municipality first, its goals as the top of the tree, the units' goals beneath.
    const units = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(units[0]).toBe('Fjordvik kommune');
    await page.getByRole('heading', { level: 3, name: TOP_GOAL }).waitFor();
    await page.getByRole('heading', { level: 3, name: HEALTH_TOP }).waitFor();
    const below = page.getByRole('list', { name: `Mål som bidrar til «${TOP_GOAL}»` });
    await below.getByRole('heading', { level: 4, name: UNIT_GOAL }).waitFor();
    await below.getByText('Enhet: Oppvekst og kultur').first().waitFor();
    expect(await below.getByRole('heading', { name: HEALTH_UNIT }).count()).toBe(0);
    // The top goal rolls up itself and the goals below it, in words; personal goals as a count.
    const top = page.getByRole('article').filter({
      has: page.getByRole('heading', { level: 3, name: TOP_GOAL }),
    });
    await top.getByText(/^\d+ mål: \d+ (nådd|i rute|usikre|ikke nådd|ikke rapportert)/).waitFor();
    await top.getByText(/personlige mål knyttet/).waitFor();
    await top.getByRole('link', { name: 'Virksomhetsplan for Fjordvik kommune' }).waitFor();
    await readsAsWords(page);
    await shot(page, 'rod-trad-1-kari');

    // The thread's address survives a reload (the server serves the tab there).
    await page.goto(`${t.url}/red-thread?year=${year}`);
    await page.getByRole('heading', { level: 1, name: 'Den røde tråden' }).waitFor();
    await page.getByRole('heading', { level: 4, name: UNIT_GOAL }).waitFor();

    // A year without plans says so.
    await page.getByLabel('År', { exact: true }).selectOption(String(year + 1));
    await page
      .getByText(`Det finnes ingen virksomhetsplaner for ${year + 1} som du har tilgang til.`)
      .waitFor();
    expect(new URL(page.url()).searchParams.get('year')).toBe(String(year + 1));
    await shot(page, 'rod-trad-2-tomt');
    await context.close();
  });

  it('an employee sees his unit’s goals and, for context only, the goal above them', async () => {
    const year = new Date().getFullYear();
    const { page, context } = await signedIn(browser, t.url, 'Per Johansen');
    await page.goto(`${t.url}/red-thread`);
    await page.getByRole('heading', { level: 1, name: 'Den røde tråden' }).waitFor();
    expect(await page.getByLabel('År', { exact: true }).inputValue()).toBe(String(year));
    await page.getByRole('heading', { level: 4, name: UNIT_GOAL }).waitFor();
    const top = page.getByRole('article').filter({
      has: page.getByRole('heading', { level: 3, name: TOP_GOAL }),
    });
    await top.getByText('Vises for sammenhengen. Du har ikke tilgang til denne planen.').waitFor();
    expect(await top.getByRole('link', { name: /Virksomhetsplan for/ }).count()).toBe(0);
    // Nothing of the plans he may not read beyond that one goal.
    expect(await page.getByRole('heading', { name: HEALTH_TOP }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: HEALTH_UNIT }).count()).toBe(0);
    expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(['Fjordvik kommune']);
    await page.getByRole('link', { name: 'Virksomhetsplan for Oppvekst og kultur' }).first().waitFor();
    await readsAsWords(page);
    await shot(page, 'rod-trad-3-per');
    await context.close();
    const phone = await signedIn(browser, t.url, 'Per Johansen', { width: 320 });
    await phone.page.goto(`${t.url}/red-thread`);
    await phone.page.getByRole('heading', { level: 4, name: UNIT_GOAL }).waitFor();
    await shot(phone.page, 'rod-trad-4-per-320');
    await phone.context.close();

    // In English too, in words.
    const en = await signedIn(browser, t.url, 'Per Johansen', { locale: 'en-GB' });
    await en.page.goto(`${t.url}/red-thread`);
    await en.page.getByRole('heading', { level: 1, name: 'The red thread' }).waitFor();
    await en.page.getByText('Shown for context. You do not have access to this plan.').waitFor();
    await en.page.getByRole('link', { name: 'Unit plan for Oppvekst og kultur' }).first().waitFor();
    await en.page
      .getByText(/^Latest report: (Reached|On track|Uncertain|Not reached) \(/)
      .first()
      .waitFor();
    await shot(en.page, 'rod-trad-5-per-en');
    await en.context.close();
  });
});
