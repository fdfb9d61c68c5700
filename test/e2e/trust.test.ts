import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { conversationAt, path } from '../helpers/factory.ts';
import { DEMO, DEMO_TENANT_ID, type TestApp } from '../helpers/harness.ts';
import { shot, tabFixture } from '../helpers/tab.ts';

/** Opens a conversation as a demo user, in a browser context of its own. */
async function openAs(
  browser: Browser,
  t: TestApp,
  userId: string,
  id: string,
  theme = 'light',
): Promise<Page> {
  const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const token = await t.token(userId);
  await page.addInitScript((tok) => sessionStorage.setItem('samtale.token', tok), token);
  await page.goto(`${t.url}/conversations/${id}?theme=${theme}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

const cell = (page: Page, column: string) => page.getByLabel(`${column}, Rad 1`, { exact: false });

describe('forms people can trust, in the browser', () => {
  const fixture = tabFixture();
  let t: TestApp;
  let browser: Browser;
  let period = 5000;
  beforeAll(() => {
    ({ t, browser } = fixture);
  });

  it('six cells typed in quick succession over a slow network are all there after a reload', async () => {
    const { id, items } = await conversationAt(t.as, 'held', {
      leader: DEMO.ingrid,
      employee: DEMO.jonas,
      period: String(period++),
      items: [{ fieldId: 'handlingsplan', cells: {} }],
    });
    const page = await openAs(browser, t, DEMO.ingrid, id);
    // Every call to the API takes 300 ms more, as on a poor connection.
    await page.route('**/api/**', async (route) => {
      await new Promise((r) => setTimeout(r, 300));
      await route.continue();
    });
    await cell(page, 'Mål').fill('Trygg i nye oppgaver');
    await cell(page, 'Hva skal gjøres?').fill('Hospitere hos en erfaren kollega');
    await cell(page, 'Hvem').selectOption({ label: 'Jonas Nilsen' });
    await cell(page, 'Når').fill('2027-03-01');
    await cell(page, 'Status').selectOption({ label: 'Over forventet' });
    await cell(page, 'Resultat').fill('Fire hospiteringer');
    // No pause, no blur: the page is reloaded while the last cell still waits for its save.
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    const expected = {
      mal: 'Trygg i nye oppgaver',
      hva: 'Hospitere hos en erfaren kollega',
      hvem: DEMO.jonas,
      nar: '2027-03-01',
      status: 'over',
      resultat: 'Fire hospiteringer',
    };
    await expect
      .poll(async () => (await t.app.deps.store.item(items[0]!.id))!.cells, { timeout: 10_000 })
      .toEqual(expected);
    await expect
      .poll(() => cell(page, 'Resultat').inputValue(), { timeout: 10_000 })
      .toBe('Fire hospiteringer');
    expect(await cell(page, 'Mål').inputValue()).toBe('Trygg i nye oppgaver');
    await page.context().close();
  });

  it('two people editing different cells of one row at once both keep their words', async () => {
    const { id, items } = await conversationAt(t.as, 'held', {
      period: String(period++),
      items: [{ fieldId: 'handlingsplan', cells: { mal: 'Felles mål' } }],
    });
    const [leader, employee] = await Promise.all([
      openAs(browser, t, DEMO.ola, id),
      openAs(browser, t, DEMO.per, id),
    ]);
    await Promise.all([
      cell(leader, 'Hva skal gjøres?').fill('Lederen skriver her'),
      cell(employee, 'Resultat').fill('Medarbeideren skriver her'),
    ]);
    await Promise.all([cell(leader, 'Hva skal gjøres?').blur(), cell(employee, 'Resultat').blur()]);
    await expect
      .poll(async () => (await t.app.deps.store.item(items[0]!.id))!.cells)
      .toMatchObject({
        mal: 'Felles mål',
        hva: 'Lederen skriver her',
        resultat: 'Medarbeideren skriver her',
      });
    // Each page shows the other's words without a reload (the server tells it), within 2 s.
    await expect
      .poll(() => cell(employee, 'Hva skal gjøres?').inputValue(), { timeout: 2500 })
      .toBe('Lederen skriver her');
    await expect
      .poll(() => cell(leader, 'Resultat').inputValue(), { timeout: 2500 })
      .toBe('Medarbeideren skriver her');
    await shot(leader, 'samtale-to-samtidig');
    await leader.context().close();
    await employee.context().close();
  });

  it('signed by one: nobody can type; reopening asks, voids, and the first signer is told', async () => {
    const { id, view } = await conversationAt(t.as, 'awaiting_signatures', {
      period: String(period++),
      record: [{ fieldId: 'struktur-1', value: 'Et godt år.' }],
    });
    await (
      await t.as(DEMO.per)
    )('POST', path('signRecord', { id }), { contentHash: view.contentHash });
    const [leader, employee] = await Promise.all([
      openAs(browser, t, DEMO.ola, id),
      openAs(browser, t, DEMO.per, id),
    ]);
    for (const page of [leader, employee]) {
      // The record reads as text: there is nothing to type into.
      await page.locator('[data-field="struktur-1"] [data-readonly]').getByText('Et godt år.').waitFor();
      expect(await page.locator('[data-field="struktur-1"]').getByRole('textbox').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Legg til rad' }).count()).toBe(0);
    }
    await employee.getByText(/Per Johansen signerte/).waitFor();
    await leader.getByRole('button', { name: 'Gjenåpne for endringer' }).click();
    const dialog = leader.getByRole('alertdialog', { name: 'Gjenåpne referatet for endringer?' });
    await dialog
      .getByText('Signaturen til Per Johansen blir opphevet, og Per Johansen får beskjed.', { exact: false })
      .waitFor();
    await shot(leader, 'samtale-gjenapne');
    await dialog.getByRole('button', { name: 'Gjenåpne for endringer' }).click();
    await leader.getByText('Referatet er gjenåpnet for endringer.').waitFor();
    // Per's open page is told, without a reload, that his signature is void.
    await employee
      .getByText(/gjenåpnet referatet for endringer .*Signaturen din er opphevet/)
      .waitFor({ timeout: 3000 });
    await shot(employee, 'samtale-gjenapnet-signatur-opphevet');
    expect(
      await employee.locator('[data-field="struktur-1"]').getByRole('textbox').getAttribute('readonly'),
    ).toBeNull();
    // And the bot has a message for him: derived from the state, sent once.
    const state = await t.app.bot.store.reminderState(
      DEMO_TENANT_ID,
      [DEMO.per],
      new Date().toISOString().slice(0, 10),
    );
    expect(state.conversations.find((c) => c.id === id)?.reopened?.voided).toEqual(['employee']);
    await leader.context().close();
    await employee.context().close();
  });

  it('cancelling asks first and can be undone', async () => {
    const { id } = await conversationAt(t.as, 'planned', { period: String(period++) });
    const page = await openAs(browser, t, DEMO.ola, id);
    await page.getByRole('button', { name: 'Avlys samtalen' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Avlys samtalen' }).click();
    await page.getByText('Samtalen er avlyst.').first().waitFor();
    await page.getByRole('button', { name: 'Angre' }).click();
    await page.getByText('Avlysningen er angret.').waitFor();
    expect((await t.app.deps.store.conversation(id))!.status).toBe('planned');
    await page.context().close();
  });

  it('my follow-up items: status, a comment and the history, with an overdue item marked', async () => {
    const made = await conversationAt(t.as, 'signed', {
      leader: DEMO.ingrid,
      employee: DEMO.ahmed,
      period: String(period++),
      items: [
        {
          fieldId: 'handlingsplan',
          cells: { mal: 'Ta kurs i veiledning', hvem: DEMO.ahmed, nar: '2021-05-01' },
        },
      ],
    });
    const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(
      (tok) => sessionStorage.setItem('samtale.token', tok),
      await t.token(DEMO.ahmed),
    );
    await page.goto(`${t.url}/follow-up`);
    const card = page.getByRole('group', { name: 'Ta kurs i veiledning' });
    await card.getByText('Fristen var 1. mai 2021').waitFor();
    await card.getByLabel('Oppfølging').selectOption({ label: 'Delvis' });
    await card.getByLabel('Kommentar').fill('Påmeldt til høsten');
    await card.getByRole('button', { name: 'Lagre oppfølgingen' }).click();
    await card.getByText('Tidligere oppdateringer (1)').click();
    await card.getByText(/satte status «Delvis»: Påmeldt til høsten/).waitFor();
    await shot(page, 'mine-oppfolgingspunkter');
    expect((await t.app.deps.store.item(made.items[0]!.id))!.statusComment).toBe('Påmeldt til høsten');
    await context.close();
  });

  it('in high contrast a hovered row keeps its link readable (4.5:1 at least)', async () => {
    const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript((tok) => sessionStorage.setItem('samtale.token', tok), await t.token(DEMO.ola));
    await page.goto(`${t.url}/?theme=contrast`);
    const row = page.getByRole('row').nth(1);
    await row.hover();
    const ratio = await row.evaluate((tr) => {
      const link = tr.querySelector('a')!;
      const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
      const lum = ([r, g, b]: number[]) =>
        [r!, g!, b!]
          .map((v) => v / 255)
          .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
          .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i]!, 0);
      let bgEl: Element | null = link;
      let bg = 'rgba(0, 0, 0, 0)';
      while (bgEl && /rgba\(.*, 0\)|transparent/.test(bg)) {
        bg = getComputedStyle(bgEl).backgroundColor;
        bgEl = bgEl.parentElement;
      }
      const [a, b] = [lum(rgb(getComputedStyle(link).color)), lum(rgb(bg))];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    });
    expect(ratio).toBeGreaterThanOrEqual(4.5);
    await context.close();
  });
});
