import type { RoundList } from '../contract/views.ts';
import { canRunRounds, type Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { listRounds } from './list-rounds.ts';
import { audit, nowIso, type Deps } from './support.ts';

/** HR removes a round: no more nudges for it. Its conversations are the leaders' and stay. */
export async function deleteRound(deps: Deps, actor: Actor, id: string): Promise<RoundList> {
  if (!canRunRounds(actor)) throw new AppError('FORBIDDEN');
  const round = await deps.store.rounds.round(id);
  if (!round || round.tid !== actor.tid) throw new AppError('HR_ROUND_NOT_FOUND');
  await deps.store.transaction(async (tx) => {
    await tx.rounds.deleteRound(id);
    await audit(tx, actor, 'round.deleted', id, nowIso(deps), { period: round.period });
  });
  return listRounds(deps, actor, round.period);
}
