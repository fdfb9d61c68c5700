// The handlingsplan of a signed record, as its rows' owner sees it: the follow-up controls (status,
// comment, save) must fit in the plan's own box. The table sits in a region that scrolls sideways, so a
// control pushed past its edge is cut off there and the page itself never scrolls: the general layout
// checks (layout.ts) cannot see it. These measure the region itself.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import { SCREENSHOTS } from '../helpers/browser.ts';
import { DEMO, type TestApp } from '../helpers/harness.ts';
import { tabFixture, shot, signedIn } from '../helpers/tab.ts';
import { layoutAndAxe } from './layout.ts';

/** Silje's signed medarbeidersamtale this year has this row in its handlingsplan, hers (the demo data). */
const ROW = 'Fullføre videreutdanning i spesialpedagogikk';
const FIELD = '[data-field="handlingsplan"]';

type View = ResponseOf<'getConversation'>;
type Listed = { conversations: { id: string; status: string; template: { key: string } }[] };

/**
 * Inside the plan field: every control within the visible box of the nearest box that clips it (the
 * table's scrolling region, or the field itself), and, where `noSideways`, no such box scrolling
 * sideways.
 */
async function clipProblems(page: Page, noSideways: boolean): Promise<string[]> {
  return page.locator(FIELD).evaluate((field, noSideways) => {
    const problems: string[] = [];
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
    /** The nearest ancestor, up to the field, that cuts off what leaves it; else the field. */
    const clipperOf = (el: Element): Element => {
      for (let p = el.parentElement; p && p !== field; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return p;
      }
      return field;
    };
    const controls = [...field.querySelectorAll('select, textarea, input, button')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    });
    if (controls.length === 0) problems.push('the plan has no controls');
    for (const el of controls) {
      const clipper = clipperOf(el);
      const box = clipper.getBoundingClientRect();
      // The box a scroll container shows: its border box less its borders and any scroll bar.
      const left = box.left + clipper.clientLeft;
      const right = left + (clipper === field ? box.width : clipper.clientWidth);
      const r = el.getBoundingClientRect();
      if (r.right > right + 1)
        problems.push(`${describe(el)} runs ${Math.round(r.right - right)}px past the right`);
      if (r.left < left - 1)
        problems.push(`${describe(el)} starts ${Math.round(left - r.left)}px left of its box`);
      if (r.right > window.innerWidth + 1) problems.push(`${describe(el)} runs past the window`);
    }
    if (noSideways) {
      for (const el of [field, ...field.querySelectorAll('*')]) {
        const s = getComputedStyle(el);
        if (s.overflowX === 'visible' || s.display === 'none') continue;
        if (el.scrollWidth > el.clientWidth + 1)
          problems.push(`${describe(el)} scrolls sideways by ${el.scrollWidth - el.clientWidth}px`);
      }
    }
    return problems;
  }, noSideways);
}

/**
 * The table's column headings: a heading's lines (its label, and the grey hint under it) never sit on
 * top of one another, and the labels start on one line across the row.
 */
async function headerProblems(page: Page): Promise<string[]> {
  return page.locator(FIELD).evaluate((field) => {
    const problems: string[] = [];
    const heads = [...field.querySelectorAll('thead th')];
    const range = document.createRange();
    const tops: number[] = [];
    for (const th of heads) {
      // Each line of text in the heading, as the box its glyphs take.
      const lines: DOMRect[] = [];
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.width === 0) continue;
          const same = lines.find((l) => Math.abs(l.top - r.top) < 1);
          if (!same) lines.push(r);
        }
      }
      lines.sort((a, b) => a.top - b.top);
      const name = (th.textContent ?? '').trim().slice(0, 40);
      for (let i = 1; i < lines.length; i++) {
        const over = lines[i - 1]!.bottom - lines[i]!.top;
        if (over > 0.5)
          problems.push(`"${name}": line ${i + 1} overlaps the line above by ${over.toFixed(1)}px`);
      }
      if (lines[0]) tops.push(lines[0].top);
      // A heading's text stays within its cell.
      const cell = th.getBoundingClientRect();
      for (const l of lines)
        if (l.right > cell.right + 1 || l.bottom > cell.bottom + 1)
          problems.push(`"${name}": its text runs out of its cell`);
    }
    if (tops.length > 0 && Math.max(...tops) - Math.min(...tops) > 1)
      problems.push(`the headings start at different heights (${tops.map(Math.round).join(', ')})`);
    return problems;
  });
}

/** Opens a conversation and waits until nothing on it is loading. */
async function open(page: Page, url: string, id: string) {
  await page.goto(`${url}/conversations/${id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForFunction(
    () => document.querySelectorAll('[role="progressbar"], .fui-Spinner').length === 0,
  );
}

describe('the handlingsplan of a signed record, with its follow-up, fits its box', () => {
  const fixture = tabFixture();
  let t: TestApp;
  let browser: Browser;
  let id: string;
  beforeAll(async () => {
    ({ t, browser } = fixture);
    const silje = await t.as(DEMO.silje);
    const mine = (await silje<Listed>('GET', '/api/conversations')).body.conversations;
    id = mine.find((c) => c.template.key === 'medarbeidersamtale-10-faktor' && c.status === 'signed')!.id;
    const view = (await silje<View>('GET', `/api/conversations/${id}`)).body;
    const row = view.sections
      .flatMap((s) => s.fields)
      .flatMap((f) => f.items ?? [])
      .find((i) => i.cells.mal === ROW);
    // The row is Silje's: she is the one who follows it up.
    expect(row?.canFollowUp).toBe(true);
  });

  for (const width of [1024, 1366, 400]) {
    it(`at ${width}px the row's owner sees the whole follow-up, nothing cut off`, async () => {
      const { page, context } = await signedIn(browser, t.url, 'Silje Larsen', { width });
      await open(page, t.url, id);
      const field = page.locator(FIELD);
      const status = field.getByRole('combobox', { name: /^Oppfølging/ });
      await status.waitFor();
      await field.getByRole('textbox', { name: /^Kommentar/ }).waitFor();
      await field.getByRole('button', { name: 'Lagre oppfølgingen' }).waitFor();
      await field.getByText(ROW).waitFor();
      await field.scrollIntoViewIfNeeded();
      await shot(page, `plan-oppfolging-${width}`);
      await field.screenshot({ path: join(SCREENSHOTS, `plan-oppfolging-${width}-felt.png`) });

      // At 1024px and wider the plan is a table; below it a card per row, with no headings to measure.
      const wide = width >= 1024;
      expect([
        ...(await clipProblems(page, wide)),
        ...(wide ? await headerProblems(page) : []),
        ...(await layoutAndAxe(page)),
      ]).toEqual([]);
      await context.close();
    });
  }

  it('the leader, who does not own the row, reads its follow-up under it', async () => {
    const { page, context } = await signedIn(browser, t.url, 'Ola Hansen', { width: 1024 });
    await open(page, t.url, id);
    const field = page.locator(FIELD);
    await field.getByText(ROW).waitFor();
    const read = field.locator('[data-follow-up]');
    await expect.poll(() => read.innerText()).toMatch(/^Oppfølging\s+Åpen$/);
    expect(await field.getByRole('combobox', { name: /^Oppfølging/ }).count()).toBe(0);
    await field.scrollIntoViewIfNeeded();
    await field.screenshot({ path: join(SCREENSHOTS, 'plan-oppfolging-leder-1024-felt.png') });
    expect([
      ...(await clipProblems(page, true)),
      ...(await headerProblems(page)),
      ...(await layoutAndAxe(page)),
    ]).toEqual([]);
    await context.close();
  });
});
