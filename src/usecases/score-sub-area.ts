import type { ReplyOf } from '../contract/endpoints.ts';
import { canScore, scoreProblem, SUB_AREAS } from '../domain/kompass-round.ts';
import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { loadRound, roundView } from './kompass-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/** An assessor scores a sub-area in tenths up to its maximum, with a justification. */
export async function scoreSubArea(
  deps: Deps,
  actor: Actor,
  input: { roundId: string; code: string; points: number; justification: string | null },
): Promise<ReplyOf<'scoreSubArea'>> {
  const loaded = await loadRound(deps, actor, input.roundId);
  if (!loaded.standing.assessor)
    throw new AppError('FORBIDDEN', { reason: 'only the round’s assessors score' });
  const problem = scoreProblem(input.code, input.points);
  const max = SUB_AREAS.find((s) => s.code === input.code)?.max ?? 0;
  if (problem) throw new AppError('SCORE_INVALID', { code: input.code, max, problem });
  await deps.store.transaction(async (tx) => {
    const round = await tx.kompass.round(input.roundId, { forUpdate: true });
    if (!round || !canScore(loaded.standing, round.status))
      throw new AppError('ROUND_STATE_FORBIDS', { status: round?.status ?? null });
    const at = nowIso(deps);
    await tx.kompass.saveScore({
      roundId: round.id,
      assessorOid: actor.oid,
      code: input.code,
      tenths: Math.round(input.points * 10),
      justification: input.justification || null,
      at,
    });
    await audit(tx, actor, 'kompass.scored', round.id, at, { code: input.code });
  });
  return roundView(deps, actor, loaded);
}
