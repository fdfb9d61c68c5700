import type { HoldView } from '../contract/views.ts';
import { canHoldRecords, type Actor } from '../domain/policy.ts';
import { holdReasonProblem } from '../domain/retention.ts';
import { AppError } from '../errors/catalogue.ts';
import { audit, nowIso, person, type Deps } from './support.ts';

/** HR keeps an archived record past its kassasjonsdato ("bevares"), saying why. Audited. */
export async function placeRetentionHold(
  deps: Deps,
  actor: Actor,
  { conversationId, reason }: { conversationId: string; reason: string },
): Promise<HoldView> {
  if (!canHoldRecords(actor)) throw new AppError('FORBIDDEN');
  if (holdReasonProblem(reason)) throw new AppError('HOLD_INVALID');
  const c = await deps.store.conversation(conversationId);
  // Only what is in the archive can be held: HR sees nothing else.
  const copies = c && c.tid === actor.tid ? await deps.store.archiveCopies(c.id) : [];
  if (!c || copies.length === 0) throw new AppError('CONVERSATION_NOT_FOUND');
  const hold = { reason: reason.trim(), placedBy: actor.oid, placedAt: nowIso(deps) };
  await deps.store.transaction(async (tx) => {
    const placed = await tx.retention.placeHold({ ...hold, conversationId: c.id, tid: c.tid });
    if (placed === 'disposing') throw new AppError('RECORD_BEING_DISPOSED');
    // The reason is HR's own words about why, not the record's content.
    await audit(tx, actor, 'retention.held', c.id, hold.placedAt, { reason: hold.reason });
  });
  return { hold: { ...hold, placedBy: (await person(deps, actor.tid, actor.oid)).name } };
}
