import {
  checkCells,
  exceedsTextLimit,
  MAX_ITEMS_PER_FIELD,
  MAX_TEXT,
  type ActionItem,
} from '../domain/answers.ts';
import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { itemField, rowOwner } from './items-support.ts';
import { asParty, notifyChanged, nowIso, type Deps } from './support.ts';

export interface AddActionItemInput {
  conversationId: string;
  fieldId: string;
  cells: unknown;
}

/** Adds a row to an action plan or a goal to a development plan. */
export async function addActionItem(
  deps: Deps,
  actor: Actor,
  input: AddActionItemInput,
): Promise<ActionItem> {
  const { conversationId, fieldId } = input;
  const result = await asParty(deps, actor, conversationId, async (tx, loaded) => {
    const { columns } = itemField(loaded, fieldId);
    if (exceedsTextLimit(input.cells)) throw new AppError('TEXT_TOO_LONG', { fieldId, max: MAX_TEXT });
    const checked = checkCells(columns, input.cells);
    if (!checked.ok) throw new AppError('ANSWER_INVALID', { fieldId, reason: checked.reason });
    const existing = (await tx.items(conversationId)).filter((i) => i.fieldId === fieldId);
    // A plan beyond this is no longer a plan, and its card and PDF would outgrow their limits.
    if (existing.length >= MAX_ITEMS_PER_FIELD)
      throw new AppError('TOO_MANY_ITEMS', { fieldId, max: MAX_ITEMS_PER_FIELD });
    const { ownerOid, due } = rowOwner(loaded.conversation, columns, checked.cells);
    const item: ActionItem = {
      id: deps.newId(),
      conversationId,
      fieldId,
      position: existing.reduce((max, i) => Math.max(max, i.position), 0) + 1,
      cells: checked.cells,
      ownerOid,
      due,
      status: 'open',
      statusComment: null,
      statusUpdatedAt: null,
      servesGoalId: null,
      version: 1,
      cellMeta: Object.fromEntries(
        Object.entries(checked.cells)
          .filter(([, v]) => v !== null)
          .map(([k]) => [k, { version: 1, by: actor.oid }]),
      ),
    };
    const at = nowIso(deps);
    await tx.insertItem(item, at);
    return item;
  });
  notifyChanged(deps, actor, conversationId);
  return result;
}
