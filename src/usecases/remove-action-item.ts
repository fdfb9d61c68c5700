import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { itemField } from './items-support.ts';
import { asParty, notifyChanged, type Deps } from './support.ts';

export interface RemoveActionItemInput {
  itemId: string;
  /** The version the remover saw: a row edited meanwhile is not removed. */
  baseVersion: number;
}

/** Removes a plan row; a stale version is refused so a row edited meanwhile is not lost. */
export async function removeActionItem(
  deps: Deps,
  actor: Actor,
  { itemId, baseVersion }: RemoveActionItemInput,
): Promise<{ removed: string }> {
  const item = await deps.store.item(itemId);
  if (!item) throw new AppError('ITEM_NOT_FOUND');
  await asParty(deps, actor, item.conversationId, async (tx, loaded) => {
    itemField(loaded, item.fieldId);
    if (!(await tx.deleteItem(itemId, baseVersion))) {
      const current = await tx.item(itemId);
      if (!current) throw new AppError('ITEM_NOT_FOUND');
      throw new AppError('VERSION_CONFLICT', {
        itemId,
        yourBaseVersion: baseVersion,
        current: { cells: current.cells, version: current.version },
      });
    }
  });
  notifyChanged(deps, actor, item.conversationId);
  return { removed: itemId };
}
