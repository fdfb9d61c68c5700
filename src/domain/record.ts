import type { ActionItem, Answer } from './answers.ts';
import { canonicalJson, sha256Hex, type Json } from './canonical-json.ts';
import type { Conversation } from './conversation.ts';
import { ITEM_KINDS, allFields, type Template } from './templates/model.ts';

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
    .map((i): Json => ({ id: i.id, field: i.fieldId, position: i.position, cells: i.cells }));
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
