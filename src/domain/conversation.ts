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
  scheduledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const TRANSITIONS = ['open-preparation', 'hold', 'send-to-signing', 'reopen', 'cancel'] as const;
export type Transition = (typeof TRANSITIONS)[number];

// Every transition a party may ask for; completing signatures and archiving happen on their own.
const TABLE: Record<Transition, { from: readonly Status[]; to: Status; by: Party }> = {
  'open-preparation': { from: ['planned'], to: 'preparing', by: 'leader' },
  hold: { from: ['planned', 'preparing'], to: 'held', by: 'leader' },
  'send-to-signing': { from: ['held'], to: 'awaiting_signatures', by: 'leader' },
  reopen: { from: ['awaiting_signatures'], to: 'held', by: 'leader' },
  cancel: { from: ['planned', 'preparing'], to: 'cancelled', by: 'leader' },
};

export function transitionTarget(from: Status, transition: Transition): Status | undefined {
  const rule = TABLE[transition];
  return rule.from.includes(from) ? rule.to : undefined;
}

export function transitionParty(transition: Transition): Party {
  return TABLE[transition].by;
}

/** The transitions that are legal from a status, whoever asks. */
export function availableTransitions(from: Status): Transition[] {
  return TRANSITIONS.filter((t) => transitionTarget(from, t) !== undefined);
}

const LOCKED_STATUSES: ReadonlySet<Status> = new Set(['signed', 'archived']);

/** Signed by both: no endpoint can change the record any more. */
export function isLocked(status: Status): boolean {
  return LOCKED_STATUSES.has(status);
}

/** Why a write to the record or preparation is refused in a status, or undefined when allowed. */
export function writeRefusal(
  status: Status,
  visibility: 'shared' | 'private',
): 'RECORD_LOCKED' | 'STATE_FORBIDS_WRITE' | undefined {
  if (isLocked(status)) return 'RECORD_LOCKED';
  if (status === 'cancelled') return 'STATE_FORBIDS_WRITE';
  if (visibility === 'private') return status === 'awaiting_signatures' ? 'STATE_FORBIDS_WRITE' : undefined;
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

/** What the app is waiting for, and from whom, for lists and reminders. */
export function nextStep(
  status: Status,
  signedBy: readonly Party[],
): { step: NextStep; waitingFor: Party[] } {
  switch (status) {
    case 'planned':
      return { step: 'prepare', waitingFor: ['leader', 'employee'] };
    case 'preparing':
      return { step: 'hold-conversation', waitingFor: ['leader'] };
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
