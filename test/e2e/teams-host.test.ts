import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type TestApp } from '../helpers/harness.ts';
import { tabFixture, shot } from '../helpers/tab.ts';
import { startTeamsHost } from '../fakes/teams-host.ts';

describe('inside a (simulated) Teams host', () => {
  // One server and one browser for the file (test/helpers/tab.ts).
  const fixture = tabFixture();
  let t: TestApp;
  let browser: Browser;
  beforeAll(() => {
    ({ t, browser } = fixture);
  });

  it('follows the host theme and locale, signs in with the host token, and opens the deep-linked conversation', async () => {
    const token = await t.token(DEMO.ingrid);
    const list = await t.call<{ conversations: { id: string; template: { key: string } }[] }>(
      'GET',
      '/api/conversations',
      { token },
    );
    const target = list.body.conversations.find((c) => c.template.key === 'medarbeidersamtale-10-faktor')!;
    const host = await startTeamsHost({
      tabUrl: `${t.url}/`,
      token,
      theme: 'dark',
      locale: 'en-us',
      subPageId: target.id,
    });
    try {
      // The browser itself is Norwegian: what the tab shows must come from the host's context.
      const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const authHeaders: string[] = [];
      page.on('request', (r) => {
        if (r.url().startsWith(`${t.url}/api/`) && !r.url().endsWith('/api/config'))
          authHeaders.push(r.headers().authorization ?? '');
      });
      await page.goto(host.url);
      const tab = page.frameLocator('#tab');
      await tab.getByRole('link', { name: 'Back to my conversations' }).waitFor({ timeout: 20_000 });
      await tab.getByRole('heading', { level: 1, name: /Medarbeidersamtale 2026/ }).waitFor();
      const frame = page.frame({ url: (u) => u.href.startsWith(t.url) })!;
      expect(
        await frame.evaluate(() => document.querySelector('[data-theme]')?.getAttribute('data-theme')),
      ).toBe('dark');
      expect(await frame.evaluate(() => document.documentElement.lang)).toBe('en');
      // Dark theme really paints dark: the page background is dark.
      const bg = await frame.evaluate(
        () => getComputedStyle(document.querySelector('[data-theme] > div')!).backgroundColor,
      );
      const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number);
      expect((r! + g! + b!) / 3).toBeLessThan(80);
      // No demo user picker inside Teams, and every API call carried the host's SSO token.
      expect(await tab.getByText('Choose a demo user').count()).toBe(0);
      expect(authHeaders.length).toBeGreaterThan(0);
      expect(new Set(authHeaders)).toEqual(new Set([`Bearer ${token}`]));
      expect(await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls)).toEqual(
        expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']),
      );
      await shot(page, 'teams-host-dark-en');
      await context.close();
    } finally {
      await host.close();
    }
  });

  it('outside Teams, a framed page that never answers falls back to the demo picker without hanging', async () => {
    const { createServer } = await import('node:http');
    const silent = createServer((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<iframe id="tab" title="Samtale" src="${t.url}/" style="width:100vw;height:100vh;border:0"></iframe>`,
        ),
    );
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const page = await browser.newPage({ locale: 'nb-NO' });
      await page.goto(`http://127.0.0.1:${(silent.address() as { port: number }).port}/`);
      await page
        .frameLocator('#tab')
        .getByRole('heading', { name: 'Velg en demobruker' })
        .waitFor({ timeout: 10_000 });
      await page.close();
    } finally {
      silent.close();
    }
  });
});
