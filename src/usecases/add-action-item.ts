import { checkCells, ownerAndDue, type ActionItem } from '../domain/answers.ts';
import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { itemField } from './items-support.ts';
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
    const checked = checkCells(columns, input.cells);
    if (!checked.ok) throw new AppError('ANSWER_INVALID', { fieldId, reason: checked.reason });
    const existing = (await tx.items(conversationId)).filter((i) => i.fieldId === fieldId);
    const { ownerOid, due } = ownerAndDue(columns, checked.cells);
    const item: ActionItem = {
      id: deps.newId(),
      conversationId,
      fieldId,
      position: existing.reduce((max, i) => Math.max(max, i.position), 0) + 1,
      cells: checked.cells,
      // Without a named owner, the employee party follows the item up.
      ownerOid: ownerOid ?? loaded.conversation.employeeOid,
      due,
      status: 'open',
      statusComment: null,
      statusUpdatedAt: null,
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
