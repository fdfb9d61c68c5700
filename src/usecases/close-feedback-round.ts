import type { FeedbackView } from '../contract/views.ts';
import { isFeedbackOpen } from '../domain/feedback.ts';
import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { feedbackView, loadForFeedback, minAnswersOf, todayIn } from './feedback-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/** Either party closes the round before its day, once enough have answered for a result to show. */
export async function closeFeedbackRound(
  deps: Deps,
  actor: Actor,
  conversationId: string,
): Promise<FeedbackView> {
  const { conversation, role } = await loadForFeedback(deps, actor, conversationId);
  const min = minAnswersOf(deps);
  const round = await deps.store.transaction(async (tx) => {
    const r = await tx.feedback.roundOf(conversation.id, { forUpdate: true });
    if (!r) throw new AppError('FEEDBACK_NOT_FOUND');
    if (!isFeedbackOpen(r, todayIn(deps))) return r;
    if ((await tx.feedback.responses(r.id)).length < min) throw new AppError('FEEDBACK_TOO_FEW', { min });
    const at = nowIso(deps);
    await tx.feedback.close(r.id, at);
    await audit(tx, actor, 'feedback.closed', conversation.id, at, {});
    return { ...r, closedAt: at };
  });
  return feedbackView(deps, conversation, role, round);
}
