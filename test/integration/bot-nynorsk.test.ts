// The bot in nynorsk: a Teams client set to nynorsk (activity locale nn-NO) gets every card in nynorsk,
// its commands in nynorsk are understood, and the chat remembers the language for the reminders the
// bot sends on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORDS } from '../../src/contract/words/index.ts';
import { startBotConnectorFake, type BotConnectorFake } from '../fakes/bot-connector.ts';
import { backends } from '../helpers/backends.ts';
import { cardProblems } from '../helpers/cards.ts';
import { DEMO, DEMO_TENANT_ID, startTestApp, type TestApp } from '../helpers/harness.ts';
import { personalChat } from '../helpers/personal-chat.ts';

type Card = { type: string; body: unknown[] };
const cardOf = (a: Record<string, unknown>) =>
  ((a.attachments as { content: Card }[] | undefined) ?? [])[0]?.content;

describe('the bot in nynorsk (activity locale nn-NO)', () => {
  let t: TestApp;
  let connector: BotConnectorFake;
  beforeAll(async () => {
    const [pglite] = await backends();
    connector = await startBotConnectorFake();
    t = await startTestApp(pglite!);
  });
  afterAll(async () => {
    await t?.close();
    await connector?.close();
  });

  const { chat, activity, post } = personalChat(() => ({ app: t.url, serviceUrl: connector.serviceUrl }));
  const sentTo = (oid: string) => connector.received.filter((r) => r.conversationId === chat(oid));
  const nn = (oid: string, over: Record<string, unknown>) => activity(oid, { locale: 'nn-NO', ...over });
  const W = WORDS.nn.bot;

  it('welcomes in nynorsk and remembers the language for reminders', async () => {
    expect((await post(nn(DEMO.ola, { type: 'installationUpdate', action: 'add' }))).status).toBe(200);
    const welcome = cardOf(sentTo(DEMO.ola)[0]!.activity)!;
    expect(cardProblems(welcome)).toEqual([]);
    expect(JSON.stringify(welcome)).toContain(W.welcome);
    expect(JSON.stringify(welcome)).not.toContain(WORDS.nb.bot.welcome);

    const reference = await t.app.bot.store.reference(DEMO_TENANT_ID, DEMO.ola);
    expect(reference?.locale).toBe('nn');
    const reminder = t.app.bot.renderReminder(
      [
        {
          kind: 'follow-up',
          key: `follow-up:${DEMO.ola}:2026-T3:${DEMO.ola}`,
          tid: DEMO_TENANT_ID,
          recipientOid: DEMO.ola,
          subject: DEMO.ola,
          period: '2026-T3',
          date: null,
          count: 2,
          role: null,
          templateKey: null,
        },
      ],
      reference!.locale,
    );
    expect(reminder.summary).toBe('Påminning frå Samtale');
    expect(JSON.stringify(reminder.card)).toContain(W.reminderTitle);
    expect(JSON.stringify(reminder.card)).toContain('Du har 2 opne oppfølgingspunkt for 3. tertial 2026.');
  });

  it('understands hjelp, samtalane mine and måla mine, and answers each in nynorsk', async () => {
    const before = sentTo(DEMO.ola).length;
    for (const text of ['hjelp', 'Samtalane mine', 'mine samtalar', 'måla mine', 'kva?'])
      expect((await post(nn(DEMO.ola, { type: 'message', text }))).status).toBe(200);
    const cards = sentTo(DEMO.ola)
      .slice(before)
      .map((r) => JSON.stringify(cardOf(r.activity)));
    expect(cards).toHaveLength(5);
    const [help, mine, mineToo, goals, unknown] = cards;
    expect(help).toContain(W.commandConversations);
    expect(help).toContain(W.help);
    expect(mine).toContain('Per'); // Ola's conversation with Per
    expect(mine).toContain(W.myConversations);
    expect(mineToo).toEqual(mine);
    expect(goals).toContain(W.myGoals);
    expect(unknown).toContain(W.unknownCommand);
    // Not a word of bokmål where nynorsk has its own.
    for (const c of cards) expect(c).not.toMatch(/\b(ikke|hva|Åpne i Samtale|samtaler)\b/);
  });
});
