// Kommunekompasset's results on a round's page, in the browser: the two charts drawn, each with its
// summary and a table whose numbers are the API's own; the reference municipality's area 2 with both
// its figures and a note; Samtale's own figures in words; the groups' input from 5; no internal code on
// the page; axe (WCAG 2.1 AA) and the layout checks at 1280 and 400 px.
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABSTER_DUMMIES, layoutAndAxe } from './layout.ts';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { KOMPASS_AREAS } from '../../src/domain/templates/kommunekompass.ts';
import { DEMO_TENANT_ID } from '../../src/seed/demo-organisation.ts';
import { answerKompassInput } from '../../src/usecases/answer-kompass-input.ts';
import { currentPeriod } from '../../src/usecases/support.ts';
import { SCREENSHOTS } from '../helpers/browser.ts';
import { path } from '../helpers/factory.ts';
import { DEMO, type Client, type TestApp } from '../helpers/harness.ts';
import { tabFixture, shot, signedIn } from '../helpers/tab.ts';

type Round = ResponseOf<'getKompassRound'>;

/** Numbers as the page writes them in bokmål. */
const nb = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 });
const nb1 = new Intl.NumberFormat('nb-NO', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** Whitespace as a reader sees it: a no-break space is a space. */
const plain = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** Nothing a person reads is a code: no figure ids, groups, period or grading codes, ids or ISO dates. */
async function readsAsWords(page: Page) {
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
  expect(text).not.toMatch(/\b\d{4}-[QT][1-4]\b|tema-\d-gradering|:(under|som|over)\b/);
  expect(text).not.toMatch(
    /plans-adopted|goals-linked|goals-reported|employees-signed|leaders-signed|items-followed-up|del1-grading/,
  );
  expect(text).not.toMatch(/\b(politicians|top_leader|unit_leaders|employees|union)\b/);
  // Nor the chart library's own English.
  const labels = await page
    .locator('[data-kompass-results] [aria-label]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
  expect(labels.filter((l) => /polar chart|data series|category \d|series \d| bars\b/i.test(l))).toEqual([]);
}

/** The text of a table's cell for an area and a series. */
const cell = (table: Locator, area: number | 'total', series: string) =>
  table.locator(`tr[data-area="${area}"] td[data-series="${series}"]`);

describe('Kommunekompasset: a round’s results in the tab', () => {
  const fixture = tabFixture();
  let t: TestApp;
  let browser: Browser;
  beforeAll(() => {
    ({ t, browser } = fixture);
  });

  it('charts with tables of the view’s numbers, the reference’s two figures, own figures in words, input from 5', async () => {
    const anne = await t.as(DEMO.anne);
    const kari = await t.as(DEMO.kari);
    const hilde = await t.as(DEMO.hilde);
    // The current year, so that the demo organisation's own records give figures.
    const year = Number(currentPeriod(t.app.deps));

    const call = async <T>(who: Client, method: string, url: string, body?: unknown): Promise<T> => {
      const r = await who<T>(method, url, body);
      expect(r.status, `${method} ${url}: ${JSON.stringify(r.body).slice(0, 300)}`).toBeLessThan(300);
      return r.body;
    };
    const start = (y: number) =>
      call<Round>(anne, 'POST', path('startKompassRound'), { year: y, assessors: [DEMO.kari, DEMO.hilde] });
    const move = (round: Round, transition: string) =>
      call<Round>(anne, 'POST', path('transitionKompassRound', { id: round.id }), {
        transition,
        baseVersion: round.version,
      });
    /** Both assessors give a sub-area the same points: it is agreed. */
    const agree = async (round: Round, code: string, points: number) => {
      for (const who of [kari, hilde])
        await call<Round>(who, 'PUT', path('scoreSubArea', { id: round.id, code }), {
          points,
          justification: null,
        });
    };

    // Last year's round, finished: areas 3, 5 and 7 scored, every other sub-area agreed at 0.
    let before = await move(await start(year - 1), 'start-assessment');
    for (const [code, points] of [
      ['3.1', 7],
      ['3.2', 30],
      ['3.3', 20],
      ['3.4', 15],
      ['5.1', 10],
      ['5.2', 10],
      ['5.3', 10],
      ['5.4', 10],
      ['5.5', 10],
      ['7.1', 10],
      ['7.2', 30],
      ['7.3', 20],
      ['7.4', 10],
    ] as const)
      await agree(before, code, points);
    for (const area of KOMPASS_AREAS)
      if (![3, 5, 7].includes(area.number)) for (const s of area.subAreas) await agree(before, s.code, 0);
    before = await call<Round>(anne, 'GET', path('getKompassRound', { id: before.id }));
    expect(before.areas.map((a) => a.sums.agreed)).toEqual([0, 0, 72, 0, 50, 0, 70, 0]);
    expect((await move(before, 'finish')).status).toBe('done');

    // This year's round: 5 employees answer for area 8 before the assessment starts.
    let round = await start(year);
    const employees = [DEMO.per, DEMO.silje, DEMO.ahmed, DEMO.marte, DEMO.jonas];
    round = await call<Round>(anne, 'POST', path('inviteRespondents', { id: round.id }), {
      group: 'employees',
      people: employees,
    });
    round = await move(round, 'open-input');
    const actor = (oid: string): Actor => ({ tid: DEMO_TENANT_ID, oid, name: oid, upn: oid, roles: [] });
    for (const [i, oid] of employees.entries())
      expect(
        await answerKompassInput(t.app.deps, actor(oid), {
          roundId: round.id,
          area: 8,
          ratings: [4, 3, 2, (i % 5) + 1],
          text: i < 3 ? `Lederne følger opp samtalene (svar ${i + 1}).` : null,
        }),
      ).toBe('ok');
    round = await move(round, 'start-assessment');
    // Areas 3 and 5 agreed in full, one sub-area of area 1 only.
    for (const [code, points] of [
      ['3.1', 8.7],
      ['3.2', 35.3],
      ['3.3', 25.3],
      ['3.4', 17.3],
      ['5.1', 6.7],
      ['5.2', 3.3],
      ['5.3', 6.7],
      ['5.4', 15.3],
      ['5.5', 8.7],
      ['1.1', 10],
    ] as const)
      await agree(round, code, points);
    const view = await call<Round>(anne, 'GET', path('getKompassRound', { id: round.id }));
    expect(view.areas.map((a) => a.sums.agreed)).toEqual([null, null, 87, null, 41, null, null, null]);
    expect(view.previous?.year).toBe(year - 1);

    const { page } = await signedIn(browser, t.url, 'Anne Dahl');
    await page.goto(`${t.url}/kompass/${round.id}`);
    const radar = page.locator('[data-kompass-chart="radar"]');
    const bars = page.locator('[data-kompass-chart="bars"]');
    await radar.getByRole('heading', { level: 2, name: 'Andel av maks per område' }).waitFor();
    await bars.getByRole('heading', { level: 2, name: 'Poeng per område, sammenlignet' }).waitFor();

    // The charts are drawn: a point for every area a series has a value for, the reference's line.
    await radar.locator('svg circle[role="img"]').first().waitFor();
    const points = (series: string) =>
      radar.locator(`svg circle[role="img"][aria-label*="${series}"]`).count();
    expect(await points(`Denne runden (${year})`)).toBe(2);
    expect(await points(`Forrige runde (${year - 1})`)).toBe(8);
    expect(await points('Midtre Gauldal kommune, rapportert')).toBe(8);
    const lines = await radar.locator('svg path[fill="none"]').evaluateAll(
      (els) =>
        els.filter((el) => {
          const d = el.getAttribute('d') ?? '';
          return /Z\s*$/.test(d) && (d.match(/L/g) ?? []).length === 7;
        }).length,
    );
    expect(lines).toBe(2); // the reference and last year's finished round have all 8 areas: closed polygons
    await bars.locator('svg rect[role="option"]').first().waitFor();
    // Every bar is a value of the view (a score of 0 has no height, so no bar): this round's agreed
    // areas, last year's, the reference's eight.
    const drawn = (xs: readonly (number | null)[]) => xs.filter((x) => x !== null && x > 0).length;
    expect(await bars.locator('svg rect[role="option"]').count()).toBe(
      drawn(view.areas.map((a) => a.sums.agreed)) + drawn(view.previous?.areas ?? []) + 8,
    );

    // Each chart says in one sentence what it shows; the areas not agreed yet are said, not drawn as 0.
    expect(plain(await radar.locator('[data-summary]').innerText())).toBe(
      'Høyest: Styring og kontroll 87 % av maks; lavest: Brukernes fokus og service 41 %; 6 av 8 områder er ikke omforent ennå.',
    );
    expect(plain(await bars.locator('[data-summary]').innerText())).toBe(
      `Høyest: Styring og kontroll 87 av 100; lavest: Brukernes fokus og service 41; mot forrige runde (${year - 1}): høyere i 1 og lavere i 1 av 2 områder; mot Midtre Gauldal kommune: likt i 2 av 2 områder; 6 av 8 områder er ikke omforent ennå.`,
    );

    // The tables hold the view's numbers: points in the bar chart's, shares in the radar's.
    const pointsTable = bars.locator('table[data-table="bars"]');
    const shareTable = radar.locator('table[data-table="radar"]');
    for (const [i, area] of view.areas.entries()) {
      const agreed = area.sums.agreed;
      expect(plain(await cell(pointsTable, area.number, 'round').innerText()), `area ${area.number}`).toBe(
        agreed === null ? 'ikke omforent ennå' : `${nb.format(agreed)} av ${nb.format(area.max)}`,
      );
      expect(plain(await cell(shareTable, area.number, 'round').innerText()), `area ${area.number}`).toBe(
        agreed === null ? 'ikke omforent ennå' : `${nb.format((agreed / area.max) * 100)} %`,
      );
      const previous = view.previous?.areas[i] ?? null;
      expect(plain(await cell(pointsTable, area.number, 'previous').innerText())).toBe(
        previous === null ? 'ble ikke omforent' : `${nb.format(previous)} av ${nb.format(area.max)}`,
      );
      expect(plain(await cell(pointsTable, area.number, 'reference').innerText())).toBe(
        `${nb.format(view.reference.reported[i]!)} av ${nb.format(area.max)}`,
      );
      expect(plain(await cell(pointsTable, area.number, 'reference-computed').innerText())).toBe(
        `${nb.format(view.reference.computed[i]!)} av ${nb.format(area.max)}`,
      );
    }
    expect(plain(await cell(pointsTable, 3, 'round').innerText())).toBe('87 av 100');
    // Not every sub-area is agreed: no total yet.
    expect(view.total).toBeNull();
    expect(plain(await cell(pointsTable, 'total', 'round').innerText())).toBe('ikke ferdig ennå');

    // The reference reports 77 for area 2; its sub-areas sum to 73. Both show, with a note.
    const reported = view.reference.reported[1]!;
    const computed = view.reference.computed[1]!;
    expect([reported, computed]).toEqual([77, 73]);
    expect(plain(await cell(pointsTable, 2, 'reference').innerText())).toBe(`${reported} av 100`);
    expect(plain(await cell(pointsTable, 2, 'reference-computed').innerText())).toBe(`${computed} av 100`);
    expect(plain(await cell(shareTable, 2, 'reference').innerText())).toBe(
      `${reported} % (delområdene gir ${computed} %)`,
    );
    for (const section of [radar, bars])
      expect(plain(await section.locator('[data-reference-note]').innerText())).toBe(
        `Midtre Gauldal kommune rapporterer ${reported} poeng for 2. Samfunnsutvikling, men delområdene summerer til ${computed}. Diagrammet viser det rapporterte tallet.`,
      );

    // Samtale's own figures, from the view: plans adopted as a share, a hidden one in words.
    const evidence = page.locator('[data-kompass-evidence]');
    await evidence.getByRole('heading', { level: 2, name: 'Fra Samtales egne data' }).waitFor();
    const adopted = view.evidence.find((f) => f.id === 'plans-adopted')!;
    expect(adopted.value).not.toBeNull();
    const adoptedText = `${nb1.format(adopted.value!)} % (${adopted.numerator} av ${adopted.denominator})`;
    expect(adoptedText).toBe('100,0 % (5 av 5)');
    const adoptedItem = evidence.locator('[data-figure="plans-adopted"]');
    expect(plain(await adoptedItem.innerText())).toContain(`Enheter med vedtatt virksomhetsplan for ${year}`);
    expect(plain(await adoptedItem.innerText())).toContain(adoptedText);
    const hidden = view.evidence.find((f) => f.part === null && f.value === null)!;
    expect(hidden).toBeDefined();
    expect(plain(await evidence.locator(`[data-figure="${hidden.id}"]`).innerText())).toContain(
      'Vises ikke: færre enn 5',
    );
    // Periods and gradings in words; how a figure is computed, behind its disclosure.
    await evidence.getByText(`1. kvartal ${year}:`, { exact: false }).waitFor();
    await evidence.getByText('Tema 1: som forventet:', { exact: false }).waitFor();
    await adoptedItem.getByText('Slik er tallet regnet ut').click();
    await adoptedItem.getByText('Vi teller enhetene som har en virksomhetsplan', { exact: false }).waitFor();

    // The employees' input for area 8: 5 answers, the averages per sub-area, their texts.
    const input = page.locator('[data-kompass-input] [data-area="8"]');
    const mine = input.locator('[data-group="employees"]');
    await mine.getByRole('heading', { level: 4, name: 'Medarbeidere' }).waitFor();
    await mine.getByText('5 svar').waitFor();
    const area8 = view.areas[7]!;
    const averages = area8.input.find((g) => g.group === 'employees')!.averages!;
    expect(averages).toEqual([4, 3, 2, 3]);
    for (const [i, sub] of area8.subAreas.entries())
      expect(plain(await mine.getByRole('row', { name: sub.title }).innerText())).toContain(
        `${nb1.format(averages[i]!)} av 5`,
      );
    expect(await mine.getByRole('listitem').allInnerTexts()).toHaveLength(3);
    await input
      .getByText(
        'Folkevalgte, Rådmann/kommunedirektør, Enhetsledere og Tillitsvalgte: Færre enn 5 svar – vises ikke',
      )
      .waitFor();
    await readsAsWords(page);

    // Wide, then as on a phone: nothing broken, nothing axe finds.
    expect(await layoutAndAxe(page, { exclude: TABSTER_DUMMIES })).toEqual([]);
    await shot(page, 'kompass-resultater-1-bred');
    await page.mouse.move(0, 0);
    await radar.screenshot({ path: join(SCREENSHOTS, 'kompass-resultater-2-radar.png') });
    await bars.screenshot({ path: join(SCREENSHOTS, 'kompass-resultater-3-stolper.png') });
    await evidence.screenshot({ path: join(SCREENSHOTS, 'kompass-resultater-4-egne-data.png') });
    await page
      .locator('[data-kompass-input]')
      .screenshot({ path: join(SCREENSHOTS, 'kompass-resultater-5-innspill.png') });
    await page.setViewportSize({ width: 400, height: 900 });
    await page.waitForFunction(() => {
      const svg = document.querySelector('[data-kompass-chart="radar"] svg');
      return svg !== null && Number(svg.getAttribute('width')) < 400;
    });
    expect(await layoutAndAxe(page, { exclude: TABSTER_DUMMIES })).toEqual([]);
    await readsAsWords(page);
    await shot(page, 'kompass-resultater-6-smal');
    await page.mouse.move(0, 0);
    await radar.screenshot({ path: join(SCREENSHOTS, 'kompass-resultater-7-radar-smal.png') });
    await bars.screenshot({ path: join(SCREENSHOTS, 'kompass-resultater-8-stolper-smal.png') });
    await evidence.screenshot({ path: join(SCREENSHOTS, 'kompass-resultater-9-egne-data-smal.png') });

    // The dark and high-contrast themes: the same checks, the charts drawn in the theme's colours.
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const theme of ['dark', 'contrast']) {
      await page.goto(`${t.url}/kompass/${round.id}?theme=${theme}`);
      await radar.locator('svg circle[role="img"]').first().waitFor();
      await bars.locator('svg rect[role="option"]').first().waitFor();
      expect(await layoutAndAxe(page, { exclude: TABSTER_DUMMIES }), theme).toEqual([]);
      await page.mouse.move(0, 0);
      await radar.screenshot({ path: join(SCREENSHOTS, `kompass-resultater-10-radar-${theme}.png`) });
      await bars.screenshot({ path: join(SCREENSHOTS, `kompass-resultater-11-stolper-${theme}.png`) });
    }
  });
});
