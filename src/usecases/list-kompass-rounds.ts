import type { ReplyOf } from '../contract/endpoints.ts';
import { roundScores, roundStanding } from '../domain/kompass-round.ts';
import type { Actor } from '../domain/policy.ts';
import { byNorwegian } from '../domain/collate.ts';
import { roundStandingOf } from './kompass-support.ts';
import type { Deps } from './support.ts';

/** The rounds the actor may read, newest first; the organisation's people, for naming assessors. */
export async function listKompassRounds(deps: Deps, actor: Actor): Promise<ReplyOf<'listKompassRounds'>> {
  const { org, standing } = await roundStandingOf(deps, actor, null);
  const top = org.index.root !== null && org.index.leaderOf(org.index.root) === actor.oid;
  const rounds = (await deps.store.kompass.rounds(actor.tid)).filter(
    (r) => roundStanding(actor.oid, actor.roles, r, top).reader,
  );
  const person = (oid: string) => ({ oid, name: org.name(oid) });
  return {
    rounds: await Promise.all(
      rounds.map(async (r) => ({
        id: r.id,
        year: r.year,
        status: r.status,
        assessors: r.assessors.map(person),
        total: roundScores(r.assessors, await deps.store.kompass.scores(r.id)).total,
      })),
    ),
    canStart: standing.manager,
    people: standing.manager
      ? org.users
          .map((u) => ({ ...person(u.oid), unit: u.unitId ? (org.unit(u.unitId)?.name ?? null) : null }))
          .sort((a, b) => byNorwegian(a.name, b.name))
      : [],
  };
}
