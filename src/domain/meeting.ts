// A conversation's Teams meeting, as pure rules: when it starts and ends on the Oslo wall clock, and
// which meeting chat a Teams join link belongs to (how a meeting tab finds its conversation).

/** A meeting without a length given lasts an hour. */
export const DEFAULT_DURATION_MINUTES = 60;
export const MIN_DURATION_MINUTES = 5;
export const MAX_DURATION_MINUTES = 480;

/** "14:00": a time of day on the 24-hour clock. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface MeetingSlot {
  /** Local date-times on the Oslo wall clock, without offset ("2027-01-20T14:00:00"). */
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Start and end as wall-clock times. The calendar is told the time zone, so the arithmetic stays on
 * the wall clock (a meeting from 23:30 for an hour ends 00:30 the next day) and never on an offset.
 */
export function meetingSlot(date: string, time: string, durationMinutes: number): MeetingSlot {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  // Date.UTC only as a calendar: no zone is involved, the fields are read back as they were set.
  const start = new Date(Date.UTC(y, mo - 1, d, h, mi));
  const end = new Date(start.getTime() + durationMinutes * 60_000);
  const local = (t: Date) =>
    `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:00`;
  return { start: local(start), end: local(end) };
}

/**
 * The meeting chat's thread id ("19:meeting_…@thread.v2") in a Teams join link
 * (https://teams.microsoft.com/l/meetup-join/19%3ameeting_…%40thread.v2/0?context=…), or null. Teams
 * names the same thread as the meeting tab's chat id.
 */
export function meetingChatId(joinUrl: string | null): string | null {
  if (!joinUrl) return null;
  const m = /\/l\/meetup-join\/([^/?#]+)/.exec(joinUrl);
  if (!m?.[1]) return null;
  try {
    const id = decodeURIComponent(m[1]);
    return /^19:[^\s/]+@thread\.(v2|skype|tacv2)$/.test(id) ? id : null;
  } catch {
    return null;
  }
}
