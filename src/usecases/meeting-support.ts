// What the meeting use cases share: the Teams meeting in the leader's calendar, created, moved or
// cancelled after the plan has been saved. The plan never waits for, or fails with, the calendar: what
// became of the meeting is told as an outcome beside it.
import type { MeetingOutcome } from '../contract/views.ts';
import { fill, formatSchedule, periodName } from '../contract/words/format.ts';
import { WORDS, type Locale } from '../contract/words/index.ts';
import type { Conversation } from '../domain/conversation.ts';
import { DEFAULT_DURATION_MINUTES, meetingChatId, meetingSlot, type MeetingSlot } from '../domain/meeting.ts';
import type { Actor } from '../domain/policy.ts';
import { AppError, type ErrorCode } from '../errors/catalogue.ts';
import type { MeetingCalendar, MeetingEvent, Store, UserAssertion } from '../ports.ts';
import { audit, nowIso, templateVersion, type Deps } from './support.ts';

/** Where meetings can be created (Microsoft 365 mode): the calendar and the tab's deep link. */
export interface Meetings {
  calendar: MeetingCalendar;
  /** The deep link to a conversation in the Teams tab: all the event says about it. */
  link(conversationId: string): string;
}

/** One request's use of the calendar: as the signed-in leader, in their language. */
export interface Booking extends Meetings {
  asUser: UserAssertion;
  locale: Locale;
}

/** The calendar as the caller of this request, or null where Samtale creates no meetings. */
export function bookingFor(
  meetings: Meetings | null,
  actor: Actor,
  token: string | null,
  locale: Locale,
): Booking | null {
  if (!meetings || !token) return null;
  return { ...meetings, asUser: { oid: actor.oid, token }, locale };
}

const slotOf = (c: Conversation): MeetingSlot | null =>
  c.scheduledAt && c.scheduledTime
    ? meetingSlot(c.scheduledAt, c.scheduledTime, c.durationMinutes ?? DEFAULT_DURATION_MINUTES)
    : null;

/** The refusal a calendar call ended in, as a code people have words for. */
function problemOf(error: unknown): ErrorCode {
  return error instanceof AppError && error.code.startsWith('MEETING_')
    ? error.code
    : 'MEETING_CALENDAR_UNAVAILABLE';
}

const failed = (error: unknown): MeetingOutcome => ({ result: 'failed', problem: problemOf(error) });

/**
 * The event as the employee's calendar shows it: the kind of conversation, when, and the deep link.
 * Never an answer, a note or salary: anyone who sees the calendar may read an event.
 */
async function eventFor(
  deps: Deps,
  booking: Booking,
  c: Conversation,
  slot: MeetingSlot,
): Promise<MeetingEvent> {
  const w = WORDS[booking.locale].meeting;
  const [template, employee] = await Promise.all([
    templateVersion(deps, c.templateKey, c.templateVersion),
    deps.directory.user(c.tid, c.employeeOid),
  ]);
  if (!employee) throw new AppError('USER_NOT_FOUND', { oid: c.employeeOid });
  const link = booking.link(c.id);
  const when = formatSchedule(booking.locale, c.scheduledAt ?? '', c.scheduledTime, c.durationMinutes);
  const html = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return {
    subject: fill(w.eventSubject, {
      title: template.title,
      period: periodName(booking.locale, c.period),
      employee: employee.name,
    }),
    bodyHtml: `<p>${html(when)}</p><p>${html(w.eventBody)}</p><p><a href="${html(link)}">${html(w.eventLink)}</a></p>`,
    start: slot.start,
    end: slot.end,
    attendee: { name: employee.name, email: employee.upn },
    transactionId: `${c.id}:${nowIso(deps)}`,
  };
}

/**
 * Creates the conversation's meeting in the caller's calendar, or moves the one already there to the
 * conversation's time. Throws what the calendar refused with.
 */
export async function placeMeeting(
  deps: Deps,
  booking: Booking,
  actor: Actor,
  c: Conversation,
): Promise<'created' | 'moved'> {
  const slot = slotOf(c);
  if (!slot) throw new AppError('MEETING_NEEDS_TIME');
  const existing = await deps.store.meetings.meeting(c.id);
  // Only the organiser can move an event through /me/events; a leader who took the conversation over
  // gets one of their own.
  if (existing?.state === 'scheduled' && existing.organizerOid === actor.oid) {
    try {
      await booking.calendar.move(booking.asUser, existing.eventId, slot);
    } catch (e) {
      // Deleted in Outlook: forgotten here, so the leader can create a new one.
      if (e instanceof AppError && e.code === 'MEETING_NOT_FOUND')
        await deps.store.meetings.removeMeeting(c.id);
      throw e;
    }
    await audit(deps.store, actor, 'meeting.moved', c.id, nowIso(deps));
    return 'moved';
  }
  const event = await eventFor(deps, booking, c, slot);
  const created = await booking.calendar.create(booking.asUser, event);
  const at = nowIso(deps);
  await deps.store.transaction(async (tx: Store) => {
    await tx.meetings.saveMeeting({
      conversationId: c.id,
      tid: c.tid,
      organizerOid: actor.oid,
      eventId: created.eventId,
      joinUrl: created.joinUrl,
      chatId: meetingChatId(created.joinUrl),
      state: 'scheduled',
      createdAt: at,
      updatedAt: at,
    });
    await audit(tx, actor, 'meeting.created', c.id, at);
  });
  return 'created';
}

/** placeMeeting as an extra beside a saved plan: never throws, says what became of the meeting. */
export async function placeMeetingAfterPlan(
  deps: Deps,
  booking: Booking,
  actor: Actor,
  c: Conversation,
): Promise<MeetingOutcome> {
  try {
    return { result: await placeMeeting(deps, booking, actor, c), problem: null };
  } catch (e) {
    return failed(e);
  }
}

/** After the plan moved: its meeting moves too, when Samtale created one. Null when there is none. */
export async function moveMeetingAfterPlan(
  deps: Deps,
  booking: Booking | null,
  actor: Actor,
  c: Conversation,
): Promise<MeetingOutcome | null> {
  const existing = await deps.store.meetings.meeting(c.id);
  if (!booking || existing?.state !== 'scheduled') return null;
  if (!slotOf(c)) return cancelMeetingAfterPlan(deps, booking, actor, c);
  return placeMeetingAfterPlan(deps, booking, actor, c);
}

/** After the conversation was cancelled: its meeting is cancelled, the employee told. Null when there is none. */
export async function cancelMeetingAfterPlan(
  deps: Deps,
  booking: Booking | null,
  actor: Actor,
  c: Conversation,
): Promise<MeetingOutcome | null> {
  const existing = await deps.store.meetings.meeting(c.id);
  if (!booking || existing?.state !== 'scheduled') return null;
  try {
    await booking.calendar.cancel(
      booking.asUser,
      existing.eventId,
      WORDS[booking.locale].meeting.eventCancelled,
    );
  } catch (e) {
    if (e instanceof AppError && e.code === 'MEETING_NOT_FOUND')
      await deps.store.meetings.removeMeeting(c.id);
    return failed(e);
  }
  const at = nowIso(deps);
  await deps.store.transaction(async (tx: Store) => {
    await tx.meetings.saveMeeting({ ...existing, state: 'cancelled', updatedAt: at });
    await audit(tx, actor, 'meeting.cancelled', c.id, at);
  });
  return { result: 'cancelled', problem: null };
}
