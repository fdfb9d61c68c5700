// Every card the bot sends, built from typed data in bokmål or English. Reminders say what is due,
// when and where, never what anyone wrote. The follow-up card lists an owner's own items, and is
// only built in answer to the owner's own action, checked on the server.
import type { FollowUpStatus } from '../../src/domain/answers.ts';
import type { FollowUpLine } from '../../src/usecases/list-my-follow-up.ts';
import type { DueMessage } from '../../src/domain/reminders.ts';
import { builtInTemplate } from '../../src/domain/templates/registry.ts';
import {
  card,
  execute,
  heading,
  openUrl,
  text,
  type AdaptiveCard,
  type Container,
  type Element,
  type Locale,
} from './card.ts';

export interface Links {
  home: string;
  team: string;
  conversation(id: string): string;
}

const T = {
  nb: {
    reminderTitle: 'Påminnelse fra Samtale',
    open: 'Åpne i Samtale',
    myConversations: 'Mine samtaler',
    myTeam: 'Mitt team',
    prepare: (name: string, date: string) => `**${name}** ${date}: forbered deg.`,
    prepareWhat: 'Gå gjennom skjemaet og skriv din forberedelse. Den er privat til du deler den.',
    signature: (name: string, since: string) =>
      `**${name}** venter på din signatur (sendt til signering ${since}).`,
    followUp: (n: number, period: string) =>
      `Du har ${n} åpne oppfølgingspunkt${n === 1 ? '' : 'er'} for ${period}.`,
    teamFollowUp: (n: number, period: string) =>
      `Teamet ditt har ${n} åpne oppfølgingspunkt${n === 1 ? '' : 'er'} for ${period}.`,
    nudge: (n: number, date: string) =>
      `${n} av dine direkte underordnede har ingen samtale planlagt. Fristen er ${date}.`,
    recordStatus: 'Registrer status',
    helpTitle: 'Samtale i Teams',
    help: 'Jeg minner deg på forberedelse, signering og oppfølging av samtalene dine. Skriv:',
    commands: [
      ['mine samtaler', 'samtalene dine og hva som gjenstår'],
      ['oppfølging', 'dine åpne oppfølgingspunkter, med status du kan registrere her'],
      ['hjelp', 'denne oversikten'],
    ],
    welcome: 'Velkommen til Samtale. Du får påminnelser her før samtalene dine og når noe venter på deg.',
    none: 'Du har ingen samtaler ennå.',
    noItems: 'Du har ingen åpne oppfølgingspunkter.',
    status: { open: 'Åpent', achieved: 'Oppnådd', partly: 'Delvis', not_yet: 'Ikke ennå' } as Record<
      FollowUpStatus,
      string
    >,
    statusLabel: 'Status',
    comment: 'Kommentar',
    save: 'Lagre',
    saved: 'Lagret.',
    due: 'Frist',
    unknownCommand: 'Det forstod jeg ikke. Skriv «hjelp» for å se hva jeg kan.',
  },
  en: {
    reminderTitle: 'Reminder from Samtale',
    open: 'Open in Samtale',
    myConversations: 'My conversations',
    myTeam: 'My team',
    prepare: (name: string, date: string) => `**${name}** on ${date}: time to prepare.`,
    prepareWhat: 'Go through the form and write your preparation. It stays private until you share it.',
    signature: (name: string, since: string) =>
      `**${name}** is waiting for your signature (sent for signing ${since}).`,
    followUp: (n: number, period: string) =>
      `You have ${n} open follow-up item${n === 1 ? '' : 's'} for ${period}.`,
    teamFollowUp: (n: number, period: string) =>
      `Your team has ${n} open follow-up item${n === 1 ? '' : 's'} for ${period}.`,
    nudge: (n: number, date: string) =>
      `${n} of your direct reports have no conversation planned. The deadline is ${date}.`,
    recordStatus: 'Record status',
    helpTitle: 'Samtale in Teams',
    help: 'I remind you to prepare, sign and follow up your conversations. Type:',
    commands: [
      ['my conversations', 'your conversations and what is left to do'],
      ['follow-up', 'your open follow-up items, with status you can record here'],
      ['help', 'this overview'],
    ],
    welcome:
      'Welcome to Samtale. You will get reminders here before your conversations and when something waits for you.',
    none: 'You have no conversations yet.',
    noItems: 'You have no open follow-up items.',
    status: { open: 'Open', achieved: 'Achieved', partly: 'Partly', not_yet: 'Not yet' } as Record<
      FollowUpStatus,
      string
    >,
    statusLabel: 'Status',
    comment: 'Comment',
    save: 'Save',
    saved: 'Saved.',
    due: 'Due',
    unknownCommand: "I didn't understand that. Type 'help' to see what I can do.",
  },
} as const;

// The seed's own preparation line for a leader's kontraktsamtale (seed 000), word for word.
const KONTRAKT_LEADER_PREPARATION = 'Forberedelse: innhent tilbakemeldinger fra underordnede/sideordnede.';

const templateName = (key: string | null) => (key ? (builtInTemplate(key)?.name ?? key) : '');
const dateText = (iso: string, lang: Locale) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString(lang === 'nb' ? 'nb-NO' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** One message a day: everything due for this person, each with its way into the tab. */
export function reminderCard(messages: readonly DueMessage[], links: Links, lang: Locale): AdaptiveCard {
  const t = T[lang];
  const sections: Container[] = messages.map((m, i) => {
    const items: Element[] = [];
    const s: Container = { type: 'Container', separator: i > 0, spacing: 'Medium', items };
    switch (m.kind) {
      case 'preparation':
        items.push(
          text(t.prepare(templateName(m.templateKey), dateText(m.date ?? m.period, lang))),
          text(t.prepareWhat, { isSubtle: true }),
        );
        if (m.templateKey === 'kontraktsamtale' && m.role === 'leader')
          items.push(text(KONTRAKT_LEADER_PREPARATION));
        items.push(text(`[${t.open}](${links.conversation(m.subject)})`));
        break;
      case 'signature':
        items.push(
          text(t.signature(templateName(m.templateKey), dateText(m.date ?? m.period, lang))),
          text(`[${t.open}](${links.conversation(m.subject)})`),
        );
        break;
      case 'follow-up':
        items.push(text(t.followUp(m.count, m.period)));
        break;
      case 'team-follow-up':
        items.push(text(t.teamFollowUp(m.count, m.period)), text(`[${t.myTeam}](${links.team})`));
        break;
      case 'cycle-nudge':
        items.push(text(t.nudge(m.count, dateText(m.period, lang))), text(`[${t.myTeam}](${links.team})`));
        break;
    }
    return s;
  });
  const actions = messages.some((m) => m.kind === 'follow-up')
    ? [execute(t.recordStatus, 'followUp.show', {})]
    : [];
  return card([heading(t.reminderTitle), ...sections], [...actions, openUrl(t.myConversations, links.home)]);
}

export function welcomeCard(links: Links, lang: Locale): AdaptiveCard {
  return {
    ...helpCard(links, lang),
    body: [heading(T[lang].helpTitle), text(T[lang].welcome), ...helpCard(links, lang).body.slice(1)],
  };
}

export function helpCard(links: Links, lang: Locale): AdaptiveCard {
  const t = T[lang];
  return card(
    [
      heading(t.helpTitle),
      text(t.help),
      { type: 'FactSet', facts: t.commands.map(([title, value]) => ({ title, value })) },
    ],
    [openUrl(t.myConversations, links.home)],
  );
}

export function unknownCommandCard(links: Links, lang: Locale): AdaptiveCard {
  return card(
    [text(T[lang].unknownCommand)],
    [execute(T[lang].helpTitle, 'help.show', {}), openUrl(T[lang].myConversations, links.home)],
  );
}

export interface ConversationLine {
  id: string;
  templateKey: string;
  period: string;
  statusText: string;
  nextStep: string;
  counterpart: string;
}

export function myConversationsCard(
  lines: readonly ConversationLine[],
  links: Links,
  lang: Locale,
): AdaptiveCard {
  const t = T[lang];
  if (lines.length === 0)
    return card([heading(t.myConversations), text(t.none)], [openUrl(t.myConversations, links.home)]);
  return card(
    [
      heading(t.myConversations),
      ...lines.slice(0, 20).map((l, i): Container => ({
        type: 'Container',
        separator: i > 0,
        items: [
          text(`**${templateName(l.templateKey)} ${l.period}** · ${l.counterpart}`),
          text(`${l.statusText}. ${l.nextStep}`, { isSubtle: true }),
          text(`[${t.open}](${links.conversation(l.id)})`),
        ],
      })),
    ],
    [openUrl(t.myConversations, links.home)],
  );
}

/** The owner's own open items, each with a status choice and a comment, saved in place. */
export function followUpCard(
  items: readonly FollowUpLine[],
  links: Links,
  lang: Locale,
  notice: string | null = null,
): AdaptiveCard {
  const t = T[lang];
  if (items.length === 0)
    return card(
      [heading(T[lang].recordStatus), ...(notice ? [text(notice)] : []), text(t.noItems)],
      [openUrl(t.myConversations, links.home)],
    );
  const choices = (['achieved', 'partly', 'not_yet'] as const).map((s) => ({ title: t.status[s], value: s }));
  return card(
    [
      heading(t.recordStatus),
      ...(notice ? [text(notice, { weight: 'Bolder' as const })] : []),
      ...items.slice(0, 15).map((item, i): Container => ({
        type: 'Container',
        separator: i > 0,
        items: [
          text(`**${item.title}**${item.due ? ` · ${t.due} ${item.due}` : ''}`),
          text(`${t.statusLabel}: ${t.status[item.status]}${item.comment ? ` (${item.comment})` : ''}`, {
            isSubtle: true,
          }),
          {
            type: 'Input.ChoiceSet',
            id: `status:${item.itemId}:${item.version}`,
            label: t.statusLabel,
            choices,
            style: 'compact',
            ...(item.status !== 'open' ? { value: item.status } : {}),
          },
          {
            type: 'Input.Text',
            id: `comment:${item.itemId}`,
            label: t.comment,
            maxLength: 500,
            ...(item.comment ? { value: item.comment } : {}),
          },
        ],
      })),
    ],
    [execute(t.save, 'followUp.save', {}), openUrl(t.myConversations, links.home)],
  );
}

export const savedNotice = (lang: Locale) => T[lang].saved;
