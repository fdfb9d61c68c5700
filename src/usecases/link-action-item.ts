import type { ActionItem } from '../domain/answers.ts';
import { isParty, type Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { checkConversationServes } from './plan-support.ts';
import { audit, loadConversation, nowIso, type Deps } from './support.ts';

/**
 * A party names the unit goal a plan row serves ("Bidrar til"): a live goal, in that year's plan of
 * the employee's unit or a unit above it. The link is not part of the signed record, so it may be
 * set after signing; the goal is kept by id, so rewording it keeps the link.
 */
export async function linkActionItem(
  deps: Deps,
  actor: Actor,
  input: { itemId: string; goalId: string | null },
): Promise<ActionItem> {
  const item = await deps.store.item(input.itemId);
  if (!item) throw new AppError('ITEM_NOT_FOUND');
  const { conversation } = await loadConversation(deps, actor, item.conversationId, { need: 'status' });
  if (!isParty(conversation, actor.oid))
    throw new AppError('FORBIDDEN', { reason: 'only the parties link a row' });
  await checkConversationServes(deps, conversation, input.goalId);
  const at = nowIso(deps);
  const linked = await deps.store.transaction(async (tx) => {
    const updated = await tx.linkItem(input.itemId, input.goalId);
    if (!updated) throw new AppError('ITEM_NOT_FOUND');
    await audit(tx, actor, 'item.linked', input.itemId, at, { goal: input.goalId });
    return updated;
  });
  return linked;
}
