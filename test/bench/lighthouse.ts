// Lighthouse (mobile, its default form factor and throttling) on the pages a person opens first, in
// Debian's Chromium. Each page is audited a few times and the median score per category is printed,
// since one Lighthouse run on a busy two-core machine can be off by ten points.
import lighthouse from 'lighthouse';
import puppeteer, { type Browser } from 'puppeteer-core';
import { ensureDebian } from '../../scripts/ensure-debian.mjs';

export interface LighthousePage {
  name: string;
  url: string;
  /** Signed in as this token (what the picker or Teams SSO would have put in sessionStorage). */
  token: string | null;
  /** The h1 the page must end on, so a score is never that of the wrong page (the picker, an error). */
  heading: RegExp;
}

export const LIGHTHOUSE_GOALS = { performance: 90, accessibility: 100, 'best-practices': 100 } as const;
type Category = keyof typeof LIGHTHOUSE_GOALS;
const CATEGORIES = Object.keys(LIGHTHOUSE_GOALS) as Category[];

export type LighthouseScores = Record<Category, number> & { failing: string[] };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function auditOnce(browser: Browser, target: LighthousePage): Promise<LighthouseScores> {
  const page = await browser.newPage();
  try {
    // sessionStorage survives Lighthouse's storage reset (which clears caches and local storage),
    // so the page opens signed in, as it would inside Teams.
    if (target.token)
      await page.evaluateOnNewDocument(
        (t: string) => sessionStorage.setItem('samtale.token', t),
        target.token,
      );
    const result = await lighthouse(
      target.url,
      { output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] },
      undefined,
      page,
    );
    if (!result) throw new Error(`Lighthouse returned nothing for ${target.name}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse on ${target.name}: ${lhr.runtimeError.message}`);
    const h1 = await page.evaluate(() => document.querySelector('h1')?.textContent ?? '');
    if (!target.heading.test(h1)) throw new Error(`Lighthouse audited "${h1}" instead of ${target.name}`);
    const scores = Object.fromEntries(
      CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
    ) as Record<Category, number>;
    // The audits that cost points, so a low score says why.
    const failing = CATEGORIES.flatMap((c) =>
      (lhr.categories[c]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0)
        .map((ref) => lhr.audits[ref.id]!)
        .filter((a) => a.score !== null && a.score < 0.9)
        .map((a) => `${c}: ${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`),
    );
    return { ...scores, failing };
  } finally {
    await page.close();
  }
}

export async function runLighthouse(
  pages: LighthousePage[],
  runs: number,
): Promise<Map<string, LighthouseScores>> {
  const [executablePath] = ensureDebian('chromium');
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  const out = new Map<string, LighthouseScores>();
  try {
    for (const target of pages) {
      const all: LighthouseScores[] = [];
      for (let i = 0; i < runs; i++) all.push(await auditOnce(browser, target));
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(all.map((r) => r[c]))])) as Record<
        Category,
        number
      >;
      out.set(target.name, { ...scores, failing: [...new Set(all.flatMap((r) => r.failing))] });
    }
  } finally {
    await browser.close();
  }
  return out;
}

export function meetsGoals(scores: LighthouseScores): boolean {
  return CATEGORIES.every((c) => scores[c] >= LIGHTHOUSE_GOALS[c]);
}
