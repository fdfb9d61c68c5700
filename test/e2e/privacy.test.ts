// The privacy page the manifest links: open without signing in, in the person's language, with the
// organisation's own figures (how long records are kept) and its legal basis once configured.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/harness.ts';
import { assertTabBuilt, shot, signedIn } from '../helpers/tab.ts';
import { layoutAndAxe } from './layout.ts';

const BASIS =
  'Behandlingen skjer for å oppfylle arbeidsgivers plikter etter arbeidsmiljøloven, jf. personvernforordningen artikkel 6 nr. 1 bokstav c.';

describe('the privacy page', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    assertTabBuilt();
    const [pglite] = await backends();
    t = await startTestApp(pglite!, {
      PRIVACY_LEGAL_BASIS: BASIS,
      ARCHIVE_RETENTION_YEARS: '15',
      PREPARATION_RETENTION_DAYS: '45',
    });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('says how long, who sees what and the legal basis, without signing in', async () => {
    const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${t.url}/personvern`);
    await page.getByRole('heading', { level: 1, name: 'Personvern i Samtale' }).waitFor();
    for (const h of [
      'Hva Samtale lagrer',
      'Hvem som ser hva',
      'Hvor lenge',
      'Behandlingsgrunnlag',
      'Dine rettigheter',
    ])
      await page.getByRole('heading', { level: 2, name: h }).waitFor();
    await page.getByText('med en kassasjonsdato 15 år etter arkivering').waitFor();
    await page.getByText('slettes 45 dager etter at referatet er arkivert').waitFor();
    await page.getByText(BASIS).waitFor();
    await page
      .getByText(/Punkt 4 om lønn i kontraktsamtalen ser bare partene og HR med lønnsrollen/)
      .waitFor();
    expect(await layoutAndAxe(page)).toEqual([]);
    await shot(page, 'personvern-nb');
    await context.close();
  });

  it('in nynorsk, and reached from the footer of a signed-in page', async () => {
    const { context, page } = await signedIn(browser, t.url, 'Per Johansen', { locale: 'nn-NO' });
    await page
      .getByRole('contentinfo')
      .getByRole('link', { name: /Personvern/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Personvern i Samtale' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Kva Samtale lagrar' }).waitFor();
    await page.getByText('med ein kassasjonsdato 15 år etter arkiveringa').waitFor();
    expect(await layoutAndAxe(page)).toEqual([]);
    await shot(page, 'personvern-nn');
    await context.close();
  });
});
