import type { MeetingView } from '../contract/views.ts';
import { meetingRefusal, rescheduleRefusal, type Actor } from '../domain/policy.ts';
import { loadConversation, type Deps } from './support.ts';

/**
 * The conversation's Teams meeting for one of its parties: its join link, and whether they may move
 * the conversation or have the meeting created. `offered` says whether this installation can create
 * meetings at all (never in local mode, where there is no Graph).
 */
export async function getConversationMeeting(
  deps: Deps,
  actor: Actor,
  conversationId: string,
  offered: boolean,
): Promise<MeetingView> {
  const { conversation, standing } = await loadConversation(deps, actor, conversationId, { need: 'party' });
  const stored = await deps.store.meetings.meeting(conversation.id);
  const booked = stored?.state === 'scheduled' ? stored : null;
  return {
    offered,
    canReschedule: rescheduleRefusal(standing, conversation) === undefined,
    canBook: offered && booked === null && meetingRefusal(standing, conversation) === undefined,
    booked: booked && { joinUrl: booked.joinUrl, inYourCalendar: booked.organizerOid === actor.oid },
  };
}
