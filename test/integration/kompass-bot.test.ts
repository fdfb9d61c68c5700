// Kommunekompasset's input through the bot at /api/messages, on PGlite and PostgreSQL: Anne starts a
// round, asks five employees and opens it for input; the sweep asks each of them once; they answer area
// by area from the cards (Action.Execute invokes, as Teams sends them); a missing rating brings the
// card back with what was chosen kept; someone not asked gets a polite card; from five answers the
// group's input shows, and no stored answer holds a person.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import type { DueMessage } from '../../src/domain/reminders.ts';
import { KOMPASS_AREAS } from '../../src/domain/templates/kommunekompass.ts';
import { sweepReminders } from '../../src/usecases/sweep-reminders.ts';
import { startBotConnectorFake, type BotConnectorFake } from '../fakes/bot-connector.ts';
import { backends } from '../helpers/backends.ts';
import { personalChat } from '../helpers/personal-chat.ts';
import { cardProblems } from '../helpers/cards.ts';
import { path } from '../helpers/factory.ts';
import { DEMO, startTestApp, type Client, type TestApp } from '../helpers/harness.ts';

type Round = ResponseOf<'getKompassRound'>;
type Card = { type: string; body: unknown[]; actions?: { type: string; verb?: string; data?: unknown }[] };
type Invoked = { statusCode: number; type: string; value: Card & string };

const EMPLOYEES = [DEMO.per, DEMO.silje, DEMO.ahmed, DEMO.marte, DEMO.jonas];

for (const backend of await backends()) {
  describe(`Kommunekompasset's input in the personal chat (Bot Connector fake; ${backend.name})`, () => {
    let t: TestApp;
    let connector: BotConnectorFake;
    let anne: Client;
    let round: Round;
    // A Wednesday at 10:00 in Oslo: inside the sending window.
    let now = new Date('2026-12-02T09:00:00Z');

    beforeAll(async () => {
      connector = await startBotConnectorFake();
      t = await startTestApp(backend, {}, { clock: { now: () => now } });
      anne = await t.as(DEMO.anne);
    });
    afterAll(async () => {
      await t?.close();
      await connector?.close();
    });

    const {
      chat,
      activity,
      post: postAs,
      execute: executeAs,
    } = personalChat(() => ({
      app: t.url,
      serviceUrl: connector.serviceUrl,
    }));
    const post = async (body: unknown) => {
      const res = await postAs(body);
      return { status: res.status, body: res.body as Invoked | null };
    };
    const install = (oid: string) => post(activity(oid, { type: 'installationUpdate', action: 'add' }));
    /** A click on a card's Action.Execute, as Teams invokes the bot; the card comes back in place. */
    const execute = async (oid: string, verb: string, data: Record<string, unknown>) => {
      const res = await executeAs(oid, verb, data);
      expect(res.status).toBe(200);
      return res.body as Invoked;
    };
    const cardFrom = async (oid: string, verb: string, data: Record<string, unknown>) => {
      const body = await execute(oid, verb, data);
      expect(body.statusCode, JSON.stringify(body)).toBe(200);
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardProblems(body.value)).toEqual([]);
      return body.value;
    };
    /** The inputs a card shows, by id, with the value each holds. */
    const inputsOf = (card: unknown) => {
      const out: Record<string, unknown> = {};
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          const n = node as Record<string, unknown>;
          if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string')
            out[n.id] = n.value;
          Object.values(n).forEach(walk);
        }
      };
      walk(card);
      return out;
    };
    /** What Teams sends for "Send svaret": the action's data, and every input with a value. */
    const answer = (card: Card, ratings: (number | null)[], text = '') => {
      const action = card.actions?.find((a) => a.verb === 'kompass.input.answer');
      expect(action).toBeDefined();
      const ids = Object.keys(inputsOf(card)).filter((id) => id.startsWith('kompass:rating:'));
      expect(ids).toHaveLength(ratings.length);
      const data: Record<string, unknown> = { ...(action!.data as object), 'kompass:text': text };
      ids.forEach((id, i) => {
        if (ratings[i] !== null) data[id] = String(ratings[i]);
      });
      return data;
    };
    const areaOf = (card: Card) =>
      /"text":"(\d)\. [^"]+","wrap":true,"weight":"Bolder","size":"Medium"/.exec(JSON.stringify(card))?.[1];
    const ratingsFor = (area: number, r: number) =>
      KOMPASS_AREAS.find((a) => a.number === area)!.subAreas.map(() => r);
    /** Every message of a kind about the round in the outbox, whoever swept it (this test or the job). */
    const outboxed = async (kind: DueMessage['kind']) =>
      (await t.app.db.query<{ messages: DueMessage[] }>('select messages from outbox'))
        .flatMap((r) => r.messages)
        .filter((m) => m.kind === kind && m.subject === round.id);

    it('Anne starts a round, asks five employees and opens it; the sweep asks each of them once', async () => {
      const started = await anne<Round>('POST', path('startKompassRound'), {
        year: 2026,
        assessors: [DEMO.kari],
      });
      expect(started.status).toBe(201);
      const invited = await anne<Round>('POST', path('inviteRespondents', { id: started.body.id }), {
        group: 'employees',
        people: EMPLOYEES,
      });
      expect(invited.status).toBe(200);
      const opened = await anne<Round>('POST', path('transitionKompassRound', { id: started.body.id }), {
        transition: 'open-input',
        baseVersion: invited.body.version,
      });
      expect(opened.status).toBe(200);
      round = opened.body;
      expect(round.status).toBe('input');

      for (const oid of [...EMPLOYEES, DEMO.ola]) expect((await install(oid)).status).toBe(200);
      await sweepReminders(t.app.deps, t.app.bot);
      await sweepReminders(t.app.deps, t.app.bot);
      const asked = await outboxed('kompass-input');
      expect(asked.map((m) => m.recipientOid).sort()).toEqual([...EMPLOYEES].sort());
      for (const m of asked)
        expect(m).toMatchObject({
          key: `kompass-input:${round.id}:${m.recipientOid}`,
          period: '2026',
          count: KOMPASS_AREAS.length,
        });
      // The next working day nothing is asked again, and no reminder is due yet.
      now = new Date('2026-12-03T09:00:00Z');
      await sweepReminders(t.app.deps, t.app.bot);
      expect(await outboxed('kompass-input')).toHaveLength(EMPLOYEES.length);
      expect(await outboxed('kompass-input-reminder')).toEqual([]);
      now = new Date('2026-12-02T09:00:00Z');

      // As the reminder reads: asked for input, anonymous, with "Svar nå" for this round.
      const card = t.app.bot.renderReminder(
        asked.filter((m) => m.recipientOid === DEMO.per),
        'nb',
      ).card as Card;
      expect(cardProblems(card)).toEqual([]);
      const json = JSON.stringify(card);
      expect(json).toContain('Kommunekompasset 2026: Vi ber om innspillet ditt');
      expect(json).toContain('Svarene er anonyme og vises bare når minst 5 fra gruppen har svart.');
      expect(card.actions).toContainEqual(
        expect.objectContaining({ verb: 'kompass.input.show', data: { roundId: round.id, keep: 1 } }),
      );
    });

    it('"Svar nå" on the reminder keeps it and brings area 1 as a new card; Per answers it and gets area 2', async () => {
      const sent = connector.received.filter((r) => r.conversationId === chat(DEMO.per)).length;
      const ack = await execute(DEMO.per, 'kompass.input.show', { roundId: round.id, keep: 1 });
      expect(ack).toMatchObject({
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: 'Spørsmålene står i meldingen nedenfor.',
      });
      const added = connector.received.filter((r) => r.conversationId === chat(DEMO.per)).slice(sent);
      expect(added).toHaveLength(1);
      const first = (added[0]!.activity.attachments as { content: Card }[])[0]!.content;
      expect(cardProblems(first)).toEqual([]);
      expect(areaOf(first)).toBe('1');
      const json = JSON.stringify(first);
      expect(json).toContain('"label":"Strategi for kommunikasjon og demokratiutvikling"');
      expect(json).toContain('"title":"1 – Helt uenig"');
      expect(json).toContain('Vil du legge til noe?');
      expect(json).toContain(
        'Svaret lagres uten navnet ditt og leses som det står. Ikke skriv noe som avslører hvem du er.',
      );

      // The card's data names only the round and the area; who answers comes from the activity.
      const next = await cardFrom(
        DEMO.per,
        'kompass.input.answer',
        answer(first, [4, 3, 5, 2, 4], 'SVAR-per'),
      );
      expect(areaOf(next)).toBe('2');
      expect(JSON.stringify(next)).toContain('Takk! Svaret ditt på område 1 er lagret.');
      expect(JSON.stringify(next)).toContain('"label":"Strategisk fokus"');
      // Area 1 sent again (a second click, another device): no error, on to area 2.
      const again = await cardFrom(DEMO.per, 'kompass.input.answer', answer(first, [1, 1, 1, 1, 1]));
      expect(areaOf(again)).toBe('2');
      expect(JSON.stringify(again)).not.toContain('lagret');
      // "Svar nå" once more: the first area not answered.
      expect(areaOf(await cardFrom(DEMO.per, 'kompass.input.show', { roundId: round.id }))).toBe('2');
    });

    it('a missing rating brings the same card back, saying so, with the chosen values and the text kept', async () => {
      const card = await cardFrom(DEMO.per, 'kompass.input.show', { roundId: round.id });
      expect(areaOf(card)).toBe('2');
      const data = answer(card, [4, null, 2, 5], 'Mer samarbeid med næringslivet');
      const back = await cardFrom(DEMO.per, 'kompass.input.answer', data);
      expect(areaOf(back)).toBe('2');
      const json = JSON.stringify(back);
      expect(json).toContain(
        'Du har ikke svart på 1 påstand. Velg hvor enig du er i hver påstand før du sender.',
      );
      expect(inputsOf(back)).toEqual({
        'kompass:rating:2.1': '4',
        'kompass:rating:2.2': undefined,
        'kompass:rating:2.3': '2',
        'kompass:rating:2.4': '5',
        'kompass:text': 'Mer samarbeid med næringslivet',
      });
      // Nothing was stored for area 2.
      expect(
        (await t.app.db.query('select 1 from kompass_responses where round_id = $1 and area = 2', [round.id]))
          .length,
      ).toBe(0);
    });

    it('someone not asked gets a polite card, whatever the card data says; so does a round that is not there', async () => {
      for (const [verb, data] of [
        ['kompass.input.show', { roundId: round.id }],
        ['kompass.input.answer', { roundId: round.id, area: 1, 'kompass:rating:1.1': '5' }],
        ['kompass.input.show', { roundId: 'not-a-round' }],
        ['kompass.input.show', { roundId: randomUUID() }],
        ['kompass.input.show', {}],
      ] as const) {
        const card = await cardFrom(DEMO.ola, verb, data);
        expect(JSON.stringify(card), verb).toContain(
          'Du er ikke bedt om å gi innspill til denne runden av Kommunekompasset.',
        );
      }
      // Per's card with Ola's id in it still answers for Ola, who was not asked: nothing is stored.
      const forged = await cardFrom(DEMO.ola, 'kompass.input.answer', {
        roundId: round.id,
        area: 3,
        actorOid: DEMO.per,
        ...Object.fromEntries(['3.1', '3.2', '3.3', '3.4'].map((c) => [`kompass:rating:${c}`, '5'])),
      });
      expect(JSON.stringify(forged)).toContain('Du er ikke bedt om');
      expect(
        (await t.app.db.query('select 1 from kompass_responses where round_id = $1 and area = 3', [round.id]))
          .length,
      ).toBe(0);
    });

    it('Silje answers every area, one card after the other, and is thanked', async () => {
      let card = await cardFrom(DEMO.silje, 'kompass.input.show', { roundId: round.id });
      for (const area of KOMPASS_AREAS) {
        expect(areaOf(card)).toBe(String(area.number));
        card = await cardFrom(DEMO.silje, 'kompass.input.answer', answer(card, ratingsFor(area.number, 3)));
      }
      expect(JSON.stringify(card)).toContain('Takk! Du har svart på alle områdene.');
      expect(card.actions ?? []).toEqual([]);
      expect(
        JSON.stringify(await cardFrom(DEMO.silje, 'kompass.input.show', { roundId: round.id })),
      ).toContain('Takk! Du har svart på alle områdene.');
    });

    it('from five answers to area 1 Anne sees the group; no stored answer holds a person', async () => {
      const read = async () =>
        (await anne<Round>('GET', path('getKompassRound', { id: round.id }))).body.areas[0]!.input.find(
          (g) => g.group === 'employees',
        )!;
      // Per and Silje have answered area 1; three more to go.
      for (const [oid, name] of [
        [DEMO.ahmed, 'ahmed'],
        [DEMO.marte, 'marte'],
      ]) {
        const card = await cardFrom(oid!, 'kompass.input.show', { roundId: round.id });
        await cardFrom(oid!, 'kompass.input.answer', answer(card, ratingsFor(1, 2), `SVAR-${name}`));
      }
      expect(await read()).toEqual({ group: 'employees', respondents: null, averages: null, texts: [] });
      const card = await cardFrom(DEMO.jonas, 'kompass.input.show', { roundId: round.id });
      const next = await cardFrom(DEMO.jonas, 'kompass.input.answer', answer(card, ratingsFor(1, 5)));
      expect(areaOf(next)).toBe('2');
      const input = await read();
      expect(input.respondents).toBe(5);
      expect(input.averages).toHaveLength(5);
      expect([...input.texts].sort()).toEqual(['SVAR-ahmed', 'SVAR-marte', 'SVAR-per']);

      const rows = await t.app.db.query<Record<string, unknown>>(
        'select * from kompass_responses where round_id = $1',
        [round.id],
      );
      expect(rows.filter((r) => r.area === 1)).toHaveLength(5);
      for (const oid of [...EMPLOYEES, DEMO.ola]) expect(JSON.stringify(rows)).not.toContain(oid);
      expect(Object.keys(rows[0]!).sort()).toEqual(['area', 'grp', 'ratings', 'round_id', 'text']);
    });

    it('five working days after they were asked, those with areas left are reminded once; Silje is not', async () => {
      now = new Date('2026-12-08T09:00:00Z'); // Tuesday: four working days on
      try {
        await sweepReminders(t.app.deps, t.app.bot);
        expect(await outboxed('kompass-input-reminder')).toEqual([]);
        now = new Date('2026-12-09T09:00:00Z'); // Wednesday: five
        await sweepReminders(t.app.deps, t.app.bot);
        await sweepReminders(t.app.deps, t.app.bot);
        now = new Date('2026-12-10T09:00:00Z');
        await sweepReminders(t.app.deps, t.app.bot);
        const reminded = await outboxed('kompass-input-reminder');
        expect(reminded.map((m) => m.recipientOid).sort()).toEqual(
          [DEMO.per, DEMO.ahmed, DEMO.marte, DEMO.jonas].sort(),
        );
        // Per has answered area 1 (of 8): seven are left.
        expect(reminded.find((m) => m.recipientOid === DEMO.per)).toMatchObject({
          key: `kompass-input-reminder:${round.id}:${DEMO.per}`,
          count: 7,
        });
        expect(await outboxed('kompass-input')).toHaveLength(EMPLOYEES.length);
        expect(
          JSON.stringify(
            t.app.bot.renderReminder(
              reminded.filter((m) => m.recipientOid === DEMO.per),
              'nb',
            ).card,
          ),
        ).toContain('Påminnelse: du har 7 områder igjen å svare på.');
      } finally {
        now = new Date('2026-12-02T09:00:00Z');
      }
    });

    it('once the assessment starts, the cards say the round takes no input', async () => {
      const current = (await anne<Round>('GET', path('getKompassRound', { id: round.id }))).body;
      const moved = await anne<Round>('POST', path('transitionKompassRound', { id: round.id }), {
        transition: 'start-assessment',
        baseVersion: current.version,
      });
      expect(moved.status).toBe(200);
      const card = await cardFrom(DEMO.per, 'kompass.input.show', { roundId: round.id });
      expect(JSON.stringify(card)).toContain('Kommunekompasset 2026 tar ikke imot innspill nå.');
      const answered = await cardFrom(DEMO.per, 'kompass.input.answer', {
        roundId: round.id,
        area: 2,
        ...Object.fromEntries(['2.1', '2.2', '2.3', '2.4'].map((c) => [`kompass:rating:${c}`, '3'])),
      });
      expect(JSON.stringify(answered)).toContain('tar ikke imot innspill nå');
      now = new Date('2026-12-14T09:00:00Z');
      try {
        const before = (await outboxed('kompass-input-reminder')).length;
        await sweepReminders(t.app.deps, t.app.bot);
        expect(await outboxed('kompass-input-reminder')).toHaveLength(before);
      } finally {
        now = new Date('2026-12-02T09:00:00Z');
      }
    });
  });
}
