// Every card the bot sends, built from typed data in the reader's language (src/contract/words).
// Reminders say what is due, when and where, never what anyone wrote. The follow-up card lists an
// owner's own items, and is only built in answer to the owner's own action, checked on the server.
import {
  fill,
  formatDate,
  formatNumber,
  listOf,
  periodName,
  plural,
} from '../../src/contract/words/format.ts';
import { WORDS, type Locale } from '../../src/contract/words/index.ts';
import type { NextStep, Status } from '../../src/domain/conversation.ts';
import { feedbackStatements } from '../../src/domain/feedback.ts';
import type { DueMessage } from '../../src/domain/reminders.ts';
import { GOAL_STATUSES, type GoalStatus } from '../../src/domain/unit-plan.ts';
import { builtInTemplate } from '../../src/domain/templates/registry.ts';
import type { FollowUpLine } from '../../src/usecases/list-my-follow-up.ts';
import { COMMENT_MAX, inputIds } from '../follow-up-form.ts';
import {
  card,
  type Action,
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
  /** The conversation at its archived copies, where a party downloads their own. */
  copy(id: string): string;
  plan(id: string): string;
  /** The privacy page (open without signing in), from the help card. */
  privacy: string;
}

/** A title in a card: the tab has the whole text. */
const short = (s: string, max = 200) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

const templateName = (key: string | null) => (key ? (builtInTemplate(key)?.name ?? key) : '');

/** One message a day: everything due for this person, each with its way into the tab. */
/** A plan's goals due for one person in one period are one line ("Rapporter på 3 mål …"). */
function mergePlanFollowUps(messages: readonly DueMessage[]): DueMessage[] {
  const out: DueMessage[] = [];
  for (const m of messages) {
    const same =
      m.kind === 'plan-follow-up' &&
      out.find((o) => o.kind === m.kind && o.unit === m.unit && o.period === m.period);
    if (same) same.count += m.count;
    else out.push({ ...m });
  }
  return out;
}

export function reminderCard(messages: readonly DueMessage[], links: Links, lang: Locale): AdaptiveCard {
  const w = WORDS[lang].bot;
  const sections: Container[] = mergePlanFollowUps(messages).map((m, i) => {
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
        // The leader being assessed is the conversation's employee: the seed's line is for them.
        if (m.templateKey === 'kontraktsamtale' && m.role === 'employee')
          items.push(text(w.kontraktLeaderPreparation));
        if (m.templateKey && m.role === 'employee' && feedbackStatements(m.templateKey))
          items.push(text(WORDS[lang].feedback.bot.invite));
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
          text(
            plural(lang, w.nudge, m.count, {
              // A common noun mid-sentence: "ingen medarbeidersamtale".
              name: templateName(m.templateKey).replace(/^\p{Lu}(?!\p{Lu})/u, (c) => c.toLowerCase()),
              period: periodName(lang, m.period),
              date: formatDate(lang, m.date ?? m.period),
            }),
          ),
          text(`[${w.myTeam}](${links.team})`),
        );
        break;
      case 'plan-follow-up':
        items.push(
          text(
            plural(lang, w.planFollowUp, m.count, {
              unit: m.unit ?? '',
              period: periodName(lang, m.period),
              date: formatDate(lang, m.date ?? m.period),
            }),
          ),
        );
        break;
      case 'plan-input':
      case 'plan-report':
        items.push(
          text(
            fill(m.kind === 'plan-input' ? w.planInput : w.planReport, {
              unit: m.unit ?? '',
              year: m.period,
            }),
          ),
          text(`[${w.openPlan}](${links.plan(m.subject)})`),
        );
        break;
      case 'kompass-input':
      case 'kompass-input-reminder':
        // What is asked, and that it is anonymous; the questions come with "Svar nå", never here.
        items.push(
          text(fill(w.kompass.asked, { year: m.period })),
          ...(m.kind === 'kompass-input-reminder' ? [text(plural(lang, w.kompass.reminder, m.count))] : []),
          text(w.kompass.anonymous, { isSubtle: true }),
        );
        break;
      case 'feedback-input':
      case 'feedback-reminder': {
        // Who it is about and until when; the statements come with "Svar nå", never here.
        const f = WORDS[lang].feedback.bot;
        const vars = { name: m.about ?? '', date: formatDate(lang, m.date ?? m.period) };
        items.push(
          text(fill(f.asked, vars)),
          text(fill(m.kind === 'feedback-reminder' ? f.reminder : f.intro, vars)),
          text(fill(f.anonymous, { min: m.count }), { isSubtle: true }),
        );
        break;
      }
      case 'plan-summary': {
        const missing = m.missing ?? [];
        const vars = { unit: m.unit ?? '', period: periodName(lang, m.period) };
        items.push(
          text(
            missing.length === 0
              ? plural(lang, w.planAllReported, m.count, vars)
              : fill(w.planMissing, {
                  ...vars,
                  count: m.count,
                  reported: m.count - missing.length,
                  names: listOf(lang, missing),
                }),
          ),
          text(`[${w.openPlan}](${links.plan(m.subject)})`),
        );
        break;
      }
    }
    return s;
  });
  // `keep`: the card to answer in comes as a new message, and this reminder stays as it is.
  const actions = [
    ...(messages.some((m) => m.kind === 'follow-up')
      ? [execute(w.recordStatus, 'followUp.show', { keep: 1 })]
      : []),
    ...(messages.some((m) => m.kind === 'plan-follow-up')
      ? [execute(w.reportGoals, 'planGoals.show', { keep: 1 })]
      : []),
    ...kompassActions(messages, lang),
    ...feedbackActions(messages, lang),
  ];
  const build = (n: number) =>
    card(
      [heading(w.reminderTitle), ...sections.slice(0, n), ...rest(lang, n, sections.length)],
      [...actions, openUrl(w.myConversations, links.home)],
    );
  return build(fitting(sections.length, build));
}

/** "Svar nå" for each Kommunekompass round asking for input (by year, should there be more than one). */
function kompassActions(messages: readonly DueMessage[], lang: Locale): Action[] {
  const w = WORDS[lang].bot.kompass;
  const rounds = new Map<string, string>();
  for (const m of messages)
    if (m.kind === 'kompass-input' || m.kind === 'kompass-input-reminder') rounds.set(m.subject, m.period);
  return [...rounds].map(([roundId, year]) =>
    execute(rounds.size > 1 ? fill(w.answerNowYear, { year }) : w.answerNow, 'kompass.input.show', {
      roundId,
      keep: 1,
    }),
  );
}

/** "Svar nå" for each feedback round asking this person (by the leader's name, should there be more than one). */
function feedbackActions(messages: readonly DueMessage[], lang: Locale): Action[] {
  const rounds = new Map<string, string>();
  for (const m of messages)
    if (m.kind === 'feedback-input' || m.kind === 'feedback-reminder') rounds.set(m.subject, m.about ?? '');
  return [...rounds].map(([roundId, name]) =>
    execute(
      rounds.size > 1
        ? fill(WORDS[lang].feedback.bot.answerFor, { name })
        : WORDS[lang].bot.kompass.answerNow,
      'feedback.show',
      { roundId, keep: 1 },
    ),
  );
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
    { title: w.commandGoals, value: w.commandGoalsWhat },
    { title: w.commandHelp, value: w.commandHelpWhat },
  ];
  return card(
    [heading(w.helpTitle), text(w.help), { type: 'FactSet', facts: commands }],
    [openUrl(w.myConversations, links.home), openUrl(w.privacy, links.privacy)],
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
          text(
            // An archived conversation: the party keeps their copy through Samtale, not SharePoint.
            l.status === 'archived'
              ? `[${w.open}](${links.conversation(l.id)}) · [${w.downloadCopy}](${links.copy(l.id)})`
              : `[${w.open}](${links.conversation(l.id)})`,
          ),
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
  return formCard(lang, links, {
    title: w.recordStatus,
    empty: w.noItems,
    notice,
    rows,
    total: items.length,
    actions: [execute(w.save, 'followUp.save', {}), openUrl(w.myConversations, links.home)],
  });
}

/**
 * A card of rows to fill in, under a title and an optional notice (what the last save did). With no
 * rows it says so; rows that would make it too large for Teams (long texts) are left for a line
 * naming how many more there are.
 */
function formCard(
  lang: Locale,
  links: Links,
  c: {
    title: string;
    empty: string;
    notice: string | null;
    rows: Container[];
    total: number;
    actions: Action[];
  },
): AdaptiveCard {
  if (c.rows.length === 0)
    return card(
      [heading(c.title), ...(c.notice ? [text(c.notice)] : []), text(c.empty)],
      [openUrl(WORDS[lang].bot.myConversations, links.home)],
    );
  const build = (n: number) =>
    card(
      [
        heading(c.title),
        ...(c.notice ? [text(c.notice, { weight: 'Bolder' as const })] : []),
        ...c.rows.slice(0, n),
        ...rest(lang, n, c.total),
      ],
      c.actions,
    );
  return build(fitting(c.rows.length, build));
}

export const savedNotice = (lang: Locale) => WORDS[lang].bot.saved;

/** One goal I report on, as the goals card shows it. */
export interface GoalLine {
  goalId: string;
  planId: string;
  goal: string;
  unit: string;
  indicator: string | null;
  baseline: number | null;
  target: number | null;
  /** The period a report counts for now, with what is reported for it already. */
  period: string | null;
  current: { status: GoalStatus; measured: number | null; comment: string | null } | null;
  last: { period: string; status: GoalStatus } | null;
}

/** The ids of a goal's report inputs: the goal and the period the report is for. */
export const goalInputIds = (goalId: string, period: string) => ({
  status: `report:${goalId}:${period}:status`,
  measured: `report:${goalId}:${period}:measured`,
  comment: `report:${goalId}:${period}:comment`,
});

/** My goals in adopted plans, each with its report for the period (Trinn 6), right in the card. */
export function myGoalsCard(
  goals: readonly GoalLine[],
  links: Links,
  lang: Locale,
  notice: string | null = null,
): AdaptiveCard {
  const words = WORDS[lang];
  const w = words.bot;
  const choices = GOAL_STATUSES.map((s) => ({ title: words.goalStatus[s], value: s }));
  const rows = goals.map((g, i): Container => {
    const items: Element[] = [
      text(`**${i + 1}. ${short(g.goal)}** · ${g.unit}`),
      ...(g.indicator
        ? [text(fill(w.goalIndicator, { indicator: short(g.indicator) }), { isSubtle: true })]
        : []),
      ...(g.baseline !== null && g.target !== null
        ? [
            text(
              fill(w.goalTarget, {
                baseline: formatNumber(lang, g.baseline),
                target: formatNumber(lang, g.target),
              }),
              { isSubtle: true },
            ),
          ]
        : []),
      text(
        g.last
          ? fill(w.goalLastReport, {
              period: periodName(lang, g.last.period),
              status: words.goalStatus[g.last.status],
            })
          : fill(w.goalNotReported, { period: periodName(lang, g.period ?? '') }),
        { isSubtle: true },
      ),
    ];
    if (g.period) {
      const ids = goalInputIds(g.goalId, g.period);
      items.push(
        {
          type: 'Input.ChoiceSet',
          id: ids.status,
          label: fill(w.goalInput, { label: `${w.statusLabel} ${periodName(lang, g.period)}`, n: i + 1 }),
          choices,
          style: 'compact',
          ...(g.current ? { value: g.current.status } : {}),
        },
        {
          type: 'Input.Number',
          id: ids.measured,
          label: fill(w.goalInput, { label: w.measured, n: i + 1 }),
          ...(g.current?.measured !== null && g.current?.measured !== undefined
            ? { value: g.current.measured }
            : {}),
        },
        {
          type: 'Input.Text',
          id: ids.comment,
          label: fill(w.goalInput, { label: w.comment, n: i + 1 }),
          isMultiline: true,
          maxLength: COMMENT_MAX,
          ...(g.current?.comment ? { value: g.current.comment } : {}),
        },
      );
    }
    return { type: 'Container', separator: i > 0, items };
  });
  return formCard(lang, links, {
    title: w.myGoals,
    empty: w.noGoals,
    notice,
    rows,
    total: goals.length,
    actions: [
      execute(w.save, 'planGoals.report', {}),
      ...(goals[0] ? [openUrl(w.openPlan, links.plan(goals[0].planId))] : []),
    ],
  });
}
