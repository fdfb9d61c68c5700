import { checkCells, ownerAndDue, type ActionItem } from '../domain/answers.ts';
import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { itemField } from './items-support.ts';
import { asParty, nowIso, voidSignaturesOnChange, type Deps } from './support.ts';

export interface UpdateActionItemInput {
  itemId: string;
  cells: unknown;
  /** The version the writer started from. */
  baseVersion: number;
}

/** Changes a plan row's cells, with the same optimistic concurrency as answers. */
export async function updateActionItem(
  deps: Deps,
  actor: Actor,
  input: UpdateActionItemInput,
): Promise<ActionItem> {
  const { itemId, baseVersion } = input;
  const item = await deps.store.item(itemId);
  if (!item) throw new AppError('ITEM_NOT_FOUND');
  return asParty(deps, actor, item.conversationId, async (tx, loaded) => {
    const { columns } = itemField(loaded, item.fieldId);
    const checked = checkCells(columns, input.cells);
    if (!checked.ok) throw new AppError('ANSWER_INVALID', { fieldId: item.fieldId, reason: checked.reason });
    const { ownerOid, due } = ownerAndDue(columns, checked.cells);
    const updated = await tx.updateItemCells({
      id: itemId,
      cells: checked.cells,
      ownerOid: ownerOid ?? loaded.conversation.employeeOid,
      due,
      baseVersion,
    });
    if (!updated) {
      const current = await tx.item(itemId);
      if (!current) throw new AppError('ITEM_NOT_FOUND');
      throw new AppError('VERSION_CONFLICT', {
        itemId,
        yourBaseVersion: baseVersion,
        current: { cells: current.cells, version: current.version },
      });
    }
    await voidSignaturesOnChange(tx, actor, loaded.conversation, nowIso(deps));
    return updated;
  });
}
