import type { FeedbackView } from '../contract/views.ts';
import {
  feedbackOpenProblem,
  feedbackStatements,
  type FeedbackOpenProblem,
  type FeedbackRound,
} from '../domain/feedback.ts';
import type { Actor } from '../domain/policy.ts';
import { AppError, type ErrorCode } from '../errors/catalogue.ts';
import {
  feedbackCandidates,
  feedbackView,
  loadForFeedback,
  minAnswersOf,
  todayIn,
} from './feedback-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

const PROBLEM_CODE: Record<FeedbackOpenProblem, ErrorCode> = {
  template: 'FEEDBACK_NOT_AVAILABLE',
  status: 'FEEDBACK_CONVERSATION_HELD',
  'closes-outside': 'FEEDBACK_CLOSES_OUTSIDE',
  'too-few': 'FEEDBACK_TOO_FEW_ASKED',
  'not-allowed-respondent': 'FEEDBACK_RESPONDENT_NOT_ALLOWED',
};

/**
 * The assessed leader, or their superior, asks the leader's reports (and peers they pick) for anonymous
 * feedback. The bot brings each of them one card; the result waits until the round is closed.
 */
export async function openFeedbackRound(
  deps: Deps,
  actor: Actor,
  input: { conversationId: string; respondents: string[]; closesOn: string },
): Promise<FeedbackView> {
  const { conversation, role } = await loadForFeedback(deps, actor, input.conversationId);
  const statements = feedbackStatements(conversation.templateKey);
  if (!statements) throw new AppError('FEEDBACK_NOT_AVAILABLE');
  const min = minAnswersOf(deps);
  const candidates = await feedbackCandidates(deps, conversation);
  const relation = new Map(candidates.map((c) => [c.oid, c.relation]));
  const respondents = [...new Set(input.respondents)];
  const problem = feedbackOpenProblem({
    conversation,
    today: todayIn(deps),
    closesOn: input.closesOn,
    respondents,
    candidates: new Set(relation.keys()),
    minAnswers: min,
  });
  if (problem) throw new AppError(PROBLEM_CODE[problem], { min });
  const at = nowIso(deps);
  const round: FeedbackRound = {
    id: deps.newId(),
    tid: conversation.tid,
    conversationId: conversation.id,
    templateKey: conversation.templateKey,
    statements,
    openedBy: actor.oid,
    openedAt: at,
    closesOn: input.closesOn,
    closedAt: null,
    shared: 'private',
  };
  await deps.store.transaction(async (tx) => {
    const current = await tx.conversation(conversation.id, { forUpdate: true });
    if (!current || (current.status !== 'planned' && current.status !== 'preparing'))
      throw new AppError('FEEDBACK_CONVERSATION_HELD');
    const inserted = await tx.feedback.insertRound(
      round,
      respondents.map((oid) => ({ oid, relation: relation.get(oid) ?? 'peer' })),
    );
    if (inserted === 'exists') throw new AppError('FEEDBACK_EXISTS');
    // Who was asked is not on the trail, only how many: the trail is read by HR.
    await audit(tx, actor, 'feedback.opened', conversation.id, at, {
      asked: respondents.length,
      closesOn: input.closesOn,
    });
  });
  return feedbackView(deps, conversation, role, round);
}
