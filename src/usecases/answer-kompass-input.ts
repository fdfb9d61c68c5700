import { KOMPASS_AREAS } from '../domain/templates/kommunekompass.ts';
import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import type { Deps } from './support.ts';

/**
 * An invited person answers for one area: how far they agree (1–5) that the organisation does well in
 * each of the area's sub-areas, and what they would add. The answer is stored without them; their
 * invitation only notes that the area is answered, so they are not asked again. Not audited: an audit
 * event with its time beside the answers' order could tell who wrote what.
 */
export async function answerKompassInput(
  deps: Deps,
  actor: Actor,
  input: { roundId: string; area: number; ratings: number[]; text: string | null },
): Promise<'ok' | 'answered'> {
  const area = KOMPASS_AREAS.find((a) => a.number === input.area);
  if (!area) throw new AppError('VALIDATION_FAILED', { field: 'area' });
  if (
    input.ratings.length !== area.subAreas.length ||
    !input.ratings.every((r) => Number.isInteger(r) && r >= 1 && r <= 5)
  )
    throw new AppError('VALIDATION_FAILED', { field: 'ratings', expected: area.subAreas.length });
  return deps.store.transaction(async (tx) => {
    const round = await tx.kompass.round(input.roundId, { forUpdate: true });
    if (!round || round.tid !== actor.tid) throw new AppError('ROUND_NOT_FOUND');
    if (round.status !== 'input') throw new AppError('ROUND_STATE_FORBIDS', { status: round.status });
    const text = input.text?.trim() ? input.text.trim().slice(0, 4000) : null;
    const result = await tx.kompass.recordResponse({
      roundId: round.id,
      oid: actor.oid,
      area: input.area,
      ratings: input.ratings,
      text,
    });
    if (result === 'not-invited') throw new AppError('ROUND_NOT_FOUND');
    return result;
  });
}
