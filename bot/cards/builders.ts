// Every card the bot sends, built from typed data in the reader's language (src/contract/words).
// Reminders say what is due, when and where, never what anyone wrote. The follow-up card lists an
// owner's own items, and is only built in answer to the owner's own action, checked on the server.
import { fill, formatDate, listOf, periodName, plural } from '../../src/contract/words/format.ts';
import { WORDS, type Locale } from '../../src/contract/words/index.ts';
import type { NextStep, Status } from '../../src/domain/conversation.ts';
import type { DueMessage } from '../../src/domain/reminders.ts';
import { builtInTemplate } from '../../src/domain/templates/registry.ts';
import type { FollowUpLine } from '../../src/usecases/list-my-follow-up.ts';
import { COMMENT_MAX, inputIds } from '../follow-up-form.ts';
import {
  card,
  execute,
  heading,
  openUrl,
  text,
  type AdaptiveCard,
  type Container,
  type Element,
} from './card.ts';

export interface Links {
  home: string;
  team: string;
  conversation(id: string): string;
}

/** A title in a card: the tab has the whole text. */
const short = (s: string, max = 200) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

const templateName = (key: string | null) => (key ? (builtInTemplate(key)?.name ?? key) : '');

/** One message a day: everything due for this person, each with its way into the tab. */
export function reminderCard(messages: readonly DueMessage[], links: Links, lang: Locale): AdaptiveCard {
  const w = WORDS[lang].bot;
  const sections: Container[] = messages.map((m, i) => {
    const items: Element[] = [];
    const s: Container = { type: 'Container', separator: i > 0, spacing: 'Medium', items };
    switch (m.kind) {
      case 'preparation':
        items.push(
          text(
            fill(w.prepare, {
              name: templateName(m.templateKey),
              date: formatDate(lang, m.date ?? m.period),
            }),
          ),
          text(w.prepareWhat, { isSubtle: true }),
        );
        if (m.templateKey === 'kontraktsamtale' && m.role === 'leader')
          items.push(text(w.kontraktLeaderPreparation));
        items.push(text(`[${w.open}](${links.conversation(m.subject)})`));
        break;
      case 'signature':
        items.push(
          text(
            fill(w.signature, {
              name: templateName(m.templateKey),
              since: formatDate(lang, m.date ?? m.period),
            }),
          ),
          text(`[${w.open}](${links.conversation(m.subject)})`),
        );
        break;
      case 'reopened':
        items.push(
          text(
            fill(w.reopened, {
              name: templateName(m.templateKey),
              date: formatDate(lang, m.date ?? m.period),
            }),
          ),
          text(`[${w.open}](${links.conversation(m.subject)})`),
        );
        break;
      case 'follow-up':
        items.push(text(plural(lang, w.followUp, m.count, { period: periodName(lang, m.period) })));
        break;
      case 'team-follow-up':
        items.push(
          text(plural(lang, w.teamFollowUp, m.count, { period: periodName(lang, m.period) })),
          text(`[${w.myTeam}](${links.team})`),
        );
        break;
      case 'cycle-nudge':
        items.push(
          text(plural(lang, w.nudge, m.count, { date: formatDate(lang, m.period) })),
          text(`[${w.myTeam}](${links.team})`),
        );
        break;
    }
    return s;
  });
  const actions = messages.some((m) => m.kind === 'follow-up')
    ? // `keep`: the follow-up card comes as a new message, and this reminder stays as it is.
      [execute(w.recordStatus, 'followUp.show', { keep: 1 })]
    : [];
  const build = (n: number) =>
    card(
      [heading(w.reminderTitle), ...sections.slice(0, n), ...rest(lang, n, sections.length)],
      [...actions, openUrl(w.myConversations, links.home)],
    );
  return build(fitting(sections.length, build));
}

export function welcomeCard(links: Links, lang: Locale): AdaptiveCard {
  const help = helpCard(links, lang);
  return {
    ...help,
    body: [heading(WORDS[lang].bot.helpTitle), text(WORDS[lang].bot.welcome), ...help.body.slice(1)],
  };
}

export function helpCard(links: Links, lang: Locale): AdaptiveCard {
  const w = WORDS[lang].bot;
  const commands = [
    { title: w.commandConversations, value: w.commandConversationsWhat },
    { title: w.commandFollowUp, value: w.commandFollowUpWhat },
    { title: w.commandHelp, value: w.commandHelpWhat },
  ];
  return card(
    [heading(w.helpTitle), text(w.help), { type: 'FactSet', facts: commands }],
    [openUrl(w.myConversations, links.home)],
  );
}

export function unknownCommandCard(links: Links, lang: Locale): AdaptiveCard {
  const w = WORDS[lang].bot;
  return card(
    [text(w.unknownCommand)],
    [execute(w.showHelp, 'help.show', {}), openUrl(w.myConversations, links.home)],
  );
}

export interface ConversationLine {
  id: string;
  templateKey: string;
  period: string;
  status: Status;
  nextStep: NextStep;
  counterpart: string;
  /** Who the conversation waits for, by name ("deg" for the reader). */
  waitingFor: string[];
}

/** Conversations in one card; the rest are named and a click away in the tab. */
const MAX_LINES = 20;

export function myConversationsCard(
  lines: readonly ConversationLine[],
  links: Links,
  lang: Locale,
): AdaptiveCard {
  const words = WORDS[lang];
  const w = words.bot;
  if (lines.length === 0)
    return card([heading(w.myConversations), text(w.none)], [openUrl(w.myConversations, links.home)]);
  return card(
    [
      heading(w.myConversations),
      ...lines.slice(0, MAX_LINES).map((l, i): Container => ({
        type: 'Container',
        separator: i > 0,
        items: [
          text(`**${templateName(l.templateKey)} ${periodName(lang, l.period)}** · ${l.counterpart}`),
          text(
            // Nothing left to do (archived, cancelled): the status alone.
            (l.nextStep === 'none'
              ? words.status[l.status]
              : fill(w.conversationLine, {
                  status: words.status[l.status],
                  next: words.nextStep[l.nextStep],
                })) +
              (l.waitingFor.length > 0
                ? `. ${fill(w.waitingFor, { names: listOf(lang, l.waitingFor) })}`
                : ''),
            { isSubtle: true },
          ),
          text(`[${w.open}](${links.conversation(l.id)})`),
        ],
      })),
      ...rest(lang, Math.min(MAX_LINES, lines.length), lines.length),
    ],
    [openUrl(w.myConversations, links.home)],
  );
}

/** Teams refuses a message over about 28 KB, in-place updates too; the rest is the activity's. */
export const CARD_MAX_BYTES = 24_000;

/** The line under a list that shows `shown` of `total`: how many more, and where they are. */
const rest = (lang: Locale, shown: number, total: number) =>
  shown < total ? [text(fill(WORDS[lang].bot.more, { count: String(total - shown) }))] : [];

/** How many of a card's parts fit under the size limit (at least one). */
function fitting(parts: number, build: (n: number) => AdaptiveCard): number {
  let n = parts;
  while (n > 1 && Buffer.byteLength(JSON.stringify(build(n))) > CARD_MAX_BYTES) n--;
  return n;
}

/** The owner's own open items, each with a status choice and a comment, saved in place. */
export function followUpCard(
  items: readonly FollowUpLine[],
  links: Links,
  lang: Locale,
  notice: string | null = null,
): AdaptiveCard {
  const words = WORDS[lang];
  const w = words.bot;
  if (items.length === 0)
    return card(
      [heading(w.recordStatus), ...(notice ? [text(notice)] : []), text(w.noItems)],
      [openUrl(w.myConversations, links.home)],
    );
  const choices = (['achieved', 'partly', 'not_yet'] as const).map((s) => ({
    title: words.followUp[s],
    value: s,
  }));
  const rows = items.slice(0, 15).map((item, i): Container => ({
    type: 'Container',
    separator: i > 0,
    items: [
      text(
        `**${short(item.title)}**${item.due ? ` · ${w.due} ${formatDate(lang, item.due)}` : ''}${item.overdue ? ` · **${w.overdue}**` : ''}`,
      ),
      // The comment is in its input below, whole: shortening it there would cut it on saving.
      text(`${w.statusLabel}: ${words.followUp[item.status]}`, { isSubtle: true }),
      {
        type: 'Input.ChoiceSet',
        id: inputIds(item).status,
        label: w.statusLabel,
        choices,
        style: 'compact',
        ...(item.status !== 'open' ? { value: item.status } : {}),
      },
      {
        type: 'Input.Text',
        id: inputIds(item).comment,
        label: w.comment,
        isMultiline: true,
        maxLength: COMMENT_MAX,
        ...(item.comment ? { value: item.comment } : {}),
      },
    ],
  }));
  const build = (n: number) =>
    card(
      [
        heading(w.recordStatus),
        ...(notice ? [text(notice, { weight: 'Bolder' as const })] : []),
        ...rows.slice(0, n),
        ...rest(lang, n, items.length),
      ],
      [execute(w.save, 'followUp.save', {}), openUrl(w.myConversations, links.home)],
    );
  // Long comments can make even 15 items too large for Teams: fewer items, and a line for the rest.
  return build(fitting(rows.length, build));
}

export const savedNotice = (lang: Locale) => WORDS[lang].bot.saved;
