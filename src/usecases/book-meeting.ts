import type { ScheduledView } from '../contract/views.ts';
import { meetingRefusal, type Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { placeMeeting, type Booking } from './meeting-support.ts';
import { loadConversation, notifyChanged, statusView, type Deps } from './support.ts';

/**
 * The leader has Samtale create the conversation's Teams meeting in their calendar, the employee
 * invited (after the plan, e.g. once an administrator has consented). A refusal is the answer's error.
 */
export async function bookMeeting(
  deps: Deps,
  actor: Actor,
  conversationId: string,
  booking: Booking | null,
): Promise<ScheduledView> {
  const { conversation, standing } = await loadConversation(deps, actor, conversationId, { need: 'party' });
  const refusal = meetingRefusal(standing, conversation);
  if (refusal) throw new AppError(refusal, { status: conversation.status });
  if (!booking) throw new AppError('MEETING_NOT_OFFERED');
  const result = await placeMeeting(deps, booking, actor, conversation);
  notifyChanged(deps, actor, conversation.id);
  return { ...(await statusView(deps, conversation)), meeting: { result, problem: null } };
}
