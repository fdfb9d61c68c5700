// Shared by the action-item use cases: find an item's field and check the party may write its rows.
import { ownerAndDue, type Cells } from '../domain/answers.ts';
import type { Conversation } from '../domain/conversation.ts';
import { fieldWriteRefusal, isParty } from '../domain/policy.ts';
import { findField, type Column } from '../domain/templates/model.ts';
import { AppError } from '../errors/catalogue.ts';
import type { Loaded } from './support.ts';

export function itemField(loaded: Loaded, fieldId: string): { columns: Column[] } {
  const found = findField(loaded.template, fieldId);
  if (!found) throw new AppError('FIELD_NOT_FOUND', { fieldId });
  const { field, section } = found;
  const refusal = fieldWriteRefusal(loaded.standing, loaded.conversation, section, field, 'rows');
  if (refusal) throw new AppError(refusal, { fieldId, status: loaded.conversation.status });
  if (field.kind !== 'goalList' && field.kind !== 'actionPlan')
    throw new AppError('FIELD_NOT_FOUND', { fieldId });
  return { columns: field.columns };
}

/**
 * A row's owner and due date. People named in a row must be parties: only they read the plan and
 * follow it up. Without a named owner, the employee party follows the item up.
 */
export function rowOwner(
  conversation: Conversation,
  columns: readonly Column[],
  cells: Cells,
): { ownerOid: string; due: string | null } {
  for (const column of columns) {
    const value = cells[column.id];
    if (column.type === 'person' && value && !isParty(conversation, value))
      throw new AppError('ITEM_OWNER_NOT_PARTY', { column: column.id });
  }
  const { ownerOid, due } = ownerAndDue(columns, cells);
  return { ownerOid: ownerOid ?? conversation.employeeOid, due };
}
