import type { Party } from './templates/model.ts';

export const STATUSES = [
  'planned',
  'preparing',
  'held',
  'awaiting_signatures',
  'signed',
  'archived',
  'cancelled',
] as const;
export type Status = (typeof STATUSES)[number];

export interface Conversation {
  id: string;
  tid: string;
  templateKey: string;
  templateVersion: string;
  period: string;
  status: Status;
  leaderOid: string;
  employeeOid: string;
  unitId: string | null;
  /** The planned date (YYYY-MM-DD). */
  scheduledAt: string | null;
  /** The time of day on that date, Europe/Oslo wall clock ("14:00"), when the leader gave one. */
  scheduledTime: string | null;
  /** How long the meeting is planned to last, in minutes (with a time). */
  durationMinutes: number | null;
  createdAt: string;
  updatedAt: string;
  /** The stage a cancelled conversation had, so the cancelling can be undone. */
  cancelledFrom: Status | null;
  /** The last reopening of a record sent for signing: who, when, and whose signatures it voided. */
  reopened: Reopening | null;
  /**
   * A random 256-bit salt (hex) for the hash of the salary part, so the record's hash confirms no
   * guess about Punkt 4 to someone who cannot read it. Null for records hashed before salting.
   */
  salarySalt: string | null;
}

export interface Reopening {
  at: string;
  byOid: string;
  voided: Party[];
}

export const TRANSITIONS = [
  'open-preparation',
  'hold',
  'send-to-signing',
  'reopen',
  'cancel',
  'restore',
] as const;
export type Transition = (typeof TRANSITIONS)[number];

// Every transition a party may ask for; completing signatures and archiving happen on their own.
const TABLE: Record<Transition, { from: readonly Status[]; to: Status; by: Party }> = {
  'open-preparation': { from: ['planned'], to: 'preparing', by: 'leader' },
  hold: { from: ['planned', 'preparing'], to: 'held', by: 'leader' },
  'send-to-signing': { from: ['held'], to: 'awaiting_signatures', by: 'leader' },
  reopen: { from: ['awaiting_signatures'], to: 'held', by: 'leader' },
  cancel: { from: ['planned', 'preparing'], to: 'cancelled', by: 'leader' },
  // Undoes a cancelling: back to the stage it had (nothing can happen to a cancelled conversation).
  restore: { from: ['cancelled'], to: 'planned', by: 'leader' },
};

/** Where a transition leads from a conversation's stage, or undefined when it may not be made. */
export function transitionTarget(
  c: Pick<Conversation, 'status' | 'cancelledFrom'>,
  transition: Transition,
): Status | undefined {
  const rule = TABLE[transition];
  if (!rule.from.includes(c.status)) return undefined;
  if (transition === 'restore') return c.cancelledFrom ?? undefined;
  return rule.to;
}

export function transitionParty(transition: Transition): Party {
  return TABLE[transition].by;
}

/** The transitions that are legal from a conversation's stage, whoever asks. */
export function availableTransitions(c: Pick<Conversation, 'status' | 'cancelledFrom'>): Transition[] {
  return TRANSITIONS.filter((t) => transitionTarget(c, t) !== undefined);
}

/** Conversations under way: not yet signed, nor cancelled. Each keeps the template version it began with. */
export const RUNNING_STATUSES: readonly Status[] = ['planned', 'preparing', 'held', 'awaiting_signatures'];

const LOCKED_STATUSES: ReadonlySet<Status> = new Set(['signed', 'archived']);

/** Signed by both: no endpoint can change the record any more. */
export function isLocked(status: Status): boolean {
  return LOCKED_STATUSES.has(status);
}

/** Why a write to the record or preparation is refused in a status, or undefined when allowed. */
export function writeRefusal(
  status: Status,
  visibility: 'shared' | 'private',
): 'RECORD_LOCKED' | 'STATE_FORBIDS_WRITE' | 'RECORD_AWAITING_SIGNATURES' | undefined {
  if (isLocked(status)) return 'RECORD_LOCKED';
  if (status === 'cancelled') return 'STATE_FORBIDS_WRITE';
  // Sent for signing: nobody changes what the parties are signing; the leader reopens it instead.
  if (status === 'awaiting_signatures')
    return visibility === 'shared' ? 'RECORD_AWAITING_SIGNATURES' : 'STATE_FORBIDS_WRITE';
  if (visibility === 'private') return undefined;
  return status === 'planned' ? 'STATE_FORBIDS_WRITE' : undefined;
}

export function partyOf(
  conversation: Pick<Conversation, 'leaderOid' | 'employeeOid'>,
  oid: string,
): Party | null {
  if (conversation.leaderOid === oid) return 'leader';
  if (conversation.employeeOid === oid) return 'employee';
  return null;
}

export const NEXT_STEPS = [
  'prepare',
  'hold-conversation',
  'complete-record',
  'sign',
  'archive',
  'none',
] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

/**
 * What the app is waiting for, and from whom, for lists and reminders. Before the meeting it waits
 * for the parties who have preparation to write and have not written any; then for the leader to
 * hold the conversation.
 */
export function nextStep(
  status: Status,
  signedBy: readonly Party[],
  unprepared: readonly Party[] = [],
): { step: NextStep; waitingFor: Party[] } {
  switch (status) {
    case 'planned':
    case 'preparing':
      return unprepared.length > 0
        ? { step: 'prepare', waitingFor: [...unprepared] }
        : { step: 'hold-conversation', waitingFor: ['leader'] };
    case 'held':
      return { step: 'complete-record', waitingFor: ['leader'] };
    case 'awaiting_signatures':
      return {
        step: 'sign',
        waitingFor: (['leader', 'employee'] as const).filter((p) => !signedBy.includes(p)),
      };
    case 'signed':
      return { step: 'archive', waitingFor: [] };
    case 'archived':
    case 'cancelled':
      return { step: 'none', waitingFor: [] };
  }
}
