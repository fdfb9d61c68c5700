import type { MyConversation } from '../contract/views.ts';
import { partyOf } from '../domain/conversation.ts';
import type { Actor } from '../domain/policy.ts';
import { statusView, type Deps } from './support.ts';

/** My conversations, as employee and as leader, with status, next step and whom the app waits for. */
export async function listMyConversations(deps: Deps, actor: Actor): Promise<MyConversation[]> {
  const conversations = await deps.store.conversationsOf(actor.tid, actor.oid);
  return Promise.all(
    conversations.map(async (c) => ({
      ...(await statusView(deps, c)),
      you: partyOf(c, actor.oid) ?? 'employee',
    })),
  );
}
