// Feedback on a leader from the personal chat: "Svar nå" shows the round's card; the answer is stored
// (without the person) through the same use case as everywhere. Who answers comes from the activity;
// the card's data only names the round, and a person not asked learns nothing about it.
import { uuid } from '../src/contract/requests.ts';
import type { Locale } from '../src/contract/words/index.ts';
import { isFeedbackOpen } from '../src/domain/feedback.ts';
import type { Actor } from '../src/domain/policy.ts';
import { AppError } from '../src/errors/catalogue.ts';
import { answerFeedback } from '../src/usecases/answer-feedback.ts';
import { minAnswersOf, todayIn } from '../src/usecases/feedback-support.ts';
import type { Deps } from '../src/usecases/support.ts';
import type { AdaptiveCard } from './cards/card.ts';
import {
  FEEDBACK_TEXT_ID,
  FEEDBACK_TEXT_MAX,
  feedbackCard,
  feedbackDoneCard,
  feedbackRatingId,
  type FeedbackForm,
} from './cards/feedback.ts';
import { ratingOf } from './cards/kompass.ts';

type Data = Record<string, unknown>;

/** The round the card names, as a form for this person; a refusal card when they may not answer it. */
async function formFor(
  deps: Deps,
  who: Actor,
  data: Data,
  lang: Locale,
): Promise<FeedbackForm | AdaptiveCard> {
  const roundId = uuid.safeParse(data.roundId);
  const round = roundId.success ? await deps.store.feedback.round(roundId.data) : undefined;
  const invitation =
    round && round.tid === who.tid ? await deps.store.feedback.invitation(round.id, who.oid) : undefined;
  if (!round || !invitation) return feedbackDoneCard(lang, 'not-invited');
  if (invitation.answered) return feedbackDoneCard(lang, 'answered');
  const conversation = await deps.store.conversation(round.conversationId);
  if (!isFeedbackOpen(round, todayIn(deps)) || conversation?.status === 'cancelled')
    return feedbackDoneCard(lang, 'closed');
  const subject = conversation && (await deps.directory.user(round.tid, conversation.employeeOid));
  return {
    roundId: round.id,
    name: subject?.name ?? '',
    closesOn: round.closesOn,
    statements: round.statements,
    minAnswers: minAnswersOf(deps),
  };
}

/** 'feedback.show': the round's statements to answer. */
export async function showFeedback(deps: Deps, who: Actor, data: Data, lang: Locale): Promise<AdaptiveCard> {
  const form = await formFor(deps, who, data, lang);
  return 'roundId' in form ? feedbackCard(form, lang) : form;
}

/**
 * 'feedback.answer': the ratings and the comment. A rating left out brings the same card back, saying
 * so, with what was chosen and written kept.
 */
export async function answerFeedbackCard(
  deps: Deps,
  who: Actor,
  data: Data,
  lang: Locale,
): Promise<AdaptiveCard> {
  const rawText = data[FEEDBACK_TEXT_ID];
  const text = typeof rawText === 'string' ? rawText : '';
  if (text.length > FEEDBACK_TEXT_MAX)
    throw new AppError('VALIDATION_FAILED', { field: FEEDBACK_TEXT_ID, max: FEEDBACK_TEXT_MAX });
  const form = await formFor(deps, who, data, lang);
  if (!('roundId' in form)) return form;
  const chosen = form.statements.map((key) => [key, ratingOf(data[feedbackRatingId(key)])] as const);
  const missing = chosen.filter(([, r]) => r === undefined).length;
  if (missing > 0)
    return feedbackCard(
      {
        ...form,
        missing,
        values: { ratings: Object.fromEntries(chosen.flatMap(([k, r]) => (r ? [[k, r]] : []))), text },
      },
      lang,
    );
  const result = await answerFeedback(deps, who, {
    roundId: form.roundId,
    ratings: chosen.map(([, r]) => Number(r)),
    text: text.trim() ? text : null,
  });
  return feedbackDoneCard(lang, result === 'ok' ? 'saved' : result);
}
