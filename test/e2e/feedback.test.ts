// Anonymous upward feedback in the tab: Ingrid Berg (a leader, in her utviklingssamtale with Kari
// Nordmann) asks the three people she leads, the answers come in (through the use case the bot calls;
// the bot's own part is tested elsewhere), the round closes once three have answered, and the result
// reaches Kari only when Ingrid shares it. At a desktop's width and a Teams side panel's.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fill } from '../../src/contract/words/format.ts';
import { nb } from '../../src/contract/words/nb.ts';
import { DEMO_USERS } from '../../src/seed/demo-organisation.ts';
import { answerFeedback } from '../../src/usecases/answer-feedback.ts';
import { SCREENSHOTS } from '../helpers/browser.ts';
import { path } from '../helpers/factory.ts';
import { DEMO, DEMO_TENANT_ID, type TestApp } from '../helpers/harness.ts';
import { shot, signedIn, tabFixture } from '../helpers/tab.ts';
import { layoutAndAxe } from './layout.ts';

const GOALS = 'Lederen gjør prioriteringer og grep som hjelper oss å nå målene.';
const PRINCIPLES = 'Lederen praktiserer kommunens ledelsesprinsipper i hverdagen.';
const MORE_TIME = 'Mer tid til oss i hverdagen, særlig i travle perioder med mange vikarer.';
const CLEARER = 'Tydeligere prioriteringer når alt haster.';
// Whom the result reaches, in the catalogue's words (the choice's wording is still being tuned).
const W = nb.feedback.tab;
const SHARED = fill(W.shareShared, { name: 'Kari Nordmann' });

const actor = (oid: string) => {
  const u = DEMO_USERS.find((x) => x.oid === oid);
  if (!u) throw new Error(`no demo user ${oid}`);
  return { tid: DEMO_TENANT_ID, oid, name: u.name, upn: u.upn, roles: u.roles };
};

/** No ISO date, id or internal value on the page: everything reads as words. */
async function readsAsWords(page: Page) {
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
  expect(text).not.toMatch(/\b(private|shared|record|subject|superior|report|peer|goals|principles)\b/);
}

/** Writes the panel alone too, to look at it closely beside the whole page. */
async function panelShot(page: Page, name: string) {
  await shot(page, name);
  // The bar that stays in view would lie over the panel where the window happens to end: hidden for this one.
  const bar = page.locator('[data-sticky]');
  const hasBar = (await bar.count()) > 0;
  if (hasBar) await bar.evaluate((el: { style: { visibility: string } }) => (el.style.visibility = 'hidden'));
  await page.locator('[data-feedback]').screenshot({ path: join(SCREENSHOTS, `${name}-panel.png`) });
  if (hasBar) await bar.evaluate((el: { style: { visibility: string } }) => (el.style.visibility = ''));
}

describe('feedback on a leader before her conversation', () => {
  const fixture = tabFixture();
  let t: TestApp;
  let browser: Browser;
  let id: string;
  beforeAll(async () => {
    ({ t, browser } = fixture);
    // Ingrid's utviklingssamtale this year, open for preparation (src/seed/demo-organisation.ts).
    const ingrid = await t.as(DEMO.ingrid);
    const mine = await ingrid<{
      conversations: { id: string; status: string; template: { key: string } }[];
    }>('GET', path('listMyConversations'));
    const found = mine.body.conversations.find(
      (c) => c.template.key === 'utviklingssamtale-leder' && c.status === 'preparing',
    );
    if (!found) throw new Error('the demo has no utviklingssamtale-leder in preparation');
    id = found.id;
  });

  it('Ingrid asks her staff by keyboard, closes the round at three answers, reads it and shares the figures', async () => {
    const subject = await signedIn(browser, t.url, 'Ingrid Berg');
    const page = subject.page;
    await page.goto(`${t.url}/conversations/${id}`);
    const panel = page.getByRole('region', { name: 'Tilbakemelding fra medarbeidere' });
    await panel.getByRole('heading', { level: 2, name: 'Tilbakemelding fra medarbeidere' }).waitFor();

    // What will be asked, and whom: her reports suggested, the peer leader left to her.
    const asked = panel.getByRole('list', { name: 'Påstandene som stilles' });
    await asked.getByText(GOALS).waitFor();
    await asked.getByText('Hva bør lederen gjøre mer av, mindre av eller annerledes?').waitFor();
    const reports = panel.getByRole('group', { name: 'Medarbeidere' });
    for (const name of ['Ahmed Ali', 'Marte Olsen', 'Jonas Nilsen'])
      expect(await reports.getByRole('checkbox', { name }).isChecked()).toBe(true);
    const peer = panel.getByRole('group', { name: 'Sideordnede ledere' }).getByRole('checkbox', {
      name: 'Ola Hansen',
    });
    expect(await peer.isChecked()).toBe(false);
    await panel.getByText('Valgt: 3. Minst 3 må spørres.').waitFor();
    await panel.getByText(/^Fra i dag til og med \d{1,2}\. [a-zæøå]+ \d{4}\.$/).waitFor();
    await readsAsWords(page);
    expect(await layoutAndAxe(page)).toEqual([]);
    await panelShot(page, 'tilbakemelding-1-be-om');
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await layoutAndAxe(page)).toEqual([]);
    await panelShot(page, 'tilbakemelding-1-be-om-320');
    await page.setViewportSize({ width: 1280, height: 900 });

    // By keyboard: one taken out is one too few, and the form says so in words before asking.
    await reports.getByRole('checkbox', { name: 'Jonas Nilsen' }).focus();
    await page.keyboard.press('Space');
    await panel.getByText('Valgt: 2. Minst 3 må spørres.').waitFor();
    await panel.getByRole('button', { name: 'Be om tilbakemelding' }).focus();
    await page.keyboard.press('Enter');
    const alert = panel.getByRole('alert');
    await alert.getByText('Velg minst 3 personer å spørre, så ingen svar kan knyttes til noen.').waitFor();
    // What to change, not "something went wrong".
    expect(await alert.getByText('Noe gikk galt').count()).toBe(0);
    await reports.getByRole('checkbox', { name: 'Jonas Nilsen' }).focus();
    await page.keyboard.press('Space');
    await panel.getByText('Valgt: 3. Minst 3 må spørres.').waitFor();
    await panel.getByRole('button', { name: 'Be om tilbakemelding' }).focus();
    await page.keyboard.press('Enter');

    // The round is open: its progress takes the focus, so it is read out.
    await panel.getByText('0 av 3 har svart.').waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === '0 av 3 har svart.');
    await panel.getByText(/^Svarfristen er \d{1,2}\. [a-zæøå]+ \d{4}\. Du startet runden\.$/).waitFor();
    await panel.getByText('Du kan avslutte før fristen når minst 3 har svart.').waitFor();
    expect(await panel.getByRole('button', { name: 'Avslutt runden nå' }).count()).toBe(0);
    const round = await t.app.deps.store.feedback.roundOf(id);
    if (!round) throw new Error('no round was stored');
    expect((await t.app.deps.store.feedback.invitations(round.id)).map((i) => i.oid).sort()).toEqual(
      [DEMO.ahmed, DEMO.marte, DEMO.jonas].sort(),
    );
    await readsAsWords(page);
    expect(await layoutAndAxe(page)).toEqual([]);
    await panelShot(page, 'tilbakemelding-2-apen');

    // Two answers: too few to close, so the round cannot be ended (the server says why, in words).
    const answer = (oid: string, ratings: number[], text: string | null) =>
      answerFeedback(t.app.deps, actor(oid), { roundId: round.id, ratings, text });
    expect(await answer(DEMO.ahmed, [5, 4, 3, 4, 5], MORE_TIME)).toBe('ok');
    expect(await answer(DEMO.marte, [4, 4, 4, 5, 5], null)).toBe('ok');
    await page.reload();
    await panel.getByText('2 av 3 har svart.').waitFor();
    expect(await panel.getByRole('button', { name: 'Avslutt runden nå' }).count()).toBe(0);
    const ingrid = await t.as(DEMO.ingrid);
    const refused = await ingrid<{ error: { code: string; message: string } }>(
      'POST',
      path('closeFeedbackRound', { id }),
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('FEEDBACK_TOO_FEW');
    expect(refused.body.error.message).toBe(
      'Runden kan avsluttes når minst 3 har svart. Ellers avsluttes den av seg selv etter svarfristen.',
    );

    // The third answer: now it may close, by keyboard, and the result takes the focus.
    expect(await answer(DEMO.jonas, [3, 5, 4, 4, 2], CLEARER)).toBe('ok');
    await page.reload();
    await panel.getByText('3 av 3 har svart.').waitFor();
    await panel.getByRole('button', { name: 'Avslutt runden nå' }).focus();
    await page.keyboard.press('Enter');
    const heading = panel.getByRole('heading', { level: 3, name: 'Resultat fra 3 svar' });
    await heading.waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Resultat fra 3 svar');

    const table = panel.getByRole('table', { name: 'Resultat fra 3 svar' });
    await table.getByRole('columnheader', { name: 'Antall som svarte 5' }).waitFor();
    await table.getByRole('columnheader', { name: 'Snitt' }).waitFor();
    const cells = async (statement: string) =>
      table.getByRole('row').filter({ hasText: statement }).getByRole('cell').allInnerTexts();
    expect(await cells(GOALS)).toEqual([GOALS, '4,0', '0', '0', '1', '1', '1']);
    expect(await cells(PRINCIPLES)).toEqual([PRINCIPLES, '4,3', '0', '0', '0', '2', '1']);
    const comments = panel.getByRole('list', { name: 'Kommentarer, uten navn og i tilfeldig rekkefølge' });
    await comments.getByText(MORE_TIME).waitFor();
    await comments.getByText(CLEARER).waitFor();
    expect(await comments.getByRole('listitem').count()).toBe(2);
    // Whom it reaches: Ingrid alone, until she chooses otherwise.
    const share = panel.getByRole('radiogroup', { name: 'Hvem ser resultatet?' });
    expect(await share.getByRole('radio', { name: 'Bare meg' }).isChecked()).toBe(true);
    await panel.getByText(W.shareNote).waitFor();
    await readsAsWords(page);
    expect(await layoutAndAxe(page)).toEqual([]);
    await panelShot(page, 'tilbakemelding-3-resultat');

    // Kari, her superior, learns that there is a result, and nothing of it.
    const superior = await signedIn(browser, t.url, 'Kari Nordmann');
    const kp = superior.page;
    await kp.goto(`${t.url}/conversations/${id}`);
    const kariPanel = kp.getByRole('region', { name: 'Tilbakemelding fra medarbeidere' });
    await kariPanel.getByText(fill(W.notShared, { name: 'Ingrid Berg' })).waitFor();
    expect(await kariPanel.getByRole('table').count()).toBe(0);
    const kariText = await kp.locator('main').innerText();
    expect(kariText).not.toContain(MORE_TIME);
    expect(kariText).not.toContain('4,3');
    await readsAsWords(kp);
    expect(await layoutAndAxe(kp)).toEqual([]);
    await panelShot(kp, 'tilbakemelding-4-leder-ikke-delt');

    // Ingrid shares it with Kari by keyboard: the arrow moves the choice, and it is saved at once.
    await share.getByRole('radio', { name: 'Bare meg' }).focus();
    await page.keyboard.press('ArrowDown');
    await panel.getByRole('status').filter({ hasText: 'Lagret' }).waitFor();
    expect(await share.getByRole('radio', { name: SHARED, exact: true }).isChecked()).toBe(true);
    expect((await t.app.deps.store.feedback.roundOf(id))?.shared).toBe('shared');
    await page.waitForFunction(() => document.activeElement?.getAttribute('type') === 'radio');

    // Kari now reads the figures; the comments stay Ingrid's, as those who wrote them were told.
    await kp.reload();
    await kariPanel.getByText(fill(W.sharedWithYou, { name: 'Ingrid Berg' })).waitFor();
    const kariTable = kariPanel.getByRole('table', { name: 'Resultat fra 3 svar' });
    expect(
      await kariTable.getByRole('row').filter({ hasText: GOALS }).getByRole('cell').allInnerTexts(),
    ).toEqual([GOALS, '4,0', '0', '0', '1', '1', '1']);
    await kariPanel.getByText(fill(W.textsPrivate, { name: 'Ingrid Berg' })).waitFor();
    const sharedText = await kp.locator('main').innerText();
    expect(sharedText).not.toContain(CLEARER);
    expect(sharedText).not.toContain(MORE_TIME);
    expect(await kariPanel.getByRole('radiogroup').count()).toBe(0);
    await readsAsWords(kp);
    expect(await layoutAndAxe(kp)).toEqual([]);
    await panelShot(kp, 'tilbakemelding-5-leder-delt');

    // In a Teams side panel's width: the table folds into one block per statement, nothing sideways.
    await page.setViewportSize({ width: 320, height: 800 });
    await heading.waitFor();
    expect(await layoutAndAxe(page)).toEqual([]);
    await panelShot(page, 'tilbakemelding-6-resultat-320');
    await kp.setViewportSize({ width: 320, height: 800 });
    expect(await layoutAndAxe(kp)).toEqual([]);
    await panelShot(kp, 'tilbakemelding-7-leder-320');
    await subject.context.close();
    await superior.context.close();
  });
});
