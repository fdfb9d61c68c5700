// Who may do what. Every access rule of the server is a function here, and the conversation view
// carries their answers to the tab, so the tab never repeats a rule and the server never trusts it.
import { partyWrites, type ActionItem, type Answer, type Slot } from './answers.ts';
import {
  availableTransitions,
  isLocked,
  partyOf,
  transitionParty,
  transitionTarget,
  writeRefusal,
  type Conversation,
  type Transition,
} from './conversation.ts';
import { validSignatures, type Signature } from './signatures.ts';
import type { Field, Party, Section, Template } from './templates/model.ts';

export const APP_ROLES = ['HR', 'HR.Salary', 'Admin', 'Kompass'] as const;
export type AppRole = (typeof APP_ROLES)[number];

/** The caller, as established from a validated token and the directory. Never from a request body. */
export interface Actor {
  tid: string;
  oid: string;
  name: string;
  upn: string;
  roles: readonly AppRole[];
}

// Organisation-wide roles: what HR and admins may do without being a party to anything.

/** HR's completion figures: counts only, never content. */
export const canSeeCompletion = (actor: Actor): boolean => actor.roles.includes('HR');
/** HR browses the archive; the salary copies only with HR.Salary as well. */
export const canBrowseArchive = (actor: Actor): boolean => actor.roles.includes('HR');
export const canSeeSalaryCopies = (actor: Actor): boolean =>
  actor.roles.includes('HR') && actor.roles.includes('HR.Salary');
/** HR's rounds (who is in scope, the deadline, each person's stage, never content) and holds on archived records. */
export const canRunRounds = (actor: Actor): boolean => actor.roles.includes('HR');
export const canHoldRecords = (actor: Actor): boolean => actor.roles.includes('HR');
/** Who the bot can no longer reach: for HR to follow up. */
export const canSeeUnreachable = (actor: Actor): boolean => actor.roles.includes('HR');
/** The organisation's version of a template: admins only (they never see record content). */
export const canCustomiseTemplates = (actor: Actor): boolean => actor.roles.includes('Admin');

/**
 * Innsyn (GDPR art. 15): everyone exports what Samtale holds about them; HR does it for a person who
 * asks. What the export holds is what that person reads (the rules below), whoever downloads it.
 */
export const canExportPersonalData = (actor: Actor, person: { tid: string; oid: string }): boolean =>
  actor.tid === person.tid && (actor.oid === person.oid || actor.roles.includes('HR'));
/** Finding the person an innsyn request names: HR. */
export const canFindPeople = (actor: Actor): boolean => actor.roles.includes('HR');

/** The team page: a leader with direct reports sees their conversations' status. */
export const canSeeTeam = (directReports: number): boolean => directReports > 0;

/** A leader plans conversations with their own direct reports only. */
export function canPlanWith(actor: Actor, employee: { tid: string; managerOid: string | null }): boolean {
  return employee.tid === actor.tid && employee.managerOid === actor.oid;
}

/** Follow-up of a plan item is recorded by its owner, and by nobody else. */
export function canRecordFollowUp(
  actor: Actor,
  item: Pick<ActionItem, 'ownerOid'>,
  conversation: Pick<Conversation, 'tid' | 'leaderOid' | 'employeeOid'>,
): boolean {
  // A row from before owners were checked may name someone else: they still get nothing.
  return actor.tid === conversation.tid && item.ownerOid === actor.oid && isParty(conversation, actor.oid);
}

/** Only the two parties read a conversation's plan, so only they can own its rows. */
export const isParty = (c: Pick<Conversation, 'leaderOid' | 'employeeOid'>, oid: string): boolean =>
  oid === c.leaderOid || oid === c.employeeOid;

/** What the policy needs to know about one actor and one conversation. */
export interface Standing {
  party: Party | null;
  /** The actor is the directory manager of the conversation's employee. */
  managesEmployee: boolean;
  hr: boolean;
  hrSalary: boolean;
  admin: boolean;
}

export function standing(
  actor: Actor,
  conversation: Conversation,
  employeeManagerOid: string | null,
): Standing {
  const sameTenant = actor.tid === conversation.tid;
  return {
    party: sameTenant ? partyOf(conversation, actor.oid) : null,
    managesEmployee: sameTenant && employeeManagerOid === actor.oid,
    hr: sameTenant && actor.roles.includes('HR'),
    hrSalary: sameTenant && canSeeSalaryCopies(actor),
    admin: sameTenant && actor.roles.includes('Admin'),
  };
}

/** Status (not content): the parties, the employee's leader, and HR. */
export function canSeeStatus(s: Standing): boolean {
  return s.party !== null || s.managesEmployee || s.hr;
}

/** Content: the parties; HR only once the record is signed and archived. Admin never. */
export function canReadContent(s: Standing, conversation: Conversation): boolean {
  return s.party !== null || (s.hr && conversation.status === 'archived');
}

/** Salary (kontraktsamtale Punkt 4): the two parties, and HR with the HR.Salary role. */
export function canReadSection(s: Standing, conversation: Conversation, section: Section): boolean {
  if (!canReadContent(s, conversation)) return false;
  return section.sensitivity !== 'salary' || s.party !== null || s.hrSalary;
}

/** Private preparation: its author always; the other party once shared; nobody else, ever. */
export function canReadSlot(s: Standing, field: Field, slot: Slot, sharedAt: string | null): boolean {
  if (field.visibility === 'shared') return true;
  if (s.party === null) return false;
  return slot === s.party || sharedAt !== null;
}

/** An archived copy: the parties; HR for the record; only HR with HR.Salary for the salary part. */
export function canReadArchiveCopy(s: Standing, part: 'record' | 'salary'): boolean {
  return s.party !== null || (part === 'record' ? s.hr : s.hrSalary);
}

export function readableSections(s: Standing, conversation: Conversation, template: Template): Section[] {
  return template.sections.filter((section) => canReadSection(s, conversation, section));
}

export type FieldRefusal =
  | 'FIELD_NOT_FOUND'
  | 'FIELD_USES_ITEMS'
  | 'FORBIDDEN'
  | 'FIELD_NOT_WRITABLE'
  | 'RECORD_LOCKED'
  | 'RECORD_AWAITING_SIGNATURES'
  | 'STATE_FORBIDS_WRITE';

/**
 * Why the actor may not write a field now, or undefined when they may. One rule for the server's
 * check and for the view's `editable`. Plan fields (rows) are written through items, so `rows`
 * says which way the caller writes.
 */
export function fieldWriteRefusal(
  s: Standing,
  conversation: Conversation,
  section: Section,
  field: Field,
  via: 'answer' | 'rows' = 'answer',
): FieldRefusal | undefined {
  if (!canReadSection(s, conversation, section)) return 'FIELD_NOT_FOUND';
  const rows = field.kind === 'goalList' || field.kind === 'actionPlan';
  if (via === 'rows' && !rows) return 'FIELD_NOT_FOUND';
  if (via === 'answer' && rows) return 'FIELD_USES_ITEMS';
  if (s.party === null) return 'FORBIDDEN';
  if (!partyWrites(field.writer, s.party)) return 'FIELD_NOT_WRITABLE';
  return writeRefusal(conversation.status, field.visibility);
}

/** Whether the actor may edit a field now, whichever way it is written. */
export function canEditField(
  s: Standing,
  conversation: Conversation,
  section: Section,
  field: Field,
): boolean {
  const via = field.kind === 'goalList' || field.kind === 'actionPlan' ? 'rows' : 'answer';
  return fieldWriteRefusal(s, conversation, section, field, via) === undefined;
}

/** Why the actor may not make a transition now, or undefined. */
export function transitionRefusal(
  s: Standing,
  conversation: Conversation,
  transition: Transition,
): 'FORBIDDEN' | 'ILLEGAL_TRANSITION' | undefined {
  if (s.party === null || s.party !== transitionParty(transition)) return 'FORBIDDEN';
  return transitionTarget(conversation, transition) ? undefined : 'ILLEGAL_TRANSITION';
}

/**
 * Why the actor may not change when a conversation is held, or undefined: its leader, before it is held
 * (the same stages a plan can still be cancelled in).
 */
export function rescheduleRefusal(
  s: Standing,
  conversation: Pick<Conversation, 'status'>,
): 'FORBIDDEN' | 'STATE_FORBIDS_WRITE' | undefined {
  if (s.party !== 'leader') return 'FORBIDDEN';
  return conversation.status === 'planned' || conversation.status === 'preparing'
    ? undefined
    : 'STATE_FORBIDS_WRITE';
}

/**
 * Why the actor may not have Samtale put the conversation's Teams meeting in their calendar, or
 * undefined: whoever may reschedule it, once it has a time of day.
 */
export function meetingRefusal(
  s: Standing,
  conversation: Pick<Conversation, 'status' | 'scheduledAt' | 'scheduledTime'>,
): 'FORBIDDEN' | 'STATE_FORBIDS_WRITE' | 'MEETING_NEEDS_TIME' | undefined {
  const refusal = rescheduleRefusal(s, conversation);
  if (refusal) return refusal;
  return conversation.scheduledAt && conversation.scheduledTime ? undefined : 'MEETING_NEEDS_TIME';
}

/** What a meeting's stage may show: the shared record of a conversation the actor takes part in. */
export const canShowOnStage = (s: Standing): boolean => s.party !== null;

/** The transitions the actor may make now. */
export function allowedTransitions(s: Standing, conversation: Conversation): Transition[] {
  return availableTransitions(conversation).filter(
    (t) => transitionRefusal(s, conversation, t) === undefined,
  );
}

/** Why the actor may not share private preparation now, or undefined. */
export function shareRefusal(
  s: Standing,
  conversation: Conversation,
  template: Template,
  answers: readonly Answer[],
):
  | 'FORBIDDEN'
  | 'RECORD_LOCKED'
  | 'STATE_FORBIDS_WRITE'
  | 'RECORD_AWAITING_SIGNATURES'
  | 'NOTHING_TO_SHARE'
  | undefined {
  if (s.party === null) return 'FORBIDDEN';
  const refusal = writeRefusal(conversation.status, 'private');
  if (refusal) return refusal;
  const privateIds = new Set(
    template.sections
      .flatMap((sec) => sec.fields)
      .filter((f) => f.visibility === 'private')
      .map((f) => f.id),
  );
  const mine = answers.filter((a) => a.slot === s.party && privateIds.has(a.fieldId));
  return mine.length === 0 ? 'NOTHING_TO_SHARE' : undefined;
}

/** Whether sharing would show the other party something new: some of my preparation is unshared. */
export function canShare(
  s: Standing,
  conversation: Conversation,
  template: Template,
  answers: readonly Answer[],
): boolean {
  if (shareRefusal(s, conversation, template, answers) !== undefined) return false;
  const privateIds = new Set(
    template.sections
      .flatMap((sec) => sec.fields)
      .filter((f) => f.visibility === 'private')
      .map((f) => f.id),
  );
  return answers.some((a) => a.slot === s.party && privateIds.has(a.fieldId) && a.sharedAt === null);
}

/** Why the actor may not sign the record as it is now (by its hash), or undefined. */
export function signRefusal(
  s: Standing,
  conversation: Conversation,
  signatures: readonly Signature[],
  currentHash: string,
): 'FORBIDDEN' | 'RECORD_LOCKED' | 'NOT_READY_TO_SIGN' | 'ALREADY_SIGNED' | undefined {
  if (s.party === null) return 'FORBIDDEN';
  if (isLocked(conversation.status)) return 'RECORD_LOCKED';
  if (conversation.status !== 'awaiting_signatures') return 'NOT_READY_TO_SIGN';
  return validSignatures(signatures, currentHash).some((x) => x.party === s.party)
    ? 'ALREADY_SIGNED'
    : undefined;
}
