import { endpoints } from '../../contract/endpoints.ts';
import { bookMeeting } from '../../usecases/book-meeting.ts';
import { findMeetingConversation } from '../../usecases/find-meeting-conversation.ts';
import { getConversation } from '../../usecases/get-conversation.ts';
import { getConversationMeeting } from '../../usecases/get-conversation-meeting.ts';
import { getStageRecord } from '../../usecases/get-stage-record.ts';
import { listMyConversations } from '../../usecases/list-my-conversations.ts';
import { bookingFor, type Meetings } from '../../usecases/meeting-support.ts';
import { planConversation } from '../../usecases/plan-conversation.ts';
import { rescheduleConversation } from '../../usecases/reschedule-conversation.ts';
import { sharePreparation } from '../../usecases/share-preparation.ts';
import { signRecord } from '../../usecases/sign-record.ts';
import type { Deps } from '../../usecases/support.ts';
import { transitionConversation } from '../../usecases/transition-conversation.ts';
import { watchConversation } from '../../usecases/watch-conversation.ts';
import { route, type Route } from '../route.ts';

/** meetings: the leader's calendar through Graph (Microsoft 365 mode), null where there is none. */
export const conversationRoutes = (deps: Deps, meetings: Meetings | null = null): Route[] => [
  route(endpoints.listMyConversations, async ({ actor }) => ({
    conversations: await listMyConversations(deps, actor),
  })),
  route(endpoints.planConversation, ({ actor, body, token, locale }) =>
    planConversation(deps, actor, body, bookingFor(meetings, actor, token, locale)),
  ),
  route(endpoints.getConversation, ({ actor, params }) => getConversation(deps, actor, params.id)),
  route(endpoints.conversationEvents, ({ actor, params }) => watchConversation(deps, actor, params.id)),
  route(endpoints.sharePreparation, ({ actor, params, body }) =>
    sharePreparation(deps, actor, { conversationId: params.id, fieldIds: body.fieldIds }),
  ),
  route(endpoints.transitionConversation, ({ actor, params, body, token, locale }) =>
    transitionConversation(
      deps,
      actor,
      { conversationId: params.id, transition: body.transition },
      bookingFor(meetings, actor, token, locale),
    ),
  ),
  route(endpoints.signRecord, ({ actor, params, body }) =>
    signRecord(deps, actor, { conversationId: params.id, contentHash: body.contentHash }),
  ),
  route(endpoints.rescheduleConversation, ({ actor, params, body, token, locale }) =>
    rescheduleConversation(
      deps,
      actor,
      { conversationId: params.id, ...body },
      bookingFor(meetings, actor, token, locale),
    ),
  ),
  route(endpoints.getConversationMeeting, ({ actor, params }) =>
    getConversationMeeting(deps, actor, params.id, meetings !== null),
  ),
  route(endpoints.bookConversationMeeting, ({ actor, params, token, locale }) =>
    bookMeeting(deps, actor, params.id, bookingFor(meetings, actor, token, locale)),
  ),
  route(endpoints.getStageRecord, ({ actor, params }) => getStageRecord(deps, actor, params.id)),
  route(endpoints.findMeetingConversation, ({ actor, query }) =>
    findMeetingConversation(deps, actor, query.chatId),
  ),
];
