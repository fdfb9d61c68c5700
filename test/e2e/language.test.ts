// The language setting in the tab: it starts in the language Teams (here the browser) asks for, a
// person picks another with the keyboard, the choice is remembered on the device and wins over the
// host's locale, and the server answers in it too (the API client sends it as accept-language).
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { WORDS } from '../../src/contract/words/index.ts';
import { tabFixture, shot } from '../helpers/tab.ts';
import { tabTo } from './keyboard.ts';

describe('the language setting', () => {
  const fixture = tabFixture();

  const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);
  const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

  it('picks nynorsk by keyboard, keeps it after a reload, and hears the server in nynorsk', async () => {
    const { t, browser } = fixture;
    const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${t.url}/`);
      await h1(page, 'Velg en demobruker').waitFor();
      expect(await htmlLang(page)).toBe('nb');

      // The setting is a labelled select, reached and changed with the keyboard alone.
      const picker = page.getByRole('combobox', { name: 'Språk' });
      expect(await picker.inputValue()).toBe('nb');
      expect(await picker.locator('option').allTextContents()).toEqual([
        'Norsk bokmål',
        'Norsk nynorsk',
        'English',
      ]);
      await tabTo(page, (f) => f.role === 'select');
      await page.keyboard.press('ArrowDown');
      await h1(page, 'Vel ein demobrukar').waitFor();
      expect(await htmlLang(page)).toBe('nn');
      // The page changed its words around the control, which keeps the focus.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
      expect(await page.getByRole('combobox', { name: 'Språk' }).inputValue()).toBe('nn');

      await page.getByRole('button', { name: 'Ola Hansen' }).click();
      await h1(page, 'Samtalane mine').waitFor();
      await page.getByRole('link', { name: 'Teamet mitt' }).waitFor();
      await shot(page, 'sprak-nynorsk-samtalane-mine');

      // Signed in, the setting sits in the header; English and back, the focus stays on it.
      await page.getByRole('combobox', { name: 'Språk' }).focus();
      await page.keyboard.press('ArrowDown');
      await h1(page, 'My conversations').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('.fui-Spinner').length === 0);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
      await page.keyboard.press('ArrowUp');
      await h1(page, 'Samtalane mine').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('.fui-Spinner').length === 0);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');

      // Remembered on the device: a reload opens in nynorsk though the browser still says nb-NO.
      await page.reload();
      await h1(page, 'Samtalane mine').waitFor();
      expect(await page.evaluate(() => localStorage.getItem('samtale.locale'))).toBe('nn');

      // The server's words come in the chosen language: the client asks for nn.
      const request = page.waitForRequest((r) => r.url().includes('/api/conversations/'));
      await page.evaluate((path) => {
        history.pushState(null, '', path);
        dispatchEvent(new PopStateEvent('popstate'));
      }, `/conversations/${randomUUID()}`);
      expect((await request).headers()['accept-language']).toBe('nn');
      await page.getByText(WORDS.nn.errors.CONVERSATION_NOT_FOUND).waitFor();
      await page.getByText('Noko gjekk gale').waitFor();
    } finally {
      await context.close();
    }
  });

  it('the choice wins over the host locale, and can be changed back', async () => {
    const { t, browser } = fixture;
    // A browser (or Teams) in English, with nynorsk chosen earlier on this device.
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    try {
      await context.addInitScript(() => {
        if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem('samtale.locale', 'nn');
          sessionStorage.setItem('seeded', '1');
        }
      });
      const page = await context.newPage();
      await page.goto(`${t.url}/personvern`);
      await h1(page, 'Personvern i Samtale').waitFor();
      await page.getByText('Privat førebuing ser berre du').waitFor();
      expect(await htmlLang(page)).toBe('nn');

      await page.getByRole('combobox', { name: 'Språk' }).selectOption('en');
      await h1(page, 'Privacy in Samtale').waitFor();
      expect(await htmlLang(page)).toBe('en');
      expect(await page.evaluate(() => localStorage.getItem('samtale.locale'))).toBe('en');
      await page.getByRole('combobox', { name: 'Language' }).selectOption('nb');
      await h1(page, 'Personvern i Samtale').waitFor();
      await page.getByText('Privat forberedelse ser bare du').waitFor();
      expect(await htmlLang(page)).toBe('nb');
    } finally {
      await context.close();
    }
  });
});
