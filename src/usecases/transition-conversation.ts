import type { ScheduledView } from '../contract/views.ts';
import { transitionTarget, type Transition } from '../domain/conversation.ts';
import { transitionRefusal, type Actor } from '../domain/policy.ts';
import { validSignatures } from '../domain/signatures.ts';
import { AppError } from '../errors/catalogue.ts';
import { cancelMeetingAfterPlan, type Booking } from './meeting-support.ts';
import { asParty, notifyChanged, audit, currentHash, nowIso, statusView, type Deps } from './support.ts';

export interface TransitionInput {
  conversationId: string;
  transition: Transition;
}

/**
 * Moves a conversation along its lifecycle; anything the lifecycle does not allow is refused.
 * Cancelling remembers the stage, so it can be undone; reopening a record sent for signing voids its
 * signatures and remembers whose, so they are told (in the tab and by the bot). A cancelled
 * conversation's Teams meeting is cancelled afterwards (the employee told by their calendar); a
 * calendar that fails leaves the cancelling done, and says so.
 */
export async function transitionConversation(
  deps: Deps,
  actor: Actor,
  input: TransitionInput,
  booking: Booking | null = null,
): Promise<ScheduledView> {
  const { transition } = input;
  const updated = await asParty(
    deps,
    actor,
    input.conversationId,
    async (tx, { conversation, template, standing }) => {
      const refusal = transitionRefusal(standing, conversation, transition);
      if (refusal) throw new AppError(refusal, { from: conversation.status, transition });
      const to = transitionTarget(conversation, transition);
      if (!to) throw new AppError('ILLEGAL_TRANSITION', { from: conversation.status, transition });
      const at = nowIso(deps);
      const data: Record<string, string | number> = { from: conversation.status, to };
      if (transition === 'reopen') {
        const hash = await currentHash(tx, conversation, template);
        const voided = validSignatures(await tx.signatures(conversation.id), hash).map((s) => s.party);
        const count = await tx.clearSignatures(conversation.id);
        if (count > 0) await audit(tx, actor, 'signatures.voided', conversation.id, at, { count });
        data.voided = voided.join(',');
        const next = await tx.updateConversation(conversation.id, {
          status: to,
          at,
          reopened: { at, byOid: actor.oid, voided },
        });
        await audit(tx, actor, `conversation.${transition}`, conversation.id, at, data);
        return next;
      }
      if (transition === 'restore') {
        // Another conversation of the kind may have been planned since: then this one stays cancelled.
        if ((await tx.conflictingConversation(conversation)) !== undefined)
          throw new AppError('CONVERSATION_EXISTS', {
            templateKey: conversation.templateKey,
            period: conversation.period,
          });
      }
      const next = await tx.updateConversation(conversation.id, {
        status: to,
        at,
        ...(transition === 'cancel' ? { cancelledFrom: conversation.status } : {}),
        ...(transition === 'restore' ? { cancelledFrom: null } : {}),
      });
      await audit(tx, actor, `conversation.${transition}`, conversation.id, at, data);
      return next;
    },
  );
  notifyChanged(deps, actor, input.conversationId);
  const meeting =
    transition === 'cancel' ? await cancelMeetingAfterPlan(deps, booking, actor, updated) : null;
  return { ...(await statusView(deps, updated)), meeting };
}
