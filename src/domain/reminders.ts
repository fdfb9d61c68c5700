// What the bot owes whom, derived from the state alone, and when it may say it. Every schedule is in
// Europe/Oslo: no messages on weekends, public holidays (passed in) or outside 08–16, and at most one
// message per person per day, so everything due for a person is bundled. A reminder carries no form
// content: only what is due, when, and where.
import type { Conversation, Reopening } from './conversation.ts';

export const TIME_ZONE = 'Europe/Oslo';
export const SEND_FROM_HOUR = 8;
export const SEND_UNTIL_HOUR = 16;

/** Dates (YYYY-MM-DD) on which nothing is sent besides weekends: Norwegian public holidays. */
export type Holidays = ReadonlySet<string>;

export interface LocalTime {
  date: string;
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

const osloFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
});
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function osloTime(at: Date): LocalTime {
  const p = Object.fromEntries(osloFormat.formatToParts(at).map((x) => [x.type, x.value]));
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    hour: Number(p.hour),
    minute: Number(p.minute),
    weekday: WEEKDAYS[p.weekday ?? ''] ?? 0,
  };
}

const weekdayOf = (date: string) => ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, holidays: Holidays): boolean {
  return weekdayOf(date) <= 5 && !holidays.has(date);
}

/** The working day n working days before date (n ≥ 1). */
export function workingDaysBefore(date: string, n: number, holidays: Holidays): string {
  let d = date;
  for (let left = n; left > 0;) {
    d = addDays(d, -1);
    if (isWorkingDay(d, holidays)) left--;
  }
  return d;
}

/** Working days after from, up to and including to. */
export function workingDaysBetween(from: string, to: string, holidays: Holidays): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, holidays)) n++;
  return n;
}

/** Whether a message may go out now: a working day in Oslo, between 08:00 and 16:00. */
export function maySendAt(at: Date, holidays: Holidays): boolean {
  const t = osloTime(at);
  return isWorkingDay(t.date, holidays) && t.hour >= SEND_FROM_HOUR && t.hour < SEND_UNTIL_HOUR;
}

export type FollowUpCadence = 'quarter' | 'tertial';

/** The follow-up period a date falls in, e.g. 2026-Q2 or 2026-T3. */
export function followUpPeriod(date: string, cadence: FollowUpCadence): string {
  const month = Number(date.slice(5, 7));
  return cadence === 'quarter'
    ? `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`
    : `${date.slice(0, 4)}-T${Math.ceil(month / 4)}`;
}

export type ReminderKind =
  | 'preparation'
  | 'signature'
  | 'reopened'
  | 'follow-up'
  | 'team-follow-up'
  | 'cycle-nudge'
  | 'plan-follow-up'
  | 'plan-summary'
  | 'plan-input'
  | 'plan-report'
  | 'kompass-input'
  | 'kompass-input-reminder'
  | 'feedback-input'
  | 'feedback-reminder';

export interface DueMessage {
  kind: ReminderKind;
  /** kind:subject:period:recipient, unique forever: a key is sent at most once. */
  key: string;
  tid: string;
  recipientOid: string;
  /** The conversation (preparation, signature) or the person (follow-up, nudges) it is about. */
  subject: string;
  period: string;
  /** Shown in the message: when the conversation is, or how many items or people it concerns. */
  date: string | null;
  count: number;
  /** What to prepare, for a preparation reminder (template guidance, never answers). */
  role: 'leader' | 'employee' | null;
  templateKey: string | null;
  /** A unit plan's unit, by name (plan follow-up and its summary). */
  unit?: string;
  /** Who has not reported by the deadline, by name (a plan summary). */
  missing?: readonly string[];
  /** The person a message is about, by name (the leader a feedback round asks about). */
  about?: string;
}

const key = (kind: ReminderKind, subject: string, period: string, recipient: string) =>
  `${kind}:${subject}:${period}:${recipient}`;

export interface ReminderState {
  conversations: readonly (Pick<
    Conversation,
    'id' | 'tid' | 'templateKey' | 'status' | 'leaderOid' | 'employeeOid' | 'scheduledAt'
  > & {
    /** When the record was sent to signing (the current round). */
    awaitingSince: string | null;
    signedBy: readonly string[];
    /** A held record reopened after signatures: whose were voided (they are told, once). */
    reopened?: Reopening | null;
  })[];
  /** Open follow-up items of signed records: owner, and the owner's leader for the team summary. */
  openItems: readonly { tid: string; ownerOid: string; leaderOid: string }[];
  /**
   * Per HR round whose deadline is near: leaders with direct reports in its scope who have no
   * conversation of its template and period.
   */
  unplanned: readonly {
    tid: string;
    leaderOid: string;
    employeeOids: readonly string[];
    roundId: string;
    templateKey: string;
    period: string;
    /** The round's deadline, YYYY-MM-DD. */
    deadline: string;
  }[];
}

export interface ReminderSettings {
  /** Working days before the meeting (default 7 and 2). */
  preparationDays: readonly number[];
  /** Working days a record may wait for a signature before the signer is reminded. */
  signatureAfterDays: number;
  cadence: FollowUpCadence;
  /** How many working days before a round's deadline leaders are nudged. */
  cycleNudgeDays: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  preparationDays: [7, 2],
  signatureAfterDays: 2,
  cadence: 'quarter',
  cycleNudgeDays: 10,
};

/**
 * Everything due on `today` (an Oslo date). Missed days are caught up: a reminder stays due until its
 * moment has passed (the meeting, the signature, the period), and a key already sent is filtered out
 * by the caller.
 */
export function dueMessages(
  state: ReminderState,
  today: string,
  settings: ReminderSettings,
  holidays: Holidays,
): DueMessage[] {
  const out: DueMessage[] = [];
  const base = { role: null, templateKey: null, date: null, count: 1 } as const;
  for (const c of state.conversations) {
    if ((c.status === 'planned' || c.status === 'preparing') && c.scheduledAt) {
      const meeting = osloTime(new Date(c.scheduledAt)).date;
      // Only the nearest threshold that has passed: after downtime one reminder, not two.
      const due = [...settings.preparationDays]
        .sort((a, b) => a - b)
        .find((n) => today >= workingDaysBefore(meeting, n, holidays));
      if (due !== undefined && today < meeting) {
        for (const [oid, role] of [
          [c.leaderOid, 'leader'],
          [c.employeeOid, 'employee'],
        ] as const) {
          out.push({
            ...base,
            kind: 'preparation',
            key: key('preparation', c.id, `${meeting}-${due}d`, oid),
            tid: c.tid,
            recipientOid: oid,
            subject: c.id,
            period: meeting,
            date: meeting,
            role,
            templateKey: c.templateKey,
          });
        }
      }
    }
    if (c.status === 'held' && c.reopened && today >= osloTime(new Date(c.reopened.at)).date) {
      const voided = c.reopened.voided.map((p) => (p === 'leader' ? c.leaderOid : c.employeeOid));
      for (const oid of voided.filter((o) => o !== c.reopened?.byOid)) {
        out.push({
          ...base,
          kind: 'reopened',
          key: key('reopened', c.id, c.reopened.at, oid),
          tid: c.tid,
          recipientOid: oid,
          subject: c.id,
          period: osloTime(new Date(c.reopened.at)).date,
          date: osloTime(new Date(c.reopened.at)).date,
          templateKey: c.templateKey,
        });
      }
    }
    if (c.status === 'awaiting_signatures' && c.awaitingSince) {
      const since = osloTime(new Date(c.awaitingSince)).date;
      if (workingDaysBetween(since, today, holidays) >= settings.signatureAfterDays) {
        for (const oid of [c.leaderOid, c.employeeOid].filter((o) => !c.signedBy.includes(o))) {
          out.push({
            ...base,
            kind: 'signature',
            key: key('signature', c.id, c.awaitingSince, oid),
            tid: c.tid,
            recipientOid: oid,
            subject: c.id,
            period: since,
            date: since,
            templateKey: c.templateKey,
          });
        }
      }
    }
  }
  const period = followUpPeriod(today, settings.cadence);
  const tally = (pick: (x: ReminderState['openItems'][number]) => string) => {
    const m = new Map<string, { tid: string; n: number }>();
    for (const x of state.openItems) m.set(pick(x), { tid: x.tid, n: (m.get(pick(x))?.n ?? 0) + 1 });
    return m;
  };
  for (const [owner, { tid, n }] of tally((x) => x.ownerOid)) {
    out.push({
      ...base,
      kind: 'follow-up',
      key: key('follow-up', owner, period, owner),
      tid,
      recipientOid: owner,
      subject: owner,
      period,
      count: n,
    });
  }
  for (const [leader, { tid, n }] of tally((x) => x.leaderOid)) {
    out.push({
      ...base,
      kind: 'team-follow-up',
      key: key('team-follow-up', leader, period, leader),
      tid,
      recipientOid: leader,
      subject: leader,
      period,
      count: n,
    });
  }
  for (const u of state.unplanned) {
    if (u.employeeOids.length === 0) continue;
    if (today > u.deadline || today < workingDaysBefore(u.deadline, settings.cycleNudgeDays, holidays))
      continue;
    out.push({
      ...base,
      kind: 'cycle-nudge',
      key: key('cycle-nudge', u.roundId, u.deadline, u.leaderOid),
      tid: u.tid,
      recipientOid: u.leaderOid,
      subject: u.roundId,
      period: u.period,
      date: u.deadline,
      templateKey: u.templateKey,
      count: u.employeeOids.length,
    });
  }
  return out;
}

export interface Bundle {
  tid: string;
  recipientOid: string;
  /** The Oslo date it goes out: one bundle per person per day. */
  day: string;
  messages: DueMessage[];
}

/**
 * One bundle per person for today, of everything due and not yet sent. A person who already got a
 * message today gets nothing more until tomorrow.
 */
export function bundleForToday(
  due: readonly DueMessage[],
  sent: ReadonlySet<string>,
  messagedToday: ReadonlySet<string>,
  today: string,
): Bundle[] {
  const byRecipient = new Map<string, Bundle>();
  for (const m of due) {
    if (sent.has(m.key) || messagedToday.has(m.recipientOid)) continue;
    const b = byRecipient.get(m.recipientOid) ?? {
      tid: m.tid,
      recipientOid: m.recipientOid,
      day: today,
      messages: [],
    };
    if (!b.messages.some((x) => x.key === m.key)) b.messages.push(m);
    byRecipient.set(m.recipientOid, b);
  }
  return [...byRecipient.values()];
}
