// Kommunekompasset's input from the personal chat: "Svar nå" shows the person's first area not yet
// answered; each answer is stored (without them) through the same use case as everywhere, and the
// next area follows until all are answered. Who answers comes from the activity; the card's data only
// names the round and the area, and a person not asked learns nothing about the round.
import { fill } from '../src/contract/words/format.ts';
import { WORDS, type Locale } from '../src/contract/words/index.ts';
import { uuid } from '../src/contract/requests.ts';
import { areasLeft } from '../src/domain/kompass-reminders.ts';
import type { KompassRound } from '../src/domain/kompass-round.ts';
import type { Actor } from '../src/domain/policy.ts';
import { KOMPASS_AREAS } from '../src/domain/templates/kommunekompass.ts';
import { AppError } from '../src/errors/catalogue.ts';
import { answerKompassInput } from '../src/usecases/answer-kompass-input.ts';
import type { Deps } from '../src/usecases/support.ts';
import type { AdaptiveCard } from './cards/card.ts';
import {
  ratingOf,
  KOMPASS_TEXT_ID,
  KOMPASS_TEXT_MAX,
  kompassAreaCard,
  kompassDoneCard,
  kompassRatingId,
  kompassRefusalCard,
} from './cards/kompass.ts';

type Data = Record<string, unknown>;

/** The round the card names and the person's invitation to it; a refusal card where there is none. */
async function invited(
  deps: Deps,
  who: Actor,
  data: Data,
  lang: Locale,
): Promise<{ round: KompassRound; answered: number[] } | AdaptiveCard> {
  const roundId = uuid.safeParse(data.roundId);
  const round = roundId.success ? await deps.store.kompass.round(roundId.data) : undefined;
  // Another tenant's round, or one the person is not asked in: the same words as no round at all.
  const invitation =
    round && round.tid === who.tid ? await deps.store.kompass.invitation(round.id, who.oid) : undefined;
  if (!round || !invitation) return kompassRefusalCard(lang, { reason: 'not-invited' });
  if (round.status !== 'input') return kompassRefusalCard(lang, { reason: 'closed', year: round.year });
  return { round, answered: invitation.answeredAreas };
}

/** The card for the first area not answered, or the thanks when every area is. */
function nextCard(round: KompassRound, answered: readonly number[], lang: Locale, notice: string | null) {
  const [next] = areasLeft(answered);
  return next === undefined
    ? kompassDoneCard(lang)
    : kompassAreaCard({ roundId: round.id, year: round.year, area: next, notice }, lang);
}

/** 'kompass.input.show': the person's first area still to answer. */
export async function showKompassInput(
  deps: Deps,
  who: Actor,
  data: Data,
  lang: Locale,
): Promise<AdaptiveCard> {
  const found = await invited(deps, who, data, lang);
  if (!('round' in found)) return found;
  return nextCard(found.round, found.answered, lang, null);
}

/**
 * 'kompass.input.answer': one area's ratings and text. A rating left out brings the same card back,
 * saying so, with what was chosen and written kept; an area answered already moves on without a word.
 */
export async function answerKompassArea(
  deps: Deps,
  who: Actor,
  data: Data,
  lang: Locale,
): Promise<AdaptiveCard> {
  const area = KOMPASS_AREAS.find((a) => String(a.number) === String(data.area));
  if (!area) throw new AppError('VALIDATION_FAILED', { field: 'area' });
  const rawText = data[KOMPASS_TEXT_ID];
  const text = typeof rawText === 'string' ? rawText : '';
  if (text.length > KOMPASS_TEXT_MAX)
    throw new AppError('VALIDATION_FAILED', { field: KOMPASS_TEXT_ID, max: KOMPASS_TEXT_MAX });

  const found = await invited(deps, who, data, lang);
  if (!('round' in found)) return found;
  const { round, answered } = found;
  if (answered.includes(area.number)) return nextCard(round, answered, lang, null);

  const chosen = area.subAreas.map((s) => [s.code, ratingOf(data[kompassRatingId(s.code)])] as const);
  const missing = chosen.filter(([, r]) => r === undefined).length;
  if (missing > 0)
    return kompassAreaCard(
      {
        roundId: round.id,
        year: round.year,
        area: area.number,
        missing,
        values: {
          ratings: Object.fromEntries(chosen.flatMap(([code, r]) => (r ? [[code, r]] : []))),
          text,
        },
      },
      lang,
    );

  let result: 'ok' | 'answered';
  try {
    result = await answerKompassInput(deps, who, {
      roundId: round.id,
      area: area.number,
      ratings: chosen.map(([, r]) => Number(r)),
      text: text.trim() ? text : null,
    });
  } catch (e) {
    // The round closed, or the invitation went, between the reading above and the answer.
    if (e instanceof AppError && e.code === 'ROUND_NOT_FOUND')
      return kompassRefusalCard(lang, { reason: 'not-invited' });
    if (e instanceof AppError && e.code === 'ROUND_STATE_FORBIDS')
      return kompassRefusalCard(lang, { reason: 'closed', year: round.year });
    throw e;
  }
  return nextCard(
    round,
    [...answered, area.number],
    lang,
    result === 'ok' ? fill(WORDS[lang].bot.kompass.saved, { number: area.number }) : null,
  );
}
