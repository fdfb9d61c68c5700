import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import { backends } from '../helpers/backends.ts';
import { conversationAt, path } from '../helpers/factory.ts';
import { DEMO, startTestApp, type TestApp } from '../helpers/harness.ts';

type View = ResponseOf<'getConversation'>;

/** Reads a conversation's server-sent events for a while, as the tab does (fetch with the token). */
async function listen(
  t: TestApp,
  userId: string,
  id: string,
  ms: number,
): Promise<{ status: number; events: string[] }> {
  const stop = new AbortController();
  const res = await fetch(`${t.url}${path('conversationEvents', { id })}`, {
    headers: { authorization: `Bearer ${await t.token(userId)}` },
    signal: stop.signal,
  });
  if (!res.ok || !res.body) return { status: res.status, events: [] };
  const events: string[] = [];
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  setTimeout(() => stop.abort(), ms);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const m of value.matchAll(/^event: (\w+)$/gm)) events.push(m[1]!);
    }
  } catch {
    // aborted: the time is up
  }
  return { status: res.status, events };
}

for (const backend of await backends()) {
  describe(`forms people can trust, on the server (${backend.name})`, () => {
    let t: TestApp;
    let period = 4000;
    beforeAll(async () => {
      t = await startTestApp(backend);
    });
    afterAll(() => t.close());

    it('tells open pages when the conversation changes, never another party’s private preparation', async () => {
      const { id } = await conversationAt(t.as, 'preparing', {
        templateKey: 'kontraktsamtale',
        leader: DEMO.kari,
        employee: DEMO.ola,
        period: String(period++),
      });
      const kari = await t.as(DEMO.kari);
      const ola = listen(t, DEMO.ola, id, 2500);
      const kariOwn = listen(t, DEMO.kari, id, 2500);
      await new Promise((r) => setTimeout(r, 400));
      // Kari writes her private preparation: only her own pages hear of it.
      expect(
        (
          await kari('PUT', path('saveAnswer', { id, fieldId: 'forberedelse' }), {
            value: 'Mine notater',
            baseVersion: 0,
          })
        ).status,
      ).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      expect((await ola).events).toEqual([]);
      expect((await kariOwn).events).toEqual(['changed']);
      // A shared change reaches both parties' pages within the 2 seconds the tab promises.
      const olaAgain = listen(t, DEMO.ola, id, 2000);
      await new Promise((r) => setTimeout(r, 300));
      await kari('POST', path('transitionConversation', { id }), { transition: 'hold' });
      expect((await olaAgain).events).toEqual(['changed']);
      // Someone who may not read the conversation cannot listen to it either.
      expect((await listen(t, DEMO.silje, id, 200)).status).toBe(404);
    });

    it('waits for the parties who still have preparation to write, then for the leader', async () => {
      const { id, view } = await conversationAt(t.as, 'preparing', { period: String(period++) });
      // In the 10-faktor form only the employee prepares privately.
      expect([view.nextStep, view.waitingFor.map((p) => p.name)]).toEqual(['prepare', ['Per Johansen']]);
      const per = await t.as(DEMO.per);
      await per('PUT', path('saveAnswer', { id, fieldId: 'faktor-1-refleksjon' }), {
        value: 'Notat',
        baseVersion: 0,
      });
      const after = (await per<View>('GET', path('getConversation', { id }))).body;
      expect([after.nextStep, after.waitingFor.map((p) => p.name)]).toEqual([
        'hold-conversation',
        ['Ola Hansen'],
      ]);
    });

    it('cancelling can be undone, unless another conversation of the kind was planned since', async () => {
      const p = String(period++);
      const { id } = await conversationAt(t.as, 'preparing', { period: p });
      const ola = await t.as(DEMO.ola);
      expect(
        (await ola<View>('POST', path('transitionConversation', { id }), { transition: 'cancel' })).status,
      ).toBe(200);
      const cancelled = (await ola<View>('GET', path('getConversation', { id }))).body;
      expect([cancelled.status, cancelled.canTransition]).toEqual(['cancelled', ['restore']]);
      expect(
        (await ola('POST', path('transitionConversation', { id }), { transition: 'restore' })).status,
      ).toBe(200);
      expect((await ola<View>('GET', path('getConversation', { id }))).body.status).toBe('preparing');

      await ola('POST', path('transitionConversation', { id }), { transition: 'cancel' });
      await conversationAt(t.as, 'planned', { period: p });
      const refused = await ola('POST', path('transitionConversation', { id }), { transition: 'restore' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ error: { code: 'CONVERSATION_EXISTS' } });
    });

    it('keeps every follow-up update of an item: my list shows it with due date, overdue and history', async () => {
      const made = await conversationAt(t.as, 'signed', {
        period: String(period++),
        items: [
          { fieldId: 'handlingsplan', cells: { mal: 'Gammelt mål', hvem: DEMO.per, nar: '2020-01-31' } },
          { fieldId: 'handlingsplan', cells: { mal: 'Nytt mål', hvem: DEMO.per, nar: '2099-12-31' } },
        ],
      });
      const per = await t.as(DEMO.per);
      const [old] = made.items;
      const first = await per<ResponseOf<'recordFollowUp'>>('POST', path('recordFollowUp', { id: old!.id }), {
        status: 'partly',
        comment: 'Halvveis',
        baseVersion: old!.version,
      });
      await per('POST', path('recordFollowUp', { id: old!.id }), {
        status: 'not_yet',
        comment: null,
        baseVersion: first.body.version,
      });
      const mine = (await per<ResponseOf<'listMyFollowUp'>>('GET', path('listMyFollowUp'))).body.items.filter(
        (i) => i.conversationId === made.id,
      );
      const byTitle = Object.fromEntries(mine.map((i) => [i.title, i]));
      expect(byTitle['Gammelt mål']).toMatchObject({ overdue: true, status: 'not_yet', due: '2020-01-31' });
      expect(byTitle['Gammelt mål']!.history.map((h) => [h.status, h.comment, h.by])).toEqual([
        ['partly', 'Halvveis', 'Per Johansen'],
        ['not_yet', null, 'Per Johansen'],
      ]);
      expect(byTitle['Nytt mål']).toMatchObject({ overdue: false, history: [] });
      // Ola is not the owner: his list holds none of these.
      const ola = await t.as(DEMO.ola);
      expect(
        (await ola<ResponseOf<'listMyFollowUp'>>('GET', path('listMyFollowUp'))).body.items.filter(
          (i) => i.conversationId === made.id,
        ),
      ).toEqual([]);
    });

    it('last period’s items are assessed one by one, as the field’s answer', async () => {
      const last = await conversationAt(t.as, 'signed', {
        period: String(period),
        items: [{ fieldId: 'handlingsplan', cells: { mal: 'Fjorårets mål', hvem: DEMO.per } }],
      });
      const { id, view } = await conversationAt(t.as, 'held', { period: String(period + 1) });
      period += 2;
      const previous = view.sections.flatMap((s) => s.fields).find((f) => f.id === 'handlingsplan-forrige')!;
      expect(previous.previous!.items.map((i) => i.cells.mal)).toEqual(['Fjorårets mål']);
      expect(previous.editable).toBe(true);
      const ola = await t.as(DEMO.ola);
      const itemId = last.items[0]!.id;
      const saved = await ola('PUT', path('saveAnswer', { id, fieldId: 'handlingsplan-forrige' }), {
        value: { [itemId]: 'Godt gjennomført' },
        baseVersion: 0,
      });
      expect(saved.status).toBe(200);
      const bad = await ola('PUT', path('saveAnswer', { id, fieldId: 'handlingsplan-forrige' }), {
        value: { 'not-an-item': 'x' },
        baseVersion: 1,
      });
      expect(bad.body).toMatchObject({ error: { code: 'ANSWER_INVALID' } });
      // The employee reads the assessment; only the leader writes it.
      const per = await t.as(DEMO.per);
      const seen = (await per<View>('GET', path('getConversation', { id }))).body.sections
        .flatMap((s) => s.fields)
        .find((f) => f.id === 'handlingsplan-forrige')!;
      expect([seen.editable, seen.answers.shared?.value]).toEqual([false, { [itemId]: 'Godt gjennomført' }]);
    });

    it('serves the tab compressed, and an unknown page as 404 inside the tab', async () => {
      const assets = join(import.meta.dirname, '..', '..', 'tab', 'dist', 'assets');
      const script = readdirSync(assets).find((f) => f.endsWith('.js'))!;
      const br = await fetch(`${t.url}/assets/${script}`, { headers: { 'accept-encoding': 'br, gzip' } });
      expect([br.status, br.headers.get('content-encoding'), br.headers.get('vary')]).toEqual([
        200,
        'br',
        'Accept-Encoding',
      ]);
      expect((await br.text()).length).toBeGreaterThan(0);
      const gz = await fetch(`${t.url}/assets/${script}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      const plain = await fetch(`${t.url}/assets/${script}`, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers.get('content-encoding')).toBeNull();
      const missing = await fetch(`${t.url}/finnes-ikke`, { headers: { accept: 'text/html' } });
      expect([missing.status, missing.headers.get('content-type')]).toEqual([
        404,
        'text/html; charset=utf-8',
      ]);
      expect(await missing.text()).toContain('<div id="root">');
      // The manifest's privacy and terms links answer (the tab shows them without signing in).
      for (const page of ['/follow-up', '/personvern', '/vilkar'])
        expect((await fetch(`${t.url}${page}`, { headers: { accept: 'text/html' } })).status, page).toBe(200);
      expect((await fetch(`${t.url}/assets/../../package.json`)).status).toBe(404);
    });
  });
}
