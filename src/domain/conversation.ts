import type { Party } from './templates/model.ts';

export type Status =
  'planned' | 'preparing' | 'held' | 'awaiting_signatures' | 'signed' | 'archived' | 'cancelled';

export const STATUSES: readonly Status[] = [
  'planned',
  'preparing',
  'held',
  'awaiting_signatures',
  'signed',
  'archived',
  'cancelled',
];

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

export type Transition = 'open-preparation' | 'hold' | 'send-to-signing' | 'reopen' | 'cancel';

export const TRANSITIONS: readonly Transition[] = [
  'open-preparation',
  'hold',
  'send-to-signing',
  'reopen',
  'cancel',
];

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

/** The transitions that are legal from a status (for the UI's "next step"). */
export function availableTransitions(from: Status): Transition[] {
  return TRANSITIONS.filter((t) => transitionTarget(from, t) !== undefined);
}

export const LOCKED: ReadonlySet<Status> = new Set(['signed', 'archived']);

/** Why a write to the record or preparation is refused in a status, or undefined when allowed. */
export function writeRefusal(
  status: Status,
  visibility: 'shared' | 'private',
): 'RECORD_LOCKED' | 'STATE_FORBIDS_WRITE' | undefined {
  if (LOCKED.has(status)) return 'RECORD_LOCKED';
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

/** What the app is waiting for, and from whom, for lists and reminders. */
export function nextStep(status: Status, signedBy: readonly Party[]): { step: string; waitingOn: Party[] } {
  switch (status) {
    case 'planned':
      return { step: 'prepare', waitingOn: ['leader', 'employee'] };
    case 'preparing':
      return { step: 'hold-conversation', waitingOn: ['leader'] };
    case 'held':
      return { step: 'complete-record', waitingOn: ['leader'] };
    case 'awaiting_signatures':
      return {
        step: 'sign',
        waitingOn: (['leader', 'employee'] as const).filter((p) => !signedBy.includes(p)),
      };
    case 'signed':
      return { step: 'archive', waitingOn: [] };
    default:
      return { step: 'none', waitingOn: [] };
  }
}
