// Kommunekompasset in the tab: Admin starts a round with two assessors and starts the assessment; the
// assessors score area 3 through the page, disagree, see it, agree; a score above the maximum is refused
// in words and stays typed; the sums follow; Styrker is written; a sub-area is scored by keyboard alone.
// Axe and the layout checks at 1280 and 400 px on the list and the round page. A finished round: its
// archived report opens as a PDF once the page has seen it archived; the top leader makes a line of an
// area's Utfordringer a goal of the municipality's plan, by mouse and by keyboard; an assessor cannot.
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tabTo } from './keyboard.ts';
import { TABSTER_DUMMIES, layoutAndAxe } from './layout.ts';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import { path } from '../helpers/factory.ts';
import { DEMO, type Client, type TestApp } from '../helpers/harness.ts';
import { tabFixture, shot, signedIn } from '../helpers/tab.ts';

const YEAR = 2031;
const TITLE = `Kommunekompasset ${YEAR}`;
const STRENGTHS = 'Økonomiplanen og budsjettet henger tett sammen, og rapporteringen er jevn.';

/** Nothing a person reads is a code: no ISO dates, ids, stage, group or transition codes. */
async function readsAsWords(page: Page) {
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
  expect(text).not.toMatch(
    /\b(draft|assessment|done|open-input|start-assessment|finish|politicians|top_leader|unit_leaders|employees|union|unscored|disagreement)\b/,
  );
}

const row = (page: Page, code: string) => page.locator(`[data-sub-area="${code}"]`);
/** The sub-area's agreed score, or the scores that differ. */
const agreed = (page: Page, code: string) => row(page, code).locator('td[data-label="Omforent"]');
const scoreBox = (page: Page, code: string, title: string) =>
  page.getByRole('textbox', { name: `Dine poeng, ${code} ${title}`, exact: true });

/** Types a score, leaves the field, and waits until the row says it is saved. */
async function score(page: Page, code: string, title: string, points: string) {
  const box = scoreBox(page, code, title);
  await box.fill(points);
  await box.blur();
  await row(page, code)
    .getByRole('status')
    .filter({ hasText: /^Lagret$/ })
    .waitFor();
}

async function openRound(page: Page, url: string, title = TITLE) {
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

describe('Kommunekompasset in the tab', () => {
  const fixture = tabFixture();
  let t: TestApp;
  let browser: Browser;
  beforeAll(() => {
    ({ t, browser } = fixture);
  });

  it('Admin starts a round; the assessors score area 3, disagree, agree, write Styrker; by keyboard too', async () => {
    const anne = await signedIn(browser, t.url, 'Anne Dahl');
    const ap = anne.page;

    // The menu leads Admin to the rounds and the form to start one.
    await ap.getByRole('navigation').getByRole('link', { name: 'Kommunekompasset' }).click();
    await ap.getByRole('heading', { level: 1, name: 'Kommunekompasset' }).waitFor();
    await ap.getByRole('heading', { level: 2, name: 'Start en ny runde' }).waitFor();
    expect(await ap.getByLabel('År', { exact: true }).inputValue()).toBe(String(new Date().getFullYear()));
    expect(await layoutAndAxe(ap, { exclude: TABSTER_DUMMIES })).toEqual([]);
    await readsAsWords(ap);

    // Starting without an assessor is refused in words; then the year and the two assessors.
    await ap.getByLabel('År', { exact: true }).fill(String(YEAR));
    await ap.getByRole('button', { name: 'Start runden' }).click();
    await ap.getByRole('alert').getByText('Velg minst én vurderer.').waitFor();
    const filter = ap.getByRole('searchbox', { name: 'Vurderere: Søk etter navn eller enhet' });
    await filter.fill('kari');
    await ap.getByRole('checkbox', { name: /^Kari Nordmann/ }).check();
    await filter.fill('Personal');
    await ap.getByRole('checkbox', { name: /^Hilde Strand/ }).check();
    await ap.getByText('Valgt: Kari Nordmann og Hilde Strand').waitFor();
    await shot(ap, 'kompass-1-start');
    await ap.getByRole('button', { name: 'Start runden' }).click();
    await ap.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const roundUrl = ap.url();
    await ap.getByText('Vurderere: Kari Nordmann og Hilde Strand').waitFor();
    expect(
      await ap.getByRole('list', { name: 'Trinnene i runden' }).locator('[aria-current="step"]').innerText(),
    ).toBe('Utkast');
    await ap.getByRole('heading', { level: 2, name: 'Innspill fra gruppene' }).waitFor();
    await ap.getByRole('heading', { level: 2, name: 'A. Demokrati og samfunnsutvikling' }).waitFor();
    await ap
      .locator('[data-kompass-area="3"]')
      .getByRole('heading', { level: 3, name: '3. Styring og kontroll' })
      .waitFor();
    expect(await layoutAndAxe(ap, { exclude: TABSTER_DUMMIES })).toEqual([]);
    await readsAsWords(ap);
    await shot(ap, 'kompass-2-utkast');

    // Three employees of Oppvekst og kultur are asked for input; the counts say so.
    const invite = ap.locator('section[aria-labelledby="kompass-invite-title"]');
    await invite.getByLabel('Gruppe', { exact: true }).selectOption({ label: 'Medarbeidere' });
    await invite
      .getByRole('searchbox', { name: 'Hvem som skal spørres: Søk etter navn eller enhet' })
      .fill('oppvekst');
    await invite.getByRole('button', { name: 'Velg alle treffene (3)' }).click();
    await invite.getByText('Valgt: Ola Hansen, Per Johansen og Silje Larsen').waitFor();
    await invite.getByRole('button', { name: 'Be om innspill' }).click();
    await invite.getByText('3 personer i gruppen Medarbeidere er nå spurt.').waitFor();
    expect(await invite.getByRole('row', { name: /^Medarbeidere/ }).innerText()).toMatch(
      /^Medarbeidere\s+3\s+0$/,
    );
    expect(await layoutAndAxe(ap, { exclude: TABSTER_DUMMIES })).toEqual([]);
    await shot(ap, 'kompass-2b-spurt');

    // The assessment starts, asked first; the page says why the round cannot be finished yet.
    await ap.getByRole('button', { name: 'Start vurderingen' }).click();
    await ap
      .getByRole('alertdialog', { name: 'Starte vurderingen?' })
      .getByRole('button', { name: 'Start vurderingen' })
      .click();
    await ap.getByText('Vurderingen er startet.').waitFor();
    await ap
      .getByText('Runden kan ikke avsluttes ennå: 35 delområder mangler poeng fra én eller flere vurderere.')
      .waitFor();
    expect(
      await ap.getByRole('list', { name: 'Trinnene i runden' }).locator('[aria-current="step"]').innerText(),
    ).toBe('Vurdering');
    // Anne is no assessor: she reads, she does not score.
    expect(await ap.getByRole('textbox', { name: /^Dine poeng/ }).count()).toBe(0);

    // Kari scores 3.1 and 3.2 (35,3 with a justification, written with a comma).
    const kari = await signedIn(browser, t.url, 'Kari Nordmann');
    const kp = kari.page;
    await kp.getByRole('navigation').getByRole('link', { name: 'Kommunekompasset' }).click();
    await kp.getByRole('link', { name: TITLE }).click();
    await kp.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await score(kp, '3.1', 'Strategi for styring', '8');
    await kp
      .getByRole('textbox', { name: 'Din begrunnelse, 3.2 Politisk styring' })
      .fill('Styringsdokumentene er koblet til budsjettet.');
    await score(kp, '3.2', 'Politisk styring', '35,3');
    const kariSums = kp.getByTestId('sums-3');
    await expect
      .poll(() => kariSums.innerText())
      .toBe('Sum (av 100): Kari Nordmann 43 · Hilde Strand 0 · Omforent: –');
    expect(await scoreBox(kp, '3.2', 'Politisk styring').inputValue()).toBe('35,3');

    // Hilde scores 3.2 otherwise: both see the disagreement.
    const hilde = await signedIn(browser, t.url, 'Hilde Strand');
    const hp = hilde.page;
    await openRound(hp, roundUrl);
    await row(hp, '3.2').getByText('35,3').waitFor();
    await row(hp, '3.2').getByText('Kari Nordmann: Styringsdokumentene er koblet til budsjettet.').waitFor();
    const box = scoreBox(hp, '3.2', 'Politisk styring');
    await box.fill('30');
    await box.press('Enter');
    await agreed(hp, '3.2').getByText('Uenige: 35,3 og 30,0').waitFor();
    await hp.getByText('vurdererne er uenige om 1 delområde (3.2)', { exact: false }).waitFor();
    await shot(hp, 'kompass-3-uenige-hilde');
    await kp.reload();
    await kp.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await agreed(kp, '3.2').getByText('Uenige: 35,3 og 30,0').waitFor();
    await expect
      .poll(() => kp.getByTestId('sums-3').innerText())
      .toBe('Sum (av 100): Kari Nordmann 43 · Hilde Strand 30 · Omforent: –');

    // Above the maximum: the server's words, and the typed value stays.
    await box.fill('45');
    await box.press('Enter');
    await row(hp, '3.2')
      .getByText('Poengene må være et tall med én desimal, fra 0 til delområdets maksimum (40).')
      .waitFor();
    expect(await box.inputValue()).toBe('45');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    await shot(hp, 'kompass-4-over-maks');

    // Hilde corrects: agreed, and the sums follow.
    await box.fill('35.3');
    await box.press('Enter');
    await row(hp, '3.2')
      .getByRole('status')
      .filter({ hasText: /^Lagret$/ })
      .waitFor();
    expect(await box.inputValue()).toBe('35,3');
    await expect.poll(() => agreed(hp, '3.2').innerText()).toBe('35,3');
    await expect
      .poll(() => hp.getByTestId('sums-3').innerText())
      .toBe('Sum (av 100): Kari Nordmann 43 · Hilde Strand 35 · Omforent: –');

    // By keyboard alone: from the top of the page to 3.1, typed, Enter.
    await hp.reload();
    await hp.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await tabTo(hp, (el) => el.name === 'Dine poeng, 3.1 Strategi for styring');
    await hp.keyboard.type('8');
    await hp.keyboard.press('Enter');
    await row(hp, '3.1')
      .getByRole('status')
      .filter({ hasText: /^Lagret$/ })
      .waitFor();
    await expect
      .poll(() => hp.getByTestId('sums-3').innerText())
      .toBe('Sum (av 100): Kari Nordmann 43 · Hilde Strand 43 · Omforent: –');
    expect(await agreed(hp, '3.1').innerText()).toBe('8,0');

    // Kari writes Styrker for area 3; Hilde reads it in her field, Anne as text.
    const strengths = kp.getByRole('textbox', { name: 'Styrker, 3. Styring og kontroll' });
    await strengths.fill(STRENGTHS);
    await strengths.blur();
    await kp
      .locator('[data-kompass-area="3"] [data-note="styrker"]')
      .getByRole('status')
      .filter({ hasText: /^Lagret$/ })
      .waitFor();
    await readsAsWords(kp);
    await shot(kp, 'kompass-5-kari');
    await hp.reload();
    await hp.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await hp.getByRole('textbox', { name: 'Styrker, 3. Styring og kontroll' }).inputValue()).toBe(
      STRENGTHS,
    );
    expect(await agreed(hp, '3.2').innerText()).toBe('35,3');
    expect(await layoutAndAxe(hp, { exclude: TABSTER_DUMMIES })).toEqual([]);
    await readsAsWords(hp);

    await ap.reload();
    await ap.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const area3 = ap.locator('[data-kompass-area="3"]');
    await area3.getByText(STRENGTHS).waitFor();
    await area3
      .getByText(/^Sist endret av Kari Nordmann, \d{1,2}\. \p{L}+ \d{4} kl\. \d{2}:\d{2}$/u)
      .waitFor();
    expect(await agreed(ap, '3.2').innerText()).toBe('35,3');
    expect(await agreed(ap, '3.1').innerText()).toBe('8,0');
    expect(await layoutAndAxe(ap, { exclude: TABSTER_DUMMIES })).toEqual([]);
    await readsAsWords(ap);
    await shot(ap, 'kompass-6-leser-anne');

    // The list: the round in words, not finished.
    await ap.getByRole('link', { name: 'Tilbake til Kommunekompasset' }).click();
    const listed = ap.getByRole('row', { name: new RegExp(TITLE) });
    await listed.getByText('Vurdering').waitFor();
    await listed.getByText('Kari Nordmann og Hilde Strand').waitFor();
    await listed.getByText('Ikke ferdig vurdert').waitFor();

    // Two assessors write the same note at once: the later one sees both texts and keeps hers.
    const karis = `${STRENGTHS} Tertialrapportene kommer i tide.`;
    await strengths.fill(karis);
    await strengths.blur();
    await kp
      .locator('[data-kompass-area="3"] [data-note="styrker"]')
      .getByRole('status')
      .filter({ hasText: /^Lagret$/ })
      .waitFor();
    const hildesNote = hp.locator('[data-kompass-area="3"] [data-note="styrker"]');
    const hildes = hp.getByRole('textbox', { name: 'Styrker, 3. Styring og kontroll' });
    await hildes.fill('Politikerne får gode saksframlegg.');
    await hildes.blur();
    const conflict = hildesNote.getByRole('alert');
    await conflict.getByText('Noen andre endret dette feltet samtidig.').waitFor();
    expect(await conflict.getByTestId('conflict-theirs').innerText()).toBe(karis);
    expect(await conflict.getByTestId('conflict-mine').innerText()).toBe(
      'Politikerne får gode saksframlegg.',
    );
    await shot(hp, 'kompass-6b-konflikt');
    await conflict.getByRole('button', { name: 'Behold min tekst' }).click();
    await hildesNote
      .getByRole('status')
      .filter({ hasText: /^Lagret$/ })
      .waitFor();
    await openRound(ap, roundUrl);
    await area3.getByText('Politikerne får gode saksframlegg.').waitFor();
    await area3.getByText(/^Sist endret av Hilde Strand, /).waitFor();

    for (const c of [anne, kari, hilde]) await c.context.close();
  });

  it('the list and the round page hold together at 400 px, for Admin and for an assessor', async () => {
    const anne = await signedIn(browser, t.url, 'Anne Dahl', { width: 400 });
    const ap = anne.page;
    await ap.goto(`${t.url}/kompass`);
    await ap.getByRole('heading', { level: 1, name: 'Kommunekompasset' }).waitFor();
    await ap.getByRole('link', { name: TITLE }).waitFor();
    expect(await layoutAndAxe(ap, { exclude: TABSTER_DUMMIES })).toEqual([]);
    await readsAsWords(ap);
    await shot(ap, 'kompass-7-liste-400');
    await ap.getByRole('link', { name: TITLE }).click();
    await ap.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await layoutAndAxe(ap, { exclude: TABSTER_DUMMIES })).toEqual([]);
    await shot(ap, 'kompass-8-runde-400-anne');

    const kari = await signedIn(browser, t.url, 'Kari Nordmann', { width: 400 });
    const kp = kari.page;
    await kp.goto(`${t.url}/kompass`);
    await kp.getByRole('link', { name: TITLE }).click();
    await kp.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await scoreBox(kp, '3.3', 'Analyse og rapportering').waitFor();
    expect(await layoutAndAxe(kp, { exclude: TABSTER_DUMMIES })).toEqual([]);
    await readsAsWords(kp);
    await shot(kp, 'kompass-9-runde-400-kari');

    // Per, an employee, has no round to read: the menu does not offer the page.
    const per = await signedIn(browser, t.url, 'Per Johansen');
    await Promise.all([
      per.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/kompass' && r.ok()),
      per.page.reload(),
    ]);
    await per.page.getByRole('navigation').getByRole('link', { name: 'Virksomhetsplaner' }).waitFor();
    expect(
      await per.page.getByRole('navigation').getByRole('link', { name: 'Kommunekompasset' }).count(),
    ).toBe(0);

    for (const c of [anne, kari, per]) await c.context.close();
  });

  it(
    'a finished round: the report opens as a PDF once archived; Kari makes a finding a goal of the plan',
    { timeout: 240_000 },
    async () => {
      type Round = ResponseOf<'getKompassRound'>;
      const year = 2033;
      const title = `Kommunekompasset ${year}`;
      const anneApi = await t.as(DEMO.anne);
      const kariApi = await t.as(DEMO.kari);
      const hildeApi = await t.as(DEMO.hilde);
      const call = async <T>(who: Client, method: string, url: string, body?: unknown): Promise<T> => {
        const r = await who<T>(method, url, body);
        expect(r.status, `${method} ${url}: ${JSON.stringify(r.body).slice(0, 300)}`).toBeLessThan(300);
        return r.body;
      };
      const move = async (id: string, transition: string) => {
        const now = await call<Round>(anneApi, 'GET', path('getKompassRound', { id }));
        return call<Round>(anneApi, 'POST', path('transitionKompassRound', { id }), {
          transition,
          baseVersion: now.version,
        });
      };

      // Through the API: Anne starts the round, both assessors give every sub-area the same points,
      // Hilde writes two Utfordringer for area 3 (as a list, with a blank line).
      const started = await call<Round>(anneApi, 'POST', path('startKompassRound'), {
        year,
        assessors: [DEMO.kari, DEMO.hilde],
      });
      const id = started.id;
      const round = await move(id, 'start-assessment');
      for (const area of round.areas)
        for (const sub of area.subAreas)
          for (const who of [kariApi, hildeApi])
            await call(who, 'PUT', path('scoreSubArea', { id, code: sub.code }), {
              points: Math.floor(sub.max / 2),
              justification: null,
            });
      const first = 'Avvik følges ikke opp systematisk';
      const second = 'Lite systematisk rapportering';
      await call(hildeApi, 'PUT', path('saveAreaNote', { id, area: '3', kind: 'utfordringer' }), {
        text: `- ${first}\n\n• ${second}\n`,
        baseVersion: 0,
      });

      // Anne finishes the round on its page: the report is being archived, and its button comes
      // without a reload (the page's own notice is still there).
      const anne = await signedIn(browser, t.url, 'Anne Dahl');
      const ap = anne.page;
      const roundUrl = `${t.url}/kompass/${id}`;
      await openRound(ap, roundUrl, title);
      await ap.getByRole('button', { name: 'Avslutt runden' }).click();
      await ap
        .getByRole('alertdialog', { name: 'Avslutte runden?' })
        .getByRole('button', { name: 'Avslutt runden' })
        .click();
      await ap.getByText('Runden er avsluttet.').waitFor();
      // The report may already be archived when the page reads the round again, so either the
      // pending line or the finished state is the page's answer here.
      await ap
        .getByRole('status')
        .filter({ hasText: /^Rapporten arkiveres …$/ })
        .or(ap.getByRole('button', { name: 'Åpne rapporten (PDF)' }))
        .first()
        .waitFor();
      expect(await layoutAndAxe(ap, { exclude: TABSTER_DUMMIES })).toEqual([]);
      await shot(ap, 'kompass-10-arkiveres');
      await ap.getByRole('button', { name: 'Åpne rapporten (PDF)' }).waitFor({ timeout: 70_000 });
      await ap
        .getByRole('status')
        .filter({ hasText: /^Rapporten ble arkivert \d{1,2}\. / })
        .waitFor();
      await ap.getByText('Runden er avsluttet.').waitFor();
      await shot(ap, 'kompass-11-arkivert');
      // Anne reads the round but does not write the municipality's plan.
      expect(await ap.getByRole('button', { name: /^Gjør til mål/ }).count()).toBe(0);

      // Kari opens the report: a new window with the PDF.
      const kari = await signedIn(browser, t.url, 'Kari Nordmann');
      const kp = kari.page;
      await openRound(kp, roundUrl, title);
      const reportButton = kp.getByRole('button', { name: 'Åpne rapporten (PDF)' });
      await reportButton.waitFor();
      const [popup, report] = await Promise.all([
        kp.waitForEvent('popup'),
        kp.waitForResponse((r) => new URL(r.url()).pathname === path('openKompassReport', { id })),
        reportButton.click(),
      ]);
      expect(report.status()).toBe(200);
      expect(report.headers()['content-type']).toMatch(/^application\/pdf/);
      // The new window shows the report's bytes as fetched: a PDF.
      expect(popup.url()).toMatch(/^blob:/);
      expect(Number(report.headers()['content-length'])).toBeGreaterThan(1000);
      await popup.waitForLoadState();
      expect(await popup.evaluate(() => document.contentType)).toBe('application/pdf');
      await popup.close();

      // The plan is not drafted yet: the server's words say so.
      const area3 = kp.locator('[data-kompass-area="3"]');
      const findings = area3.locator('[data-findings="utfordringer"]');
      await findings.getByRole('list', { name: 'Utfordringer som kan bli mål' }).waitFor();
      expect(await findings.getByRole('listitem').allInnerTexts()).toEqual([
        expect.stringContaining(first),
        expect.stringContaining(second),
      ]);
      const makeSecond = kp.getByRole('button', { name: `Gjør til mål: ${second}`, exact: true });
      await makeSecond.click();
      await findings
        .getByRole('alert')
        .getByText('Kommunens egen virksomhetsplan må være et utkast eller åpen for innspill', {
          exact: false,
        })
        .waitFor();
      expect(await makeSecond.getAttribute('aria-disabled')).toBeNull();
      await shot(kp, 'kompass-12-ingen-plan');

      // Kari drafts the municipality's plan for the year after: the second line becomes its goal.
      const plan = await call<{ id: string; year: number }>(kariApi, 'POST', path('draftPlan'), {
        unitId: 'fjordvik',
        year: year + 1,
      });
      await makeSecond.click();
      const made = findings.locator(`[data-finding="${second}"]`).getByRole('status');
      await made.getByText(`Lagt til som mål i virksomhetsplanen for ${year + 1}`).waitFor();
      expect(await findings.getByRole('alert').count()).toBe(0);
      // Taken on this page: a second click would add it again.
      expect(await makeSecond.getAttribute('aria-disabled')).toBe('true');
      const others = kp.getByRole('button', { name: `Gjør til mål: ${first}`, exact: true });
      expect(await others.getAttribute('aria-disabled')).toBeNull();
      expect(await layoutAndAxe(kp, { exclude: TABSTER_DUMMIES })).toEqual([]);
      await readsAsWords(kp);
      await shot(kp, 'kompass-13-gjort-til-maal');

      // The link leads to the plan, where the line is a goal.
      await made.getByRole('link', { name: `virksomhetsplanen for ${year + 1}` }).click();
      await kp
        .getByRole('heading', { level: 1, name: `Virksomhetsplan ${year + 1}: Fjordvik kommune` })
        .waitFor();
      expect(new URL(kp.url()).pathname).toBe(`/plans/${plan.id}`);
      expect(await kp.getByLabel('Mål 1', { exact: true }).inputValue()).toBe(second);
      // The goal says where it came from, with the way back to the round.
      const back = kp.getByRole('link', { name: 'Fra Kommunekompasset: 3. Styring og kontroll' });
      expect(await back.getAttribute('href')).toBe(new URL(roundUrl).pathname);

      // By keyboard alone: back on the round, from the top of the page to the first line's button.
      await openRound(kp, roundUrl, title);
      await reportButton.waitFor();
      await tabTo(kp, (el) => el.name === `Gjør til mål: ${first}`);
      await kp.keyboard.press('Enter');
      const madeFirst = findings.locator(`[data-finding="${first}"]`).getByRole('status');
      await madeFirst.getByText(`Lagt til som mål i virksomhetsplanen for ${year + 1}`).waitFor();
      // The focus stays on the (now disabled) button; the link to the plan is the next stop.
      expect(await kp.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
        `Gjør til mål: ${first}`,
      );
      expect(await others.getAttribute('aria-disabled')).toBe('true');
      await kp.keyboard.press('Tab');
      expect(await kp.evaluate(() => document.activeElement?.textContent)).toBe(
        `virksomhetsplanen for ${year + 1}`,
      );
      await kp.keyboard.press('Enter');
      await kp
        .getByRole('heading', { level: 1, name: `Virksomhetsplan ${year + 1}: Fjordvik kommune` })
        .waitFor();
      const goals = await Promise.all(
        [1, 2].map((n) => kp.getByLabel(`Mål ${n}`, { exact: true }).inputValue()),
      );
      expect(goals.sort()).toEqual([first, second].sort());

      // At 400 px: the lines and their buttons hold together.
      const narrow = await signedIn(browser, t.url, 'Kari Nordmann', { width: 400 });
      await openRound(narrow.page, roundUrl, title);
      await narrow.page.getByRole('button', { name: 'Åpne rapporten (PDF)' }).waitFor();
      await narrow.page.getByRole('button', { name: `Gjør til mål: ${second}`, exact: true }).waitFor();
      expect(await layoutAndAxe(narrow.page, { exclude: TABSTER_DUMMIES })).toEqual([]);
      await readsAsWords(narrow.page);
      await shot(narrow.page, 'kompass-14-funn-400');

      // Hilde assessed the round but does not write the municipality's plan: no such buttons for her.
      const hilde = await signedIn(browser, t.url, 'Hilde Strand');
      const hp = hilde.page;
      await openRound(hp, roundUrl, title);
      await hp.getByRole('button', { name: 'Åpne rapporten (PDF)' }).waitFor();
      await hp.locator('[data-kompass-area="3"]').getByText(second, { exact: false }).waitFor();
      expect(await hp.getByRole('button', { name: /^Gjør til mål/ }).count()).toBe(0);
      expect(await hp.locator('[data-findings]').count()).toBe(0);
      expect(await layoutAndAxe(hp, { exclude: TABSTER_DUMMIES })).toEqual([]);
      await shot(hp, 'kompass-15-ferdig-hilde');

      for (const c of [anne, kari, narrow, hilde]) await c.context.close();
    },
  );
});
