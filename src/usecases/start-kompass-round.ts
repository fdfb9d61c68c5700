import type { ReplyOf } from '../contract/endpoints.ts';
import type { KompassRound } from '../domain/kompass-round.ts';
import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { mustManage, roundStandingOf, roundView } from './kompass-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/** Admin or Kompass starts the organisation's round for a year and names its assessors. */
export async function startKompassRound(
  deps: Deps,
  actor: Actor,
  input: { year: number; assessors: string[] },
): Promise<ReplyOf<'startKompassRound'>> {
  const { org, standing } = await roundStandingOf(deps, actor, null);
  mustManage({ standing });
  const assessors = [...new Set(input.assessors)];
  if (!assessors.every((oid) => org.users.some((u) => u.oid === oid))) throw new AppError('ASSESSOR_UNKNOWN');
  const at = nowIso(deps);
  const round: KompassRound = {
    id: deps.newId(),
    tid: actor.tid,
    year: input.year,
    status: 'draft',
    assessors,
    version: 0,
    createdBy: actor.oid,
    createdAt: at,
    updatedAt: at,
  };
  await deps.store.transaction(async (tx) => {
    if ((await tx.kompass.insertRound(round)) === 'exists')
      throw new AppError('ROUND_EXISTS', { year: input.year });
    await audit(tx, actor, 'kompass.started', round.id, at, {
      year: input.year,
      assessors: assessors.length,
    });
  });
  return roundView(deps, actor, {
    round,
    org,
    standing: { ...standing, assessor: assessors.includes(actor.oid) },
  });
}
