// Anonymous upward feedback before a leader's conversation: which statements each template asks, what
// makes a round valid, who may open, answer and read it, and the result, which exists only once the
// round is closed and enough people have answered. Answers carry no person, so nothing here can name one.
import { createHash } from 'node:crypto';
import type { Conversation } from './conversation.ts';
import { FEEDBACK_MAX_DAYS, FEEDBACK_STATEMENTS } from './feedback-statements.ts';
import { workingDaysBefore, type DueMessage, type Holidays } from './reminders.ts';

// The statements and the longest round live apart from node:crypto, for the tab.
export { FEEDBACK_MAX_DAYS, FEEDBACK_STATEMENTS };

/** Never fewer answers than this before a result is shown, whatever the organisation configures. */
export const FEEDBACK_MIN_ANSWERS_FLOOR = 3;
/** Working days before the closing day when those who have not answered are reminded, once. */
export const FEEDBACK_REMINDER_DAYS = 2;

export const feedbackStatements = (templateKey: string): readonly string[] | undefined =>
  FEEDBACK_STATEMENTS[templateKey];

export type FeedbackShare = 'private' | 'shared' | 'record';

export interface FeedbackRound {
  id: string;
  tid: string;
  conversationId: string;
  templateKey: string;
  statements: readonly string[];
  openedBy: string;
  openedAt: string;
  /** The last day answers are taken (Oslo, YYYY-MM-DD). */
  closesOn: string;
  /** Set when closed before its day. */
  closedAt: string | null;
  shared: FeedbackShare;
}

export interface FeedbackResponse {
  ratings: readonly number[];
  text: string | null;
}

export const effectiveMinAnswers = (configured: number | undefined): number =>
  Math.max(FEEDBACK_MIN_ANSWERS_FLOOR, configured ?? FEEDBACK_MIN_ANSWERS_FLOOR);

/** Open until closed by hand or until its closing day has passed. */
export const isFeedbackOpen = (r: Pick<FeedbackRound, 'closesOn' | 'closedAt'>, today: string): boolean =>
  r.closedAt === null && today <= r.closesOn;

/** Who the caller is to a round: the leader assessed (the conversation's employee), their superior, or nobody. */
export type FeedbackRole = 'subject' | 'superior' | null;

export function feedbackRole(
  actor: { tid: string; oid: string },
  c: Pick<Conversation, 'tid' | 'leaderOid' | 'employeeOid'>,
): FeedbackRole {
  if (actor.tid !== c.tid) return null;
  if (actor.oid === c.employeeOid) return 'subject';
  if (actor.oid === c.leaderOid) return 'superior';
  return null;
}

export type FeedbackOpenProblem =
  'template' | 'status' | 'closes-outside' | 'too-few' | 'not-allowed-respondent';

/**
 * The days a round opened today may close on: from today, at most FEEDBACK_MAX_DAYS ahead, and before
 * the conversation's day when that is still to come, so the leader reads the result before they meet.
 * A day already here or gone, while the conversation is still being prepared, says nothing of when it
 * will be held (it will be moved), so it does not bound the round.
 */
export function closingDays(today: string, meetingOn: string | null): { earliest: string; latest: string } {
  const max = addDays(today, FEEDBACK_MAX_DAYS);
  const beforeMeeting = meetingOn && meetingOn > today ? addDays(meetingOn, -1) : max;
  return { earliest: today, latest: beforeMeeting < max ? beforeMeeting : max };
}

/**
 * Why a round cannot open as given, or null. Respondents must be people the directory offers (the
 * leader's reports and peers), never a party to the conversation, and at least as many as must answer.
 */
export function feedbackOpenProblem(r: {
  conversation: Pick<Conversation, 'templateKey' | 'status' | 'leaderOid' | 'employeeOid' | 'scheduledAt'>;
  today: string;
  closesOn: string;
  respondents: readonly string[];
  candidates: ReadonlySet<string>;
  minAnswers: number;
}): FeedbackOpenProblem | null {
  if (!feedbackStatements(r.conversation.templateKey)) return 'template';
  if (r.conversation.status !== 'planned' && r.conversation.status !== 'preparing') return 'status';
  const days = closingDays(r.today, r.conversation.scheduledAt);
  if (r.closesOn < days.earliest || r.closesOn > days.latest) return 'closes-outside';
  const parties = new Set([r.conversation.leaderOid, r.conversation.employeeOid]);
  if (r.respondents.some((p) => parties.has(p) || !r.candidates.has(p))) return 'not-allowed-respondent';
  if (new Set(r.respondents).size < r.minAnswers) return 'too-few';
  return null;
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A valid set of ratings: one whole number from 1 to 5 per statement. */
export const validRatings = (ratings: readonly number[], statements: number): boolean =>
  ratings.length === statements && ratings.every((r) => Number.isInteger(r) && r >= 1 && r <= 5);

export type StatementResult = {
  key: string;
  /** Mean of the ratings, to one decimal. */
  average: number;
  /** How many answered 1, 2, 3, 4 and 5. */
  counts: [number, number, number, number, number];
};

export type FeedbackResult = {
  answered: number;
  statements: StatementResult[];
  /** The free texts in an order that says nothing about who wrote them or when. */
  texts: string[];
};

/** The part of the result that may enter the signed record: figures only, never the free texts. */
export type FeedbackRecordPart = Omit<FeedbackResult, 'texts'>;

/**
 * The result, or null while the round is open or fewer than minAnswers have answered: a result over
 * one or two answers, or one that changes as answers come in, would tell whose answer is whose.
 */
export function feedbackResult(
  round: Pick<FeedbackRound, 'id' | 'statements' | 'closesOn' | 'closedAt'>,
  responses: readonly FeedbackResponse[],
  today: string,
  minAnswers: number,
): FeedbackResult | null {
  if (isFeedbackOpen(round, today) || responses.length < effectiveMinAnswers(minAnswers)) return null;
  const statements = round.statements.map((key, i): StatementResult => {
    const counts: [number, number, number, number, number] = [0, 0, 0, 0, 0];
    let sum = 0;
    for (const r of responses) {
      const v = r.ratings[i] ?? 0;
      if (v >= 1 && v <= 5) counts[v - 1] = (counts[v - 1] ?? 0) + 1;
      sum += v;
    }
    return { key, average: Math.round((sum / responses.length) * 10) / 10, counts };
  });
  return {
    answered: responses.length,
    statements,
    texts: scrambled(
      round.id,
      responses.flatMap((r) => r.text ?? []),
    ),
  };
}

/**
 * The comments ordered by a keyed hash of their text: an order that says nothing of when each came in,
 * yet stays the same on every reading, so the list does not jump while the leader reads it.
 */
function scrambled(roundId: string, texts: readonly string[]): string[] {
  const key = (t: string) => createHash('sha256').update(`${roundId}\n${t}`).digest('hex');
  return texts
    .map((t) => [key(t), t] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, t]) => t);
}

export const recordPart = (r: FeedbackResult): FeedbackRecordPart => ({
  answered: r.answered,
  statements: r.statements,
});

// The bot's messages: everyone asked gets one invitation while the round is open, and those who have
// not answered one reminder a couple of working days before it closes. Keys are deterministic, so
// nothing is sent twice; a message never says what anyone answered.

export const feedbackInputKey = (roundId: string, oid: string) => `feedback-input:${roundId}:${oid}`;
export const feedbackReminderKey = (roundId: string, oid: string) => `feedback-reminder:${roundId}:${oid}`;

export interface FeedbackInputState {
  tid: string;
  roundId: string;
  /** The leader the feedback is about, by name, for the card ("Tilbakemelding til Ingrid Hansen"). */
  subjectName: string;
  closesOn: string;
  closedAt: string | null;
  /** Answers needed before the leader sees anything: the card says so. */
  minAnswers: number;
  invitations: readonly { oid: string; answered: boolean; askedOn: string | null }[];
}

export function dueFeedbackMessages(
  rounds: readonly FeedbackInputState[],
  today: string,
  holidays: Holidays,
): DueMessage[] {
  const out: DueMessage[] = [];
  for (const r of rounds) {
    if (!isFeedbackOpen(r, today)) continue;
    const remindFrom = workingDaysBefore(r.closesOn, FEEDBACK_REMINDER_DAYS, holidays);
    for (const i of r.invitations) {
      if (i.answered) continue;
      const base = {
        tid: r.tid,
        recipientOid: i.oid,
        subject: r.roundId,
        period: r.closesOn,
        date: r.closesOn,
        about: r.subjectName,
        // The count a feedback message names is how many must answer before anything is shown.
        count: r.minAnswers,
        role: null,
        templateKey: null,
      } as const;
      if (i.askedOn === null)
        out.push({ ...base, kind: 'feedback-input', key: feedbackInputKey(r.roundId, i.oid) });
      // Reminded only if first asked on an earlier day: never two messages the same day.
      else if (today >= remindFrom && i.askedOn < today)
        out.push({ ...base, kind: 'feedback-reminder', key: feedbackReminderKey(r.roundId, i.oid) });
    }
  }
  return out;
}
