import type { ScheduledView } from '../contract/views.ts';
import { DEFAULT_DURATION_MINUTES } from '../domain/meeting.ts';
import { rescheduleRefusal, type Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { moveMeetingAfterPlan, placeMeetingAfterPlan, type Booking } from './meeting-support.ts';
import { asParty, audit, notifyChanged, nowIso, statusView, type Deps } from './support.ts';

export interface RescheduleInput {
  conversationId: string;
  scheduledAt: string;
  /** Null or left out: a date without a time of day (and so no Teams meeting). */
  scheduledTime?: string | null | undefined;
  durationMinutes?: number | undefined;
  /** Create the Teams meeting too, when the conversation has none. */
  teamsMeeting?: boolean | undefined;
}

/**
 * The leader changes when a conversation is held. The new time is saved first; then the Teams meeting
 * Samtale created moves with it (or is cancelled when the time is taken away), or is created when asked.
 */
export async function rescheduleConversation(
  deps: Deps,
  actor: Actor,
  input: RescheduleInput,
  booking: Booking | null = null,
): Promise<ScheduledView> {
  if (input.teamsMeeting && !booking) throw new AppError('MEETING_NOT_OFFERED');
  if (input.teamsMeeting && !input.scheduledTime) throw new AppError('MEETING_NEEDS_TIME');
  const time = input.scheduledTime ?? null;
  const updated = await asParty(deps, actor, input.conversationId, async (tx, { conversation, standing }) => {
    const refusal = rescheduleRefusal(standing, conversation);
    if (refusal) throw new AppError(refusal, { status: conversation.status });
    const at = nowIso(deps);
    const next = await tx.meetings.reschedule(
      conversation.id,
      {
        date: input.scheduledAt,
        time,
        durationMinutes: time
          ? (input.durationMinutes ?? conversation.durationMinutes ?? DEFAULT_DURATION_MINUTES)
          : null,
      },
      at,
    );
    // When, never what: the date and time are no content of the conversation.
    await audit(tx, actor, 'conversation.rescheduled', conversation.id, at, {
      date: input.scheduledAt,
      time,
    });
    return next;
  });
  notifyChanged(deps, actor, updated.id);
  const existing = await deps.store.meetings.meeting(updated.id);
  const meeting =
    existing?.state === 'scheduled'
      ? await moveMeetingAfterPlan(deps, booking, actor, updated)
      : input.teamsMeeting && booking
        ? await placeMeetingAfterPlan(deps, booking, actor, updated)
        : null;
  return { ...(await statusView(deps, updated)), meeting };
}
