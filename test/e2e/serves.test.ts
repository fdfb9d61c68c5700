import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import { conversationAt } from '../helpers/factory.ts';
import { SCREENSHOTS } from '../helpers/browser.ts';
import { DEMO, type Client, type TestApp } from '../helpers/harness.ts';
import { tabFixture, shot, signedIn } from '../helpers/tab.ts';
import { tabTo } from './keyboard.ts';
import { layoutAndAxe } from './layout.ts';

const UNIT = 'Oppvekst og kultur';
const TOP = 'Fjordvik kommune';
const UNIT_GOAL = 'Alle skoler har oppdaterte planer for et trygt og godt skolemiljø';
const UNIT_GOAL_2 = 'Flere elever leser godt på 5. trinn';
const TOP_GOAL = 'Alle barn og unge opplever mestring og trivsel i barnehage og skole';
/** Silje's signed medarbeidersamtale this year has this row in its handlingsplan (the demo data). */
const ROW = 'Fullføre videreutdanning i spesialpedagogikk';

type Thread = ResponseOf<'getRedThread'>;
type View = ResponseOf<'getConversation'>;
type Listed = { conversations: { id: string; status: string; template: { key: string } }[] };

/** Opens a conversation and waits until nothing on it is loading. */
async function open(page: Page, url: string, id: string) {
  await page.goto(`${url}/conversations/${id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForFunction(
    () => document.querySelectorAll('[role="progressbar"], .fui-Spinner').length === 0,
  );
}

/** The choice a select shows, as its words. */
const chosen = (select: Locator) =>
  select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
const optionsOf = (select: Locator) =>
  select.evaluate((el) => [...(el as HTMLSelectElement).options].map((o) => o.textContent ?? ''));
/** The picker's own save status ("Lagret"), beside the select. */
const statusOf = (page: Page, select: Locator) =>
  page.locator('[data-serves]').filter({ has: select }).getByRole('status');
const saved = (page: Page, select: Locator) =>
  statusOf(page, select)
    .filter({ hasText: /^Lagret$/ })
    .waitFor();

/** A screenshot of one field (the full page is too tall to see the picker in). */
const fieldShot = (page: Page, fieldId: string, name: string) =>
  page.locator(`[data-field="${fieldId}"]`).screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

/** The caller's own goals linked to a unit goal, as the red thread gives them. */
async function yoursUnder(as: Client, goal: string): Promise<string[]> {
  const thread = (await as<Thread>('GET', '/api/red-thread')).body;
  const node = thread.goals.find((g) => g.goal === goal);
  if (!node) throw new Error(`the red thread has no goal "${goal}"`);
  return node.yours.map((y) => y.key);
}

describe('"Bidrar til": a conversation’s goals name the unit goal they serve', () => {
  const fixture = tabFixture();
  let t: TestApp;
  let browser: Browser;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ({ t, browser } = fixture);
    const silje = await t.as(DEMO.silje);
    const mine = (await silje<Listed>('GET', '/api/conversations')).body.conversations;
    ids.silje = mine.find((c) => c.template.key === 'medarbeidersamtale-10-faktor')!.id;
    const view = (await silje<View>('GET', `/api/conversations/${ids.silje}`)).body;
    ids.row = view.sections
      .flatMap((s) => s.fields)
      .flatMap((f) => f.items ?? [])
      .find((i) => i.cells.mal === ROW)!.id;
    const ola = await t.as(DEMO.ola);
    const olas = (await ola<Listed>('GET', '/api/conversations')).body.conversations;
    ids.kontrakt = olas.find((c) => c.template.key === 'kontraktsamtale' && c.status === 'planned')!.id;
  });

  it('a party picks a unit goal for a plan row; it lasts, reaches the red thread, and is cleared again', async () => {
    const { page, context } = await signedIn(browser, t.url, 'Silje Larsen', { width: 1366 });
    await open(page, t.url, ids.silje!);
    // One picker per row, named by the row's own words so a screen reader tells the rows apart.
    const select = page.getByRole('combobox', { name: `Bidrar til, rad 1: ${ROW}` });
    await select.waitFor();
    const options = await optionsOf(select);
    expect(options[0]).toBe('Ingen');
    // The employee's unit first, then the units above it, each goal with its unit's name.
    expect(options.slice(1, 3)).toEqual([`${UNIT_GOAL} (${UNIT})`, `${UNIT_GOAL_2} (${UNIT})`]);
    expect(options).toContain(`${TOP_GOAL} (${TOP})`);
    expect(await chosen(select)).toBe('Ingen');
    // The signed record is locked, yet the link is not part of it: the party may still set it.
    await page.getByText('Referatet er signert og låst. Ingen kan endre det.').waitFor();

    await select.selectOption({ label: `${UNIT_GOAL} (${UNIT})` });
    await saved(page, select);
    await shot(page, 'bidrar-til-1-rad-1366');
    await fieldShot(page, 'handlingsplan', 'bidrar-til-1-rad-1366-felt');
    expect(await layoutAndAxe(page)).toEqual([]);

    await page.reload();
    await select.waitFor();
    await expect.poll(() => chosen(select)).toBe(`${UNIT_GOAL} (${UNIT})`);
    // The red thread counts the row under the unit goal, as Silje's own.
    const silje = await t.as(DEMO.silje);
    expect(await yoursUnder(silje, UNIT_GOAL)).toContain(ids.row);

    // Back to "Ingen": that lasts too, and the thread lets go of the row.
    await select.selectOption({ label: 'Ingen' });
    await saved(page, select);
    await page.reload();
    await select.waitFor();
    await expect.poll(() => chosen(select)).toBe('Ingen');
    expect(await yoursUnder(silje, UNIT_GOAL)).not.toContain(ids.row);
    await context.close();
  });

  it('the other party changes it by keyboard on a phone; a failed save names the choice and tries again', async () => {
    const { page, context } = await signedIn(browser, t.url, 'Ola Hansen', { width: 400 });
    await open(page, t.url, ids.silje!);
    const select = page.getByRole('combobox', { name: `Bidrar til, rad 1: ${ROW}` });
    await select.waitFor();
    expect(await layoutAndAxe(page)).toEqual([]);
    await shot(page, 'bidrar-til-2-kort-400');
    await fieldShot(page, 'handlingsplan', 'bidrar-til-2-kort-400-felt');

    // Keyboard only: tab to the picker, the arrow keys change the choice, and it saves.
    await tabTo(page, (f) => f.role === 'select' && f.name.startsWith('Bidrar til, rad 1'));
    await page.keyboard.press('ArrowDown');
    await saved(page, select);
    expect(await chosen(select)).toBe(`${UNIT_GOAL} (${UNIT})`);

    // The server cannot be reached: the select shows what the server has, the message names the
    // choice that was not saved, and "Prøv igjen" saves it once the server is back.
    await page.route('**/api/items/*/serves', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Tjenesten er utilgjengelig.' } }),
      }),
    );
    await page.keyboard.press('ArrowDown');
    const failed = statusOf(page, select).getByText(
      `«${UNIT_GOAL_2} (${UNIT})» ble ikke lagret: Tjenesten er utilgjengelig.`,
    );
    await failed.waitFor();
    expect(await chosen(select)).toBe(`${UNIT_GOAL} (${UNIT})`);
    await shot(page, 'bidrar-til-3-feil-400');
    await fieldShot(page, 'handlingsplan', 'bidrar-til-3-feil-400-felt');
    expect(await layoutAndAxe(page)).toEqual([]);
    await page.unroute('**/api/items/*/serves');
    await tabTo(page, (f) => f.name === 'Prøv igjen');
    await page.keyboard.press('Enter');
    await saved(page, select);
    expect(await chosen(select)).toBe(`${UNIT_GOAL_2} (${UNIT})`);
    const ola = await t.as(DEMO.ola);
    expect(await yoursUnder(ola, UNIT_GOAL_2)).toContain(ids.row);

    await select.selectOption({ label: 'Ingen' });
    await saved(page, select);
    await context.close();
  });

  it('a kontraktsamtale’s Punkt 3 hovedmål names the unit goal it serves, in any status', async () => {
    const { page, context } = await signedIn(browser, t.url, 'Ola Hansen', { width: 1366 });
    await open(page, t.url, ids.kontrakt!);
    // Only Punkt 3's three hovedmål may name one; Punkt 1 assesses last year's.
    const select = page.getByRole('combobox', { name: /^Bidrar til, Hovedmål 1 – Punkt 3/ });
    await select.waitFor();
    expect(await page.getByRole('combobox', { name: /^Bidrar til/ }).count()).toBe(3);
    expect(await page.getByRole('combobox', { name: /^Bidrar til, Hovedmål 1 – Punkt 1/ }).count()).toBe(0);
    await select.selectOption({ label: `${TOP_GOAL} (${TOP})` });
    await saved(page, select);
    await select.scrollIntoViewIfNeeded();
    await shot(page, 'bidrar-til-4-kontrakt-1366');
    await fieldShot(page, 'p3-hovedmal-1', 'bidrar-til-4-kontrakt-1366-felt');
    expect(await layoutAndAxe(page)).toEqual([]);

    await page.reload();
    await select.waitFor();
    await expect.poll(() => chosen(select)).toBe(`${TOP_GOAL} (${TOP})`);
    const ola = await t.as(DEMO.ola);
    expect(await yoursUnder(ola, TOP_GOAL)).toContain(`${ids.kontrakt}:p3-hovedmal-1`);

    await select.selectOption({ label: 'Ingen' });
    await saved(page, select);
    await page.reload();
    await select.waitFor();
    await expect.poll(() => chosen(select)).toBe('Ingen');
    expect(await yoursUnder(ola, TOP_GOAL)).not.toContain(`${ids.kontrakt}:p3-hovedmal-1`);
    await context.close();

    // On the narrowest phone the picker sits under the text, nothing overlapping.
    const phone = await signedIn(browser, t.url, 'Kari Nordmann', { width: 320 });
    await open(phone.page, t.url, ids.kontrakt!);
    await phone.page.getByRole('combobox', { name: /^Bidrar til, Hovedmål 1 – Punkt 3/ }).waitFor();
    expect(await layoutAndAxe(phone.page)).toEqual([]);
    await shot(phone.page, 'bidrar-til-5-kontrakt-320');
    await fieldShot(phone.page, 'p3-hovedmal-1', 'bidrar-til-5-kontrakt-320-felt');
    await phone.context.close();
  });

  it('a goal since taken out of its plan shows as a former goal; a year without plans offers none', async () => {
    const year = new Date().getFullYear();
    const ola = await t.as(DEMO.ola);
    // Next year's plan, still a draft, and a conversation of that year with a row serving one of its goals.
    const draft = (await ola<{ id: string }>('POST', '/api/plans', { unitId: 'oppvekst', year: year + 1 }))
      .body;
    const goal = (
      await ola<{ id: string; version: number }>('POST', `/api/plans/${draft.id}/goals`, {
        goal: 'Alle nyansatte får en fadder',
      })
    ).body;
    const next = await conversationAt(t.as, 'held', {
      period: String(year + 1),
      items: [{ fieldId: 'handlingsplan', cells: { mal: 'Være fadder for en nyansatt' } }],
    });
    const linked = await ola('PUT', `/api/items/${next.items[0]!.id}/serves`, { goalId: goal.id });
    expect(linked.status).toBe(200);
    const removed = await ola('DELETE', `/api/plan-goals/${goal.id}?version=${goal.version}`);
    expect(removed.status).toBe(200);

    const { page, context } = await signedIn(browser, t.url, 'Per Johansen', { width: 1366 });
    await open(page, t.url, next.id);
    const select = page.getByRole('combobox', { name: 'Bidrar til, rad 1: Være fadder for en nyansatt' });
    await select.waitFor();
    await expect.poll(() => chosen(select)).toBe('Tidligere mål: Alle nyansatte får en fadder');
    await shot(page, 'bidrar-til-6-tidligere-mal');
    await fieldShot(page, 'handlingsplan', 'bidrar-til-6-tidligere-mal-felt');

    // A year with no plan: a short line instead of an empty choice.
    const later = await conversationAt(t.as, 'held', {
      period: String(year + 2),
      items: [{ fieldId: 'handlingsplan', cells: { mal: 'Ta fagbrev' } }],
    });
    await open(page, t.url, later.id);
    await page.getByText(`Bidrar til: ingen virksomhetsplan for ${year + 2} ennå.`).waitFor();
    expect(await page.getByRole('combobox', { name: /^Bidrar til/ }).count()).toBe(0);
    await fieldShot(page, 'handlingsplan', 'bidrar-til-7-ingen-plan-felt');
    await context.close();
  });
});
