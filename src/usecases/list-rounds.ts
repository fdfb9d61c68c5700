import type { RoundList } from '../contract/views.ts';
import { canRunRounds, type Actor } from '../domain/policy.ts';
import { BUILT_IN_TEMPLATES } from '../domain/templates/registry.ts';
import { byNorwegian } from '../domain/collate.ts';
import { AppError } from '../errors/catalogue.ts';
import { roundSummary, unitNames } from './round-support.ts';
import { currentPeriod, type Deps } from './support.ts';

/** HR's rounds for a period (the current year unless said), with what the form to define one needs. */
export async function listRounds(deps: Deps, actor: Actor, period?: string): Promise<RoundList> {
  if (!canRunRounds(actor)) throw new AppError('FORBIDDEN');
  const p = period ?? currentPeriod(deps);
  // The periods alone: counting every round's coverage only to learn its period would be wasted.
  const [rounds, units, periods] = await Promise.all([
    deps.store.rounds.rounds(actor.tid, p),
    unitNames(deps, actor.tid),
    deps.store.rounds.periods(actor.tid),
  ]);
  const years = new Set([currentPeriod(deps), p, ...periods]);
  return {
    rounds: rounds.map((r) => roundSummary(r, units, r)),
    periods: [...years].sort().reverse(),
    templates: BUILT_IN_TEMPLATES.filter((t) => t.kind === 'conversation').map((t) => ({
      key: t.key,
      name: t.name,
    })),
    units: [...units.entries()]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => byNorwegian(a.name, b.name)),
  };
}
