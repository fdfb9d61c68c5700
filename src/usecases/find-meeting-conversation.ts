import { partyOf } from '../domain/conversation.ts';
import type { Actor } from '../domain/policy.ts';
import type { Deps } from './support.ts';

/**
 * The conversation whose Teams meeting Samtale created in this meeting chat, for a meeting tab that
 * was not told which one: only a conversation the caller takes part in, else none (whether another
 * exists is not disclosed).
 */
export async function findMeetingConversation(
  deps: Deps,
  actor: Actor,
  chatId: string,
): Promise<{ conversationId: string | null }> {
  for (const id of await deps.store.meetings.conversationsInChat(actor.tid, chatId)) {
    const c = await deps.store.conversation(id);
    if (c && c.tid === actor.tid && partyOf(c, actor.oid) && c.status !== 'cancelled')
      return { conversationId: c.id };
  }
  return { conversationId: null };
}
