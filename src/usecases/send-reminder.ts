import { ChatUnreachableError } from '../ports.ts';
import type { BotDeps } from './bot-support.ts';
import { nowIso, type Deps } from './support.ts';

/** A send left half done by a crash is taken over after this long. */
const CLAIM_STALE_MS = 30_000;

/**
 * Sends one bundle from the outbox. Claiming it first means two runs of the same job send it once.
 * It is marked sent right after the connector accepts it. A person the app can no longer reach
 * (403/404) is flagged for HR and not retried; anything else is retried by the job.
 */
export async function sendReminder(
  deps: Deps,
  bot: BotDeps,
  outboxId: string,
  { sendingSince = null }: { sendingSince?: Date | null } = {},
): Promise<'sent' | 'skipped' | 'unreachable'> {
  const now = deps.clock.now();
  // One instance sends at a time: a claim made before this one began sending was made by a sender
  // that is gone, and is taken over at once rather than after the usual wait.
  const staleBefore = Math.max(now.getTime() - CLAIM_STALE_MS, sendingSince?.getTime() ?? 0);
  const row = await bot.store.claim(outboxId, now.toISOString(), new Date(staleBefore).toISOString());
  if (!row) {
    // Done already, or being sent right now. A send left half done by a dead process is taken over
    // once its claim is stale, so the job asks to be run again rather than dropping the message.
    const current = await bot.store.outbox(outboxId);
    if (current?.status === 'sending')
      throw new Error('this reminder is being sent elsewhere; checking again later');
    return 'skipped';
  }
  const ref = await bot.store.reference(row.tid, row.recipientOid);
  if (!ref || ref.unreachableAt) {
    await bot.store.markAttemptFailed(
      row.id,
      ref ? `unreachable since ${ref.unreachableAt}` : 'no chat with this person',
      true,
    );
    return 'unreachable';
  }
  try {
    const activityId = await bot.sender.send(ref, bot.renderReminder(row.messages, ref.locale));
    await bot.store.markSent(row.id, activityId, nowIso(deps));
    return 'sent';
  } catch (e) {
    if (e instanceof ChatUnreachableError) {
      await bot.store.markUnreachable({
        tid: row.tid,
        oid: row.recipientOid,
        reason: e.message,
        at: nowIso(deps),
      });
      await bot.store.markAttemptFailed(row.id, e.message, true);
      return 'unreachable';
    }
    await bot.store.markAttemptFailed(row.id, e instanceof Error ? e.message : String(e), false);
    throw e;
  }
}
