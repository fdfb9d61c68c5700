import type { PeopleFound } from '../contract/views.ts';
import { canFindPeople, type Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import type { Deps } from './support.ts';

const LIMIT = 20;

/** The people whose name or e-mail address holds the words searched for: whom an innsyn request names (HR). */
export async function findPeople(deps: Deps, actor: Actor, q: string): Promise<PeopleFound> {
  if (!canFindPeople(actor)) throw new AppError('FORBIDDEN');
  const words = q.toLocaleLowerCase('nb').split(/\s+/).filter(Boolean);
  const [users, units] = await Promise.all([
    deps.directory.users(actor.tid),
    deps.directory.units(actor.tid),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const found = users.filter((u) => {
    const text = `${u.name} ${u.upn}`.toLocaleLowerCase('nb');
    return words.every((w) => text.includes(w));
  });
  return {
    people: found.slice(0, LIMIT).map((u) => ({
      oid: u.oid,
      name: u.name,
      upn: u.upn,
      unit: (u.unitId && unitName.get(u.unitId)) ?? null,
    })),
    more: found.length > LIMIT,
  };
}
