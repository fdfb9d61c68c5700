// A follow-up card shows every open item with its status and comment filled in, and submits all of
// them. Each input's id names what it showed (the item's version, its status, a short hash of its
// comment), so only what the person actually changed is recorded; the rest keep their version.
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

/** The ids of an item's two inputs in the card. */
export const inputIds = (item: ShownItem) => ({
  status: `status:${item.itemId}:${item.version}:${item.status}`,
  comment: `comment:${item.itemId}:${commentMark(item.comment)}`,
});

const STATUS_ID = /^status:([0-9a-f-]{36}):(\d+):([a-z_]+)$/;

export function readFollowUpCard(
  data: Record<string, unknown>,
  current: readonly ShownItem[],
): { changes: FollowUpChange[]; stale: number } {
  const changes: FollowUpChange[] = [];
  let stale = 0;
  for (const [key, value] of Object.entries(data)) {
    const [, itemId, version, was] = STATUS_ID.exec(key) ?? [];
    if (!itemId || !version || !was) continue;
    const status = typeof value === 'string' && value !== '' ? value : null;
    if (status !== null && !FOLLOW_UP_STATUSES.includes(status as FollowUpStatus))
      throw new AppError('VALIDATION_FAILED', { field: key });
    const commentKey = Object.keys(data).find((k) => k.startsWith(`comment:${itemId}:`));
    const raw = commentKey ? data[commentKey] : undefined;
    const comment = typeof raw === 'string' && raw.trim() ? raw.trim() : null;
    if (comment !== null && comment.length > COMMENT_MAX)
      throw new AppError('VALIDATION_FAILED', { field: commentKey, max: COMMENT_MAX });
    // An 'open' item shows no choice: an empty status means the one it showed.
    const statusChanged = status !== null && status !== was;
    const commentChanged = commentMark(comment) !== commentKey?.slice(`comment:${itemId}:`.length);
    if (!statusChanged && !commentChanged) continue;
    if (!FOLLOW_UP_STATUSES.includes(was as FollowUpStatus))
      throw new AppError('VALIDATION_FAILED', { field: key });
    const now = current.find((c) => c.itemId === itemId);
    if (!now) {
      // Not among the person's open items: the use case decides (not theirs, or achieved since).
      changes.push({
        itemId,
        status: statusChanged ? (status as FollowUpStatus) : (was as FollowUpStatus),
        comment,
        baseVersion: Number(version),
      });
      continue;
    }
    if (now.version !== Number(version)) {
      // Changed elsewhere since the card was shown: nothing is overwritten.
      stale++;
      continue;
    }
    changes.push({
      itemId,
      status: statusChanged ? (status as FollowUpStatus) : now.status,
      comment,
      baseVersion: now.version,
    });
  }
  return { changes, stale };
}
