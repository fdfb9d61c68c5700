import { partyOf } from '../domain/conversation.ts';
import type { Actor } from '../domain/policy.ts';
import { statusView, type Deps, type StatusView } from './support.ts';

/** My conversations, as employee and as leader, with status, next step and whom the app waits on. */
export async function listMyConversations(
  deps: Deps,
  actor: Actor,
): Promise<(StatusView & { you: 'leader' | 'employee' })[]> {
  const conversations = await deps.store.conversationsOf(actor.tid, actor.oid);
  return Promise.all(
    conversations.map(async (c) => ({
      ...(await statusView(deps, c)),
      you: partyOf(c, actor.oid) ?? 'employee',
    })),
  );
}
