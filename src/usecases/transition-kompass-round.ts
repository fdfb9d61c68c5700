import type { ReplyOf } from '../contract/endpoints.ts';
import {
  finishRefusal,
  roundScores,
  roundTransitionAllowed,
  roundTransitionTarget,
  type RoundTransition,
} from '../domain/kompass-round.ts';
import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { loadRound, mustManage, roundView } from './kompass-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/** Opens the round for the groups' input, starts the assessment, or finishes it once all is agreed. */
export async function transitionKompassRound(
  deps: Deps,
  actor: Actor,
  roundId: string,
  input: { transition: RoundTransition; baseVersion: number },
): Promise<ReplyOf<'transitionKompassRound'>> {
  const loaded = await loadRound(deps, actor, roundId);
  mustManage(loaded);
  const updated = await deps.store.transaction(async (tx) => {
    const round = await tx.kompass.round(roundId, { forUpdate: true });
    if (!round) throw new AppError('ROUND_NOT_FOUND');
    if (!roundTransitionAllowed(input.transition, round.status))
      throw new AppError('ILLEGAL_TRANSITION', { from: round.status, transition: input.transition });
    if (input.transition === 'finish') {
      const refusal = finishRefusal(roundScores(round.assessors, await tx.kompass.scores(roundId)));
      if (refusal) throw new AppError('ROUND_NOT_READY', { reason: refusal });
    }
    const at = nowIso(deps);
    const next = await tx.kompass.updateRound(
      roundId,
      { status: roundTransitionTarget(input.transition), at },
      input.baseVersion,
    );
    if (!next)
      throw new AppError('VERSION_CONFLICT', {
        yourBaseVersion: input.baseVersion,
        currentVersion: round.version,
      });
    await audit(tx, actor, `kompass.${input.transition}`, roundId, at, {
      from: round.status,
      to: next.status,
    });
    return next;
  });
  if (updated.status === 'done') await deps.events.roundFinished(roundId);
  return roundView(deps, actor, { ...loaded, round: updated });
}
