import type { HoldView } from '../contract/views.ts';
import { canHoldRecords, type Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { audit, nowIso, type Deps } from './support.ts';

/** HR lifts a hold; a record past its kassasjonsdato then goes at the next retention run. Audited. */
export async function removeRetentionHold(
  deps: Deps,
  actor: Actor,
  conversationId: string,
): Promise<HoldView> {
  if (!canHoldRecords(actor)) throw new AppError('FORBIDDEN');
  const c = await deps.store.conversation(conversationId);
  if (!c || c.tid !== actor.tid) throw new AppError('CONVERSATION_NOT_FOUND');
  await deps.store.transaction(async (tx) => {
    if (await tx.retention.removeHold(c.id)) await audit(tx, actor, 'retention.released', c.id, nowIso(deps));
  });
  return { hold: null };
}
