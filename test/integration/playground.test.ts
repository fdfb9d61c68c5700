// End to end with Microsoft 365 Agents Playground, a real Teams-like client from the npm registry,
// against the running app in local mode: install, `hjelp`, proactive reminders in the chat, and card
// actions as the Playground's own web client sends them. The Playground's user writes in English
// (en-US), so the bot answers in English.
//
// How the Playground acts on a card (its bundled client and server, v0.2.28): its renderer is the
// adaptivecards SDK, which submits an Action.Execute's data merged with every input that has a value
// (empty inputs are left out), as POST /_conversation/v1/invoke { name: 'adaptiveCard/action',
// value: { action }, from, conversation, replyToId: the card's message }. Its server sends the bot an
// invoke activity and hands the bot's invoke response back; its client puts a returned card in place
// of the old one, and shows a returned message under the card, which stays. Neither goes over the
// chat stream: only messages the bot posts or updates through /_connector do. (Its server also
// overwrites its own copy of the card with whatever came back, a message's text too; nothing shows
// or serves that copy.)
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playgroundConfig } from '../../scripts/playground.mjs';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import { fill, periodName, plural } from '../../src/contract/words/format.ts';
import { WORDS } from '../../src/contract/words/index.ts';
import { createLogger } from '../../src/logger.ts';
import { sendReminder } from '../../src/usecases/send-reminder.ts';
import { sweepReminders } from '../../src/usecases/sweep-reminders.ts';
import { backends } from '../helpers/backends.ts';
import { conversationAt, path } from '../helpers/factory.ts';
import { DEMO, DEMO_TENANT_ID, startTestApp, type TestApp } from '../helpers/harness.ts';

const PLAYGROUND = join(
  import.meta.dirname,
  '..',
  '..',
  'node_modules',
  '@microsoft',
  'm365agentsplayground',
  'cli.js',
);
const CONVERSATION = 'personal-chat-per';
const EN = WORDS.en;

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A message in the Playground's chat, as its stream carries it. */
interface ChatMessage {
  messageId: string;
  from: { id: string };
  attachments: { contentType: string; content: unknown }[];
}
interface Frame {
  action: string;
  message?: ChatMessage;
}

/** Every object in a card (elements, actions, choices), depth first. */
function nodes(v: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(v)) for (const x of v) nodes(x, out);
  else if (isJson(v)) {
    out.push(v);
    // An action's data and fallback are for the bot, never shown.
    for (const [k, x] of Object.entries(v)) if (k !== 'data' && k !== 'fallback') nodes(x, out);
  }
  return out;
}

/** What a person reads on a card: texts, facts, labels, choices, filled-in text and buttons; links by their words. */
function visibleTexts(card: unknown): string[] {
  const shown = nodes(card).flatMap((n): unknown[] => {
    switch (n.type) {
      case 'TextBlock':
        return [n.text];
      case 'FactSet':
        return (Array.isArray(n.facts) ? n.facts : []).flatMap((f) => (isJson(f) ? [f.title, f.value] : []));
      case 'Input.ChoiceSet':
        return [
          n.label,
          ...(Array.isArray(n.choices) ? n.choices : []).map((c) => (isJson(c) ? c.title : '')),
        ];
      case 'Input.Text':
        return [n.label, n.value];
      case 'Action.Execute':
      case 'Action.OpenUrl':
      case 'Action.Submit':
        return [n.title];
      default:
        return [];
    }
  });
  return shown
    .map(str)
    .filter((t) => t !== '')
    .map((t) => t.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replaceAll('**', ''));
}

/**
 * Internal codes in what a person reads: ids, ISO dates, template keys, and the keys of statuses, next
 * steps and follow-up states. A one-word key ("sign", "none") counts where it stands as a sentence of
 * its own, as it would where a code took a word's place ("Planned. sign.").
 */
function codesIn(texts: readonly string[], templateKeys: readonly string[] = []): string[] {
  const keys = [
    ...Object.keys(EN.status),
    ...Object.keys(EN.nextStep),
    ...Object.keys(EN.followUp),
    ...Object.keys(EN.transition),
    ...templateKeys,
  ];
  const esc = (k: string) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns = [
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i,
    /\b\d{4}-\d{2}-\d{2}\b/,
    ...keys.map((k) =>
      /[-_]/.test(k)
        ? new RegExp(`(^|[^\\w-])${esc(k)}([^\\w-]|$)`)
        : new RegExp(`(^|[.·:]\\s*)${esc(k)}(?=\\s*([.·:]|$))`),
    ),
  ];
  return texts.filter((t) => patterns.some((p) => p.test(t)));
}

/** The inputs of a card (the elements with an id whose type is Input.*). */
const inputsOf = (card: unknown) =>
  nodes(card).filter((n) => typeof n.id === 'string' && str(n.type).startsWith('Input.'));

/**
 * The data the Playground's renderer (adaptivecards) submits for an Action.Execute: the action's own
 * data and every input's value as shown or as the person changed it; inputs left empty are not sent.
 */
function submitted(card: unknown, action: Json, edits: Record<string, string>): Json {
  const data: Json = { ...(isJson(action.data) ? action.data : {}) };
  for (const input of inputsOf(card)) {
    const id = str(input.id);
    const value = id in edits ? edits[id] : str(input.value);
    if (value) data[id] = value;
  }
  return data;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const [pglite] = await backends();
/** What the app logs, one JSON object a line. */
const logged: Json[] = [];

describe('Microsoft 365 Agents Playground talking to the bot (local mode)', () => {
  let t: TestApp;
  let playground: ChildProcess;
  let base = '';
  let socket: WebSocket;
  const frames: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'samtale-playground-'));
  let now = new Date('2026-12-02T09:00:00Z');

  beforeAll(async () => {
    t = await startTestApp(
      pglite!,
      {},
      {
        clock: { now: () => now },
        logger: createLogger('info', (line) => logged.push(JSON.parse(line) as Json)),
      },
    );
    // The Playground opens a browser at start and exits if it cannot: a no-op xdg-open comes first on PATH.
    writeFileSync(join(dir, 'xdg-open'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, 'xdg-open'), 0o755);
    // The configuration `npm run playground` writes, for Per.
    writeFileSync(join(dir, 'playground.yml'), playgroundConfig('per', CONVERSATION));
    const wanted = await freePort();
    playground = spawn(
      process.execPath,
      [
        PLAYGROUND,
        '-e',
        `${t.url}/api/messages`,
        '-c',
        'msteams',
        '--disable-telemetry',
        '-p',
        String(wanted),
        '--conversation-id',
        CONVERSATION,
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          PATH: `${dir}:${process.env.PATH ?? ''}`,
          M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(dir, 'playground.yml'),
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const seen = (d: Buffer) => {
        output += d.toString();
        if (/Listening on \d+/.test(output)) resolve();
      };
      playground.stdout?.on('data', seen);
      playground.stderr?.on('data', seen);
      playground.on('exit', (code) => reject(new Error(`the Playground exited (${code}): ${output}`)));
    });
    // It may pick another port than asked for; it says which.
    const port = Number(/Listening on (\d+)/.exec(output)?.[1]);
    base = `http://127.0.0.1:${port}`;
    // The chat's live stream, as the Playground's own web client reads it.
    for (let attempt = 1; ; attempt++) {
      socket = new WebSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
      const opened = await new Promise<boolean>((resolve) => {
        socket.addEventListener('open', () => resolve(true));
        socket.addEventListener('error', () => resolve(false));
      });
      if (opened) break;
      if (attempt >= 50) throw new Error(`cannot open the Playground's chat stream: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    socket.addEventListener('message', (e) => frames.push(String(e.data)));
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    playground?.kill('SIGTERM');
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const waitFor = async (text: string, from = 0) => {
    for (let i = 0; i < 200; i++) {
      if (frames.slice(from).some((f) => f.includes(text))) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(
      `the Playground chat never showed "${text}"; it got ${frames.length} frames: ${frames.join('\n').slice(0, 1500)}`,
    );
  };

  /** Per types in the chat, as the Playground's message box sends it. */
  const say = async (text: string) => {
    const res = await fetch(`${base}/_conversation/v1/conversations/${CONVERSATION}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: { id: 'user-per' }, text, textFormat: 'plain' }),
    });
    expect(res.status).toBe(200);
  };

  const parsed = (from: number): Frame[] => frames.slice(from).map((f) => JSON.parse(f) as Frame);
  const cardOf = (m: ChatMessage): unknown => m.attachments[0]?.content;

  /** The first card the bot posts into the chat after frame `from` whose visible text includes `text`. */
  const botCard = async (text: string, from: number): Promise<ChatMessage> => {
    for (let i = 0; i < 200; i++) {
      const m = parsed(from).find(
        (f) =>
          f.action === 'createMessage' &&
          f.message?.from.id !== 'user-per' &&
          visibleTexts(cardOf(f.message!)).some((t) => t.includes(text)),
      )?.message;
      if (m) return m;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(
      `no card with "${text}" in the Playground chat: ${frames.slice(from).join('\n').slice(0, 1500)}`,
    );
  };

  /** Per clicks an Action.Execute on a card in the chat: the Playground invokes the bot, as its client does. */
  const click = async (message: ChatMessage, action: Json, data: Json) => {
    const res = await fetch(`${base}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'adaptiveCard/action',
        value: { action: { type: action.type, title: action.title, verb: action.verb, data } },
        from: { id: 'user-per' },
        conversation: { id: CONVERSATION },
        replyToId: message.messageId,
      }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { type: string; value: unknown };
  };
  const actionOf = (card: unknown, verb: string): Json => {
    const action = nodes(card).find((n) => n.type === 'Action.Execute' && n.verb === verb);
    if (!action) throw new Error(`no ${verb} action on ${JSON.stringify(card)}`);
    return action;
  };
  /** An item's input of a kind ('status' or 'comment') on a follow-up card. */
  const inputFor = (card: unknown, itemId: string, kind: 'status' | 'comment'): Json => {
    const input = inputsOf(card).find((n) => str(n.id).startsWith(`${kind}:${itemId}:`));
    if (!input) throw new Error(`no ${kind} input for item ${itemId}`);
    return input;
  };

  const followUpList = async () => {
    const per = await t.as(DEMO.per);
    const res = await per<ResponseOf<'listMyFollowUp'>>('GET', path('listMyFollowUp'));
    expect(res.status).toBe(200);
    return new Map(res.body.items.map((i) => [i.itemId, i]));
  };

  it(
    'install: the bot greets Per once in the Playground chat and stores the chat',
    { timeout: 30_000 },
    async () => {
      expect(
        (
          await fetch(`${base}/_debug/conversation/${CONVERSATION}/installation`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          })
        ).status,
      ).toBe(200);
      await waitFor('Welcome to Samtale');
      const ref = await t.app.bot.store.reference(DEMO_TENANT_ID, DEMO.per);
      expect(ref?.serviceUrl).toContain('/_connector');
      expect(frames.filter((f) => f.includes('Welcome to Samtale'))).toHaveLength(1);
    },
  );

  it('`hjelp` answers with the help card', { timeout: 30_000 }, async () => {
    const from = frames.length;
    const res = await fetch(`${base}/_conversation/v1/conversations/${CONVERSATION}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: { id: 'user-per' }, text: 'hjelp', textFormat: 'plain' }),
    });
    expect(res.status).toBe(200);
    await waitFor('I remind you to prepare, sign and follow up', from);
  });

  it('a proactive reminder is delivered into the Playground chat', { timeout: 30_000 }, async () => {
    const ola = await t.as(DEMO.ola);
    expect(
      (
        await ola('POST', '/api/conversations', {
          templateKey: 'medarbeidersamtale-10-faktor',
          employeeOid: DEMO.per,
          period: '2028',
          scheduledAt: '2026-12-04',
        })
      ).status,
    ).toBe(201);
    const from = frames.length;
    const ids = await sweepReminders(t.app.deps, t.app.bot);
    const forPer = ids.filter((id) => id.includes(DEMO.per));
    expect(forPer).toHaveLength(1);
    expect(await sendReminder(t.app.deps, t.app.bot, forPer[0]!)).toBe('sent');
    await waitFor('Reminder from Samtale', from);
    now = new Date('2026-12-02T09:00:00Z');
  });

  it(
    '"mine samtaler": statuses, next steps and whom each waits for, in words and never as codes',
    { timeout: 60_000 },
    async () => {
      const held = await conversationAt(t.as, 'held', { period: '2029' });
      const awaiting = await conversationAt(t.as, 'awaiting_signatures', { period: '2030' });
      const per = await t.as(DEMO.per);
      const mine = (await per<ResponseOf<'listMyConversations'>>('GET', path('listMyConversations'))).body
        .conversations;
      expect(mine.map((c) => c.id)).toEqual(expect.arrayContaining([held.id, awaiting.id]));

      const from = frames.length;
      await say('mine samtaler');
      const card = cardOf(await botCard(EN.bot.myConversations, from));
      const waiting = EN.bot.waitingFor.split('{names}')[0]!;
      // A conversation's status line, in the part of the card that links to it.
      const lineOf = (c: (typeof mine)[number]) => {
        const part = nodes(card).find(
          (n) => n.type === 'Container' && JSON.stringify(n).includes(`/conversations/${c.id})`),
        );
        const line = visibleTexts(part).find((l) => l.startsWith(EN.status[c.status]));
        expect(line, `${c.status} in ${JSON.stringify(part)}`).toBeDefined();
        return line!;
      };
      for (const c of mine) {
        const line = lineOf(c);
        expect(line).toContain(`${EN.status[c.status]}. ${EN.nextStep[c.nextStep]}`);
        // Whom it waits for, by name; Per reads "you".
        const names = c.waitingFor.map((p) => (p.oid === DEMO.per ? EN.bot.you : p.name));
        if (names.length === 0) expect(line).not.toContain(waiting);
        else expect(line).toContain(waiting);
        for (const name of names) expect(line).toContain(name);
      }
      // Awaiting signatures: both have yet to sign, and the card names Ola, and Per as "you".
      const signing = mine.find((c) => c.id === awaiting.id)!;
      expect(signing.waitingFor.map((p) => p.oid).sort()).toEqual([DEMO.ola, DEMO.per].sort());
      const line = lineOf(signing);
      expect(line).toContain(`${EN.status.awaiting_signatures}. ${EN.nextStep.sign}`);
      expect(line).toContain(signing.parties.leader.name);
      expect(line).toContain(EN.bot.you);
      expect(
        codesIn(
          visibleTexts(card),
          mine.map((c) => c.template.key),
        ),
      ).toEqual([]);
    },
  );

  /** A signed record of Ola and Per whose action plan gives Per these items to follow up. */
  const itemsFor = async (period: string, titles: string[]) => {
    const due = ['2027-03-31', '2027-06-30', '2027-09-30'];
    const made = await conversationAt(t.as, 'signed', {
      period,
      items: titles.map((mal, i) => ({
        fieldId: 'handlingsplan',
        cells: { mal, hvem: DEMO.per, nar: due[i % due.length]! },
      })),
    });
    return made.items.map((i) => i.id);
  };
  /** The follow-up card Per gets by typing "follow-up", once it lists `itemId`. */
  const followUpCard = async (itemId: string) => {
    const from = frames.length;
    await say('follow-up');
    const title = (await followUpList()).get(itemId)!.title;
    return botCard(title, from);
  };

  it(
    'follow-up in the Playground: Per changes one of three items; the other two keep status, comment and version',
    { timeout: 60_000 },
    async () => {
      const [first, second, third] = await itemsFor('2031', [
        'Lead the reading project at the school',
        'Finish the course in special needs teaching',
        'Mentor a new colleague',
      ]);
      const per = await t.as(DEMO.per);
      const started = (await followUpList()).get(first!)!;
      expect(
        (
          await per('POST', path('recordFollowUp', { id: first! }), {
            status: 'partly',
            comment: 'Two of four classes have started; the rest begin after the winter break.',
            baseVersion: started.version,
          })
        ).status,
      ).toBe(200);
      const before = await followUpList();

      const message = await followUpCard(third!);
      const card = cardOf(message);
      expect(codesIn(visibleTexts(card))).toEqual([]);
      // Per picks a status for the third item only; the Playground sends the rest as the card shows it.
      const status = inputFor(card, third!, 'status');
      const choices = (Array.isArray(status.choices) ? status.choices : []).map((c) =>
        isJson(c) ? c.value : '',
      );
      expect(choices).toContain('not_yet');
      const save = actionOf(card, 'followUp.save');
      const reply = await click(message, save, submitted(card, save, { [str(status.id)]: 'not_yet' }));

      // The card the Playground now shows in its place says it was saved, and shows the new status.
      expect(reply.type).toBe('application/vnd.microsoft.card.adaptive');
      const shown = visibleTexts(reply.value);
      expect(shown).toContain(EN.bot.saved);
      expect(shown).toContain(`${EN.bot.statusLabel}: ${EN.followUp.not_yet}`);
      expect(codesIn(shown)).toEqual([]);
      const after = await followUpList();
      for (const id of [first!, second!])
        expect(after.get(id)).toMatchObject({
          status: before.get(id)!.status,
          comment: before.get(id)!.comment,
          version: before.get(id)!.version,
        });
      expect(after.get(third!)).toMatchObject({
        status: 'not_yet',
        comment: before.get(third!)!.comment,
        version: before.get(third!)!.version + 1,
      });
      // The new card carries the new version, so Per can go on from it.
      expect(str(inputFor(reply.value, third!, 'status').id)).toContain(`:${after.get(third!)!.version}:`);
    },
  );

  it(
    'follow-up in the Playground: a comment alone is saved, and the status stays',
    { timeout: 60_000 },
    async () => {
      const [item] = await itemsFor('2032', ['Take part in the regional network for reading teachers']);
      const per = await t.as(DEMO.per);
      expect(
        (
          await per('POST', path('recordFollowUp', { id: item! }), {
            status: 'partly',
            comment: null,
            baseVersion: (await followUpList()).get(item!)!.version,
          })
        ).status,
      ).toBe(200);
      const before = (await followUpList()).get(item!)!;

      const message = await followUpCard(item!);
      const card = cardOf(message);
      const comment = 'Went to the first meeting in January; the next is in March.';
      const save = actionOf(card, 'followUp.save');
      const reply = await click(
        message,
        save,
        submitted(card, save, { [str(inputFor(card, item!, 'comment').id)]: comment }),
      );
      expect(reply.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(visibleTexts(reply.value)).toContain(EN.bot.saved);
      expect((await followUpList()).get(item!)).toMatchObject({
        status: before.status,
        comment,
        version: before.version + 1,
      });
    },
  );

  // Found through the Playground, which (like the adaptivecards renderer) leaves empty inputs out.
  it('a comment alone on an item with no status yet is saved', { timeout: 60_000 }, async () => {
    const [item] = await itemsFor('2033', ['Plan the parents’ evening']);
    const message = await followUpCard(item!);
    const card = cardOf(message);
    const comment = 'Date agreed with the parents’ council.';
    const save = actionOf(card, 'followUp.save');
    const reply = await click(
      message,
      save,
      submitted(card, save, { [str(inputFor(card, item!, 'comment').id)]: comment }),
    );
    expect(visibleTexts(reply.value)).toContain(EN.bot.saved);
    expect((await followUpList()).get(item!)?.comment).toBe(comment);
  });

  it(
    'saving one item leaves an item with a status and no comment untouched',
    { timeout: 60_000 },
    async () => {
      const [quiet, changed] = await itemsFor('2034', [
        'Update the school’s safety plan',
        'Try out the new timetable tool',
      ]);
      const per = await t.as(DEMO.per);
      expect(
        (
          await per('POST', path('recordFollowUp', { id: quiet! }), {
            status: 'partly',
            comment: null,
            baseVersion: (await followUpList()).get(quiet!)!.version,
          })
        ).status,
      ).toBe(200);
      const before = (await followUpList()).get(quiet!)!;
      const message = await followUpCard(changed!);
      const card = cardOf(message);
      const save = actionOf(card, 'followUp.save');
      await click(
        message,
        save,
        submitted(card, save, { [str(inputFor(card, changed!, 'status').id)]: 'partly' }),
      );
      expect((await followUpList()).get(quiet!)).toMatchObject({
        status: before.status,
        comment: before.comment,
        version: before.version,
      });
    },
  );

  /** The content the Playground's chat shows for a message: as posted, or as last updated over the stream. */
  const shownNow = (messageId: string): unknown =>
    parsed(0)
      .filter((f) => f.message?.messageId === messageId)
      .map((f) => cardOf(f.message!))
      .at(-1);

  it(
    "'Record status' on a follow-up reminder in the Playground keeps the reminder; the items come as a new message",
    { timeout: 60_000 },
    async () => {
      // The next quarter, a Wednesday at 10:00 in Oslo: Per's open items are due for follow-up.
      now = new Date('2027-01-06T09:00:00Z');
      try {
        const from = frames.length;
        // Sent by the reminder job, as in production.
        expect(await t.app.jobs.sweepReminders()).toBeGreaterThanOrEqual(1);
        const reminder = await botCard(EN.bot.reminderTitle, from);
        const row = await t.app.bot.store.outbox(`${DEMO_TENANT_ID}:${DEMO.per}:2027-01-06`);
        const due = row?.messages.find((m) => m.kind === 'follow-up');
        expect(due?.count).toBe((await followUpList()).size);
        const original = cardOf(reminder);
        const text = plural('en', EN.bot.followUp, due!.count, { period: periodName('en', due!.period) });
        expect(visibleTexts(original)).toContain(text);
        expect(nodes(original).some((n) => n.type === 'Action.OpenUrl' && n.url === `${t.url}/`)).toBe(true);
        expect(codesIn(visibleTexts(original))).toEqual([]);

        const clicked = frames.length;
        const record = actionOf(original, 'followUp.show');
        const reply = await click(reminder, record, submitted(original, record, {}));
        // A message, not a card: the Playground's client shows it under the reminder and keeps the card.
        expect(reply).toEqual({
          type: 'application/vnd.microsoft.activity.message',
          value: EN.bot.followUpBelow,
        });
        const items = await botCard(EN.bot.save, clicked);
        expect(items.messageId).not.toBe(reminder.messageId);
        for (const id of (await followUpList()).keys())
          expect(inputFor(cardOf(items), id, 'status')).toBeDefined();
        // Nothing in the chat replaced the reminder: its text and links are as they were.
        expect(parsed(clicked).filter((f) => f.message?.messageId === reminder.messageId)).toEqual([]);
        expect(shownNow(reminder.messageId)).toEqual(original);
      } finally {
        now = new Date('2026-12-02T09:00:00Z');
      }
    },
  );

  it(
    'a reminder sent by the job is logged with whom it went to and which keys, never what it said',
    { timeout: 60_000 },
    async () => {
      // The quarter after: the follow-up is due again.
      now = new Date('2027-04-07T08:00:00Z');
      try {
        const from = frames.length;
        const start = logged.length;
        expect(await t.app.jobs.sweepReminders()).toBeGreaterThanOrEqual(1);
        await botCard(EN.bot.reminderTitle, from);
        let line: Json | undefined;
        for (let i = 0; i < 200 && !line; i++) {
          line = logged.slice(start).find((l) => l.msg === 'reminder sent' && l.recipient === DEMO.per);
          if (!line) await new Promise((r) => setTimeout(r, 50));
        }
        const row = await t.app.bot.store.outbox(str(line?.outbox));
        expect(row?.recipientOid).toBe(DEMO.per);
        // Who (the recipient's id) and which reminders (their keys), and nothing else.
        expect(Object.keys(line!).sort()).toEqual(['keys', 'level', 'msg', 'outbox', 'recipient', 'time']);
        expect(line).toMatchObject({
          level: 'info',
          outbox: row!.id,
          recipient: DEMO.per,
          keys: row!.messages.map((m) => m.key),
        });
        expect(row!.messages.map((m) => m.kind)).toContain('follow-up');
        // Not a word of what it said, nor of what Per wrote, nor Per's name, in anything logged meanwhile.
        const items = [...(await followUpList()).values()];
        const content = [
          ...visibleTexts(t.app.bot.renderReminder(row!.messages, 'en').card),
          ...items.flatMap((i) => [i.title, i.comment ?? '']).filter((s) => s !== ''),
          (await t.app.deps.directory.user(DEMO_TENANT_ID, DEMO.per))!.name,
        ];
        expect(content.length).toBeGreaterThan(3);
        const written = logged.slice(start).map((l) => JSON.stringify(l));
        for (const c of content) expect(written.filter((w) => w.includes(c))).toEqual([]);
      } finally {
        now = new Date('2026-12-02T09:00:00Z');
      }
    },
  );

  it(
    'my goals in the Playground: Per reports his unit-plan goal for the quarter from the card',
    { timeout: 60_000 },
    async () => {
      const from = frames.length;
      await say('my goals');
      const message = await botCard(EN.bot.myGoals, from);
      const card = cardOf(message);
      const texts = visibleTexts(card);
      expect(
        texts.some((x) => x.includes('Alle skoler har oppdaterte planer for et trygt og godt skolemiljø')),
      ).toBe(true);
      const quarter = periodName('en', '2026-Q4');
      const status = inputsOf(card).find((n) => str(n.id).endsWith(':2026-Q4:status'));
      const measured = inputsOf(card).find((n) => str(n.id).endsWith(':2026-Q4:measured'));
      // The first goal's input, named with its goal.
      expect(status?.label).toBe(
        fill(EN.bot.goalInput, { label: `${EN.bot.statusLabel} ${quarter}`, n: '1' }),
      );
      const goalId = str(status?.id).split(':')[1]!;
      // Per chooses a status and types the measured value; the comment box stays empty (not sent).
      const save = actionOf(card, 'planGoals.report');
      const reply = await click(message, save, { [str(status?.id)]: 'reached', [str(measured?.id)]: 95 });
      expect(visibleTexts(reply.value)).toContain(EN.bot.saved);
      const reports = await t.app.deps.store.plans.reports([goalId]);
      expect(reports.find((r) => r.period === '2026-Q4')).toMatchObject({
        status: 'reached',
        measured: 95,
        comment: null,
        byOid: DEMO.per,
      });
      expect(visibleTexts(reply.value).some((x) => x.includes(`${quarter}: ${EN.goalStatus.reached}`))).toBe(
        true,
      );
    },
  );

  it(
    'feedback on Ola in the Playground: Per is asked, opens the statements from the reminder and answers',
    { timeout: 60_000 },
    async () => {
      // The next working day: the day's one message for Per has gone out already.
      now = new Date('2026-12-03T09:00:00Z');
      try {
        const kari = await t.as(DEMO.kari);
        const ola = await t.as(DEMO.ola);
        const list = await ola<ResponseOf<'listMyConversations'>>('GET', path('listMyConversations'));
        const contract = list.body.conversations.find(
          (c) => c.template.key === 'kontraktsamtale' && c.period === '2026' && c.you === 'employee',
        );
        expect(contract).toBeDefined();
        const opened = await kari<ResponseOf<'openFeedbackRound'>>(
          'POST',
          path('openFeedbackRound', { id: contract!.id }),
          { respondents: [DEMO.per, DEMO.silje, DEMO.ingrid], closesOn: '2026-12-09' },
        );
        expect(opened.status).toBe(201);

        const from = frames.length;
        const ids = await sweepReminders(t.app.deps, t.app.bot);
        const forPer = ids.filter((id) => id.includes(DEMO.per));
        expect(forPer).toHaveLength(1);
        expect(await sendReminder(t.app.deps, t.app.bot, forPer[0]!)).toBe('sent');
        const asked = fill(EN.feedback.bot.asked, { name: 'Ola Hansen' }).replaceAll('**', '');
        const reminder = await botCard(asked, from);
        const texts = visibleTexts(cardOf(reminder));
        expect(texts).toContain(fill(EN.feedback.bot.anonymous, { min: 3 }));
        expect(texts.some((x) => x.includes('9 December 2026'))).toBe(true);
        expect(codesIn(texts)).toEqual([]);

        // "Answer now" keeps the reminder and brings the statements as a new card.
        const after = frames.length;
        const ack = await click(reminder, actionOf(cardOf(reminder), 'feedback.show'), {
          ...(actionOf(cardOf(reminder), 'feedback.show').data as Json),
        });
        expect(ack.value).toBe(EN.bot.kompass.below);
        const message = await botCard(EN.feedback.freeText, after);
        const card = cardOf(message);
        const shown = visibleTexts(card);
        expect(shown).toContain(EN.feedback.statements.trust);
        expect(shown).toContain(EN.feedback.bot.textWarning);
        expect(codesIn(shown)).toEqual([]);
        const ratings = inputsOf(card).filter((n) => str(n.id).startsWith('feedback:rating:'));
        expect(ratings).toHaveLength(5);
        const edits = Object.fromEntries(ratings.map((r, i) => [str(r.id), String((i % 5) + 1)]));
        const reply = await click(message, actionOf(card, 'feedback.answer'), {
          ...submitted(card, actionOf(card, 'feedback.answer'), edits),
          'feedback:text': 'More time for each of us',
        });
        expect(visibleTexts(reply.value)).toContain(EN.feedback.bot.saved);
        const view = await ola<ResponseOf<'getFeedbackRound'>>(
          'GET',
          path('getFeedbackRound', { id: contract!.id }),
        );
        expect(view.body.round).toMatchObject({ answered: 1, invited: 3, result: null });
      } finally {
        now = new Date('2026-12-02T09:00:00Z');
      }
    },
  );
});
