import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { backends } from './backends.ts';
import { SCREENSHOTS, launchBrowser } from './browser.ts';
import { startTestApp, type TestApp } from './harness.ts';

/**
 * The browser tests' one fixture: Samtale on PGlite with the demo organisation, and Debian's Chromium.
 * Call it inside a describe; its getters are valid once beforeAll has run.
 */
export function tabFixture(): { readonly t: TestApp; readonly browser: Browser } {
  const state: { t?: TestApp; browser?: Browser } = {};
  beforeAll(async () => {
    assertTabBuilt();
    const [pglite] = await backends();
    // The simulated Teams hosts (test/fakes/teams-host.ts) frame the tab from loopback on a port of
    // their own, so they are let in the way an operator would add a host: through the configuration.
    state.t = await startTestApp(pglite!, { FRAME_ANCESTORS: 'http://127.0.0.1:*' });
    state.browser = await launchBrowser();
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.t?.close();
  });
  const missing = (what: string) => new Error(`the tab fixture's ${what} is used before beforeAll ran`);
  return {
    get t() {
      if (!state.t) throw missing('server');
      return state.t;
    },
    get browser() {
      if (!state.browser) throw missing('browser');
      return state.browser;
    },
  };
}

export function assertTabBuilt() {
  if (!existsSync(join(import.meta.dirname, '..', '..', 'tab', 'dist', 'index.html'))) {
    throw new Error(
      'tab/dist is missing: run the tests through `npm test` (which builds the tab) or `npm run build:tab`',
    );
  }
}

export async function signedIn(
  browser: Browser,
  url: string,
  name: string,
  opts: { locale?: string; width?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: opts.locale ?? 'nb-NO',
    viewport: { width: opts.width ?? 1280, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(url + '/');
  await page.getByRole('button', { name }).click();
  // An admin's start page leads on to the templates ("Maler").
  await page
    .getByRole('heading', {
      level: 1,
      name: /Mine samtaler|Samtalane mine|My conversations|^Maler$|^Malar$|^Templates$/,
    })
    .waitFor();
  return { context, page };
}

interface AnimatedDocument {
  getAnimations(): {
    playState: string;
    effect: { getComputedTiming(): { iterations?: number } } | null;
  }[];
}

export async function shot(page: Page, name: string) {
  // A dialog fading in would be photographed half see-through: wait until nothing moves.
  // (Endless ones, like a spinner's, never finish and are not waited for.)
  // A function, not a string: the page's Content-Security-Policy forbids eval of strings. It runs in
  // the page, typed here by the little of the DOM it uses (this helper is built without DOM types).
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: AnimatedDocument }).document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Types into a field's editor and waits until the tab says it is saved. */
export async function fill(page: Page, fieldId: string, text: string) {
  const block = page.locator(`[data-field="${fieldId}"]`);
  const box = block.getByRole('textbox').first();
  await box.fill(text);
  await box.blur();
  await block
    .getByRole('status')
    .filter({ hasText: /^(Lagret|Lagra|Saved)$/ })
    .waitFor();
}
