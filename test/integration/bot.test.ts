import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.ts';
import { conversationAt, path } from '../helpers/factory.ts';
import { cardProblems } from '../helpers/cards.ts';
import { DEMO, DEMO_TENANT_ID, startTestApp, type TestApp } from '../helpers/harness.ts';
import { startBotConnectorFake, type BotConnectorFake } from '../fakes/bot-connector.ts';
import { personalChat } from '../helpers/personal-chat.ts';
import { sendReminder } from '../../src/usecases/send-reminder.ts';
import { sweepReminders } from '../../src/usecases/sweep-reminders.ts';

type Card = { type: string; body: unknown[]; actions?: { type: string; verb?: string }[] };
const cardOf = (a: Record<string, unknown>) =>
  ((a.attachments as { content: Card }[] | undefined) ?? [])[0]?.content;

for (const backend of await backends()) {
  describe(`the bot at /api/messages (Agents SDK; Bot Connector fake; ${backend.name})`, () => {
    let t: TestApp;
    let connector: BotConnectorFake;
    // A Wednesday at 10:00 in Oslo: inside the sending window.
    let now = new Date('2026-12-02T09:00:00Z');
    beforeAll(async () => {
      connector = await startBotConnectorFake();
      t = await startTestApp(backend, {}, { clock: { now: () => now } });
    });
    afterAll(async () => {
      await t?.close();
      await connector?.close();
    });

    const { chat, activity, post, execute } = personalChat(() => ({
      app: t.url,
      serviceUrl: connector.serviceUrl,
    }));
    const sentTo = (oid: string) => connector.received.filter((r) => r.conversationId === chat(oid));
    const install = (oid: string) => post(activity(oid, { type: 'installationUpdate', action: 'add' }));
    /** A click on a card's Action.Execute, as Teams invokes the bot. */

    it('greets a user once on install, stores the chat, and forgets it on uninstall', async () => {
      expect((await install(DEMO.per)).status).toBe(200);
      expect(sentTo(DEMO.per)).toHaveLength(1);
      const welcome = cardOf(sentTo(DEMO.per)[0]!.activity)!;
      expect(cardProblems(welcome)).toEqual([]);
      expect(JSON.stringify(welcome)).toContain('Velkommen til Samtale');
      await install(DEMO.per);
      expect(sentTo(DEMO.per)).toHaveLength(1);
      expect(await t.app.bot.store.reference(DEMO_TENANT_ID, DEMO.per)).toMatchObject({
        conversationId: chat(DEMO.per),
        serviceUrl: connector.serviceUrl,
        userId: `29:${DEMO.per}`,
      });
      await post(activity(DEMO.jonas, { type: 'installationUpdate', action: 'add' }));
      await post(activity(DEMO.jonas, { type: 'installationUpdate', action: 'remove' }));
      expect(await t.app.bot.store.reference(DEMO_TENANT_ID, DEMO.jonas)).toBeUndefined();
    });

    it('answers hjelp, mine samtaler and oppfølging with cards, in bokmål or English', async () => {
      await install(DEMO.ola);
      const before = sentTo(DEMO.ola).length;
      await post(activity(DEMO.ola, { type: 'message', text: 'hjelp' }));
      await post(activity(DEMO.ola, { type: 'message', text: 'Mine samtaler' }));
      await post(activity(DEMO.ola, { type: 'message', text: 'follow-up', locale: 'en-GB' }));
      await post(activity(DEMO.ola, { type: 'message', text: 'hva?' }));
      const cards = sentTo(DEMO.ola)
        .slice(before)
        .map((r) => cardOf(r.activity)!);
      expect(cards).toHaveLength(4);
      for (const c of cards) expect(cardProblems(c)).toEqual([]);
      expect(JSON.stringify(cards[0])).toContain('mine samtaler');
      expect(JSON.stringify(cards[1])).toContain('Per'); // Ola's conversation with Per
      expect(JSON.stringify(cards[2])).toContain('Record status');
      expect(JSON.stringify(cards[3])).toContain('hjelp');
    });

    it('a client without Universal Actions sends the fallback (Action.Submit) and gets the answer as a card', async () => {
      await install(DEMO.ingrid);
      let before = sentTo(DEMO.ingrid).length;
      // The fallback's value is the card's data flat, with the verb beside it.
      await post(activity(DEMO.ingrid, { type: 'message', value: { verb: 'help.show' } }));
      const help = sentTo(DEMO.ingrid).slice(before);
      expect(help).toHaveLength(1);
      expect(JSON.stringify(cardOf(help[0]!.activity))).toContain('mine samtaler');

      await post(activity(DEMO.ingrid, { type: 'message', text: 'oppfølging' }));
      const card = JSON.stringify(cardOf(sentTo(DEMO.ingrid).at(-1)!.activity));
      const [statusId, itemId] = /status:([0-9a-f-]{36}):\d+:[a-z_]+/.exec(card) ?? [];
      before = sentTo(DEMO.ingrid).length;
      await post(
        activity(DEMO.ingrid, { type: 'message', value: { verb: 'followUp.save', [statusId!]: 'partly' } }),
      );
      expect(sentTo(DEMO.ingrid).slice(before)).toHaveLength(1);
      expect((await t.app.deps.store.item(itemId!))!.status).toBe('partly');
      // Put back for the tests after this one.
      const item = (await t.app.deps.store.item(itemId!))!;
      await t.app.deps.store.updateItemStatus({
        id: item.id,
        status: 'open',
        comment: item.statusComment,
        by: DEMO.ingrid,
        at: new Date().toISOString(),
        baseVersion: item.version,
      });
    });

    it('records follow-up status from the card in place; the owner only, whatever the card data says', async () => {
      await install(DEMO.ingrid);
      const before = sentTo(DEMO.ingrid).length;
      await post(activity(DEMO.ingrid, { type: 'message', text: 'oppfølging' }));
      const card = JSON.stringify(cardOf(sentTo(DEMO.ingrid)[before]!.activity));
      // The inputs' ids name what the card showed: the item, its version and status, its comment.
      const [statusId, itemId] = /status:([0-9a-f-]{36}):\d+:[a-z_]+/.exec(card) ?? [];
      const [commentId] = new RegExp(`comment:${itemId}:\\d+:[0-9a-f-]+`).exec(card) ?? [];
      expect(itemId).toBeDefined();
      expect(commentId).toBeDefined();
      expect(card).toContain('Innføre månedlige resultatmøter i hver enhet.');

      // Silje presents Ingrid's item with Ingrid's id in the data: refused, nothing stored.
      const forged = await execute(DEMO.silje, 'followUp.save', {
        actorOid: DEMO.ingrid,
        [statusId!]: 'achieved',
      });
      expect(forged.status).toBe(200);
      expect((forged.body as { statusCode: number }).statusCode).toBe(400);
      expect((await t.app.deps.store.item(itemId!))!.status).toBe('open');

      // A comment the archive copy could not print is refused in Ingrid's language, naming it.
      const unprintable = await execute(DEMO.ingrid, 'followUp.save', {
        [statusId!]: 'partly',
        [commentId!]: 'Møte med 王芳',
      });
      const refusal = unprintable.body as { statusCode: number; value: { code: string; message: string } };
      expect(refusal.statusCode).toBe(400);
      expect(refusal.value.code).toBe('TEXT_NOT_PRINTABLE');
      expect(refusal.value.message).toContain(
        'Teksten inneholder tegn som arkivkopien ikke kan skrive ut: «王», «芳».',
      );
      expect((await t.app.deps.store.item(itemId!))!.status).toBe('open');

      const res = await execute(DEMO.ingrid, 'followUp.save', {
        [statusId!]: 'partly',
        [commentId!]: 'Startet i tre av fem enheter',
      });
      const body = res.body as { statusCode: number; type: string; value: Card };
      expect(body.statusCode).toBe(200);
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardProblems(body.value)).toEqual([]);
      expect(JSON.stringify(body.value)).toContain('Lagret.');
      expect(JSON.stringify(body.value)).toContain('Status: Delvis');
      expect(JSON.stringify(body.value)).toContain('"value":"Startet i tre av fem enheter"');
      expect(await t.app.deps.store.item(itemId!)).toMatchObject({
        status: 'partly',
        statusComment: 'Startet i tre av fem enheter',
      });
    });

    it('saving one of three items leaves the other two untouched; a comment alone is saved', async () => {
      const comment = 'Vi har hatt tre samlinger og planlegger to til. '.repeat(26).slice(0, 1247);
      const made = await conversationAt(t.as, 'signed', {
        leader: DEMO.ola,
        employee: DEMO.per,
        period: '2031',
        items: ['Første mål', 'Andre mål', 'Tredje mål'].map((mal) => ({
          fieldId: 'handlingsplan',
          cells: { mal, hvem: DEMO.per },
        })),
      });
      const [first, second, third] = made.items;
      const per = await t.as(DEMO.per);
      await per('POST', path('recordFollowUp', { id: first!.id }), {
        status: 'partly',
        comment,
        baseVersion: first!.version,
      });
      const versions = async () =>
        Promise.all(made.items.map(async (i) => (await t.app.deps.store.item(i.id))!));
      const before = await versions();

      await install(DEMO.per);
      const sent = sentTo(DEMO.per).length;
      await post(activity(DEMO.per, { type: 'message', text: 'oppfølging' }));
      const card = cardOf(sentTo(DEMO.per)[sent]!.activity)!;
      const save = (data: Record<string, string>) =>
        post(
          activity(DEMO.per, {
            type: 'invoke',
            name: 'adaptiveCard/action',
            value: { action: { type: 'Action.Execute', verb: 'followUp.save', data } },
          }),
        );
      /** What Teams submits for a card: every input, with what it shows; then the person's edits. */
      const submit = (shown: unknown, edits: [string, 'status' | 'comment', string][]) => {
        const data: Record<string, string> = {};
        const walk = (node: unknown): void => {
          if (Array.isArray(node)) node.forEach(walk);
          else if (typeof node === 'object' && node !== null) {
            const n = node as Record<string, unknown>;
            if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string')
              data[n.id] = typeof n.value === 'string' ? n.value : '';
            Object.values(n).forEach(walk);
          }
        };
        walk(shown);
        const ids = Object.keys(data);
        const set = (itemId: string, kind: string, value: string) => {
          for (const k of ids.filter((k) => k.startsWith(`${kind}:${itemId}:`))) data[k] = value;
        };
        for (const [itemId, kind, value] of edits) set(itemId, kind, value);
        return save(data);
      };
      // Per changes the third item only.
      const reply1 = await submit(card, [[third!.id, 'status', 'achieved']]);
      const fresh = (reply1.body as { statusCode: number; value: unknown }).value;
      expect((reply1.body as { statusCode: number }).statusCode).toBe(200);
      const after = await versions();
      expect(after[0]).toMatchObject({
        version: before[0]!.version,
        statusComment: comment,
        status: 'partly',
      });
      expect(after[1]).toMatchObject({ version: before[1]!.version, status: 'open' });
      expect(after[2]).toMatchObject({ version: before[2]!.version + 1, status: 'achieved' });

      // A comment alone, on an item with no status yet: saved, the status kept.
      const reply = await submit(fresh, [[second!.id, 'comment', 'Ikke startet ennå, venter på budsjett']]);
      expect(JSON.stringify(reply.body)).toContain('Lagret.');
      expect(await t.app.deps.store.item(second!.id)).toMatchObject({
        status: 'open',
        statusComment: 'Ikke startet ennå, venter på budsjett',
      });
      expect((await t.app.deps.store.item(first!.id))!.version).toBe(before[0]!.version);
    });

    it("'Registrer status' on a reminder keeps the reminder and answers with a new card", async () => {
      await install(DEMO.per);
      const sent = sentTo(DEMO.per).length;
      const res = await execute(DEMO.per, 'followUp.show', { keep: 1 });
      const body = res.body as { statusCode: number; type: string; value: unknown };
      // A message acknowledgement, not a card: Teams leaves the reminder as it was.
      expect(body).toMatchObject({
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: 'Oppfølgingspunktene dine står i meldingen nedenfor.',
      });
      const added = sentTo(DEMO.per).slice(sent);
      expect(added).toHaveLength(1);
      expect(JSON.stringify(cardOf(added[0]!.activity))).toContain('Registrer status');
    });

    it('"mine mål" lists the goals I am responsible for; a report sent from the card is stored', async () => {
      await install(DEMO.per);
      const before = sentTo(DEMO.per).length;
      await post(activity(DEMO.per, { type: 'message', text: 'mine mål' }));
      const goalsCard = cardOf(sentTo(DEMO.per)[before]!.activity)!;
      const text = JSON.stringify(goalsCard);
      expect(cardProblems(goalsCard)).toEqual([]);
      expect(text).toContain('Mine mål i virksomhetsplanen');
      expect(text).toContain('Alle skoler har oppdaterte planer for et trygt og godt skolemiljø');
      expect(text).toContain('Sist rapportert 3. kvartal 2026');
      // The inputs are for the running quarter; only the status is chosen, the rest left empty (not sent).
      const [statusId, goalId] = /report:([0-9a-f-]{36}):2026-Q4:status/.exec(text) ?? [];
      expect(goalId).toBeDefined();
      const res = await execute(DEMO.per, 'planGoals.report', {
        [statusId!]: 'reached',
        [`report:${goalId}:2026-Q4:measured`]: 100,
      });
      const body = res.body as { statusCode: number; value: Card };
      expect(body.statusCode).toBe(200);
      expect(JSON.stringify(body.value)).toContain('Lagret.');
      const per = await t.as(DEMO.per);
      const reports = (await t.app.deps.store.plans.reports([goalId!])).filter((r) => r.period === '2026-Q4');
      expect(reports).toMatchObject([{ status: 'reached', measured: 100, byOid: DEMO.per }]);
      // Silje cannot report on Per's goal by forging the card's data: her card has no such goal.
      await install(DEMO.silje);
      const forged = await execute(DEMO.silje, 'planGoals.report', { [statusId!]: 'not_reached' });
      expect(JSON.stringify(forged.body)).toContain('Ingenting å lagre');
      expect(
        (await t.app.deps.store.plans.reports([goalId!])).find((r) => r.period === '2026-Q4')?.status,
      ).toBe('reached');
      expect((await per('GET', path('listPlans'))).status).toBe(200);
    });

    it('sends each due reminder once, bundled per person, and only inside the sending window', async () => {
      // Ola plans a conversation with Per on Friday: two working days ahead, so both are reminded now.
      const ola = await t.as(DEMO.ola);
      const planned = await ola<{ id: string }>('POST', '/api/conversations', {
        templateKey: 'medarbeidersamtale-10-faktor',
        employeeOid: DEMO.per,
        period: '2027',
        scheduledAt: '2026-12-04',
      });
      expect(planned.status).toBe(201);
      const perBefore = sentTo(DEMO.per).length;
      // One person per batch: the conversation is read in Ola's batch and in Per's, and each gets theirs once.
      const ids = await sweepReminders(t.app.deps, t.app.bot, { batch: 1 });
      expect(ids).toEqual(
        expect.arrayContaining([expect.stringContaining(DEMO.ola), expect.stringContaining(DEMO.per)]),
      );
      expect(await sweepReminders(t.app.deps, t.app.bot)).toEqual([]);
      expect(ids.length).toBeGreaterThanOrEqual(2);
      // The same bundle sent by two jobs at once goes out once.
      for (const id of ids) {
        const both = await Promise.allSettled([
          sendReminder(t.app.deps, t.app.bot, id),
          sendReminder(t.app.deps, t.app.bot, id),
        ]);
        // One sends; the other finds it done, or in progress and asks to be retried (which then skips).
        expect(both.filter((r) => r.status === 'fulfilled' && r.value === 'sent')).toHaveLength(1);
        expect(await sendReminder(t.app.deps, t.app.bot, id)).toBe('skipped');
      }
      for (const id of ids) expect((await t.app.bot.store.outbox(id))!.status).toBe('sent');
      const toPer = sentTo(DEMO.per)
        .slice(perBefore)
        .map((r) => JSON.stringify(cardOf(r.activity)));
      expect(toPer).toHaveLength(1);
      expect(toPer[0]).toContain('Påminnelse fra Samtale');
      expect(toPer[0]).toContain(`/conversations/${planned.body.id}`);
      expect(toPer[0]).toContain('4. desember 2026');
      // Outside the window nothing is recorded; the next window day catches up.
      now = new Date('2026-12-05T10:00:00Z'); // Saturday
      expect(await sweepReminders(t.app.deps, t.app.bot)).toEqual([]);
      now = new Date('2026-12-02T09:00:00Z');
    });

    it("before an HR round's deadline, a leader is nudged about direct reports in its scope without a conversation", async () => {
      now = new Date('2026-12-03T09:00:00Z');
      const hr = await t.as(DEMO.hilde);
      // Helse's employees (not its leader): Ahmed and Marte have a 10-faktor conversation for 2026, Jonas none.
      const round = await hr<{ round: { id: string } }>('POST', path('createRound'), {
        templateKey: 'medarbeidersamtale-10-faktor',
        period: '2026',
        deadline: '2026-12-15',
        unitIds: ['helse'],
        people: [DEMO.ahmed, DEMO.marte, DEMO.jonas],
      });
      expect(round.status).toBe(201);
      try {
        const ids = await sweepReminders(t.app.deps, t.app.bot, { batch: 2 });
        const ingrid = ids.find((id) => id.includes(DEMO.ingrid));
        expect(ingrid).toBeDefined();
        const nudge = (await t.app.bot.store.outbox(ingrid!))!.messages.find((m) => m.kind === 'cycle-nudge');
        expect(nudge).toMatchObject({
          recipientOid: DEMO.ingrid,
          subject: round.body.round.id,
          period: '2026',
          date: '2026-12-15',
          count: 1,
        });
        const card = JSON.stringify(t.app.bot.renderReminder([nudge!], 'nb').card);
        expect(card).toContain('1 av dine direkte underordnede har ingen medarbeidersamtale');
        expect(card).toContain('15. desember 2026');
        // Ola leads nobody in the round's scope: no nudge for him.
        const ola = ids.find((id) => id.includes(DEMO.ola));
        const olaNudge =
          ola && (await t.app.bot.store.outbox(ola))!.messages.find((m) => m.kind === 'cycle-nudge');
        expect(olaNudge).toBeFalsy();
      } finally {
        await hr('DELETE', path('deleteRound', { id: round.body.round.id }));
        now = new Date('2026-12-02T09:00:00Z');
      }
    });

    it('a user who removed the app (403) is flagged for HR and not retried', async () => {
      await install(DEMO.marte);
      connector.blocked.set(chat(DEMO.marte), 403);
      const day = '2026-12-02';
      const id = `${DEMO_TENANT_ID}:${DEMO.marte}:${day}`;
      await t.app.bot.store.addToOutbox(
        {
          id,
          tid: DEMO_TENANT_ID,
          recipientOid: DEMO.marte,
          day,
          messages: [
            {
              kind: 'follow-up',
              key: `follow-up:${DEMO.marte}:2026-Q4:${DEMO.marte}`,
              tid: DEMO_TENANT_ID,
              recipientOid: DEMO.marte,
              subject: DEMO.marte,
              period: '2026-Q4',
              date: null,
              count: 1,
              role: null,
              templateKey: null,
            },
          ],
        },
        now.toISOString(),
      );
      expect(await sendReminder(t.app.deps, t.app.bot, id)).toBe('unreachable');
      expect((await t.app.bot.store.outbox(id))!.status).toBe('undeliverable');
      expect((await t.app.bot.store.unreachable(DEMO_TENANT_ID)).map((r) => r.oid)).toContain(DEMO.marte);
      // HR sees who can no longer be reached; nobody else may ask.
      const hr = await (
        await t.as(DEMO.hilde)
      )<{ oid: string; name: string; reason: string }[]>('GET', '/api/hr/unreachable');
      expect(hr.status).toBe(200);
      expect(hr.body.find((p) => p.oid === DEMO.marte)?.reason).toContain('403');
      expect((await (await t.as(DEMO.per))('GET', '/api/hr/unreachable')).status).toBe(403);
    });
  });
}
