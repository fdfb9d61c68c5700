import { isLocked } from '../domain/conversation.ts';
import type { FollowUpStatus } from '../domain/answers.ts';
import type { Actor } from '../domain/policy.ts';
import { findField } from '../domain/templates/model.ts';
import { templateVersion, type Deps } from './support.ts';

export interface FollowUpLine {
  itemId: string;
  version: number;
  conversationId: string;
  title: string;
  due: string | null;
  status: FollowUpStatus;
  comment: string | null;
}

/** The actor's own plan items in signed records that are not yet achieved: what they follow up. */
export async function listMyFollowUp(deps: Deps, actor: Actor): Promise<FollowUpLine[]> {
  const lines: FollowUpLine[] = [];
  for (const item of await deps.store.itemsOwnedBy(actor.tid, actor.oid)) {
    if (item.status === 'achieved') continue;
    const c = await deps.store.conversation(item.conversationId);
    if (!c || !isLocked(c.status)) continue;
    const field = findField(
      await templateVersion(deps, c.templateKey, c.templateVersion),
      item.fieldId,
    )?.field;
    const columns = field && 'columns' in field ? field.columns : [];
    // The item's name is its first plain column ("Hva skal gjøres?", "Mål", …).
    const titleColumn = columns.find((col) => !col.role && col.type === 'text');
    const title =
      (titleColumn && item.cells[titleColumn.id]) || Object.values(item.cells).find((v) => v) || '—';
    lines.push({
      itemId: item.id,
      version: item.version,
      conversationId: c.id,
      title,
      due: item.due,
      status: item.status,
      comment: item.statusComment,
    });
  }
  return lines;
}
