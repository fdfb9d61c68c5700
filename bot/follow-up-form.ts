// A follow-up card shows every open item with its status and comment filled in. Each input's id names
// what it showed (the item's version, its status, a short hash of its comment), so only what the
// person actually changed is recorded; the rest keep their version.
import { createHash } from 'node:crypto';
import { FOLLOW_UP_STATUSES, type FollowUpStatus } from '../src/domain/answers.ts';
import { AppError } from '../src/errors/catalogue.ts';

/** The API's limit for a follow-up comment; the card's input says the same. */
export const COMMENT_MAX = 4000;

export interface ShownItem {
  itemId: string;
  version: number;
  status: FollowUpStatus;
  comment: string | null;
}

export interface FollowUpChange {
  itemId: string;
  status: FollowUpStatus;
  comment: string | null;
  baseVersion: number;
}

const commentMark = (c: string | null) =>
  c === null ? '-' : createHash('sha256').update(c).digest('hex').slice(0, 12);

/** The ids of an item's two inputs in the card: each names the item, its version and what it showed. */
export const inputIds = (item: ShownItem) => ({
  status: `status:${item.itemId}:${item.version}:${item.status}`,
  comment: `comment:${item.itemId}:${item.version}:${commentMark(item.comment)}`,
});

const INPUT_ID = /^(status|comment):([0-9a-f-]{36}):(\d+):([a-z_]+|[0-9a-f]{12}|-)$/;

/**
 * What the person changed, item by item. Clients send only the inputs that hold a value (the
 * adaptivecards renderer leaves an empty dropdown or text box out), so an absent input means "as
 * shown": an item is changed only by an input that is there and differs from what the card showed.
 */
export function readFollowUpCard(
  data: Record<string, unknown>,
  current: readonly ShownItem[],
): { changes: FollowUpChange[]; stale: number } {
  const sent = new Map<
    string,
    { version: number; status?: [string, unknown]; comment?: [string, unknown] }
  >();
  for (const [key, value] of Object.entries(data)) {
    const [, kind, itemId, version, shown] = INPUT_ID.exec(key) ?? [];
    if (!kind || !itemId || !version || !shown) continue;
    const entry = sent.get(itemId) ?? { version: Number(version) };
    if (entry.version !== Number(version)) throw new AppError('VALIDATION_FAILED', { field: key });
    entry[kind as 'status' | 'comment'] = [shown, value];
    sent.set(itemId, entry);
  }
  const changes: FollowUpChange[] = [];
  let stale = 0;
  for (const [itemId, entry] of sent) {
    let status: FollowUpStatus | null = null;
    if (entry.status) {
      const [was, value] = entry.status;
      if (!FOLLOW_UP_STATUSES.includes(was as FollowUpStatus))
        throw new AppError('VALIDATION_FAILED', { field: `status:${itemId}` });
      const chosen = typeof value === 'string' && value !== '' ? value : null;
      if (chosen !== null && !FOLLOW_UP_STATUSES.includes(chosen as FollowUpStatus))
        throw new AppError('VALIDATION_FAILED', { field: `status:${itemId}` });
      if (chosen !== null && chosen !== was) status = chosen as FollowUpStatus;
    }
    let comment: string | undefined;
    if (entry.comment) {
      const [mark, value] = entry.comment;
      const text = typeof value === 'string' && value.trim() ? value.trim() : null;
      if (text !== null && text.length > COMMENT_MAX)
        throw new AppError('VALIDATION_FAILED', { field: `comment:${itemId}`, max: COMMENT_MAX });
      // An empty box is not sent at all, so a comment is changed, never cleared, from the card.
      if (text !== null && commentMark(text) !== mark) comment = text;
    }
    if (status === null && comment === undefined) continue;
    const now = current.find((c) => c.itemId === itemId);
    if (!now) {
      // Not among the person's open items (not theirs, or achieved since): the use case decides.
      if (status === null) {
        stale++;
        continue;
      }
      changes.push({ itemId, status, comment: comment ?? null, baseVersion: entry.version });
      continue;
    }
    if (now.version !== entry.version) {
      // Changed elsewhere since the card was shown: nothing is overwritten.
      stale++;
      continue;
    }
    changes.push({
      itemId,
      status: status ?? now.status,
      comment: comment ?? now.comment,
      baseVersion: now.version,
    });
  }
  return { changes, stale };
}
