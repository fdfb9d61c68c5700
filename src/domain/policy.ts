import { partyOf, type Conversation } from './conversation.ts';
import type { Slot } from './answers.ts';
import type { Field, Party, Section, Template } from './templates/model.ts';

export type AppRole = 'HR' | 'HR.Salary' | 'Admin';

/** The caller, as established from a validated token and the directory. Never from a request body. */
export interface Actor {
  tid: string;
  oid: string;
  name: string;
  upn: string;
  roles: readonly AppRole[];
}

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
    hrSalary: sameTenant && actor.roles.includes('HR') && actor.roles.includes('HR.Salary'),
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
