// The Microsoft 365 Agents SDK: the CloudAdapter that takes activities at /api/messages, and the
// sender that writes into a user's personal chat through the Bot Connector at the Teams limits.
import {
  CloudAdapter,
  ConnectorClient,
  HttpError,
  type AuthConfiguration,
  type TurnContext,
} from '@microsoft/agents-hosting';
import { Activity, ActivityTypes, type ConversationReference } from '@microsoft/agents-activity';
import type { RequestHandler } from 'express';
import type { Logger } from '../../logger.ts';
import { retryAfterSeconds } from '../retry-after.ts';
import { ChatUnreachableError, type ChatReference, type ChatSender } from '../../ports.ts';
import { SlidingWindowLimiter, TEAMS_APP_LIMITS, TEAMS_CONVERSATION_LIMITS } from './rate-limiter.ts';

/** Local mode: no channel authentication, so Microsoft 365 Agents Playground can talk to the bot. */
export function localBotAdapter(logger: Logger): CloudAdapter {
  const adapter = new CloudAdapter();
  adapter.onTurnError = (_context, error) => {
    logger.error('bot turn failed', { error: error instanceof Error ? error.message : String(error) });
    return Promise.resolve();
  };
  return adapter;
}

/**
 * m365 mode: replies and proactive messages carry an app token for the Bot Framework, from the same
 * msal-node client credentials as Graph (one token cache; national clouds and a private authority
 * work the same way). The adapter's own inbound check is replaced by channelAuth in front of it.
 */
class TenantBotAdapter extends CloudAdapter {
  private readonly botToken: () => Promise<string>;
  constructor(authConfig: AuthConfiguration, botToken: () => Promise<string>) {
    super(authConfig);
    this.botToken = botToken;
  }
  protected override async createConnectorClientWithIdentity(
    _identity: unknown,
    activity: Activity,
  ): Promise<ConnectorClient> {
    if (!activity.serviceUrl) throw new Error('activity without a serviceUrl');
    return ConnectorClient.createClientWithToken(activity.serviceUrl, await this.botToken());
  }
}

export function tenantBotAdapter(
  opts: { clientId: string; tenantId: string; token: (resource: string) => Promise<string> },
  logger: Logger,
): CloudAdapter {
  const adapter = new TenantBotAdapter({ clientId: opts.clientId, tenantId: opts.tenantId }, () =>
    opts.token('https://api.botframework.com'),
  );
  adapter.onTurnError = (_context, error) => {
    logger.error('bot turn failed', { error: error instanceof Error ? error.message : String(error) });
    return Promise.resolve();
  };
  return adapter;
}

/** POST /api/messages: the adapter hands each activity to the agent's routes. */
export function messagesHandler(
  adapter: CloudAdapter,
  agent: { run(context: TurnContext): Promise<void> },
): RequestHandler {
  return (req, res, next) => {
    adapter.process(req as never, res as never, (context) => agent.run(context)).catch(next);
  };
}

const RETRYABLE = new Set([412, 429, 502, 503, 504]);

function reference(ref: ChatReference): ConversationReference {
  return {
    channelId: ref.channelId,
    serviceUrl: ref.serviceUrl,
    conversation: { id: ref.conversationId, conversationType: 'personal', tenantId: ref.tid, isGroup: false },
    user: { id: ref.userId, aadObjectId: ref.oid },
    agent: { id: ref.botId },
    locale: ref.locale,
  };
}

/**
 * Sends proactively with continueConversation. Every send first takes a slot in the app's window and
 * the conversation's; a 429/412/5xx is retried after its Retry-After (which holds all sends) or with
 * jittered backoff; 403/404 mean the app is gone for this person, and are not retried.
 */
export function agentsChatSender(
  adapter: CloudAdapter,
  botAppId: string,
  logger: Logger,
  limiter = new SlidingWindowLimiter(),
  attempts = 6,
): ChatSender {
  return {
    async send(ref, message) {
      for (let attempt = 1; ; attempt++) {
        const answered = await limiter.acquire([
          { key: `app:${ref.tid}`, limits: TEAMS_APP_LIMITS },
          { key: `conversation:${ref.conversationId}`, limits: TEAMS_CONVERSATION_LIMITS },
        ]);
        try {
          const outcome: { id: string; failure: Error | null } = { id: '', failure: null };
          // The adapter hands errors inside a turn to onTurnError; this send needs to see them.
          await adapter.continueConversation(botAppId, reference(ref), async (context) => {
            const activity = Activity.fromObject({
              type: ActivityTypes.Message,
              summary: message.summary,
              attachments: [
                { contentType: 'application/vnd.microsoft.card.adaptive', content: message.card },
              ],
            });
            try {
              outcome.id = (await context.sendActivity(activity))?.id ?? '';
            } catch (e) {
              outcome.failure = e instanceof Error ? e : new Error(String(e));
            } finally {
              answered();
            }
          });
          if (outcome.failure) throw outcome.failure;
          if (!outcome.id) throw new Error('the Bot Connector accepted the message without an activity id');
          return outcome.id;
        } catch (e) {
          answered();
          if (!(e instanceof HttpError)) throw e;
          if (e.status === 403 || e.status === 404)
            throw new ChatUnreachableError(e.status, `the app cannot reach this person (${e.status})`);
          if (!RETRYABLE.has(e.status) || attempt >= attempts) throw e;
          const hinted = retryAfterSeconds((e.response as { headers?: Headers } | undefined)?.headers);
          if (hinted !== null) limiter.hold(hinted);
          const wait = hinted ?? Math.min(30, 0.5 * 2 ** attempt) * (0.5 + Math.random());
          logger.warn('bot send retried', {
            status: e.status,
            attempt,
            waitSeconds: Number(wait.toFixed(2)),
          });
          await new Promise((r) => setTimeout(r, wait * 1000));
        }
      }
    },
  };
}
