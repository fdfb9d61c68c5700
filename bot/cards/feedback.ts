// Feedback on a leader in the personal chat: one card with the round's statements, each rated from 1
// (helt uenig) to 5 (helt enig), and an optional comment. The answer is stored without the person, so
// the card warns, right above the comment and the button, that the leader reads it as written.
import { fill, formatDate, plural } from '../../src/contract/words/format.ts';
import { WORDS, type Locale } from '../../src/contract/words/index.ts';
import { CARD_MAX_BYTES } from './builders.ts';
import { card, execute, heading, text, type AdaptiveCard, type Element } from './card.ts';
import { KOMPASS_RATINGS } from './kompass.ts';

export const FEEDBACK_TEXT_MAX = 2000;
export const feedbackRatingId = (statement: string) => `feedback:rating:${statement}`;
export const FEEDBACK_TEXT_ID = 'feedback:text';
export const FEEDBACK_VERBS = { show: 'feedback.show', answer: 'feedback.answer' } as const;

export interface FeedbackForm {
  roundId: string;
  /** The leader the feedback is about, by name. */
  name: string;
  closesOn: string;
  /** The statements' keys, in the round's order. */
  statements: readonly string[];
  minAnswers: number;
  /** What the person had chosen and written, kept when the card comes back. */
  values?: { ratings: Readonly<Record<string, string>>; text: string };
  /** How many ratings the last try left out. */
  missing?: number;
}

export function feedbackCard(form: FeedbackForm, lang: Locale): AdaptiveCard {
  const f = WORDS[lang].feedback;
  const k = WORDS[lang].bot.kompass;
  const statements: Record<string, string> = f.statements;
  const choices = KOMPASS_RATINGS.map((value, i) => ({ title: k.ratings[i] ?? value, value }));
  const vars = { name: form.name, date: formatDate(lang, form.closesOn) };
  const build = (keepText: boolean): AdaptiveCard => {
    const body: Element[] = [
      heading(fill(f.bot.asked, vars).replaceAll('**', '')),
      text(fill(f.bot.intro, vars)),
    ];
    if (form.missing)
      body.push(text(plural(lang, k.missing, form.missing), { weight: 'Bolder', color: 'Attention' }));
    body.push(text(f.bot.question));
    for (const key of form.statements) {
      const kept = form.values?.ratings[key];
      body.push({
        type: 'Input.ChoiceSet',
        id: feedbackRatingId(key),
        label: statements[key] ?? key,
        choices,
        style: 'expanded',
        isRequired: true,
        errorMessage: k.chooseOne,
        ...(kept && (KOMPASS_RATINGS as readonly string[]).includes(kept) ? { value: kept } : {}),
      });
    }
    const keptText = keepText ? (form.values?.text ?? '') : '';
    body.push(text(f.bot.textWarning, { weight: 'Bolder', color: 'Warning' }), {
      type: 'Input.Text',
      id: FEEDBACK_TEXT_ID,
      label: f.freeText,
      isMultiline: true,
      maxLength: FEEDBACK_TEXT_MAX,
      ...(keptText ? { value: keptText } : {}),
    });
    body.push(text(fill(f.bot.anonymous, { min: form.minAnswers }), { isSubtle: true }));
    return card(body, [execute(k.send, FEEDBACK_VERBS.answer, { roundId: form.roundId })]);
  };
  const whole = build(true);
  return Buffer.byteLength(JSON.stringify(whole)) <= CARD_MAX_BYTES ? whole : build(false);
}

/** The answer is stored; or why there is nothing to answer. */
export function feedbackDoneCard(
  lang: Locale,
  outcome: 'saved' | 'answered' | 'closed' | 'not-invited',
): AdaptiveCard {
  const f = WORDS[lang].feedback.bot;
  if (outcome === 'saved') return card([heading(f.saved), text(f.savedWhat)]);
  return card([text(outcome === 'answered' ? f.answered : outcome === 'closed' ? f.closed : f.notInvited)]);
}
