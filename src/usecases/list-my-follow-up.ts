import type { FollowUpLine } from '../contract/views.ts';
import { isLocked } from '../domain/conversation.ts';
import { osloTime } from '../domain/reminders.ts';
import type { Actor } from '../domain/policy.ts';
import { findField } from '../domain/templates/model.ts';
import { person, templateVersion, type Deps } from './support.ts';

export type { FollowUpLine };

/**
 * The actor's own plan items in signed records that are not yet achieved: what they follow up, with
 * the conversation they come from, whether they are overdue, and every earlier update.
 */
export async function listMyFollowUp(deps: Deps, actor: Actor): Promise<FollowUpLine[]> {
  const today = osloTime(deps.clock.now()).date;
  const open = [];
  for (const item of await deps.store.itemsOwnedBy(actor.tid, actor.oid)) {
    if (item.status === 'achieved') continue;
    const c = await deps.store.conversation(item.conversationId);
    if (!c || !isLocked(c.status)) continue;
    open.push({ item, c });
  }
  const history = await deps.store.followUpHistory(open.map((o) => o.item.id));
  const names = new Map<string, string>();
  const nameOf = async (oid: string) => {
    if (!names.has(oid)) names.set(oid, (await person(deps, actor.tid, oid)).name);
    return names.get(oid) ?? oid;
  };
  const lines: FollowUpLine[] = [];
  for (const { item, c } of open) {
    const template = await templateVersion(deps, c.templateKey, c.templateVersion);
    const field = findField(template, item.fieldId)?.field;
    const columns = field && 'columns' in field ? field.columns : [];
    // The item's name is its first plain column ("Hva skal gjøres?", "Mål", …).
    const titleColumn = columns.find((col) => !col.role && col.type === 'text');
    const title =
      (titleColumn && item.cells[titleColumn.id]) || Object.values(item.cells).find((v) => v) || '—';
    lines.push({
      itemId: item.id,
      version: item.version,
      conversationId: c.id,
      conversation: { templateName: template.name, period: c.period },
      title,
      due: item.due,
      overdue: item.due !== null && item.due < today,
      status: item.status,
      comment: item.statusComment,
      history: await Promise.all(
        history
          .filter((h) => h.itemId === item.id)
          .map(async (h) => ({ status: h.status, comment: h.comment, at: h.at, by: await nameOf(h.byOid) })),
      ),
    });
  }
  return lines;
}
