import type { FeedbackView } from '../contract/views.ts';
import { writeRefusal } from '../domain/conversation.ts';
import { feedbackResult, type FeedbackShare } from '../domain/feedback.ts';
import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { feedbackView, loadForFeedback, minAnswersOf, todayIn } from './feedback-support.ts';
import { audit, notifyChanged, nowIso, type Deps } from './support.ts';

/**
 * The assessed leader chooses whom the result reaches: themself only, their superior too, or also the
 * signed record (its figures; the free texts never). Only while the record may still change.
 */
export async function shareFeedbackResult(
  deps: Deps,
  actor: Actor,
  input: { conversationId: string; shared: FeedbackShare },
): Promise<FeedbackView> {
  const { conversation, role } = await loadForFeedback(deps, actor, input.conversationId);
  if (role !== 'subject') throw new AppError('FORBIDDEN');
  const min = minAnswersOf(deps);
  const round = await deps.store.transaction(async (tx) => {
    const current = await tx.conversation(conversation.id, { forUpdate: true });
    const refusal = current && writeRefusal(current.status, 'private');
    if (refusal) throw new AppError(refusal);
    const r = await tx.feedback.roundOf(conversation.id, { forUpdate: true });
    if (!r) throw new AppError('FEEDBACK_NOT_FOUND');
    const today = todayIn(deps);
    if (!feedbackResult(r, await tx.feedback.responses(r.id), today, min))
      throw new AppError('FEEDBACK_NO_RESULT', { min });
    const at = nowIso(deps);
    // Closed for good on the record, so the figures it holds never move.
    const closedAt = r.closedAt ?? at;
    if (r.closedAt === null) await tx.feedback.close(r.id, closedAt);
    if (r.shared !== input.shared) {
      await tx.feedback.setShared(r.id, input.shared);
      await audit(tx, actor, 'feedback.shared', conversation.id, at, { shared: input.shared });
    }
    return { ...r, closedAt, shared: input.shared };
  });
  // The record's content (and so its hash) changes when the figures go in or out.
  notifyChanged(deps, actor, conversation.id);
  return feedbackView(deps, conversation, role, round);
}
