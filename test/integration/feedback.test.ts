// Anonymous feedback on a leader before their conversation, on PGlite and PostgreSQL, through the API and
// the bot at /api/messages: Ingrid (assessed in her utviklingssamtale with Kari) asks her three reports
// and Ola; the sweep asks each of them once; they answer from the card (Action.Execute, as Teams sends
// it); two answers show nothing and the round cannot be closed; three do once it is closed; Kari sees
// nothing until Ingrid shares; HR and the admin learn nothing at all; no stored answer holds a person;
// the figures enter the signed record only when Ingrid chooses so.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDebian } from '../../scripts/ensure-debian.mjs';
import { renderRecordPdf } from '../../src/adapters/pdf/render-record.ts';
import { configuredArchive } from '../../src/app.ts';
import { loadConfig } from '../../src/config/schema.ts';
import { createLogger } from '../../src/logger.ts';
import type { FeedbackView } from '../../src/contract/views.ts';
import type { DueMessage } from '../../src/domain/reminders.ts';
import { prepareArchiveCopy } from '../../src/usecases/prepare-archive-copy.ts';
import { runRetention } from '../../src/usecases/run-retention.ts';
import { sweepReminders } from '../../src/usecases/sweep-reminders.ts';
import { startBotConnectorFake, type BotConnectorFake } from '../fakes/bot-connector.ts';
import { backends } from '../helpers/backends.ts';
import { SCREENSHOTS } from '../helpers/browser.ts';
import { cardProblems } from '../helpers/cards.ts';
import { path } from '../helpers/factory.ts';
import { DEMO, startTestApp, waitForArchiving, type Client, type TestApp } from '../helpers/harness.ts';
import { personalChat } from '../helpers/personal-chat.ts';

type Card = { type: string; body: unknown[]; actions?: { type: string; verb?: string; data?: unknown }[] };
type Invoked = { statusCode: number; type: string; value: Card & string };
type Problem = { error: { code: string; message: string } };

const REPORTS = [DEMO.ahmed, DEMO.marte, DEMO.jonas];

for (const backend of await backends()) {
  describe(`Feedback on a leader from the people she leads (${backend.name})`, () => {
    let t: TestApp;
    let connector: BotConnectorFake;
    let ingrid: Client;
    let kari: Client;
    let conversationId: string;
    let roundId: string;
    // Tuesday 24 November 2026, 10:00 in Oslo: inside the sending window.
    let now = new Date('2026-11-24T09:00:00Z');

    beforeAll(async () => {
      connector = await startBotConnectorFake();
      t = await startTestApp(backend, {}, { clock: { now: () => now } });
      ingrid = await t.as(DEMO.ingrid);
      kari = await t.as(DEMO.kari);
      const mine = await ingrid<{
        conversations: { id: string; template: { key: string }; period: string }[];
      }>('GET', path('listMyConversations'));
      const found = mine.body.conversations.find(
        (c) => c.template.key === 'utviklingssamtale-leder' && c.period === '2026',
      );
      expect(found).toBeDefined();
      conversationId = found!.id;
    }, 120_000);
    afterAll(async () => {
      await t?.close();
      await connector?.close();
    });

    const {
      post,
      activity,
      execute: executeAs,
    } = personalChat(() => ({
      app: t.url,
      serviceUrl: connector.serviceUrl,
    }));
    const feedback = (who: Client) =>
      who<FeedbackView>('GET', path('getFeedbackRound', { id: conversationId }));
    const cardFrom = async (oid: string, verb: string, data: Record<string, unknown>) => {
      const res = await executeAs(oid, verb, data);
      expect(res.status).toBe(200);
      const body = res.body as Invoked;
      expect(body.statusCode, JSON.stringify(body)).toBe(200);
      expect(cardProblems(body.value)).toEqual([]);
      return body.value;
    };
    /** What Teams sends for "Send svaret": the action's data and every input with a value. */
    const answerData = (card: Card, ratings: (number | null)[], text = '') => {
      const action = card.actions?.find((a) => a.verb === 'feedback.answer');
      expect(action).toBeDefined();
      const ids = JSON.stringify(card).match(/feedback:rating:[a-z]+/g) ?? [];
      expect(ids).toHaveLength(ratings.length);
      const data: Record<string, unknown> = { ...(action!.data as object), 'feedback:text': text };
      ids.forEach((id, i) => {
        if (ratings[i] !== null) data[id] = String(ratings[i]);
      });
      return data;
    };
    const answer = async (oid: string, ratings: number[], text = '') => {
      const card = await cardFrom(oid, 'feedback.show', { roundId });
      return cardFrom(oid, 'feedback.answer', answerData(card, ratings, text));
    };
    const outboxed = async (kind: DueMessage['kind']) =>
      (await t.app.db.query<{ messages: DueMessage[] }>('select messages from outbox'))
        .flatMap((r) => r.messages)
        .filter((m) => m.kind === kind && m.subject === roundId);

    it('offers Ingrid her reports (suggested) and Ola, a leader beside her; nobody but the two parties sees the round', async () => {
      const view = await feedback(ingrid);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({
        available: true,
        you: 'subject',
        canOpen: true,
        minAnswers: 3,
        round: null,
      });
      expect(view.body.candidates.map((c) => [c.name, c.relation])).toEqual([
        ['Ahmed Ali', 'report'],
        ['Jonas Nilsen', 'report'],
        ['Marte Olsen', 'report'],
        ['Ola Hansen', 'peer'],
      ]);
      expect((await feedback(kari)).body).toMatchObject({ you: 'superior', canOpen: true });
      // HR, the admin and her own reports: as if there were no conversation.
      for (const who of [DEMO.hilde, DEMO.lars, DEMO.anne, DEMO.ahmed]) {
        const other = await t.as(who);
        const r = await other<Problem>('GET', path('getFeedbackRound', { id: conversationId }));
        expect(r.status).toBe(404);
        expect(r.body.error.code).toBe('CONVERSATION_NOT_FOUND');
      }
    });

    it('refuses a round too small to be anonymous, one that runs too long, and one that asks a party', async () => {
      const open = (body: object) =>
        ingrid<Problem>('POST', path('openFeedbackRound', { id: conversationId }), body);
      const tooFew = await open({ respondents: [DEMO.ahmed, DEMO.marte], closesOn: '2026-12-01' });
      expect(tooFew.status).toBe(422);
      expect(tooFew.body.error).toMatchObject({
        code: 'FEEDBACK_TOO_FEW_ASKED',
        message: 'Velg minst 3 personer å spørre, så ingen svar kan knyttes til noen.',
      });
      // Her conversation is on 3 December: the round closes the day before at the latest.
      expect((await feedback(ingrid)).body).toMatchObject({
        earliestClose: '2026-11-24',
        latestClose: '2026-12-02',
      });
      const afterMeeting = await open({ respondents: REPORTS, closesOn: '2026-12-03' });
      expect(afterMeeting.body.error.code).toBe('FEEDBACK_CLOSES_OUTSIDE');
      expect(afterMeeting.body.error.message).toContain('før dagen for samtalen');
      expect((await open({ respondents: REPORTS, closesOn: '2027-02-01' })).status).toBe(422);
      expect((await open({ respondents: REPORTS, closesOn: '2026-11-23' })).status).toBe(422);
      const party = await open({ respondents: [...REPORTS, DEMO.kari], closesOn: '2026-12-01' });
      expect(party.body.error.code).toBe('FEEDBACK_RESPONDENT_NOT_ALLOWED');
      expect((await open({ respondents: [...REPORTS, DEMO.per], closesOn: '2026-12-01' })).status).toBe(422);
      const hr = await t.as(DEMO.hilde);
      expect(
        (
          await hr('POST', path('openFeedbackRound', { id: conversationId }), {
            respondents: REPORTS,
            closesOn: '2026-12-01',
          })
        ).status,
      ).toBe(404);
      expect((await feedback(ingrid)).body.round).toBeNull();
    });

    it('Ingrid asks her three reports and Ola; the sweep asks each of them once, by name and date', async () => {
      const opened = await ingrid<FeedbackView>('POST', path('openFeedbackRound', { id: conversationId }), {
        respondents: [...REPORTS, DEMO.ola],
        closesOn: '2026-12-01',
      });
      expect(opened.status).toBe(201);
      expect(opened.body.round).toMatchObject({
        open: true,
        invited: 4,
        answered: 0,
        canClose: false,
        result: null,
        openedBy: { name: 'Ingrid Berg' },
        statements: ['goals', 'principles', 'values', 'involvement', 'support'],
      });
      const again = await kari<Problem>('POST', path('openFeedbackRound', { id: conversationId }), {
        respondents: REPORTS,
        closesOn: '2026-12-01',
      });
      expect(again.status).toBe(409);
      const [row] = await t.app.db.query<{ id: string }>(
        'select id from feedback_rounds where conversation_id = $1',
        [conversationId],
      );
      roundId = row!.id;

      for (const oid of [...REPORTS, DEMO.ola, DEMO.per, DEMO.ingrid])
        expect((await post(activity(oid, { type: 'installationUpdate', action: 'add' }))).status).toBe(200);
      await sweepReminders(t.app.deps, t.app.bot);
      await sweepReminders(t.app.deps, t.app.bot);
      const asked = await outboxed('feedback-input');
      expect(asked.map((m) => m.recipientOid).sort()).toEqual([...REPORTS, DEMO.ola].sort());
      const card = t.app.bot.renderReminder(
        asked.filter((m) => m.recipientOid === DEMO.ahmed),
        'nb',
      ).card as Card;
      expect(cardProblems(card)).toEqual([]);
      const json = JSON.stringify(card);
      expect(json).toContain('Tilbakemelding på lederskapet til Ingrid Berg');
      expect(json).toContain('Svarfristen er 1. desember 2026.');
      expect(json).toContain('bare når minst 3 har svart');
      expect(card.actions).toContainEqual(
        expect.objectContaining({ verb: 'feedback.show', data: { roundId, keep: 1 } }),
      );
    });

    it('Ahmed answers from the card: a missing rating brings it back with his choices kept; a second answer is refused', async () => {
      const card = await cardFrom(DEMO.ahmed, 'feedback.show', { roundId });
      const json = JSON.stringify(card);
      expect(json).toContain('"label":"Lederen praktiserer kommunens ledelsesprinsipper i hverdagen."');
      expect(json).toContain('"title":"1 – Helt uenig"');
      expect(json).toContain('Hva bør lederen gjøre mer av, mindre av eller annerledes?');
      // The warning stands right before the comment and the button.
      expect(json.indexOf('lederen leser den slik du skriver den')).toBeLessThan(
        json.indexOf('feedback:text'),
      );

      const back = await cardFrom(
        DEMO.ahmed,
        'feedback.answer',
        answerData(card, [4, null, 5, 3, 4], 'Mer ros'),
      );
      expect(JSON.stringify(back)).toContain('Du har ikke svart på 1 påstand.');
      expect(JSON.stringify(back)).toContain('"value":"Mer ros"');
      const saved = await cardFrom(
        DEMO.ahmed,
        'feedback.answer',
        answerData(back, [4, 2, 5, 3, 4], 'Mer ros'),
      );
      expect(JSON.stringify(saved)).toContain('Takk! Svaret ditt er lagret uten navnet ditt.');
      const twice = await cardFrom(DEMO.ahmed, 'feedback.answer', answerData(card, [1, 1, 1, 1, 1]));
      expect(JSON.stringify(twice)).toContain('Du har allerede svart.');
      // Per was not asked: he learns nothing about the round.
      const per = await cardFrom(DEMO.per, 'feedback.show', { roundId });
      expect(JSON.stringify(per)).toContain('Du er ikke bedt om å gi tilbakemelding i denne runden.');
      expect(JSON.stringify(per)).not.toContain('Ingrid');
    });

    it('two answers show nothing, and the round cannot be closed on them', async () => {
      await answer(DEMO.marte, [5, 4, 4, 2, 3], 'Tydeligere prioriteringer');
      const view = await feedback(ingrid);
      expect(view.body.round).toMatchObject({
        answered: 2,
        invited: 4,
        open: true,
        canClose: false,
        result: null,
      });
      const close = await kari<Problem>('POST', path('closeFeedbackRound', { id: conversationId }));
      expect(close.status).toBe(409);
      expect(close.body.error.message).toContain('minst 3 har svart');
    });

    it('two working days before it closes, only those who have not answered are reminded, once', async () => {
      // Friday 27 November: two working days before Tuesday 1 December.
      now = new Date('2026-11-27T09:00:00Z');
      await sweepReminders(t.app.deps, t.app.bot);
      await sweepReminders(t.app.deps, t.app.bot);
      const reminded = await outboxed('feedback-reminder');
      expect(reminded.map((m) => m.recipientOid).sort()).toEqual([DEMO.jonas, DEMO.ola].sort());
      const json = JSON.stringify(t.app.bot.renderReminder(reminded.slice(0, 1), 'nb').card);
      expect(json).toContain('Påminnelse: svarfristen er 1. desember 2026, og du har ikke svart ennå.');
      now = new Date('2026-11-30T09:00:00Z');
      await sweepReminders(t.app.deps, t.app.bot);
      expect(await outboxed('feedback-reminder')).toHaveLength(2);
    });

    it('three answers show nothing while the round is open; closed, Ingrid sees the figures and the comments, Kari nothing', async () => {
      await answer(DEMO.jonas, [3, 3, 4, 1, 2], 'Mer tid til oss');
      expect((await feedback(ingrid)).body.round).toMatchObject({
        answered: 3,
        canClose: true,
        result: null,
      });

      const closed = await kari<FeedbackView>('POST', path('closeFeedbackRound', { id: conversationId }));
      expect(closed.status).toBe(200);
      expect(closed.body.round).toMatchObject({ open: false, answered: 3, result: null, shared: 'private' });

      const mine = (await feedback(ingrid)).body.round;
      expect(mine?.canShare).toBe(true);
      expect(mine?.result).toMatchObject({
        answered: 3,
        statements: [
          { key: 'goals', average: 4, counts: [0, 0, 1, 1, 1] },
          { key: 'principles', average: 3, counts: [0, 1, 1, 1, 0] },
          { key: 'values', average: 4.3, counts: [0, 0, 0, 2, 1] },
          { key: 'involvement', average: 2, counts: [1, 1, 1, 0, 0] },
          { key: 'support', average: 3, counts: [0, 1, 1, 1, 0] },
        ],
      });
      expect([...(mine?.result?.texts ?? [])].sort()).toEqual([
        'Mer ros',
        'Mer tid til oss',
        'Tydeligere prioriteringer',
      ]);
      // Ola did not answer in time: the round takes no more.
      const late = await cardFrom(DEMO.ola, 'feedback.show', { roundId });
      expect(JSON.stringify(late)).toContain('Runden er avsluttet');
      expect((await feedback(kari)).body.round).toMatchObject({ result: null, shared: 'private' });
    });

    it('no table holds a person beside an answer', async () => {
      const columns = await t.app.db.query<{ table_name: string; column_name: string }>(
        `select table_name, column_name from information_schema.columns
          where table_name in (select table_name from information_schema.columns where column_name in ('ratings', 'text'))
            and table_schema = current_schema()`,
      );
      const byTable = new Map<string, string[]>();
      for (const c of columns)
        byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
      expect(byTable.get('feedback_responses')?.sort()).toEqual(['ratings', 'round_id', 'text']);
      const rows = await t.app.db.query<Record<string, unknown>>('select * from feedback_responses');
      expect(rows).toHaveLength(3);
      const stored = JSON.stringify(rows);
      for (const oid of [...REPORTS, DEMO.ola]) expect(stored).not.toContain(oid);
      // Nor does the audit trail tell who answered, or when: answering is not on it.
      const events = await t.app.db.query<{ action: string; actor_oid: string }>(
        `select action, actor_oid from audit_events
          where seq >= (select min(seq) from audit_events where action = 'feedback.opened')
            and (action like 'feedback.%' or actor_oid = any($1)) order by seq`,
        [[...REPORTS, DEMO.ola]],
      );
      expect(events.map((e) => [e.action, e.actor_oid])).toEqual([
        ['feedback.opened', DEMO.ingrid],
        ['feedback.closed', DEMO.kari],
      ]);
    });

    it('Kari sees the result only once Ingrid shares it; the figures enter the record only if she chooses', async () => {
      const share = (who: Client, shared: string) =>
        who<FeedbackView & Problem>('PUT', path('shareFeedbackResult', { id: conversationId }), { shared });
      const hash = async () =>
        (await ingrid<{ contentHash: string }>('GET', path('getConversation', { id: conversationId }))).body
          .contentHash;
      expect((await share(kari, 'shared')).status).toBe(403);
      const before = await hash();

      expect((await share(ingrid, 'shared')).status).toBe(200);
      const seen = (await feedback(kari)).body.round;
      expect(seen?.result?.answered).toBe(3);
      expect(seen?.result?.statements[2]).toEqual({ key: 'values', average: 4.3, counts: [0, 0, 0, 2, 1] });
      // The comments were written for Ingrid to read: Kari never gets them.
      expect(seen?.result?.texts).toBeNull();
      expect(JSON.stringify(seen)).not.toMatch(/Mer ros|Mer tid|Tydeligere/);
      expect(seen?.canShare).toBe(false);
      expect(await hash()).toBe(before);

      expect((await share(ingrid, 'record')).status).toBe(200);
      expect(await hash()).not.toBe(before);
      expect((await share(ingrid, 'shared')).status).toBe(200);
      expect(await hash()).toBe(before);
      expect((await share(ingrid, 'private')).status).toBe(200);
      expect((await feedback(kari)).body.round?.result).toBeNull();
      // HR learns nothing even now.
      const hr = await t.as(DEMO.lars);
      expect((await hr('GET', path('getFeedbackRound', { id: conversationId }))).status).toBe(404);
    });

    it('chosen for the record, the figures are signed and printed in its PDF; the comments never are', async () => {
      ensureDebian('poppler-utils');
      expect(
        (await ingrid('PUT', path('shareFeedbackResult', { id: conversationId }), { shared: 'record' }))
          .status,
      ).toBe(200);
      for (const transition of ['hold', 'send-to-signing'])
        expect(
          (await kari('POST', path('transitionConversation', { id: conversationId }), { transition })).status,
        ).toBe(200);
      const { contentHash } = (
        await ingrid<{ contentHash: string }>('GET', path('getConversation', { id: conversationId }))
      ).body;
      for (const who of [ingrid, kari])
        expect((await who('POST', path('signRecord', { id: conversationId }), { contentHash })).status).toBe(
          201,
        );
      // Signed: the choice stands.
      const late = await ingrid<Problem>('PUT', path('shareFeedbackResult', { id: conversationId }), {
        shared: 'private',
      });
      expect(late.status).toBe(409);

      const [copy] = await prepareArchiveCopy(t.app.deps, conversationId);
      expect(copy?.contentHash).toBe(contentHash);
      const dir = mkdtempSync(join(tmpdir(), 'samtale-feedback-'));
      const file = join(dir, 'record.pdf');
      writeFileSync(file, await renderRecordPdf(copy!));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      );
      expect(text).toContain('Tilbakemelding fra medarbeidere');
      expect(text).toContain('3 svarte.');
      expect(text).toContain('Lederen handler i tråd med kommunens verdier og etiske regler.');
      expect(text).toMatch(/etiske regler\. 4,3 0 0 0 2 1/);
      for (const comment of ['Mer ros', 'Mer tid til oss', 'Tydeligere prioriteringer'])
        expect(text).not.toContain(comment);
      mkdirSync(SCREENSHOTS, { recursive: true });
      execFileSync('pdftoppm', ['-r', '70', '-png', file, join(SCREENSHOTS, `pdf-feedback-${backend.name}`)]);
      rmSync(dir, { recursive: true, force: true });
    });

    it('31 days after archiving, the comments and who was asked are gone; the signed figures stay and still verify', async () => {
      await waitForArchiving(t);
      const signed = (
        await ingrid<{ contentHash: string; signatures: { valid: boolean }[] }>(
          'GET',
          path('getConversation', { id: conversationId }),
        )
      ).body;
      // Nothing is due for kassasjon yet: the archive is not touched.
      const archive = configuredArchive(
        loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: tmpdir() }),
        createLogger('silent'),
      );
      const at = (iso: string) => ({ ...t.app.deps, clock: { now: () => new Date(iso) }, archive });
      await runRetention(at('2026-12-30T02:40:00Z'), {
        retentionYears: 10,
        preparationDays: 30,
        dryRun: false,
      });
      expect(
        await t.app.db.query('select count(*)::int as n from feedback_responses where text is not null', []),
      ).toEqual([{ n: 3 }]);
      await runRetention(at('2027-01-05T02:40:00Z'), {
        retentionYears: 10,
        preparationDays: 30,
        dryRun: false,
      });
      const rows = await t.app.db.query<{ text: string | null; ratings: number[] }>(
        'select r.text, r.ratings from feedback_responses r join feedback_rounds f on f.id = r.round_id where f.conversation_id = $1',
        [conversationId],
      );
      expect(rows).toHaveLength(3);
      expect(rows.every((r) => r.text === null && r.ratings.length === 5)).toBe(true);
      expect(
        await t.app.db.query(
          'select count(*)::int as n from feedback_invitations i join feedback_rounds f on f.id = i.round_id where f.conversation_id = $1',
          [conversationId],
        ),
      ).toEqual([{ n: 0 }]);
      const after = (
        await ingrid<{ contentHash: string; signatures: { valid: boolean }[] }>(
          'GET',
          path('getConversation', { id: conversationId }),
        )
      ).body;
      expect(after.contentHash).toBe(signed.contentHash);
      expect(after.signatures.map((s) => s.valid)).toEqual([true, true]);
    });

    it('a cancelled conversation asks nobody, and its card takes no answer', async () => {
      const ola = await t.as(DEMO.ola);
      const list = await ola<{ conversations: { id: string; template: { key: string }; period: string }[] }>(
        'GET',
        path('listMyConversations'),
      );
      const contract = list.body.conversations.find(
        (c) => c.template.key === 'kontraktsamtale' && c.period === '2026',
      );
      expect(contract).toBeDefined();
      const opened = await kari('POST', path('openFeedbackRound', { id: contract!.id }), {
        respondents: [DEMO.per, DEMO.silje, DEMO.ingrid],
        closesOn: '2026-12-04',
      });
      expect(opened.status).toBe(201);
      const [row] = await t.app.db.query<{ id: string }>(
        'select id from feedback_rounds where conversation_id = $1',
        [contract!.id],
      );
      expect(
        (await kari('POST', path('transitionConversation', { id: contract!.id }), { transition: 'cancel' }))
          .status,
      ).toBe(200);
      await sweepReminders(t.app.deps, t.app.bot);
      const keys = await t.app.db.query<{ key: string }>('select key from outbox_keys where key like $1', [
        `feedback-input:${row!.id}:%`,
      ]);
      expect(keys).toEqual([]);
      const card = await cardFrom(DEMO.per, 'feedback.show', { roundId: row!.id });
      expect(JSON.stringify(card)).toContain('Runden er avsluttet');
    });
  });
}
