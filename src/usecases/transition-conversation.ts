import { transitionParty, transitionTarget, type Transition } from '../domain/conversation.ts';
import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { asParty, audit, nowIso, statusView, type Deps, type StatusView } from './support.ts';

/** Moves a conversation along its lifecycle; anything the lifecycle does not allow is refused. */
export async function transitionConversation(
  deps: Deps,
  actor: Actor,
  conversationId: string,
  transition: Transition,
): Promise<StatusView> {
  const updated = await asParty(deps, actor, conversationId, async (tx, { conversation, party }) => {
    if (party !== transitionParty(transition)) throw new AppError('FORBIDDEN', { transition });
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
