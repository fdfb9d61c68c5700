import type { EventStream } from '../contract/endpoints.ts';
import type { Actor } from '../domain/policy.ts';
import { loadConversation, type Deps } from './support.ts';

/**
 * Tells an open page when the conversation changes, for those who may read it. Nothing of the
 * content travels; a change to someone's private preparation is told to its author only.
 */
export async function watchConversation(
  deps: Deps,
  actor: Actor,
  conversationId: string,
): Promise<EventStream> {
  await loadConversation(deps, actor, conversationId, { need: 'content' });
  return {
    open: (send) =>
      deps.changes.subscribe(conversationId, (change) => {
        if (change.visibility === 'private' && change.byOid !== actor.oid) return;
        send('changed', JSON.stringify({ at: change.at }));
      }),
  };
}
