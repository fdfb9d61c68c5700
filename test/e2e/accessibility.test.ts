import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tabTo } from './keyboard.ts';
import { DEMO, DEMO_TENANT_ID, waitForArchiving, type TestApp } from '../helpers/harness.ts';
import { layoutProblems } from './layout.ts';
import { tabFixture, shot, signedIn } from '../helpers/tab.ts';

const THEMES = ['light', 'dark', 'contrast'] as const;
const WIDTHS = [1920, 1366, 320] as const;

interface PageSpec {
  name: string;
  user: string | null;
  path: (ids: Record<string, string>) => string;
  heading: RegExp;
}

describe('universal design (WCAG 2.1 AA)', () => {
  // One server and one browser for the file (test/helpers/tab.ts).
  const fixture = tabFixture();
  let t: TestApp;
  let browser: Browser;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ({ t, browser } = fixture);
    const kari = await t.as(DEMO.kari);
    const list = (
      await kari<{
        conversations: { id: string; template: { key: string }; period: string; status: string }[];
      }>('GET', '/api/conversations')
    ).body.conversations;
    ids.kontrakt = list.find((c) => c.template.key === 'kontraktsamtale' && c.status === 'planned')!.id;
    ids.oslo = list.find((c) => c.template.key === 'utviklingssamtale-leder' && c.status === 'preparing')!.id;
    const ingrid = await t.as(DEMO.ingrid);
    const mine = (
      await ingrid<{ conversations: { id: string; status: string; template: { key: string } }[] }>(
        'GET',
        '/api/conversations',
      )
    ).body.conversations;
    ids.signing = mine.find((c) => c.status === 'awaiting_signatures')!.id;
    ids.held = mine.find((c) => c.status === 'held')!.id;
    // The unit plans as Ola sees them: this year's (adopted, reported each quarter), and next year's
    // open for input, with a goal serving the municipality's, one lacking what adoption needs, and a
    // proposal and a comment from the staff.
    const year = new Date().getFullYear();
    const ola = await t.as(DEMO.ola);
    const plans = (
      await ola<{ plans: { unit: { id: string }; plan: { id: string } | null }[] }>(
        'GET',
        `/api/plans?year=${year}`,
      )
    ).body.plans;
    ids.plan = plans.find((p) => p.unit.id === 'oppvekst')!.plan!.id;
    const top = (await kari<{ id: string }>('POST', '/api/plans', { unitId: 'fjordvik', year: year + 1 }))
      .body;
    const topGoal = (
      await kari<{ id: string }>('POST', `/api/plans/${top.id}/goals`, {
        goal: 'Alle barn og unge opplever mestring og trivsel i barnehage og skole',
      })
    ).body;
    const draft = (
      await ola<{ id: string; version: number }>('POST', '/api/plans', { unitId: 'oppvekst', year: year + 1 })
    ).body;
    ids.draft = draft.id;
    const goal = (
      await ola<{ id: string }>('POST', `/api/plans/${draft.id}/goals`, {
        goal: 'Flere elever leser godt på 5. trinn',
        indicator: 'Andel elever over kritisk grense i lesing, prosent',
        baseline: 72,
        target: 80,
        actions: 'Lesekurs for lærere; leselyst-uke',
        ownerOid: DEMO.silje,
        due: `${year + 1}-12-31`,
        servesGoalId: topGoal.id,
      })
    ).body;
    await ola('POST', `/api/plans/${draft.id}/goals`, {
      goal: 'Alle ansatte har hatt medarbeidersamtale innen 1. april',
    });
    await ola('POST', `/api/plans/${draft.id}/transitions`, {
      transition: 'open-input',
      baseVersion: draft.version,
    });
    const per = await t.as(DEMO.per);
    await per('POST', `/api/plans/${draft.id}/contributions`, {
      kind: 'proposal',
      goalId: null,
      text: 'Flere elever deltar i leksehjelp etter skoletid',
    });
    await per('POST', `/api/plans/${draft.id}/contributions`, {
      kind: 'comment',
      goalId: goal.id,
      text: 'Kan vi ta med lesing på 6. trinn også?',
    });
    // A plan row, so the table (and its cards on a phone) is measured with content in it.
    await ingrid('POST', `/api/conversations/${ids.held}/items`, {
      fieldId: 'handlingsplan',
      cells: {
        mal: 'Bli tryggere i veiledning av nye kolleger',
        hvem: DEMO.marte,
        nar: '2027-06-30',
        status: 'som',
      },
    });
  });

  const PAGES: PageSpec[] = [
    { name: 'velg-bruker', user: null, path: () => '/', heading: /Velg en demobruker/ },
    { name: 'personvern', user: null, path: () => '/personvern', heading: /Personvern i Samtale/ },
    { name: 'vilkar', user: null, path: () => '/vilkar', heading: /Vilkår for bruk/ },
    { name: 'mine-samtaler', user: 'Ola Hansen', path: () => '/', heading: /Mine samtaler/ },
    { name: 'mitt-team', user: 'Ola Hansen', path: () => '/team', heading: /Mitt team/ },
    { name: 'hr', user: 'Lars Bakke', path: () => '/hr', heading: /Gjennomføring/ },
    { name: 'maler', user: 'Anne Dahl', path: () => '/templates', heading: /^Maler$/ },
    {
      name: 'mal-kontraktsamtale',
      user: 'Anne Dahl',
      path: () => '/templates/kontraktsamtale',
      heading: /Mal: Kontraktsamtale/,
    },
    {
      name: 'kontraktsamtale',
      user: 'Kari Nordmann',
      path: (i) => `/conversations/${i.kontrakt}`,
      heading: /Vedlegg 6/,
    },
    {
      name: 'utviklingssamtale',
      user: 'Kari Nordmann',
      path: (i) => `/conversations/${i.oslo}`,
      heading: /Utviklingssamtale for ledere/,
    },
    {
      name: 'medarbeidersamtale-referat',
      user: 'Ingrid Berg',
      path: (i) => `/conversations/${i.held}`,
      heading: /Medarbeidersamtale/,
    },
    {
      name: 'oppfolging',
      user: 'Silje Larsen',
      path: () => '/follow-up',
      heading: /Mine oppfølgingspunkter/,
    },
    { name: 'finnes-ikke', user: 'Ola Hansen', path: () => '/finnes-ikke', heading: /Fant ikke siden/ },
    { name: 'mine-data', user: 'Per Johansen', path: () => '/my-data', heading: /Mine data/ },
    {
      name: 'medarbeidersamtale-signering',
      user: 'Ingrid Berg',
      path: (i) => `/conversations/${i.signing}`,
      heading: /Medarbeidersamtale/,
    },
    { name: 'virksomhetsplaner', user: 'Ola Hansen', path: () => '/plans', heading: /Virksomhetsplaner/ },
    { name: 'rod-trad', user: 'Kari Nordmann', path: () => '/red-thread', heading: /Den røde tråden/ },
    {
      name: 'virksomhetsplan',
      user: 'Ola Hansen',
      path: (i) => `/plans/${i.plan}`,
      heading: /Virksomhetsplan \d{4}: Oppvekst og kultur/,
    },
    {
      name: 'virksomhetsplan-innspill',
      user: 'Ola Hansen',
      path: (i) => `/plans/${i.draft}`,
      heading: /Virksomhetsplan \d{4}: Oppvekst og kultur/,
    },
  ];

  /**
   * Each page in nynorsk: its heading (a template's own name stays as the template writes it), and,
   * where bokmål and nynorsk write the heading alike, a text on the page that only nynorsk writes so.
   */
  const NYNORSK: Record<string, { heading: RegExp; text?: string }> = {
    'velg-bruker': { heading: /Vel ein demobrukar/ },
    personvern: { heading: /Personvern i Samtale/, text: 'Privat førebuing ser berre du' },
    vilkar: { heading: /Vilkår for bruk/, text: 'Du loggar inn med kontoen til organisasjonen' },
    'mine-samtaler': { heading: /Samtalane mine/ },
    'mitt-team': { heading: /Teamet mitt/ },
    hr: { heading: /Gjennomføring/, text: 'berre som tal' },
    maler: { heading: /^Malar$/ },
    'mal-kontraktsamtale': { heading: /Mal: Kontraktsamtale/, text: 'Tilbake til malane' },
    kontraktsamtale: { heading: /Vedlegg 6/, text: 'Delar av samtalen' },
    utviklingssamtale: { heading: /Utviklingssamtale for ledere/, text: 'Delar av samtalen' },
    'medarbeidersamtale-referat': { heading: /Medarbeidersamtale/, text: 'Delar av samtalen' },
    oppfolging: { heading: /Oppfølgingspunkta mine/ },
    'finnes-ikke': { heading: /Fann ikkje sida/ },
    'mine-data': { heading: /Dataa mine/ },
    'medarbeidersamtale-signering': { heading: /Medarbeidersamtale/, text: 'Delar av samtalen' },
    virksomhetsplaner: { heading: /Verksemdsplanar/ },
    'rod-trad': { heading: /Den raude tråden/ },
    virksomhetsplan: { heading: /Verksemdsplan \d{4}: Oppvekst og kultur/ },
    'virksomhetsplan-innspill': { heading: /Verksemdsplan \d{4}: Oppvekst og kultur/ },
  };

  async function open(spec: PageSpec, theme: string, width: number, locale = 'nb-NO'): Promise<Page> {
    const nn = locale === 'nn-NO';
    const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
    const page = await context.newPage();
    const heading = nn ? NYNORSK[spec.name]!.heading : spec.heading;
    try {
      // Signed-in pages are reached through the picker; open pages (privacy, terms) by their address.
      await page.goto(`${t.url}${spec.user ? '/' : spec.path(ids)}?theme=${theme}`);
      if (spec.user) {
        await page.getByRole('button', { name: spec.user }).click();
        // An admin's start page leads on to the templates.
        await page
          .getByRole('heading', {
            level: 1,
            name: nn ? /^(Samtalane mine|Malar)$/ : /^(Mine samtaler|Maler)$/,
          })
          .waitFor();
        await page.evaluate((path) => {
          history.pushState(null, '', path + location.search);
          dispatchEvent(new PopStateEvent('popstate'));
        }, spec.path(ids));
      }
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    } catch (e) {
      // What the page showed instead, for whoever reads the failure.
      await shot(page, `${spec.name}-${locale}-${theme}-${width}-failed`);
      throw new Error(`${spec.name} (${locale}, ${width} px) never showed the heading ${String(heading)}`, {
        cause: e,
      });
    }
    // A conversation keeps its event stream open, so the network never goes idle: wait for the page
    // to have nothing left loading instead.
    await page.waitForFunction(
      () => document.querySelectorAll('[role="progressbar"], .fui-Spinner').length === 0,
    );
    await page.waitForTimeout(250);
    return page;
  }

  // At 1920, 1366 and 320 px in every theme: no control on top of another, no word broken across
  // lines, no sideways scrolling (measured from element boxes), and axe finds nothing (1366 in every
  // theme, 320 in the light one).
  for (const theme of THEMES) {
    it(
      `every page works at 1920, 1366 and 320 px in the ${theme} theme: layout and axe`,
      { timeout: 300_000 },
      async () => {
        const report: Record<string, string[]> = {};
        for (const spec of PAGES) {
          for (const width of WIDTHS) {
            const page = await open(spec, theme, width);
            const problems = await layoutProblems(page);
            if (width === 1366 || (width === 320 && theme === 'light')) {
              const result = await new AxeBuilder({ page })
                .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
                .analyze();
              problems.push(
                ...result.violations.map(
                  (v) => `axe ${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')}`,
                ),
              );
            }
            if (problems.length) report[`${spec.name} at ${width}`] = problems;
            await shot(page, `${spec.name}-${theme}-${width}`);
            await page.context().close();
          }
        }
        expect(report).toEqual({});
      },
    );
  }

  // Nynorsk (a Teams client set to nn-NO) in the light theme at 1366 and 320 px: every page opens with
  // its nynorsk heading, in nynorsk throughout (menu, <html lang>, the language setting), and passes
  // the same layout checks and axe. Longer nynorsk words must fit where the bokmål ones did.
  it(
    'every page in nynorsk (nn-NO) at 1366 and 320 px: the nynorsk heading, layout and axe',
    { timeout: 300_000 },
    async () => {
      expect(
        PAGES.filter((p) => !NYNORSK[p.name]).map((p) => p.name),
        'pages without their nynorsk heading in NYNORSK',
      ).toEqual([]);
      const report: Record<string, string[]> = {};
      for (const spec of PAGES) {
        for (const width of [1366, 320]) {
          const page = await open(spec, 'light', width, 'nn-NO');
          const problems = await layoutProblems(page);
          const result = await new AxeBuilder({ page })
            .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
            .analyze();
          problems.push(
            ...result.violations.map(
              (v) => `axe ${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')}`,
            ),
          );
          const lang = await page.evaluate(() => document.documentElement.lang);
          if (lang !== 'nn') problems.push(`<html lang="${lang}">, not nn`);
          const picker = page.getByRole('combobox', { name: 'Språk' });
          if ((await picker.count()) !== 1 || (await picker.inputValue()) !== 'nn')
            problems.push('the language setting does not show nynorsk');
          if (
            spec.user &&
            (await page.getByRole('link', { name: 'Samtalane mine', exact: true }).count()) !== 1
          )
            problems.push('the menu is not in nynorsk');
          const text = NYNORSK[spec.name]!.text;
          if (text && !(await page.getByText(text).first().isVisible()))
            problems.push(`"${text}" is not on the page`);
          if (problems.length) report[`${spec.name} (nn) at ${width}`] = problems;
          await shot(page, `${spec.name}-nn-light-${width}`);
          await page.context().close();
        }
      }
      expect(report).toEqual({});
    },
  );

  it('signs by keyboard alone, with visible focus on every stop', async () => {
    const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${t.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();

    await tabTo(page, (f) => f.name === 'Marte Olsen');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Mine samtaler', level: 1 }).waitFor();
    await page
      .getByRole('link', { name: /Medarbeidersamtale 2026/ })
      .first()
      .waitFor();
    await tabTo(page, (f) => f.name.startsWith('Medarbeidersamtale 2026'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Signering' }).waitFor();
    await tabTo(page, (f) => f.name === 'Signer referatet');
    await page.keyboard.press('Enter');
    // Signing asks first; the dialog takes the focus, and its own button signs.
    await page.getByRole('alertdialog', { name: 'Signere referatet?' }).waitFor();
    await tabTo(page, (f) => f.name === 'Signer');
    await page.keyboard.press('Enter');
    await page.getByText('Signert av begge og låst.').waitFor();
    await shot(page, 'signert-med-tastatur');
    expect(['signed', 'archived']).toContain((await t.app.deps.store.conversation(ids.signing!))!.status);
    await context.close();
  });

  it('announces a failed save to screen readers', async () => {
    const context = await browser.newContext({ locale: 'nb-NO' });
    const page = await context.newPage();
    await page.goto(`${t.url}/`);
    await page.getByRole('button', { name: 'Ingrid Berg' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.goto(`${t.url}/conversations/${ids.held}`);
    await page.getByRole('heading', { level: 1, name: /Medarbeidersamtale/ }).waitFor();
    // The server goes away under the user's feet: the save fails and says so in a live region.
    await page.route('**/api/conversations/*/answers/*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Tjenesten er utilgjengelig.' } }),
      }),
    );
    const box = page.locator('[data-field="struktur-3"]').getByRole('textbox');
    await box.fill('Dette må ikke gå tapt.');
    await box.blur();
    const alert = page
      .locator('[data-field="struktur-3"]')
      .getByText('Ikke lagret: Tjenesten er utilgjengelig.');
    await alert.waitFor();
    expect(await alert.evaluate((el) => el.closest('[role="alert"], [aria-live]') !== null)).toBe(true);
    expect(await box.inputValue()).toBe('Dette må ikke gå tapt.');
    await context.close();
  });

  it('HR sees who the bot cannot reach in Teams, by name, on the HR page', async () => {
    const tid = DEMO_TENANT_ID;
    await t.app.bot.store.saveReference({
      tid,
      oid: DEMO.marte,
      conversationId: 'a:marte',
      serviceUrl: 'https://smba.example/',
      botId: '28:bot',
      userId: '29:marte',
      channelId: 'msteams',
      locale: 'nb',
      installedAt: new Date().toISOString(),
    });
    await t.app.bot.store.markUnreachable({
      tid,
      oid: DEMO.marte,
      reason: 'the app cannot reach this person (403)',
      at: new Date().toISOString(),
    });
    const { context, page } = await signedIn(browser, t.url, 'Lars Bakke');
    try {
      await page.goto(`${t.url}/hr`);
      const section = page.getByRole('region', { name: 'Kan ikke nås i Teams' });
      await section.getByText('Marte Olsen').waitFor();
      expect(await section.getByRole('listitem').count()).toBe(1);
    } finally {
      await context.close();
    }
  });
  /** A paged list: the count in words, then "Vis flere" by keyboard until all are shown and the button goes. */
  async function showAllByKeyboard(
    page: Page,
    first: number,
    total: number,
    before?: () => Promise<unknown>,
  ) {
    await page.getByText(`Viser ${first} av ${total}`).waitFor();
    await before?.();
    await tabTo(page, (el) => el.role === 'button' && el.name === 'Vis flere');
    await page.keyboard.press('Enter');
    await page.getByText(`Viser ${total} av ${total}`).waitFor();
    expect(await page.getByRole('button', { name: 'Vis flere' }).count()).toBe(0);
  }
  const usabilityProblems = async (page: Page) => [
    ...(await layoutProblems(page)),
    ...(
      await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    ).violations.map((v) => v.id),
  ];

  it('HR pages through a large archive with the keyboard: 50 at a time, the count in words', async () => {
    await waitForArchiving(t);
    // 70 copies from 2019 of people who have since left (kept in the directory copy for their names).
    await t.app.db.query(
      `insert into users (tid, oid, name, upn, unit_id, manager_oid, active)
       select $1, 'former-' || g, 'Tidligere ansatt ' || g, 'former' || g || '@fjordvik.example', 'helse', $2, false
         from generate_series(1, 70) g`,
      [DEMO_TENANT_ID, DEMO.ola],
    );
    await t.app.db.query(
      `insert into conversations (id, tid, template_key, template_version, period, status, leader_oid, employee_oid, unit_id, created_by, created_at, updated_at, status_changed_at)
       select gen_random_uuid(), $1, 'medarbeidersamtale-10-faktor', c.template_version, '2019', 'archived', $2, 'former-' || g, 'helse', $2, now(), now(), now()
         from generate_series(1, 70) g, (select template_version from conversations where template_key = 'medarbeidersamtale-10-faktor' limit 1) c`,
      [DEMO_TENANT_ID, DEMO.ola],
    );
    await t.app.db.query(
      `insert into archive_copies (conversation_id, part, path, location, checksum, content_hash, archived_at)
       select id, 'record', '2019/medarbeidersamtale-10-faktor/' || employee_oid || '.pdf', '/nowhere', 'x', 'x', timestamptz '2019-06-01'
         from conversations where employee_oid like 'former-%'`,
    );
    const total = (await t.app.db.query<{ n: number }>('select count(*)::int as n from archive_copies'))[0]!
      .n;
    const { context, page } = await signedIn(browser, t.url, 'Lars Bakke');
    try {
      await page.setViewportSize({ width: 320, height: 800 });
      await page.goto(`${t.url}/hr`);
      await showAllByKeyboard(page, 50, total);
      expect(await page.getByText('Tidligere ansatt 70', { exact: true }).count()).toBe(1);
      expect(await usabilityProblems(page)).toEqual([]);
      await shot(page, 'hr-arkiv-alle-sider-320');
    } finally {
      await context.close();
    }
  });
  it('a leader of 60 sees the team 50 at a time and brings the rest with the keyboard', async () => {
    await t.app.db.query(
      `insert into users (tid, oid, name, upn, unit_id, manager_oid)
       values ($1, 'leder-stor', 'Stine Storvik', 'stine@fjordvik.example', 'helse', $2)`,
      [DEMO_TENANT_ID, DEMO.kari],
    );
    await t.app.db.query(
      `insert into users (tid, oid, name, upn, unit_id, manager_oid)
       select $1, 'stor-' || g, 'Medarbeider ' || lpad(g::text, 2, '0'), 'm' || g || '@fjordvik.example', 'helse', 'leder-stor'
         from generate_series(1, 60) g`,
      [DEMO_TENANT_ID],
    );
    const { context, page } = await signedIn(browser, t.url, 'Stine Storvik');
    try {
      await page.setViewportSize({ width: 320, height: 800 });
      await page.goto(`${t.url}/team`);
      const member = (name: string) => page.getByRole('listitem').filter({ hasText: name });
      await showAllByKeyboard(page, 50, 60, () => expect(member('Medarbeider 51').count()).resolves.toBe(0));
      expect(await member('Medarbeider 60').count()).toBe(1);
      expect(await usabilityProblems(page)).toEqual([]);
      await shot(page, 'team-alle-sider-320');
    } finally {
      await context.close();
    }
  });
});
