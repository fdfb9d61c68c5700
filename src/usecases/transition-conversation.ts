import type { StatusView } from '../contract/views.ts';
import { transitionTarget, type Transition } from '../domain/conversation.ts';
import { transitionRefusal, type Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { asParty, audit, nowIso, statusView, type Deps } from './support.ts';

export interface TransitionInput {
  conversationId: string;
  transition: Transition;
}

/** Moves a conversation along its lifecycle; anything the lifecycle does not allow is refused. */
export async function transitionConversation(
  deps: Deps,
  actor: Actor,
  input: TransitionInput,
): Promise<StatusView> {
  const { transition } = input;
  const updated = await asParty(deps, actor, input.conversationId, async (tx, { conversation, standing }) => {
    const refusal = transitionRefusal(standing, conversation, transition);
    if (refusal) throw new AppError(refusal, { from: conversation.status, transition });
    const to = transitionTarget(conversation.status, transition);
    if (!to) throw new AppError('ILLEGAL_TRANSITION', { from: conversation.status, transition });
    const at = nowIso(deps);
    // Reopening for edits voids whatever was signed.
    if (transition === 'reopen') await tx.clearSignatures(conversation.id);
    const next = await tx.updateConversation(conversation.id, { status: to, at });
    await audit(tx, actor, `conversation.${transition}`, conversation.id, at, {
      from: conversation.status,
      to,
    });
    return next;
  });
  return statusView(deps, updated);
}
