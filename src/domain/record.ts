import type { ActionItem, Slot } from './answers.ts';
import { canonicalJson, sha256Hex, type Json } from './canonical-json.ts';
import type { Conversation } from './conversation.ts';
import { ITEM_KINDS, allFields, type Party, type Template } from './templates/model.ts';

export interface Answer {
  fieldId: string;
  slot: Slot;
  value: Json;
  version: number;
  updatedBy: string;
  updatedAt: string;
  /** For private preparation: when its author shared it with the other party. */
  sharedAt: string | null;
}

export interface Signature {
  party: Party;
  tid: string;
  oid: string;
  name: string;
  upn: string;
  signedAt: string;
  contentHash: string;
}

const isEmpty = (v: Json) => v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The shared record both parties sign: every shared answer (each party's own view kept under its
 * own key) and every plan row. Private preparation is never part of it, shared or not.
 */
export function sharedRecord(
  conversation: Conversation,
  template: Template,
  answers: readonly Answer[],
  items: readonly ActionItem[],
): Json {
  const shared = new Set(
    allFields(template)
      .filter((f) => f.visibility === 'shared' && !ITEM_KINDS.has(f.kind))
      .map((f) => f.id),
  );
  const byField: Record<string, Record<string, Json>> = {};
  for (const a of answers) {
    if (!shared.has(a.fieldId) || isEmpty(a.value)) continue;
    (byField[a.fieldId] ??= {})[a.slot] = a.value;
  }
  const rows = [...items]
    .sort((a, b) => a.fieldId.localeCompare(b.fieldId) || a.position - b.position || a.id.localeCompare(b.id))
    .map((i) => ({ id: i.id, field: i.fieldId, position: i.position, cells: i.cells }) as Json);
  return {
    conversation: conversation.id,
    template: { key: template.key, version: template.version },
    period: conversation.period,
    parties: { leader: conversation.leaderOid, employee: conversation.employeeOid },
    answers: byField,
    items: rows,
  };
}

export function contentHash(record: Json): string {
  return `sha256:${sha256Hex(canonicalJson(record))}`;
}

/** Signatures that still hold: made over the record as it is now. */
export function validSignatures(signatures: readonly Signature[], currentHash: string): Signature[] {
  return signatures.filter((s) => s.contentHash === currentHash);
}

export function fullySigned(signatures: readonly Signature[], currentHash: string): boolean {
  const parties = new Set(validSignatures(signatures, currentHash).map((s) => s.party));
  return parties.has('leader') && parties.has('employee');
}

/**
 * Carry-over from the same pair's previous conversation of the same template:
 * fields marked prefillFrom take the previous value (kontraktsamtale Punkt 1 ← last year's Punkt 3).
 */
export function carryOverAnswers(
  template: Template,
  previous: readonly Answer[],
): { fieldId: string; value: Json }[] {
  const prev = new Map(previous.filter((a) => a.slot === 'shared').map((a) => [a.fieldId, a.value]));
  return allFields(template).flatMap((f) => {
    const value = f.prefillFrom ? prev.get(f.prefillFrom) : undefined;
    return value === undefined || isEmpty(value) ? [] : [{ fieldId: f.id, value }];
  });
}
