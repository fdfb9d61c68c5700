// Shared by the action-item use cases: find an item's field and check a party may write it.
import { partyWrites } from '../domain/answers.ts';
import { canReadSection } from '../domain/policy.ts';
import { findField, type Column } from '../domain/templates/model.ts';
import { AppError } from '../errors/catalogue.ts';
import type { Loaded } from './support.ts';

export function itemField(loaded: Loaded, fieldId: string): { columns: Column[] } {
  const found = findField(loaded.template, fieldId);
  if (!found || !canReadSection(loaded.standing, loaded.conversation, found.section))
    throw new AppError('FIELD_NOT_FOUND', { fieldId });
  const { field } = found;
  if (field.kind !== 'goalList' && field.kind !== 'actionPlan') {
    throw new AppError('FIELD_NOT_FOUND', { fieldId, reason: 'not a plan field' });
  }
  const party = loaded.standing.party;
  if (!party || !partyWrites(field.writer, party)) throw new AppError('FIELD_NOT_WRITABLE', { fieldId });
  return { columns: field.columns };
}
