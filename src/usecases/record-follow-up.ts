import type { ActionItem, FollowUpStatus } from '../domain/answers.ts';
import { isLocked } from '../domain/conversation.ts';
import { isStorableText } from '../domain/text.ts';
import { canRecordFollowUp, type Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { audit, notifyChanged, loadConversation, nowIso, type Deps } from './support.ts';

export interface RecordFollowUpInput {
  itemId: string;
  status: FollowUpStatus;
  comment: string | null;
  /** The version the owner saw. */
  baseVersion: number;
}

/**
 * The owner of a plan item records its follow-up status. This is not a change to the signed record:
 * it is allowed only once the record is signed, and only to the item's owner.
 */
export async function recordFollowUp(
  deps: Deps,
  actor: Actor,
  input: RecordFollowUpInput,
): Promise<ActionItem> {
  const { itemId, status, comment, baseVersion } = input;
  if (comment !== null && !isStorableText(comment))
    throw new AppError('TEXT_INVALID_CHARACTERS', { in: 'comment' });
  const item = await deps.store.item(itemId);
  if (!item) throw new AppError('ITEM_NOT_FOUND');
  const owner = await deps.store.conversation(item.conversationId);
  if (!owner || owner.tid !== actor.tid) throw new AppError('ITEM_NOT_FOUND');
  if (!canRecordFollowUp(actor, item, owner)) {
    // Strangers learn nothing (404); those who may see the conversation learn they are not the owner.
    await loadConversation(deps, actor, owner.id, { need: 'status' });
    throw new AppError('FORBIDDEN', { reason: 'only the item owner records follow-up' });
  }
  const updated = await deps.store.transaction(async (tx) => {
    const conversation = await tx.conversation(item.conversationId, { forUpdate: true });
    if (!conversation) throw new AppError('ITEM_NOT_FOUND');
    if (!isLocked(conversation.status))
      throw new AppError('FOLLOW_UP_NOT_OPEN', { status: conversation.status });
    const at = nowIso(deps);
    const updated = await tx.updateItemStatus({
      id: itemId,
      status,
      comment,
      at,
      by: actor.oid,
      baseVersion,
    });
    if (!updated) {
      const current = await tx.item(itemId);
      throw new AppError('VERSION_CONFLICT', {
        itemId,
        yourBaseVersion: baseVersion,
        current: current
          ? { status: current.status, comment: current.statusComment, version: current.version }
          : null,
      });
    }
    await audit(tx, actor, 'follow-up.recorded', itemId, at, { status });
    return updated;
  });
  notifyChanged(deps, actor, item.conversationId);
  return updated;
}
