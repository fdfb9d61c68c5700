// Mine data in the browser: a person finds it below every page, downloads their ZIP while the page
// says it is being made, and gets a file named in words; HR makes the same for a person who asks.
import { AxeBuilder } from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  INNSYN_FILES,
  innsynConversations,
  innsynManifest,
  innsynPreparation,
} from '../../src/contract/innsyn.ts';
import { join } from 'node:path';
import { SCREENSHOTS } from '../helpers/browser.ts';
import { DEMO, DEMO_TENANT_ID, waitForArchiving, type TestApp } from '../helpers/harness.ts';
import { shot, signedIn, tabFixture } from '../helpers/tab.ts';
import { unzip } from '../helpers/unzip.ts';
import { tabTo } from './keyboard.ts';
import { layoutAndAxe, layoutProblems } from './layout.ts';

describe('Mine data (innsyn) in the tab', () => {
  const fixture = tabFixture();
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    ({ t, browser } = fixture);
    await waitForArchiving(t);
  });

  it('a person reaches Mine data from below the page by keyboard, and downloads their ZIP with progress shown', async () => {
    const { context, page } = await signedIn(browser, t.url, 'Ola Hansen');
    try {
      await tabTo(page, (el) => el.name === 'Mine data');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Mine data' }).waitFor();
      expect(await layoutAndAxe(page)).toEqual([]);
      await shot(page, 'mine-data');

      // The server takes its time: the page shows that it is at work, and says so to screen readers.
      const { promise: held, resolve: release } = Promise.withResolvers<undefined>();
      await page.route('**/api/me/export', async (route) => {
        await held;
        await route.continue();
      });
      const button = page.getByRole('button', { name: 'Last ned mine data (ZIP)' });
      const downloading = page.waitForEvent('download');
      await button.click();
      await page.getByRole('progressbar').waitFor();
      await page.getByText('Samler dataene dine … Det kan ta noen sekunder.').first().waitFor();
      expect(await button.getAttribute('aria-disabled')).toBe('true');
      await shot(page, 'mine-data-lager');
      release(undefined);

      const file = await downloading;
      expect(file.suggestedFilename()).toMatch(/^Samtale – mine data – Ola Hansen – \d{4}-\d{2}-\d{2}\.zip$/);
      await page
        .getByRole('status')
        .filter({ hasText: /^Lastet ned: Samtale – mine data – Ola Hansen/ })
        .waitFor();
      expect(await page.getByRole('progressbar').count()).toBe(0);
      await shot(page, 'mine-data-lastet-ned');

      const files = unzip(readFileSync(await file.path()));
      const manifest = innsynManifest.parse(JSON.parse(files.get(INNSYN_FILES.manifest)!.toString('utf8')));
      expect(manifest.person.name).toBe('Ola Hansen');
      const { conversations } = innsynConversations.parse(
        JSON.parse(files.get(INNSYN_FILES.conversations)!.toString('utf8')),
      );
      expect(conversations.length).toBeGreaterThan(0);
      expect(
        conversations.every((c) => [c.parties.leader.name, c.parties.employee.name].includes('Ola Hansen')),
      ).toBe(true);
      // Each signed record as its PDF.
      const pdfs = [...files.keys()].filter((n) => n.startsWith(INNSYN_FILES.records));
      expect(pdfs.length).toBeGreaterThan(0);
      for (const pdf of pdfs) expect(files.get(pdf)!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      await context.close();
    }
  });

  it('says in words when the export could not be made, and tries again', async () => {
    const { context, page } = await signedIn(browser, t.url, 'Per Johansen', { width: 320 });
    try {
      await page.getByRole('contentinfo').getByRole('link', { name: 'Mine data' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mine data' }).waitFor();
      await page.route('**/api/me/export', (route) => route.abort('connectionreset'), { times: 1 });
      const button = page.getByRole('button', { name: 'Last ned mine data (ZIP)' });
      await button.click();
      await page.getByRole('alert').getByText('Filen kunne ikke lages. Prøv igjen om litt.').waitFor();
      expect(await layoutAndAxe(page)).toEqual([]);
      await shot(page, 'mine-data-feil-320');
      const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
      expect(file.suggestedFilename()).toMatch(/^Samtale – mine data – Per Johansen – /);
      expect(await page.getByRole('alert').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('HR finds the person who asked and downloads what that person would get', async () => {
    const { context, page } = await signedIn(browser, t.url, 'Hilde Strand', { width: 1366 });
    try {
      await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'HR' }).click();
      const section = page.getByRole('region', { name: 'Innsyn for en person' });
      await section.waitFor();
      await section.getByRole('searchbox', { name: 'Navn eller e-postadresse' }).fill('per');
      await section.getByRole('button', { name: 'Søk' }).click();
      const download = section.getByRole('button', { name: 'Last ned data for Per Johansen' });
      await download.waitFor();
      await shot(page, 'hr-innsyn');
      await section.screenshot({ path: join(SCREENSHOTS, 'hr-innsyn-del.png') });
      // This section's own: the page's tables above are the accessibility walk's (accessibility.test.ts).
      const axe = await new AxeBuilder({ page })
        .include('#person-export')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      expect(axe.violations.map((v) => v.id)).toEqual([]);
      expect((await layoutProblems(page)).filter((p) => !/ in td /.test(p))).toEqual([]);
      const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
      expect(file.suggestedFilename()).toMatch(
        /^Samtale – mine data – Per Johansen – \d{4}-\d{2}-\d{2}\.zip$/,
      );
      const files = unzip(readFileSync(await file.path()));
      const manifest = innsynManifest.parse(JSON.parse(files.get(INNSYN_FILES.manifest)!.toString('utf8')));
      expect(manifest.exportedBy).toEqual({ name: 'Hilde Strand', as: 'hr' });
      expect(manifest.person.name).toBe('Per Johansen');
      // Per's own preparation is his innsyn, even unshared; it is in his file, whoever downloads it.
      innsynPreparation.parse(JSON.parse(files.get(INNSYN_FILES.preparation)!.toString('utf8')));
      const events = await t.app.deps.store.auditEventsAbout(DEMO_TENANT_ID, [DEMO.per]);
      expect(events.at(-1)).toMatchObject({
        action: 'data.exported',
        actorOid: DEMO.hilde,
        data: { by: 'hr' },
      });

      // Someone with no results is told so.
      await section.getByRole('searchbox', { name: 'Navn eller e-postadresse' }).fill('ingen slik person');
      await section.getByRole('button', { name: 'Søk' }).click();
      await section.getByText('Ingen treff på «ingen slik person».').waitFor();
    } finally {
      await context.close();
    }
  });
});
