import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import { SCREENSHOTS } from '../helpers/browser.ts';
import { conversationAt, path } from '../helpers/factory.ts';
import { DEMO, type TestApp } from '../helpers/harness.ts';
import { tabFixture, shot, signedIn } from '../helpers/tab.ts';
import { tabTo } from './keyboard.ts';
import { TABSTER_DUMMIES, layoutAndAxe } from './layout.ts';

const KEY = 'medarbeidersamtale-10-faktor';
const SECTION = 'Struktur for samtalen';
const NEW_FIELD = 'Trivsel på arbeidsplassen';
const CORE_FIELD = '1. Hvordan har det siste året vært for deg?';
const NEW_GUIDE = 'Hvordan har arbeidsdagene vært, og hva har du fått til?';
const NN_LABEL = '1. Korleis har det siste året vore for deg?';
const NN_SECTION = 'Oppbygginga av samtalen';

type Editable = ResponseOf<'getEditableTemplate'>;

/** Waits until nothing on the page is loading any more. */
const settled = (page: Page) =>
  page.waitForFunction(() => document.querySelectorAll('[role="progressbar"], .fui-Spinner').length === 0);

/** The accessible name of the focused element. */
const focusedName = (page: Page) =>
  page.evaluate(
    () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent,
  );

describe('the template editor (Maler): an admin adds a field; new conversations get it, running ones do not', () => {
  const fixture = tabFixture();
  let t: TestApp;
  let browser: Browser;
  let running: string;
  /** Planned after the first save, before the nynorsk one: under way when the nynorsk is saved. */
  let plannedBefore: string;
  beforeAll(async () => {
    ({ t, browser } = fixture);
    // Ola and Per's medarbeidersamtale is under way before the template changes.
    running = (await conversationAt(t.as, 'preparing', { period: '2040' })).id;
  });

  it('as admin: the start page leads to Maler; a core field cannot be removed; a new field is added, previewed and saved', async () => {
    const { context, page } = await signedIn(browser, t.url, 'Anne Dahl', { width: 1366 });
    await page.getByRole('heading', { level: 1, name: 'Maler' }).waitFor();
    expect(await page.getByRole('link', { name: 'Maler' }).getAttribute('aria-current')).toBe('page');
    await settled(page);
    const row = page.getByRole('row').filter({ hasText: 'Medarbeidersamtale' });
    await row.getByText('Standard', { exact: true }).waitFor();
    expect(await layoutAndAxe(page)).toEqual([]);
    await shot(page, 'maler-1-liste-1366');

    await page.getByRole('link', { name: 'Medarbeidersamtale' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mal: Medarbeidersamtale' }).waitFor();
    await settled(page);
    expect(await layoutAndAxe(page)).toEqual([]);
    await shot(page, 'maler-2-rediger-1366');

    // A core field: its remove control is greyed yet reachable, and says why; pressing it does nothing.
    const coreRemove = page.getByRole('button', { name: `Fjern: feltet «${CORE_FIELD}»` });
    expect(await coreRemove.getAttribute('aria-disabled')).toBe('true');
    const why = await coreRemove.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${why}"]`).textContent()).toBe(
      'Delen og kjernefeltene i den kan ikke fjernes: de bærer malens grunnpreg.',
    );
    await coreRemove.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Ingen endringer ennå.').waitFor();
    expect(await page.locator('[data-edit-field="struktur-1"]').count()).toBe(1);
    // The core section is refused the same way.
    expect(
      await page.getByRole('button', { name: `Fjern: delen «${SECTION}»` }).getAttribute('aria-disabled'),
    ).toBe('true');

    // Add a field to Struktur for samtalen, by keyboard.
    await tabTo(page, (f) => f.name === `Legg til felt i «${SECTION}»`);
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: `Nytt felt i «${SECTION}»` });
    // Without its words it is refused, in words.
    await form.getByRole('button', { name: 'Legg til feltet' }).click();
    await form.getByRole('alert').getByText('Skriv en ledetekst.').waitFor();
    await form.getByRole('textbox', { name: 'Ledetekst' }).fill(NEW_FIELD);
    await form.getByRole('textbox', { name: 'Veiledning' }).fill('Hva gjør at du trives?\n- på avdelingen');
    expect(await layoutAndAxe(page)).toEqual([]);
    await shot(page, 'maler-3-nytt-felt-1366');
    await form.getByRole('button', { name: 'Legg til feltet' }).click();
    await page.getByRole('status').getByText(`Lagt til: «${NEW_FIELD}». 1 endring er ikke lagret.`).waitFor();

    // Move it up by keyboard: the focus stays on the moved field's button.
    const up = page.getByRole('button', { name: `Flytt opp: feltet «${NEW_FIELD}»` });
    await up.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText(`Flyttet: «${NEW_FIELD}».`).waitFor();
    expect(await focusedName(page)).toBe(`Flytt opp: feltet «${NEW_FIELD}»`);
    const order = await page
      .locator('[data-edit-section="struktur"] [data-edit-field]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-edit-field')));
    expect(order).toEqual([
      'struktur-1',
      'struktur-2',
      'struktur-3',
      'egen-trivsel-pa-arbeidsplassen',
      'struktur-4',
    ]);

    // A core field's guidance may change; its label and writer may not.
    await page.getByRole('button', { name: `Endre: feltet «${CORE_FIELD}»` }).click();
    const coreEdit = page.locator('[data-edit-field="struktur-1"]');
    expect(await coreEdit.getByRole('textbox', { name: 'Ledetekst', exact: true }).count()).toBe(0);
    await coreEdit.getByRole('textbox', { name: 'Veiledning', exact: true }).fill(NEW_GUIDE);
    await page.getByRole('status').getByText('2 endringer er ikke lagret.').waitFor();
    expect(await layoutAndAxe(page)).toEqual([]);
    await coreEdit.screenshot({ path: join(SCREENSHOTS, 'maler-3b-veiledning-1366.png') });

    // Preview as the employee: the field as its control, with the guide; nothing can be typed.
    await page.getByRole('radio', { name: 'Forhåndsvis som medarbeider' }).check();
    const preview = page.locator('[data-preview="employee"] [data-field="egen-trivsel-pa-arbeidsplassen"]');
    const box = preview.getByRole('textbox', { name: NEW_FIELD });
    await box.waitFor();
    expect(await box.getAttribute('readonly')).not.toBeNull();
    await preview.getByText('på avdelingen').waitFor();
    // The employee's private reflection is theirs; the leader's date is the leader's.
    await page
      .locator('[data-preview="employee"] [data-field="faktor-1-refleksjon"]')
      .getByText('Privat forberedelse – bare du ser dette til du deler det')
      .waitFor();
    await page
      .locator('[data-preview="employee"] [data-field="dato"]')
      .getByText('Leder fyller ut dette.')
      .waitFor();
    expect(await layoutAndAxe(page)).toEqual([]);
    await shot(page, 'maler-4-forhandsvis-medarbeider-1366');
    await page.getByRole('radio', { name: 'Forhåndsvis som leder' }).check();
    await page
      .locator('[data-preview="leader"] [data-field="faktor-1-refleksjon"]')
      .getByText('Privat forberedelse for Medarbeider. Du ser den først når den er delt med deg.')
      .waitFor();
    await page.getByRole('radio', { name: 'Rediger' }).check();

    // Saving says what changes and what happens to the conversations under way, counted by the server.
    const admin = await t.as(DEMO.anne);
    const count = (await admin<Editable>('GET', path('getEditableTemplate', { key: KEY }))).body.running;
    expect(count).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Lagre malen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lagre en ny versjon av Medarbeidersamtale?' });
    await dialog.getByText(`Nytt felt i «${SECTION}»: «${NEW_FIELD}»`).waitFor();
    await dialog.getByText(`Ny veiledning: «${CORE_FIELD}»`).waitFor();
    await dialog
      .getByText(
        `${count} samtaler med denne malen er i gang. De beholder versjonen de startet med og får ikke endringene.`,
      )
      .waitFor();
    await dialog
      .getByText('Samtaler som planlegges etter at du har lagret, får den nye versjonen.')
      .waitFor();
    await shot(page, 'maler-5-lagre-1366');
    await dialog.getByRole('button', { name: 'Lagre', exact: true }).click();
    await page
      .getByRole('status')
      .getByText(
        'Malen er lagret. Nye samtaler får den nye versjonen; samtaler som er i gang, beholder sin. Ingen endringer ennå.',
      )
      .waitFor();
    await page
      .getByText('Nye samtaler får organisasjonens egen versjon av malen.', { exact: false })
      .waitFor();
    await dialog.waitFor({ state: 'detached' });
    await shot(page, 'maler-6-lagret-1366');

    // Narrow (a phone in Teams): the editor and the preview still hold together. (Once a dialog has
    // been open, Fluent's focus manager keeps its aria-hidden focus guards in the body: see layout.ts.)
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await layoutAndAxe(page, { exclude: TABSTER_DUMMIES })).toEqual([]);
    await shot(page, 'maler-7-rediger-320');
    await page.getByRole('radio', { name: 'Forhåndsvis som leder' }).check();
    expect(await layoutAndAxe(page, { exclude: TABSTER_DUMMIES })).toEqual([]);
    await shot(page, 'maler-8-forhandsvis-leder-320');
    await context.close();
  });

  it('a conversation planned afterwards shows the new field; the one running before does not', async () => {
    const planned = (await conversationAt(t.as, 'planned', { period: '2040', employee: DEMO.silje })).id;
    plannedBefore = planned;
    const { context, page } = await signedIn(browser, t.url, 'Ola Hansen', { width: 1366 });
    await page.goto(`${t.url}/conversations/${planned}`);
    await page.getByRole('heading', { level: 1, name: /Medarbeidersamtale/ }).waitFor();
    await settled(page);
    await page
      .locator('[data-field="egen-trivsel-pa-arbeidsplassen"]')
      .getByText(NEW_FIELD)
      .first()
      .waitFor();
    await page.locator('[data-field="struktur-1"]').getByText(NEW_GUIDE).waitFor();
    await shot(page, 'maler-9-ny-samtale-1366');

    await page.goto(`${t.url}/conversations/${running}`);
    await page.getByRole('heading', { level: 1, name: /Medarbeidersamtale/ }).waitFor();
    await settled(page);
    await page.locator('[data-field="struktur-4"]').waitFor();
    expect(await page.getByText(NEW_FIELD).count()).toBe(0);
    expect(await page.getByText(NEW_GUIDE).count()).toBe(0);
    await context.close();
  });

  it('the removal of a core field sent anyway is refused by the server, and said in words', async () => {
    const { context, page } = await signedIn(browser, t.url, 'Anne Dahl', { width: 1366 });
    await page.goto(`${t.url}/templates/${KEY}`);
    await page.getByRole('heading', { level: 1, name: 'Mal: Medarbeidersamtale' }).waitFor();
    await settled(page);
    // Someone's stale tab (or a crafted request) drops a core field on its way to the server.
    await page.route(`**${path('customiseTemplate', { key: KEY })}`, async (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      const body = route.request().postDataJSON() as { sections: { id: string; fields: { id: string }[] }[] };
      const sections = body.sections.map((s) =>
        s.id === 'struktur' ? { ...s, fields: s.fields.filter((f) => f.id !== 'struktur-1') } : s,
      );
      await route.continue({ postData: JSON.stringify({ sections }) });
    });
    await page.getByRole('button', { name: `Flytt ned: feltet «${NEW_FIELD}»` }).click();
    await page.getByRole('button', { name: 'Lagre malen' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Lagre', exact: true }).click();
    await page
      .getByRole('alert')
      .getByText(
        `Malen ble ikke lagret: Malens grunnpreg kan ikke endres: kjernedeler kan ikke fjernes eller endres. Det gjelder: «${CORE_FIELD}».`,
      )
      .waitFor();
    // The refusal takes the focus (the Save button is far below it), and the draft is kept to try again.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[role="alert"]') !== null))
      .toBe(true);
    await page.getByRole('status').getByText('1 endring er ikke lagret.').waitFor();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await layoutAndAxe(page, { exclude: TABSTER_DUMMIES })).toEqual([]);
    await shot(page, 'maler-10-avvist-1366');
    await context.close();
  });

  it('nynorsk: the admin writes a core field’s label in nynorsk; a nynorsk reader of a new conversation reads it, others the seed', async () => {
    const { context, page } = await signedIn(browser, t.url, 'Anne Dahl', { width: 1366 });
    await page.goto(`${t.url}/templates/${KEY}`);
    await page.getByRole('heading', { level: 1, name: 'Mal: Medarbeidersamtale' }).waitFor();
    await settled(page);
    await page.getByRole('button', { name: `Endre: feltet «${CORE_FIELD}»` }).click();
    const coreEdit = page.locator('[data-edit-field="struktur-1"]');
    // The bokmål label of a core field stays as written; its nynorsk is optional, and said to be so.
    expect(await coreEdit.getByRole('textbox', { name: 'Ledetekst', exact: true }).count()).toBe(0);
    const group = coreEdit.getByRole('group', { name: 'Nynorsk (valgfritt)' });
    await group.getByText('For lesere som har valgt nynorsk i Samtale.', { exact: false }).waitFor();
    await group.getByRole('textbox', { name: 'Ledetekst på nynorsk' }).fill(NN_LABEL);
    await page.getByRole('status').getByText('1 endring er ikke lagret.').waitFor();
    await coreEdit.getByText('Nynorsk', { exact: true }).waitFor();
    expect(await layoutAndAxe(page)).toEqual([]);
    await coreEdit.screenshot({ path: join(SCREENSHOTS, 'maler-11-nynorsk-1366.png') });
    // A core section's heading may have its nynorsk too.
    await page.getByRole('button', { name: `Endre: delen «${SECTION}»` }).click();
    const sectionEdit = page.locator('[data-edit-section="struktur"]');
    await sectionEdit.getByRole('textbox', { name: 'Overskrift på nynorsk' }).fill(NN_SECTION);
    await page.getByRole('status').getByText('2 endringer er ikke lagret.').waitFor();
    expect(await layoutAndAxe(page)).toEqual([]);

    // The preview reads bokmål in a bokmål tab, and the nynorsk once switched to it.
    await page.getByRole('radio', { name: 'Forhåndsvis som leder' }).check();
    const previewed = page.locator('[data-preview="leader"] [data-field="struktur-1"]');
    await previewed.getByRole('textbox', { name: CORE_FIELD }).waitFor();
    const toNynorsk = page.getByRole('switch', { name: 'Forhåndsvis på nynorsk' });
    expect(await toNynorsk.isChecked()).toBe(false);
    await toNynorsk.check();
    await previewed.getByRole('textbox', { name: NN_LABEL }).waitFor();
    await page.getByRole('heading', { level: 3, name: NN_SECTION }).waitFor();
    expect(await previewed.getByText(CORE_FIELD).count()).toBe(0);
    // Fields without nynorsk keep the seed's words.
    await page
      .locator('[data-preview="leader"] [data-field="struktur-2"]')
      .getByText('2. Hva vil bli dine viktigste oppgaver i det kommende året?')
      .first()
      .waitFor();
    expect(await layoutAndAxe(page)).toEqual([]);
    await shot(page, 'maler-12-forhandsvis-nynorsk-1366');
    await page.getByRole('radio', { name: 'Rediger' }).check();

    await page.getByRole('button', { name: 'Lagre malen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lagre en ny versjon av Medarbeidersamtale?' });
    await dialog.getByText(`Nynorsk tekst endret: «${CORE_FIELD}»`).waitFor();
    await dialog.getByText(`Nynorsk tekst endret: «${SECTION}»`).waitFor();
    expect(await dialog.getByText('Endret felt', { exact: false }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Lagre', exact: true }).click();
    await page.getByRole('status').getByText('Malen er lagret.', { exact: false }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await context.close();

    const planned = (await conversationAt(t.as, 'planned', { period: '2041', employee: DEMO.silje })).id;
    const open = async (page: Page, id: string) => {
      await page.goto(`${t.url}/conversations/${id}`);
      await page.getByRole('heading', { level: 1, name: /Medarbeidersamtale/ }).waitFor();
      await settled(page);
      await page.locator('[data-field="struktur-1"]').waitFor();
    };

    // Ola reads the tab in nynorsk: the new conversation in the organisation's nynorsk.
    const nn = await signedIn(browser, t.url, 'Ola Hansen', { width: 1366, locale: 'nn-NO' });
    await open(nn.page, planned);
    await nn.page.getByRole('heading', { level: 2, name: NN_SECTION }).waitFor();
    await nn.page.locator('[data-field="struktur-1"]').getByText(NN_LABEL).first().waitFor();
    expect(await nn.page.locator('[data-field="struktur-1"]').getByText(CORE_FIELD).count()).toBe(0);
    // The rest is the seed's own, as written.
    await nn.page
      .locator('[data-field="struktur-2"]')
      .getByText('2. Hva vil bli dine viktigste oppgaver i det kommende året?')
      .first()
      .waitFor();
    expect(await layoutAndAxe(nn.page)).toEqual([]);
    await shot(nn.page, 'maler-13-ny-samtale-nynorsk-1366');
    // The conversation planned before the nynorsk was saved keeps its version: the seed's bokmål.
    await open(nn.page, plannedBefore);
    await nn.page.getByRole('heading', { level: 2, name: SECTION }).waitFor();
    await nn.page.locator('[data-field="struktur-1"]').getByText(CORE_FIELD).first().waitFor();
    expect(await nn.page.getByText(NN_LABEL).count()).toBe(0);
    await nn.context.close();

    // A bokmål reader of the same new conversation reads the seed's text.
    const nb = await signedIn(browser, t.url, 'Ola Hansen', { width: 1366 });
    await open(nb.page, planned);
    await nb.page.locator('[data-field="struktur-1"]').getByText(CORE_FIELD).first().waitFor();
    await nb.page.getByRole('heading', { level: 2, name: SECTION }).waitFor();
    expect(await nb.page.getByText(NN_LABEL).count()).toBe(0);
    expect(await nb.page.getByText(NN_SECTION).count()).toBe(0);
    await shot(nb.page, 'maler-14-ny-samtale-bokmal-1366');
    await nb.context.close();

    // An admin whose tab is in nynorsk previews in nynorsk from the start, and may switch to the seed's.
    const admin = await signedIn(browser, t.url, 'Anne Dahl', { width: 1366, locale: 'nn-NO' });
    await admin.page.goto(`${t.url}/templates/${KEY}`);
    await admin.page.getByRole('heading', { level: 1, name: 'Mal: Medarbeidersamtale' }).waitFor();
    await settled(admin.page);
    await admin.page.getByRole('radio', { name: 'Førehandsvis som leder' }).check();
    const inNynorsk = admin.page.getByRole('switch', { name: 'Førehandsvis på nynorsk' });
    expect(await inNynorsk.isChecked()).toBe(true);
    const shown = admin.page.locator('[data-preview="leader"] [data-field="struktur-1"]');
    await shown.getByRole('textbox', { name: NN_LABEL }).waitFor();
    await inNynorsk.uncheck();
    await shown.getByRole('textbox', { name: CORE_FIELD }).waitFor();
    await admin.context.close();
  });
});
