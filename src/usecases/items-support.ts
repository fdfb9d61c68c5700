// Shared by the action-item use cases: find an item's field and check the party may write its rows.
import { fieldWriteRefusal } from '../domain/policy.ts';
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
