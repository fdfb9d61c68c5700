// The bot's turns: installation (store the chat, greet once; remove on uninstall), the chat commands,
// and card actions. Who acts comes from the activity the channel delivered (authenticated by the
// adapter in m365 mode), never from card data, and every action runs through the same use cases
// and access rules as the API.
import type { TurnContext } from '@microsoft/agents-hosting';
import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import { FOLLOW_UP_STATUSES, type FollowUpStatus } from '../src/domain/answers.ts';
import type { Actor } from '../src/domain/policy.ts';
import { AppError } from '../src/errors/catalogue.ts';
import type { Logger } from '../src/logger.ts';
import type { BotStore } from '../src/ports.ts';
import { listMyConversations } from '../src/usecases/list-my-conversations.ts';
import { listMyFollowUp } from '../src/usecases/list-my-follow-up.ts';
import { recordFollowUp } from '../src/usecases/record-follow-up.ts';
import type { Deps } from '../src/usecases/support.ts';
import type { AdaptiveCard, Locale } from './cards/card.ts';
import { ADAPTIVE_CARD_CONTENT_TYPE } from './cards/card.ts';
import {
  followUpCard,
  helpCard,
  myConversationsCard,
  savedNotice,
  unknownCommandCard,
  welcomeCard,
  type Links,
} from './cards/builders.ts';

export interface BotContext {
  deps: Deps;
  store: BotStore;
  links: Links;
  logger: Logger;
}

const COMMANDS: Record<string, 'help' | 'conversations' | 'follow-up'> = {
  hjelp: 'help',
  help: 'help',
  'mine samtaler': 'conversations',
  'my conversations': 'conversations',
  oppfølging: 'follow-up',
  oppfolging: 'follow-up',
  'follow-up': 'follow-up',
  'follow up': 'follow-up',
};

const STATUS_TEXT: Record<Locale, Record<string, string>> = {
  nb: {
    planned: 'Planlagt',
    preparing: 'Forberedes',
    held: 'Gjennomført, referat pågår',
    awaiting_signatures: 'Venter på signatur',
    signed: 'Signert',
    archived: 'Arkivert',
    cancelled: 'Avlyst',
  },
  en: {
    planned: 'Planned',
    preparing: 'Preparing',
    held: 'Held, record in progress',
    awaiting_signatures: 'Awaiting signatures',
    signed: 'Signed',
    archived: 'Archived',
    cancelled: 'Cancelled',
  },
};

const localeOf = (a: Activity): Locale => ((a.locale ?? '').toLowerCase().startsWith('en') ? 'en' : 'nb');
const tenantOf = (a: Activity): string | undefined =>
  a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
const cardMessage = (card: AdaptiveCard) =>
  Activity.fromObject({
    type: ActivityTypes.Message,
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
  });

export function samtaleBot(ctx: BotContext): (turn: TurnContext) => Promise<void> {
  const { deps, store, links, logger } = ctx;

  /** The acting person, from the channel's activity only; unknown people get nothing but a notice. */
  async function actorOf(a: Activity): Promise<Actor | null> {
    const tid = tenantOf(a);
    const oid = a.from?.aadObjectId;
    if (!tid || !oid) return null;
    const user = await deps.directory.user(tid, oid);
    return user ? { tid, oid, name: user.name, upn: user.upn, roles: user.roles } : null;
  }

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
      locale: localeOf(a),
      installedAt: deps.clock.now().toISOString(),
    });
  }

  async function followUp(actor: Actor, lang: Locale, notice: string | null = null) {
    return followUpCard(await listMyFollowUp(deps, actor), links, lang, notice);
  }

  async function conversations(actor: Actor, lang: Locale) {
    const list = await listMyConversations(deps, actor);
    return myConversationsCard(
      list.map((c) => ({
        id: c.id,
        templateKey: c.template.key,
        period: c.period,
        statusText: STATUS_TEXT[lang][c.status] ?? c.status,
        nextStep: c.nextStep,
        counterpart: (c.you === 'leader' ? c.parties.employee : c.parties.leader).name,
      })),
      links,
      lang,
    );
  }

  /** Saves the statuses chosen in a follow-up card: `status:<itemId>:<version>` and `comment:<itemId>`. */
  async function saveFollowUp(actor: Actor, data: Record<string, unknown>, lang: Locale) {
    for (const [k, v] of Object.entries(data)) {
      const [, itemId, version] = /^status:([0-9a-f-]{36}):(\d+)$/.exec(k) ?? [];
      if (!itemId || typeof v !== 'string' || v === '') continue;
      if (!FOLLOW_UP_STATUSES.includes(v as FollowUpStatus))
        throw new AppError('VALIDATION_FAILED', { field: k });
      const comment = data[`comment:${itemId}`];
      await recordFollowUp(
        deps,
        actor,
        itemId,
        v as FollowUpStatus,
        typeof comment === 'string' && comment.trim() ? comment.trim().slice(0, 500) : null,
        Number(version),
      );
    }
    return followUp(actor, lang, savedNotice(lang));
  }

  async function onAction(
    actor: Actor,
    verb: string,
    data: Record<string, unknown>,
    lang: Locale,
  ): Promise<AdaptiveCard> {
    if (verb === 'followUp.show') return followUp(actor, lang);
    if (verb === 'followUp.save') return saveFollowUp(actor, data, lang);
    return helpCard(links, lang);
  }

  return async (turn) => {
    const a = turn.activity;
    const lang = localeOf(a);
    if (a.type === ActivityTypes.InstallationUpdate) {
      const action = (a as { action?: string }).action ?? '';
      if (action.startsWith('remove')) {
        const tid = tenantOf(a);
        if (tid && a.from?.aadObjectId)
          await store.removeReference(tid, a.from.aadObjectId, deps.clock.now().toISOString());
        return;
      }
      if ((await remember(a)) === 'new') await turn.sendActivity(cardMessage(welcomeCard(links, lang)));
      return;
    }
    if (a.type === ActivityTypes.ConversationUpdate) {
      // Teams also announces a personal install as the bot joining the chat.
      if (a.membersAdded?.some((m) => m.id === a.recipient?.id) && (await remember(a)) === 'new')
        await turn.sendActivity(cardMessage(welcomeCard(links, lang)));
      return;
    }
    const actor = await actorOf(a);
    if (a.type === ActivityTypes.Invoke && a.name === 'adaptiveCard/action') {
      const action = (a.value as { action?: { verb?: string; data?: Record<string, unknown> } } | undefined)
        ?.action;
      let body: object;
      if (!actor)
        body = {
          statusCode: 403,
          type: 'application/vnd.microsoft.error',
          value: { code: 'FORBIDDEN', message: 'Unknown user' },
        };
      else {
        try {
          body = {
            statusCode: 200,
            type: ADAPTIVE_CARD_CONTENT_TYPE,
            value: await onAction(actor, action?.verb ?? '', action?.data ?? {}, lang),
          };
        } catch (e) {
          const code = e instanceof AppError ? e.code : 'INTERNAL';
          logger.warn('card action refused', { verb: action?.verb ?? '', code });
          body = {
            statusCode: e instanceof AppError && e.status < 500 ? 400 : 500,
            type: 'application/vnd.microsoft.error',
            value: { code, message: e instanceof Error ? e.message : code },
          };
        }
      }
      await turn.sendActivity(
        Activity.fromObject({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } }),
      );
      return;
    }
    if (a.type !== ActivityTypes.Message) return;
    await remember(a);
    if (!actor) {
      await turn.sendActivity(
        lang === 'en'
          ? 'Samtale does not know you in this organisation.'
          : 'Samtale kjenner deg ikke i denne organisasjonen.',
      );
      return;
    }
    // Action.Submit fallback from clients without Universal Actions: the verb travels in the data.
    const submitted = a.value as Record<string, unknown> | undefined;
    if (submitted && typeof submitted.verb === 'string') {
      try {
        await turn.sendActivity(cardMessage(await onAction(actor, submitted.verb, submitted, lang)));
      } catch (e) {
        await turn.sendActivity(e instanceof AppError ? e.message : 'Error');
      }
      return;
    }
    const command =
      COMMANDS[
        (a.text ?? '')
          .replace(/<at>.*?<\/at>/g, '')
          .trim()
          .toLowerCase()
          .replace(/\s+/g, ' ')
      ];
    const card =
      command === 'help'
        ? helpCard(links, lang)
        : command === 'conversations'
          ? await conversations(actor, lang)
          : command === 'follow-up'
            ? await followUp(actor, lang)
            : unknownCommandCard(links, lang);
    await turn.sendActivity(cardMessage(card));
  };
}
