import { checkCells, exceedsTextLimit, MAX_TEXT, type ActionItem, type CellMeta } from '../domain/answers.ts';
import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { itemField, rowOwner } from './items-support.ts';
import { asParty, notifyChanged, type Deps } from './support.ts';

export interface UpdateActionItemInput {
  itemId: string;
  /** Only the cells that changed. */
  cells: Record<string, string | null>;
  /** For each changed cell, the version the writer started from (0 for a cell never written). */
  cellVersions: Record<string, number>;
}

/**
 * Changes cells of a plan row. Each cell has its own version, so two people (or one person typing
 * fast) editing different cells of a row never conflict; the same cell edited from a stale version
 * is refused with the current value, as answers are.
 */
export async function updateActionItem(
  deps: Deps,
  actor: Actor,
  input: UpdateActionItemInput,
): Promise<ActionItem> {
  const { itemId } = input;
  const first = await deps.store.item(itemId);
  if (!first) throw new AppError('ITEM_NOT_FOUND');
  const result = await asParty(deps, actor, first.conversationId, async (tx, loaded) => {
    // Re-read under the conversation's lock: every write to its rows is serialised by it.
    const item = await tx.item(itemId);
    if (!item) throw new AppError('ITEM_NOT_FOUND');
    const { columns } = itemField(loaded, item.fieldId);
    const changed = Object.keys(input.cells);
    const missing = changed.filter((c) => input.cellVersions[c] === undefined);
    if (missing.length > 0)
      throw new AppError('VALIDATION_FAILED', { reason: 'a version for every changed cell', missing });
    const stale = changed.filter((c) => (item.cellMeta[c]?.version ?? 0) !== input.cellVersions[c]);
    if (stale.length > 0) {
      const column = stale[0] ?? '';
      throw new AppError('VERSION_CONFLICT', {
        itemId,
        column,
        yourBaseVersion: input.cellVersions[column],
        current: {
          value: item.cells[column] ?? null,
          version: item.cellMeta[column]?.version ?? 0,
          updatedBy: item.cellMeta[column]?.by ?? null,
        },
        stale,
      });
    }
    if (exceedsTextLimit(input.cells))
      throw new AppError('TEXT_TOO_LONG', { fieldId: item.fieldId, max: MAX_TEXT });
    const checked = checkCells(columns, { ...item.cells, ...input.cells });
    if (!checked.ok) throw new AppError('ANSWER_INVALID', { fieldId: item.fieldId, reason: checked.reason });
    const cellMeta: CellMeta = { ...item.cellMeta };
    for (const c of changed) cellMeta[c] = { version: (item.cellMeta[c]?.version ?? 0) + 1, by: actor.oid };
    const { ownerOid, due } = rowOwner(loaded.conversation, columns, checked.cells);
    const updated = await tx.updateItemCells({
      id: itemId,
      cells: checked.cells,
      cellMeta,
      ownerOid,
      due,
      baseVersion: item.version,
    });
    if (!updated) throw new AppError('VERSION_CONFLICT', { itemId });
    return updated;
  });
  notifyChanged(deps, actor, first.conversationId);
  return result;
}
