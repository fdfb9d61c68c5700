import type { ActionItem, Answer } from './answers.ts';
import { canonicalJson, sha256Hex, type Json } from './canonical-json.ts';
import type { Conversation } from './conversation.ts';
import type { FeedbackRecordPart } from './feedback.ts';
import { ITEM_KINDS, allFields, type Template } from './templates/model.ts';

const isEmpty = (v: Json) => v === null || v === '' || (Array.isArray(v) && v.length === 0);

export type SharedRecord = {
  conversation: string;
  template: { key: string; version: string };
  period: string;
  parties: { leader: string; employee: string };
  answers: Record<string, Record<string, Json>>;
  items: { id: string; field: string; position: number; cells: Record<string, string | null> }[];
  /** The staff's feedback figures, only when the assessed leader put them in the record. */
  feedback?: FeedbackRecordPart;
};

/**
 * The shared record both parties sign: every shared answer (each party's own view kept under its
 * own key) and every plan row. Private preparation is never part of it, shared or not. The staff's
 * feedback figures are, when the assessed leader chose so; without them the record (and its hash) is
 * as it was before feedback existed.
 */
export function sharedRecord(
  conversation: Conversation,
  template: Template,
  answers: readonly Answer[],
  items: readonly ActionItem[],
  feedback?: FeedbackRecordPart,
): SharedRecord {
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
    .map((i) => ({ id: i.id, field: i.fieldId, position: i.position, cells: i.cells }));
  return {
    conversation: conversation.id,
    template: { key: template.key, version: template.version },
    period: conversation.period,
    parties: { leader: conversation.leaderOid, employee: conversation.employeeOid },
    answers: byField,
    items: rows,
    ...(feedback ? { feedback } : {}),
  };
}

export function contentHash(record: Json): string {
  return `sha256:${sha256Hex(canonicalJson(record))}`;
}

/** The record in two parts: what every reader of the record may see, and the salary part (Punkt 4). */
export function splitRecord(template: Template, record: SharedRecord): { open: Json; salary: Json } {
  const salaryFields = new Set(
    template.sections.filter((s) => s.sensitivity === 'salary').flatMap((s) => s.fields.map((f) => f.id)),
  );
  const pick = (salary: boolean) => ({
    answers: Object.fromEntries(
      Object.entries(record.answers).filter(([id]) => salaryFields.has(id) === salary),
    ),
    items: record.items.filter((i) => salaryFields.has(i.field) === salary),
  });
  return { open: { ...record, ...pick(false) }, salary: pick(true) };
}

/** The salary part's own hash: with the record's secret salt, so no guess can be checked against it. */
export const salaryPartHash = (salt: string, salary: Json): string => contentHash({ salt, salary });

/**
 * The hash both parties sign. It covers the whole record: the open part as it is and the salary
 * part through its salted hash. Someone who may read everything but Punkt 4 (HR without the salary
 * role) sees this hash and the open part, yet cannot confirm a guess about Punkt 4 without the salt,
 * which only readers of Punkt 4 see. Records signed before salting (salt null) keep the plain hash.
 */
export function recordHash(template: Template, record: SharedRecord, salt: string | null): string {
  if (salt === null) return contentHash(record);
  const { open, salary } = splitRecord(template, record);
  return contentHash({ open, salary: salaryPartHash(salt, salary) });
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
  const sensitivity = new Map(
    template.sections.flatMap((s) => s.fields.map((f) => [f.id, s.sensitivity] as const)),
  );
  return allFields(template).flatMap((f) => {
    // Never across sensitivities, even if a stored template says so: salary text stays in Punkt 4.
    const allowed = f.prefillFrom && sensitivity.get(f.prefillFrom) === sensitivity.get(f.id);
    const value = allowed && f.prefillFrom ? prev.get(f.prefillFrom) : undefined;
    return value === undefined || isEmpty(value) ? [] : [{ fieldId: f.id, value }];
  });
}
