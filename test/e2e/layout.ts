// What a person would see as a broken layout, measured from element boxes in the page: controls on top
// of one another, words broken across lines, and a page that scrolls sideways. axe checks none of these.
import { AxeBuilder } from '@axe-core/playwright';
import type { Frame, Page } from 'playwright-core';

/** A page, or the frame a host (the simulated Teams) shows the tab in. */
export async function layoutProblems(page: Page | Frame): Promise<string[]> {
  // A page that was just resized re-renders for its new width on the media query's change event
  // (tables become cards): measure after two frames, not the layout on its way out.
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
  return page.evaluate(() => {
    const problems: string[] = [];
    const visible = (el: Element) => {
      // Content folded away in a closed <details> is not on screen, whatever its box says.
      const folded = el.closest('details:not([open])');
      if (folded && !el.closest('summary')) return false;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;

    // 1. The page never scrolls sideways.
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow > 1) problems.push(`the page scrolls sideways by ${overflow}px`);

    // 2. No control overlaps another. A radio or checkbox counts as its whole Fluent control. The
    //    bar that stays in view is left out: it is meant to float over the content it scrolls past.
    const bar = document.querySelector('[role="region"][data-sticky]');
    const controls = [
      ...document.querySelectorAll(
        'a[href], button, select, textarea, input:not([type="radio"]):not([type="checkbox"]), .fui-Radio, .fui-Checkbox',
      ),
    ].filter((el) => visible(el) && !(bar && bar.contains(el)));
    const boxes = controls.map((el) => ({ el, r: el.getBoundingClientRect() }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 1 && h > 1) problems.push(`${describe(a.el)} overlaps ${describe(b.el)}`);
      }
    }

    // 3. No word is broken across lines (a label read "M å l" when its column was too narrow).
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !visible(parent) || parent.closest('code, pre, textarea, [aria-hidden="true"]'))
        continue;
      const text = node.textContent ?? '';
      for (const m of text.matchAll(/\S+/g)) {
        // A hyphen or a slash is a place where a long compound may wrap.
        if (m[0].length < 2 || /[-/–]/.test(m[0])) continue;
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set(
          [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
        );
        if (lines.size > 1) problems.push(`the word "${m[0]}" breaks across lines in ${describe(parent)}`);
      }
    }
    return [...new Set(problems)].slice(0, 20);
  });
}

/**
 * The charts' arrow-key groups (tabster, Fluent's focus manager) put a focusable, aria-hidden <i> at
 * each end to pass the focus on; axe's aria-hidden-focus reports those by design (a known false
 * positive: microsoft/tabster#288). Pages with charts leave out these alone.
 */
export const TABSTER_DUMMIES = '[data-tabster-dummy]';

/** What a person sees broken (overlaps, words split, sideways scrolling) and what axe finds (WCAG 2.1 AA). */
export async function layoutAndAxe(page: Page, opts: { exclude?: string } = {}): Promise<string[]> {
  const problems = await layoutProblems(page);
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const result = await (opts.exclude ? axe.exclude(opts.exclude) : axe).analyze();
  return [
    ...problems,
    ...result.violations.map((v) => `axe ${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')}`),
  ];
}
