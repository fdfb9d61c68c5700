import { endpoints } from '../../contract/endpoints.ts';
import { getConversation } from '../../usecases/get-conversation.ts';
import { listMyConversations } from '../../usecases/list-my-conversations.ts';
import { planConversation } from '../../usecases/plan-conversation.ts';
import { sharePreparation } from '../../usecases/share-preparation.ts';
import { signRecord } from '../../usecases/sign-record.ts';
import type { Deps } from '../../usecases/support.ts';
import { transitionConversation } from '../../usecases/transition-conversation.ts';
import { watchConversation } from '../../usecases/watch-conversation.ts';
import { route, type Route } from '../route.ts';

export const conversationRoutes = (deps: Deps): Route[] => [
  route(endpoints.listMyConversations, async ({ actor }) => ({
    conversations: await listMyConversations(deps, actor),
  })),
  route(endpoints.planConversation, ({ actor, body }) => planConversation(deps, actor, body)),
  route(endpoints.getConversation, ({ actor, params }) => getConversation(deps, actor, params.id)),
  route(endpoints.conversationEvents, ({ actor, params }) => watchConversation(deps, actor, params.id)),
  route(endpoints.sharePreparation, ({ actor, params, body }) =>
    sharePreparation(deps, actor, { conversationId: params.id, fieldIds: body.fieldIds }),
  ),
  route(endpoints.transitionConversation, ({ actor, params, body }) =>
    transitionConversation(deps, actor, { conversationId: params.id, transition: body.transition }),
  ),
  route(endpoints.signRecord, ({ actor, params, body }) =>
    signRecord(deps, actor, { conversationId: params.id, contentHash: body.contentHash }),
  ),
];
