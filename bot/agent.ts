// The bot's turns, registered on the Agents SDK's AgentApplication: installation (store the chat,
// greet once; forget it on removal), the chat commands, and card actions by verb. Who acts comes from
// the activity the channel delivered (authenticated in m365 mode before it gets here), never from
// card data, and every action runs through the same use cases and access rules as the API.
import {
  AgentApplication,
  RouteRank,
  type CloudAdapter,
  type TurnState,
  type TurnContext,
} from '@microsoft/agents-hosting';
import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import { plural } from '../src/contract/words/format.ts';
import { WORDS, localeOf as wordsLocale, type Locale } from '../src/contract/words/index.ts';
import type { Actor } from '../src/domain/policy.ts';
import { AppError } from '../src/errors/catalogue.ts';
import type { Logger } from '../src/logger.ts';
import type { BotStore } from '../src/ports.ts';
import { listMyConversations } from '../src/usecases/list-my-conversations.ts';
import { listMyFollowUp } from '../src/usecases/list-my-follow-up.ts';
import { recordFollowUp } from '../src/usecases/record-follow-up.ts';
import { listMyGoals } from '../src/usecases/list-my-goals.ts';
import { reportGoal } from '../src/usecases/report-goal.ts';
import { osloTime } from '../src/domain/reminders.ts';
import { printable } from '../src/adapters/pdf/fonts.ts';
import { unprintableTextAt, unstorableTextAt } from '../src/domain/text.ts';
import type { Deps } from '../src/usecases/support.ts';
import {
  followUpCard,
  goalInputIds,
  helpCard,
  myConversationsCard,
  myGoalsCard,
  savedNotice,
  type Links,
  unknownCommandCard,
  welcomeCard,
} from './cards/builders.ts';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from './cards/card.ts';
import { readFollowUpCard } from './follow-up-form.ts';
import { goalLine, readGoalReport } from './goal-report-form.ts';
import { answerFeedbackCard, showFeedback } from './feedback-input.ts';
import { answerKompassArea, showKompassInput } from './kompass-input.ts';

export interface BotContext {
  deps: Deps;
  store: BotStore;
  links: Links;
  logger: Logger;
}

/** The card actions the bot's cards carry, as Action.Execute verbs (and Action.Submit fallbacks). */
const VERBS = [
  'followUp.show',
  'followUp.save',
  'planGoals.show',
  'planGoals.report',
  'help.show',
  'kompass.input.show',
  'kompass.input.answer',
  'feedback.show',
  'feedback.answer',
] as const;
type Verb = (typeof VERBS)[number];

const COMMANDS = {
  help: /^(hjelp|help)$/i,
  conversations: /^(mine samtaler|samtalane mine|mine samtalar|my conversations)$/i,
  followUp: /^(oppfølging|oppfolging|follow-up|follow up)$/i,
  goals: /^(mine mål|mine mal|måla mine|mala mine|my goals)$/i,
};

const ACTOR = Symbol('samtale.actor');

interface ExecutedAction {
  verb: string;
  data?: Record<string, unknown>;
}

const langOf = (a: Activity): Locale => wordsLocale(a.locale);
const tenantOf = (a: Activity): string | undefined =>
  a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
const cardMessage = (card: AdaptiveCard) =>
  Activity.fromObject({
    type: ActivityTypes.Message,
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
  });
/** A chat command as typed: spaces collapsed, mentions already removed by the SDK. */
const command = (re: RegExp) => (context: TurnContext) =>
  Promise.resolve(
    context.activity.type === 'message' && re.test((context.activity.text ?? '').trim().replace(/\s+/g, ' ')),
  );

function invokeError(context: TurnContext, statusCode: number, code: string, message: string) {
  return context.sendActivity(
    Activity.fromObject({
      type: ActivityTypes.InvokeResponse,
      value: {
        status: 200,
        body: { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } },
      },
    }),
  );
}

export function samtaleAgent(adapter: CloudAdapter, ctx: BotContext): AgentApplication<TurnState> {
  const { deps, store, links, logger } = ctx;
  const { schedule } = deps;
  const agent = new AgentApplication<TurnState>({
    adapter,
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  agent.onError((_context, error) => {
    logger.error('bot turn failed', { error: error.message });
    return Promise.resolve();
  });

  /** The acting person, from the channel's activity only; unknown people get nothing but a notice. */
  async function actorOf(a: Activity): Promise<Actor | null> {
    const tid = tenantOf(a);
    const oid = a.from?.aadObjectId;
    if (!tid || !oid) return null;
    const user = await deps.directory.user(tid, oid);
    return user ? { tid, oid, name: user.name, upn: user.upn, roles: user.roles } : null;
  }
  const actor = (context: TurnContext) => context.turnState.get<Actor | undefined>(ACTOR);

  async function remember(a: Activity): Promise<'new' | 'known' | null> {
    const tid = tenantOf(a);
    const oid = a.from?.aadObjectId;
    if (!tid || !oid || !a.serviceUrl || !a.conversation?.id || !a.recipient?.id || !a.from?.id) return null;
    return store.saveReference({
      tid,
      oid,
      conversationId: a.conversation.id,
      serviceUrl: a.serviceUrl,
      botId: a.recipient.id,
      userId: a.from.id,
      channelId: a.channelId ?? 'msteams',
      locale: langOf(a),
      installedAt: deps.clock.now().toISOString(),
    });
  }

  const followUp = async (who: Actor, lang: Locale, notice: string | null = null) =>
    followUpCard(await listMyFollowUp(deps, who), links, lang, notice);

  async function conversations(who: Actor, lang: Locale) {
    const list = await listMyConversations(deps, who);
    return myConversationsCard(
      list.map((c) => ({
        id: c.id,
        templateKey: c.template.key,
        period: c.period,
        status: c.status,
        nextStep: c.nextStep,
        counterpart: (c.you === 'leader' ? c.parties.employee : c.parties.leader).name,
        waitingFor: c.waitingFor.map((p) => (p.oid === who.oid ? WORDS[lang].bot.you : p.name)),
      })),
      links,
      lang,
    );
  }

  /**
   * Saves what the person changed in a follow-up card (`status:<itemId>:<version>`,
   * `comment:<itemId>`): untouched items keep their status, comment and version; an item changed
   * elsewhere since the card was shown is not overwritten, and the card comes back current.
   */
  async function saveFollowUp(who: Actor, data: Record<string, unknown>, lang: Locale) {
    const { changes, stale } = readFollowUpCard(data, await listMyFollowUp(deps, who));
    let saved = 0;
    let conflicts = stale;
    for (const change of changes) {
      try {
        await recordFollowUp(deps, who, change);
        saved++;
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'VERSION_CONFLICT')) throw e;
        conflicts++;
      }
    }
    const w = WORDS[lang].bot;
    const notice =
      conflicts > 0
        ? plural(lang, w.staleItems, conflicts)
        : saved > 0
          ? savedNotice(lang)
          : w.nothingChanged;
    return followUp(who, lang, notice);
  }

  const myGoals = async (who: Actor) => {
    const now = deps.clock.now();
    return listMyGoals(deps, who, osloTime(now).date, schedule.cadence, schedule.holidays(now));
  };
  const goalsCard = async (who: Actor, lang: Locale, notice: string | null = null) =>
    myGoalsCard((await myGoals(who)).map(goalLine), links, lang, notice);

  /** Saves the reports the person changed in a goals card; an absent input means "as it was". */
  async function reportGoals(who: Actor, data: Record<string, unknown>, lang: Locale) {
    const w = WORDS[lang].bot;
    let saved = 0;
    let missingStatus = false;
    for (const g of await myGoals(who)) {
      if (!g.period) continue;
      const ids = goalInputIds(g.goal.id, g.period);
      const current = g.reports.find((r) => r.period === g.period);
      const read = readGoalReport(data, ids, current);
      if (read === 'unchanged') continue;
      if (read === 'no-status') {
        missingStatus = true;
        continue;
      }
      await reportGoal(deps, who, g.goal.id, { period: g.period, ...read });
      saved++;
    }
    const notice = missingStatus ? w.chooseStatus : saved > 0 ? savedNotice(lang) : w.nothingChanged;
    return goalsCard(who, lang, notice);
  }

  const onAction = (
    who: Actor,
    verb: Verb,
    data: Record<string, unknown>,
    lang: Locale,
  ): Promise<AdaptiveCard> => {
    const bad = unstorableTextAt(data);
    if (bad !== null) return Promise.reject(new AppError('TEXT_INVALID_CHARACTERS', { in: bad }));
    const unprintable = unprintableTextAt(data, printable);
    if (unprintable)
      return Promise.reject(
        new AppError('TEXT_NOT_PRINTABLE', { in: unprintable.at, characters: unprintable.characters }),
      );
    switch (verb) {
      case 'followUp.show':
        return followUp(who, lang);
      case 'followUp.save':
        return saveFollowUp(who, data, lang);
      case 'planGoals.show':
        return goalsCard(who, lang);
      case 'planGoals.report':
        return reportGoals(who, data, lang);
      case 'help.show':
        return Promise.resolve(helpCard(links, lang));
      case 'kompass.input.show':
        return showKompassInput(deps, who, data, lang);
      case 'kompass.input.answer':
        return answerKompassArea(deps, who, data, lang);
      case 'feedback.show':
        return showFeedback(deps, who, data, lang);
      case 'feedback.answer':
        return answerFeedbackCard(deps, who, data, lang);
    }
  };

  // Before every command and card action: the chat is remembered and the person known, or refused.
  agent.onTurn('beforeTurn', async (context) => {
    const a = context.activity;
    const type: string = a.type;
    if (type !== 'message' && type !== 'invoke') return true;
    if (type === 'message') await remember(a);
    const who = await actorOf(a);
    if (who) {
      context.turnState.set(ACTOR, who);
      return true;
    }
    if (type === 'invoke') await invokeError(context, 403, 'FORBIDDEN', WORDS[langOf(a)].bot.unknownUser);
    else await context.sendActivity(WORDS[langOf(a)].bot.unknownUser);
    return false;
  });

  agent.onActivity(ActivityTypes.InstallationUpdate, async (context) => {
    const a = context.activity;
    if ((a.action ?? '').startsWith('remove')) {
      const tid = tenantOf(a);
      if (tid && a.from?.aadObjectId)
        await store.removeReference(tid, a.from.aadObjectId, deps.clock.now().toISOString());
      return;
    }
    if ((await remember(a)) === 'new') await context.sendActivity(cardMessage(welcomeCard(links, langOf(a))));
  });

  // Teams also announces a personal install as the bot joining the chat.
  agent.onConversationUpdate('membersAdded', async (context) => {
    const a = context.activity;
    if (a.membersAdded?.some((m) => m.id === a.recipient?.id) && (await remember(a)) === 'new')
      await context.sendActivity(cardMessage(welcomeCard(links, langOf(a))));
  });

  for (const verb of VERBS) {
    // Universal Actions: the card is replaced in place by the card returned.
    // The SDK hands over the whole action ({ type, verb, data }); the inputs are in its data.
    agent.adaptiveCards.actionExecute<ExecutedAction>(verb, async (context, _state, action) => {
      const who = actor(context);
      if (!who) return '';
      try {
        const data = action.data ?? {};
        const card = await onAction(who, verb, data, langOf(context.activity));
        if (data.keep === undefined) return card;
        // From a reminder: its text and links stay in the chat; the answer comes as a new message.
        await context.sendActivity(cardMessage(card));
        const w = WORDS[langOf(context.activity)].bot;
        return verb === 'kompass.input.show' || verb === 'feedback.show' ? w.kompass.below : w.followUpBelow;
      } catch (e) {
        const code = e instanceof AppError ? e.code : 'INTERNAL';
        logger.warn('card action refused', { verb, code });
        const message =
          e instanceof AppError
            ? e.messageIn(langOf(context.activity))
            : WORDS[langOf(context.activity)].errors.INTERNAL;
        await invokeError(context, e instanceof AppError && e.status < 500 ? 400 : 500, code, message);
        return '';
      }
    });
    // Clients without Universal Actions send the card's fallback (Action.Submit) as a message whose value
    // is the data flat, with the verb beside it. The SDK's actionSubmit reads the value as an
    // Action.Execute ({ type, verb, data }) and fails on it, so the route is our own.
    agent.addRoute(
      (context) => {
        const a = context.activity;
        const value: unknown = a.value;
        return Promise.resolve(
          a.type === 'message' &&
            !a.text &&
            typeof value === 'object' &&
            value !== null &&
            (value as Record<string, unknown>).verb === verb,
        );
      },
      async (context) => {
        const who = actor(context);
        if (!who) return;
        const lang = langOf(context.activity);
        const { verb: _verb, ...data } = context.activity.value as Record<string, unknown>;
        try {
          await context.sendActivity(cardMessage(await onAction(who, verb, data, lang)));
        } catch (e) {
          await context.sendActivity(e instanceof AppError ? e.messageIn(lang) : WORDS[lang].errors.INTERNAL);
        }
      },
    );
  }

  // A verb this bot does not know (an old card, a newer client): the help card in its place.
  agent.adaptiveCards.actionExecute(/.*/, (context) =>
    Promise.resolve(helpCard(links, langOf(context.activity))),
  );

  agent.onMessage(command(COMMANDS.help), async (context) => {
    await context.sendActivity(cardMessage(helpCard(links, langOf(context.activity))));
  });
  agent.onMessage(command(COMMANDS.conversations), async (context) => {
    const who = actor(context);
    if (who) await context.sendActivity(cardMessage(await conversations(who, langOf(context.activity))));
  });
  agent.onMessage(command(COMMANDS.goals), async (context) => {
    const who = actor(context);
    if (who) await context.sendActivity(cardMessage(await goalsCard(who, langOf(context.activity))));
  });
  agent.onMessage(command(COMMANDS.followUp), async (context) => {
    const who = actor(context);
    if (who) await context.sendActivity(cardMessage(await followUp(who, langOf(context.activity))));
  });
  // Anything else typed in the chat.
  agent.onActivity(
    ActivityTypes.Message,
    async (context) => {
      await context.sendActivity(cardMessage(unknownCommandCard(links, langOf(context.activity))));
    },
    undefined,
    RouteRank.Last,
  );
  return agent;
}
