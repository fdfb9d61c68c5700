// Keyboard-only use in the browser, for the e2e tests: DOM types, so it lives beside them.
import type { Page } from 'playwright-core';

/**
 * Tabs forward until the focused control matches, as a keyboard-only user would. Every stop on the
 * way must show where the focus is (outline, shadow, Fluent's focus border or underline), or this
 * throws naming the control.
 */
export async function tabTo(
  page: Page,
  matches: (el: { role: string; name: string }) => boolean,
  limit = 400,
): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    // Fluent animates the focus underline of inputs in (about 200 ms); look once it has drawn.
    if (
      await page.evaluate(() =>
        ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName ?? ''),
      )
    )
      await page.waitForTimeout(300);
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      // Headings take focus programmatically when a page opens; they are not tab stops.
      if (!el || el === document.body || el.tabIndex < 0) return null;
      const s = getComputedStyle(el);
      const after = getComputedStyle(el, '::after');
      // Fluent inputs draw focus on their wrapper: a bottom border in ::after, scaled in on focus.
      const wrap = el.parentElement ? getComputedStyle(el.parentElement, '::after') : null;
      const scale = wrap ? /matrix\(([^,]+)/.exec(wrap.transform) : null;
      return {
        role: el.getAttribute('role') ?? el.tagName.toLowerCase(),
        name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim(),
        indicator:
          (s.outlineStyle !== 'none' && s.outlineWidth !== '0px') ||
          s.boxShadow !== 'none' ||
          (after.content !== 'none' && after.borderStyle !== 'none' && after.borderWidth !== '0px') ||
          (el.tagName === 'A' && s.textDecorationStyle === 'double') ||
          (wrap !== null &&
            wrap.content !== 'none' &&
            wrap.borderBottomStyle !== 'none' &&
            wrap.borderBottomWidth !== '0px' &&
            (wrap.transform === 'none' || (scale !== null && Number(scale[1]) > 0.5))),
      };
    });
    if (!focus) continue;
    if (!focus.indicator) throw new Error(`no visible focus on ${focus.role} "${focus.name}"`);
    if (matches(focus)) return;
  }
  throw new Error('the control never received the focus');
}
