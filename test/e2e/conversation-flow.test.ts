import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { conversationAt } from '../helpers/factory.ts';
import { join } from 'node:path';
import { SCREENSHOTS } from '../helpers/browser.ts';
import { DEMO, waitForArchiving, type TestApp } from '../helpers/harness.ts';
import { layoutAndAxe } from './layout.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tabFixture, fill, shot, signedIn } from '../helpers/tab.ts';

const REFLECTION = 'Jeg blir motivert av å få ansvar for egne prosjekter.';

describe('the tab in local mode, as new users use it', () => {
  // One server and one browser for the file (test/helpers/tab.ts).
  const fixture = tabFixture();
  let t: TestApp;
  let browser: Browser;
  beforeAll(() => {
    ({ t, browser } = fixture);
  });

  it('a party downloads their own archived copy, named in words and checked; HR only opens it', async () => {
    await waitForArchiving(t);
    const [row] = await t.app.db.query<{ conversation_id: string; checksum: string }>(
      "select conversation_id, checksum from archive_copies where part = 'record' and conversation_id in (select conversation_id from archive_copies where part = 'salary')",
    );
    const c = (await t.app.deps.store.conversation(row!.conversation_id))!;
    const employee = (await t.app.deps.directory.user(c.tid, c.employeeOid))!;
    const party = await signedIn(browser, t.url, employee.name);
    const page = party.page;
    // The bot's "Last ned min kopi" opens the conversation at the button, focused.
    await page.goto(`${t.url}/conversations/${c.id}?kopi=1`);
    const download = page.getByRole('button', { name: 'Last ned min kopi (PDF)' });
    await download.waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Last ned min kopi (PDF)');
    await page.getByRole('button', { name: 'Last ned min kopi av lønnsdelen (PDF)' }).waitFor();
    expect(await layoutAndAxe(page)).toEqual([]);
    await shot(page, 'last-ned-min-kopi');
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toMatch(new RegExp(`^Kontraktsamtale \\d{4} – ${employee.name}\\.pdf$`));
    const bytes = readFileSync(await file.path());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(row!.checksum);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

    // HR reads the archive but is no party: the copy opens, nothing is offered to keep.
    const hr = await signedIn(browser, t.url, 'Lars Bakke');
    await hr.page.goto(`${t.url}/conversations/${c.id}`);
    await hr.page.getByRole('button', { name: 'Åpne arkivkopien (PDF)' }).waitFor();
    expect(await hr.page.getByRole('button', { name: /^Last ned min kopi/ }).count()).toBe(0);
    await party.context.close();
    await hr.context.close();
  });

  it('plans, prepares privately, shares, fills the record and action plan, signs, and locks', async () => {
    const leader = await signedIn(browser, t.url, 'Ola Hansen');
    const employee = await signedIn(browser, t.url, 'Per Johansen');
    const lp = leader.page;
    const ep = employee.page;
    await shot(lp, 'mine-samtaler-leder');

    // The leader plans a medarbeidersamtale with Per from "Mitt team".
    await lp.getByRole('navigation').getByRole('link', { name: 'Mitt team' }).click();
    await lp.getByRole('heading', { name: 'Mitt team', level: 1 }).waitFor();
    await shot(lp, 'mitt-team');
    await lp.getByLabel('Medarbeider').selectOption({ label: 'Per Johansen' });
    await lp.getByLabel('Samtaletype').selectOption({ label: 'Medarbeidersamtale' });
    await lp.getByLabel('Periode').fill('2027');
    await lp.getByLabel('Dato for samtalen').fill('2027-02-01');
    await lp.getByRole('button', { name: 'Planlegg' }).click();
    await lp.getByRole('heading', { name: 'Medarbeidersamtale 2027', level: 1 }).waitFor();
    const id = new URL(lp.url()).pathname.split('/').pop()!;
    await lp.getByRole('button', { name: 'Åpne for forberedelse' }).click();
    await lp.getByText('Forberedes').first().waitFor();

    // The employee finds it in their list and writes a private reflection.
    await ep.reload();
    await ep.getByRole('link', { name: 'Medarbeidersamtale 2027' }).click();
    await ep.getByRole('heading', { name: 'Medarbeidersamtale 2027', level: 1 }).waitFor();
    await ep
      .locator('[data-field="faktor-1-refleksjon"]')
      .getByText('Privat forberedelse – bare du ser dette til du deler det')
      .waitFor();
    await fill(ep, 'faktor-1-refleksjon', REFLECTION);
    // Once there is something to share, the bar at the bottom offers it.
    await ep
      .getByRole('region', { name: 'Neste steg' })
      .getByRole('button', { name: /Del forberedelsen/ })
      .waitFor();
    await shot(ep, 'samtale-privat-forberedelse');

    // The leader cannot see it.
    await lp.reload();
    await lp.getByRole('heading', { name: 'Medarbeidersamtale 2027', level: 1 }).waitFor();
    await lp
      .locator('[data-field="faktor-1-refleksjon"]')
      .getByText('Per Johansen har ikke delt forberedelsen sin.')
      .waitFor();
    expect(await lp.content()).not.toContain(REFLECTION);

    // The employee shares; now the leader sees it.
    await ep.getByRole('button', { name: 'Del forberedelsen med Ola Hansen' }).click();
    await ep.getByRole('alertdialog').getByRole('button', { name: 'Del forberedelsen' }).click();
    await ep.getByText('Forberedelsen er delt.').waitFor();
    await lp.reload();
    await lp.locator('[data-field="faktor-1-refleksjon"]').getByText(REFLECTION).waitFor();

    // The meeting is held; both fill the shared record and the action plan.
    await lp.getByRole('button', { name: 'Marker samtalen som gjennomført' }).click();
    await lp.getByText('Gjennomført, referat pågår').first().waitFor();
    await fill(lp, 'struktur-1', 'Et godt år med nye oppgaver.');
    await ep.reload();
    await fill(ep, 'faktor-1-samtale', 'Vi ble enige om mer prosjektansvar.');
    await lp.getByRole('button', { name: 'Legg til rad' }).click();
    const goal = lp.getByLabel('Mål, Rad 1');
    await goal.waitFor();
    await goal.fill('Lede skolebibliotekprosjektet');
    await goal.blur();
    await lp.getByLabel('Hvem, Rad 1').selectOption({ label: 'Per Johansen' });
    await expect
      .poll(async () => (await t.app.deps.store.items(id)).map((i) => [i.cells.mal, i.ownerOid]))
      .toEqual([['Lede skolebibliotekprosjektet', DEMO.per]]);
    await shot(lp, 'samtale-referat');
    // A row added by mistake is removed, after asking; the page stays readable to screen readers.
    await lp.getByRole('button', { name: 'Legg til rad' }).click();
    await lp.getByLabel('Mål, Rad 2').waitFor();
    await lp.getByRole('button', { name: 'Fjern rad 2' }).click();
    await lp
      .getByRole('alertdialog', { name: 'Fjerne rad 2?' })
      .getByRole('button', { name: 'Fjern raden' })
      .click();
    await lp.getByLabel('Mål, Rad 2').waitFor({ state: 'detached' });
    await expect
      .poll(() => lp.locator('[aria-hidden="true"] main, main[aria-hidden="true"]').count())
      .toBe(0);
    await lp.getByRole('button', { name: 'Legg til rad' }).waitFor();
    expect((await t.app.deps.store.items(id)).length).toBe(1);

    // The leader sends it to signing; both sign.
    await lp.reload();
    await lp.getByRole('button', { name: 'Send til signering' }).click();
    // Sending asks first, and lists what nobody has filled in.
    const send = lp.getByRole('alertdialog', { name: 'Sende referatet til signering?' });
    await send.getByText(/Ikke fylt ut/).waitFor();
    await shot(lp, 'samtale-send-til-signering');
    await send.getByRole('button', { name: 'Send til signering' }).click();
    await lp.getByRole('heading', { name: 'Signering' }).waitFor();
    await lp
      .getByText('Referatet er sendt til signering og kan ikke endres.', { exact: false })
      .first()
      .waitFor();
    await shot(lp, 'samtale-signering');
    await lp.getByRole('button', { name: 'Signer referatet' }).first().click();
    const sign = lp.getByRole('alertdialog', { name: 'Signere referatet?' });
    await sign.getByText(/Du signerer Medarbeidersamtale 2027 med Per Johansen/).waitFor();
    await sign.getByRole('button', { name: 'Signer' }).click();
    await lp.getByText(/Ola Hansen signerte/).waitFor();
    // The employee's open page learns of the signature without a reload.
    await ep.getByText(/Ola Hansen signerte/).waitFor();
    await ep.getByRole('button', { name: 'Signer referatet' }).first().click();
    await ep.getByRole('alertdialog').getByRole('button', { name: 'Signer' }).click();
    await ep.getByText('Signert av begge og låst.').waitFor();

    // Locked: shown as such, fields read-only, and the server refuses edits.
    await lp.reload();
    await lp.getByText('Referatet er signert og låst. Ingen kan endre det.').waitFor();
    // Read-only values read as text, as they are archived: no input to type into.
    expect(await lp.locator('[data-field="struktur-1"]').getByRole('textbox').count()).toBe(0);
    expect(await lp.locator('[data-field="struktur-1"] [data-readonly]').innerText()).toContain(
      'Et godt år med nye oppgaver.',
    );
    expect(await lp.getByRole('button', { name: 'Legg til rad' }).count()).toBe(0);
    await shot(lp, 'samtale-laast');
    const refused = await lp.evaluate(async (cid) => {
      const token = sessionStorage.getItem('samtale.token');
      const r = await fetch(`/api/conversations/${cid}/answers/struktur-1`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ value: 'endret', baseVersion: 1 }),
      });
      return r.status;
    }, id);
    expect(refused).toBe(409);
    expect(['signed', 'archived']).toContain((await t.app.deps.store.conversation(id))!.status);

    // No form text was ever put in localStorage or the URL.
    for (const page of [lp, ep]) {
      const stored = await page.evaluate(
        () =>
          JSON.stringify(Object.entries(localStorage)) +
          JSON.stringify(Object.entries(sessionStorage)) +
          location.href,
      );
      expect(stored).not.toContain('motivert');
      expect(stored).not.toContain('prosjektansvar');
    }
    await leader.context.close();
    await employee.context.close();
  });

  it('shows a version conflict side by side, with both texts, and loses nothing', async () => {
    const { id } = await conversationAt(t.as, 'held', {
      leader: DEMO.ingrid,
      employee: DEMO.jonas,
      period: '2027',
    });
    const a = await signedIn(browser, t.url, 'Ingrid Berg');
    const b = await signedIn(browser, t.url, 'Jonas Nilsen');
    for (const p of [a.page, b.page]) {
      await p.goto(`${t.url}/conversations/${id}`);
      await p.getByRole('heading', { name: 'Medarbeidersamtale 2027', level: 1 }).waitFor();
    }
    // Both started from the same (empty) version; Ingrid saves first.
    await fill(a.page, 'struktur-1', 'Ingrids tekst om året som gikk.');
    const box = b.page.locator('[data-field="struktur-1"]').getByRole('textbox');
    await box.fill('Jonas sin tekst om året som gikk.');
    await box.blur();
    await b.page.getByText('Noen andre endret dette feltet samtidig').waitFor();
    expect(await b.page.getByTestId('conflict-mine').textContent()).toBe('Jonas sin tekst om året som gikk.');
    expect(await b.page.getByTestId('conflict-theirs').textContent()).toBe('Ingrids tekst om året som gikk.');
    await shot(b.page, 'samtale-konflikt');
    await b.page
      .locator('[data-field="struktur-1"]')
      .screenshot({ path: join(SCREENSHOTS, 'samtale-konflikt-felt.png') });
    await b.page.getByRole('button', { name: 'Slå sammen begge' }).click();
    await b.page
      .locator('[data-field="struktur-1"]')
      .getByRole('status')
      .filter({ hasText: 'Lagret' })
      .waitFor();
    const stored = (await t.app.deps.store.answers(id)).find((x) => x.fieldId === 'struktur-1')!;
    expect(stored.value).toBe('Ingrids tekst om året som gikk.\n\nJonas sin tekst om året som gikk.');
    await a.context.close();
    await b.context.close();
  });
});
