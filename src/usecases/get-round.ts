import type { RoundView } from '../contract/views.ts';
import { canRunRounds, type Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { roundView } from './round-support.ts';
import type { Deps } from './support.ts';

/** A round's coverage: per unit, and each person in scope with their conversation's stage (never content). */
export async function getRound(deps: Deps, actor: Actor, id: string, after?: string): Promise<RoundView> {
  if (!canRunRounds(actor)) throw new AppError('FORBIDDEN');
  const round = await deps.store.rounds.round(id);
  if (!round || round.tid !== actor.tid) throw new AppError('HR_ROUND_NOT_FOUND');
  return roundView(deps, round, after);
}
