import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SCREENSHOTS } from './browser.ts';

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
  await page.getByRole('heading', { level: 1, name: /Mine samtaler|My conversations/ }).waitFor();
  return { context, page };
}

export async function shot(page: Page, name: string) {
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
    .filter({ hasText: /^(Lagret|Saved)$/ })
    .waitFor();
}
