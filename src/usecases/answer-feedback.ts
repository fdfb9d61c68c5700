import { isFeedbackOpen, validRatings } from '../domain/feedback.ts';
import type { Actor } from '../domain/policy.ts';
import { isStorableText } from '../domain/text.ts';
import { AppError } from '../errors/catalogue.ts';
import { todayIn } from './feedback-support.ts';
import type { Deps } from './support.ts';

/**
 * Someone asked answers a feedback round: a 1–5 rating per statement and, if they wish, a comment. The
 * answer is stored without them and their invitation only notes that they answered. Not audited: an
 * event's time beside the answers could tell who wrote what.
 */
export async function answerFeedback(
  deps: Deps,
  actor: Actor,
  input: { roundId: string; ratings: number[]; text: string | null },
): Promise<'ok' | 'answered' | 'closed'> {
  return deps.store.transaction(async (tx) => {
    const round = await tx.feedback.round(input.roundId, { forUpdate: true });
    if (!round || round.tid !== actor.tid) throw new AppError('FEEDBACK_NOT_FOUND');
    const invited = await tx.feedback.invitation(round.id, actor.oid);
    if (!invited) throw new AppError('FEEDBACK_NOT_FOUND');
    if (invited.answered) return 'answered';
    // A cancelled conversation takes no more feedback: nobody will read it.
    const conversation = await tx.conversation(round.conversationId);
    if (!isFeedbackOpen(round, todayIn(deps)) || conversation?.status === 'cancelled') return 'closed';
    if (!validRatings(input.ratings, round.statements.length))
      throw new AppError('VALIDATION_FAILED', { field: 'ratings', expected: round.statements.length });
    const text = input.text?.trim() ? input.text.trim().slice(0, 4000) : null;
    if (text !== null && !isStorableText(text)) throw new AppError('TEXT_INVALID_CHARACTERS');
    const result = await tx.feedback.recordResponse({
      roundId: round.id,
      oid: actor.oid,
      ratings: input.ratings,
      text,
    });
    return result === 'not-invited' ? 'closed' : result;
  });
}
