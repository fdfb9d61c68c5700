import type { RoundScope } from '../contract/views.ts';
import { byNorwegian } from '../domain/collate.ts';
import { canRunRounds, type Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import type { DirectoryUser } from '../ports.ts';
import type { Deps } from './support.ts';

/** The people of these units who have a leader: who a round over them would include. */
export async function peopleOfUnits(
  deps: Deps,
  tid: string,
  unitIds: readonly string[],
): Promise<DirectoryUser[]> {
  const wanted = new Set(unitIds);
  return (await deps.directory.users(tid)).filter(
    (u) => u.unitId !== null && wanted.has(u.unitId) && u.managerOid !== null,
  );
}

export async function previewRoundScope(
  deps: Deps,
  actor: Actor,
  unitIds: readonly string[],
): Promise<RoundScope> {
  if (!canRunRounds(actor)) throw new AppError('FORBIDDEN');
  const [people, all, units] = await Promise.all([
    peopleOfUnits(deps, actor.tid, unitIds),
    deps.directory.users(actor.tid),
    deps.directory.units(actor.tid),
  ]);
  const name = new Map(all.map((u) => [u.oid, u.name]));
  const leaders = new Set(all.flatMap((u) => (u.managerOid ? [u.managerOid] : [])));
  const unit = new Map(units.map((u) => [u.id, u.name]));
  return {
    people: people
      .map((p) => ({
        oid: p.oid,
        name: p.name,
        unit: (p.unitId && unit.get(p.unitId)) || '—',
        leader: (p.managerOid && name.get(p.managerOid)) || '—',
        leads: leaders.has(p.oid),
      }))
      .sort((a, b) => byNorwegian(a.unit, b.unit) || byNorwegian(a.name, b.name)),
  };
}
