import type { FeedbackView } from '../contract/views.ts';
import type { Actor } from '../domain/policy.ts';
import { feedbackView, loadForFeedback } from './feedback-support.ts';
import type { Deps } from './support.ts';

/** The feedback round on the assessed leader, as the leader or their superior may see it. */
export async function getFeedbackRound(
  deps: Deps,
  actor: Actor,
  conversationId: string,
): Promise<FeedbackView> {
  const { conversation, role } = await loadForFeedback(deps, actor, conversationId);
  return feedbackView(deps, conversation, role, await deps.store.feedback.roundOf(conversation.id));
}
