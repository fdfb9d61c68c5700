// Kommunekompasset's input in the personal chat: one card per area, each sub-area's title a statement
// the person rates from 1 (helt uenig) to 5 (helt enig), with an optional text. The answer is stored
// without the person, so the card warns against writing anything that tells who wrote it.
import { fill, plural } from '../../src/contract/words/format.ts';
import { WORDS, type Locale } from '../../src/contract/words/index.ts';
import { KOMPASS_AREAS } from '../../src/domain/templates/kommunekompass.ts';
import { CARD_MAX_BYTES } from './builders.ts';
import { card, execute, heading, text, type AdaptiveCard, type Element } from './card.ts';

/** The longest text an answer may add (the card's input refuses more). */
export const KOMPASS_TEXT_MAX = 2000;
/** The ratings' values, as the card's choices send them. */
export const KOMPASS_RATINGS = ['1', '2', '3', '4', '5'] as const;

/** A rating as a card submits it (a choice's value, or a number), or undefined when none was chosen. */
export const ratingOf = (raw: unknown): string | undefined => {
  const v = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
  return v !== undefined && (KOMPASS_RATINGS as readonly string[]).includes(v) ? v : undefined;
};

/** The inputs' ids: one rating per sub-area (by its code, e.g. 3.2), and the text. */
export const kompassRatingId = (code: string) => `kompass:rating:${code}`;
export const KOMPASS_TEXT_ID = 'kompass:text';

export const KOMPASS_VERBS = { show: 'kompass.input.show', answer: 'kompass.input.answer' } as const;

export interface KompassAreaForm {
  roundId: string;
  year: number;
  /** The area's number (1–8). */
  area: number;
  /** What the person had chosen and written, kept when the card comes back: rating by sub-area code. */
  values?: { ratings: Readonly<Record<string, string>>; text: string };
  /** What the last answer did ("Takk! Svaret ditt på område 1 er lagret."). */
  notice?: string | null;
  /** How many ratings the last try left out: the card says so above the statements. */
  missing?: number;
}

/** The card for one area: its number and title, a choice per sub-area, the text and its warning. */
export function kompassAreaCard(form: KompassAreaForm, lang: Locale): AdaptiveCard {
  const w = WORDS[lang].bot.kompass;
  const area = KOMPASS_AREAS.find((a) => a.number === form.area);
  if (!area) throw new Error(`no Kommunekompass area ${form.area}`);
  const choices = KOMPASS_RATINGS.map((value, i) => ({ title: w.ratings[i] ?? value, value }));
  const build = (keepText: boolean): AdaptiveCard => {
    const body: Element[] = [
      text(fill(w.progress, { year: form.year, number: area.number, total: KOMPASS_AREAS.length }), {
        isSubtle: true,
      }),
      heading(fill(w.areaTitle, { number: area.number, title: area.title })),
    ];
    if (form.notice) body.push(text(form.notice, { weight: 'Bolder', color: 'Good' }));
    if (form.missing)
      body.push(text(plural(lang, w.missing, form.missing), { weight: 'Bolder', color: 'Attention' }));
    body.push(text(w.question));
    for (const sub of area.subAreas) {
      const kept = form.values?.ratings[sub.code];
      body.push({
        type: 'Input.ChoiceSet',
        id: kompassRatingId(sub.code),
        label: sub.title,
        choices,
        // Every step of the scale in sight: a rating is one tap, on the phone too.
        style: 'expanded',
        isRequired: true,
        errorMessage: w.chooseOne,
        ...(kept && (KOMPASS_RATINGS as readonly string[]).includes(kept) ? { value: kept } : {}),
      });
    }
    const keptText = keepText ? (form.values?.text ?? '') : '';
    body.push(text(w.textWarning, { weight: 'Bolder', color: 'Warning' }), {
      type: 'Input.Text',
      id: KOMPASS_TEXT_ID,
      label: w.addText,
      isMultiline: true,
      maxLength: KOMPASS_TEXT_MAX,
      ...(keptText ? { value: keptText } : {}),
    });
    body.push(text(w.anonymous, { isSubtle: true }));
    return card(body, [execute(w.send, KOMPASS_VERBS.answer, { roundId: form.roundId, area: area.number })]);
  };
  const whole = build(true);
  // Teams refuses a card over its size: a kept text that would make it so is left out.
  return Buffer.byteLength(JSON.stringify(whole)) <= CARD_MAX_BYTES ? whole : build(false);
}

/** Every area answered. */
export function kompassDoneCard(lang: Locale): AdaptiveCard {
  const w = WORDS[lang].bot.kompass;
  return card([heading(w.done), text(w.doneWhat)]);
}

/**
 * Why there is nothing to answer: the person was not asked (or the round is not theirs to know of),
 * or the round no longer takes input.
 */
export function kompassRefusalCard(
  lang: Locale,
  refusal: { reason: 'not-invited' } | { reason: 'closed'; year: number },
): AdaptiveCard {
  const w = WORDS[lang].bot.kompass;
  return card([text(refusal.reason === 'closed' ? fill(w.closed, { year: refusal.year }) : w.notInvited)]);
}
