import type { MeView } from '../contract/views.ts';
import { canCustomiseTemplates, canSeeCompletion, canSeeTeam, type Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { person, type Deps } from './support.ts';

/** Who the caller is: unit, leader and direct reports, from the directory. */
export async function getMe(deps: Deps, actor: Actor): Promise<MeView> {
  const me = await deps.directory.user(actor.tid, actor.oid);
  if (!me) throw new AppError('USER_NOT_FOUND');
  const [units, reports, manager] = await Promise.all([
    deps.directory.units(actor.tid),
    deps.directory.directReports(actor.tid, actor.oid),
    me.managerOid ? person(deps, actor.tid, me.managerOid) : Promise.resolve(null),
  ]);
  const unit = units.find((u) => u.id === me.unitId);
  return {
    tid: actor.tid,
    oid: actor.oid,
    name: me.name,
    upn: me.upn,
    roles: [...actor.roles],
    unit: unit ? { id: unit.id, name: unit.name } : null,
    manager,
    directReports: reports.map((r) => ({ oid: r.oid, name: r.name })),
    canSeeTeam: canSeeTeam(reports.length),
    canSeeHr: canSeeCompletion(actor),
    canEditTemplates: canCustomiseTemplates(actor),
  };
}
